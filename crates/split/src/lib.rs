//! Splits a wasm module in two: the functions a profile saw run (the
//! *primary* module, loaded first) and all the others (the *secondary*
//! module, fetched once the first chart is drawn).
//!
//! The split keeps every function index of the primary module, so its
//! exports, its function table and the JS glue written for it by
//! wasm-bindgen stay valid:
//!
//! * A function moved out keeps a small **stub** in the primary module: it
//!   passes its arguments and its table slot to a forwarder (one per
//!   signature), which calls the imported `split.load` (JS) once to
//!   instantiate the secondary module, then calls the slot reserved for the
//!   function with `call_indirect`.
//! * The **secondary** module imports the primary's memory, tables, globals
//!   and the functions its code calls, and its one active element segment
//!   writes its functions into the reserved slots when it is instantiated.
//!   It has no data segment: memory was initialised by the primary.
//!
//! [`instrument`] makes the profile: every function marks its index through
//! the imported `split.mark` (JS) the first time it runs.
//!
//! Functions that use passive data or element segments (`memory.init`,
//! `data.drop`, `table.init`, `elem.drop`) stay in the primary module; so
//! does the start function.

use anyhow::{Context, Result, bail};
use std::collections::{BTreeSet, HashMap, HashSet};
use walrus::ir::{Instr, InstrLocId, UnaryOp, Visitor, dfs_in_order};
use walrus::{
    ConstExpr, ElementItems, ElementKind, ExportItem, FunctionBuilder, FunctionId, FunctionKind, GlobalKind,
    ImportKind, LocalFunction, Module, ValType,
};

/// Import module of the JS functions the rewritten modules call.
pub const JS_MODULE: &str = "split";
/// Import module name under which the secondary module sees the primary.
pub const PRIMARY_MODULE: &str = "primary";
/// Prefix of the primary's exports that the secondary imports: `$` then
/// the kind (`f`, `g`, `t`, `m`) and the index in base 36, short because
/// there are hundreds of them (wasm-bindgen's own exports never start
/// with `$`).
pub const EXPORT_PREFIX: &str = "$";
/// The primary's exported global: 1 once the secondary is instantiated.
pub const READY_GLOBAL: &str = "__split_ready";

/// What a split did, for the build log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Local functions of the input.
    pub functions: usize,
    /// Of them, moved to the secondary module.
    pub moved: usize,
    /// Of the moved ones, still referenced by the primary (with a stub).
    pub stubs: usize,
    /// Primary exports added for the secondary module.
    pub exports_added: usize,
}

/// The instrumented module: each local function calls `split.mark(index)`
/// the first time it runs (a flag global per function guards the call).
pub fn instrument(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut module = Module::from_buffer(wasm).context("reading the wasm module")?;
    let mark_ty = module.types.add(&[ValType::I32], &[]);
    let (mark, _) = module.add_import_func(JS_MODULE, "mark", mark_ty);
    let locals: Vec<FunctionId> = local_functions(&module);
    for id in locals {
        let flag = module.globals.add_local(ValType::I32, true, false, ConstExpr::Value(walrus::ir::Value::I32(0)));
        let index = id.index() as i32;
        let FunctionKind::Local(local) = &mut module.funcs.get_mut(id).kind else { continue };
        let mut body = local.builder_mut().func_body();
        body.instr_at(0, walrus::ir::GlobalGet { global: flag });
        body.instr_at(1, walrus::ir::Unop { op: UnaryOp::I32Eqz });
        body.if_else_at(
            2,
            None,
            |then| {
                then.i32_const(1).global_set(flag).i32_const(index).call(mark);
            },
            |_| {},
        );
    }
    Ok(module.emit_wasm())
}

/// Splits `wasm` into (primary, secondary): functions whose index is in
/// `keep` (a profile from [`instrument`]) stay in the primary module.
pub fn split(wasm: &[u8], keep: &HashSet<usize>) -> Result<(Vec<u8>, Vec<u8>, Report)> {
    let primary = Module::from_buffer(wasm).context("reading the wasm module")?;
    let functions = local_functions(&primary);
    let moved: Vec<FunctionId> = functions
        .iter()
        .copied()
        .filter(|&id| !keep.contains(&id.index()) && Some(id) != primary.start && movable(&primary, id))
        .collect();
    if moved.is_empty() {
        bail!("nothing to split: the profile covers every function");
    }
    let table = primary
        .tables
        .main_function_table()
        .ok()
        .flatten()
        .context("the module has no function table for indirect calls")?;
    let base = primary.tables.get(table).initial;
    let slots = moved.len() as u64;

    let mut secondary = Module::from_buffer(wasm).context("reading the wasm module again")?;
    let moved_indices: HashSet<usize> = moved.iter().map(|id| id.index()).collect();
    let needs = make_secondary(&mut secondary, &moved_indices, table.index(), base, slots)?;
    let secondary_bytes = secondary.emit_wasm();

    let mut primary = primary;
    let exports_added = make_primary(&mut primary, &moved, &needs, table, base, slots)?;
    let remaining: HashSet<FunctionId> = primary.funcs.iter().map(|f| f.id()).collect();
    let stubs = moved.iter().filter(|id| remaining.contains(id)).count();
    let primary_bytes = primary.emit_wasm();
    Ok((
        primary_bytes,
        secondary_bytes,
        Report { functions: functions.len(), moved: moved.len(), stubs, exports_added },
    ))
}

/// What the secondary module imports from the primary, by index in the
/// input module.
#[derive(Debug, Default)]
struct Needs {
    functions: BTreeSet<usize>,
    globals: BTreeSet<usize>,
    tables: BTreeSet<usize>,
    memories: BTreeSet<usize>,
}

fn local_functions(module: &Module) -> Vec<FunctionId> {
    module.funcs.iter().filter(|f| matches!(f.kind, FunctionKind::Local(_))).map(|f| f.id()).collect()
}

/// Whether a function can live in the secondary module: it must not touch
/// passive segments, which only the primary has.
fn movable(module: &Module, id: FunctionId) -> bool {
    struct Segments(bool);
    impl<'a> Visitor<'a> for Segments {
        fn visit_instr(&mut self, instr: &'a Instr, _: &'a InstrLocId) {
            if matches!(instr, Instr::MemoryInit(_) | Instr::DataDrop(_) | Instr::TableInit(_) | Instr::ElemDrop(_)) {
                self.0 = true;
            }
        }
    }
    let FunctionKind::Local(local) = &module.funcs.get(id).kind else { return false };
    let mut uses = Segments(false);
    dfs_in_order(&mut uses, local, local.entry_block());
    !uses.0
}

/// The export name of item `index` of a kind (see [`EXPORT_PREFIX`]).
pub fn export_name(kind: &str, index: usize) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    let mut n = index;
    loop {
        digits.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    format!("{EXPORT_PREFIX}{kind}{}", String::from_utf8_lossy(&digits))
}

/// Turns a second copy of the input into the secondary module: the moved
/// functions stay, everything else is imported from the primary.
fn make_secondary(
    module: &mut Module,
    moved_indices: &HashSet<usize>,
    table_index: usize,
    base: u64,
    slots: u64,
) -> Result<Needs> {
    // Ids belong to one parsed module: this copy's ids, by index, in
    // index order (the order of the reserved slots).
    let moved: Vec<FunctionId> =
        module.funcs.iter().map(|f| f.id()).filter(|id| moved_indices.contains(&id.index())).collect();
    let moved_set: HashSet<FunctionId> = moved.iter().copied().collect();
    // Functions: the rest become imports (the unused ones are dropped by gc).
    let all: Vec<(FunctionId, walrus::TypeId)> = module.funcs.iter().map(|f| (f.id(), f.ty())).collect();
    for (id, ty) in all {
        if moved_set.contains(&id) {
            continue;
        }
        let import = module.imports.add(PRIMARY_MODULE, &export_name("f", id.index()), ImportKind::Function(id));
        module.funcs.get_mut(id).kind = FunctionKind::Import(walrus::ImportedFunction { import, ty });
    }
    // Old imports of the input (wasm-bindgen's JS functions) are re-exported
    // by the primary under the same scheme, so drop their original imports.
    let old: Vec<_> = module.imports.iter().filter(|i| i.module != PRIMARY_MODULE).map(|i| i.id()).collect();
    for id in old {
        module.imports.delete(id);
    }
    // Memories, tables and globals: all imported.
    let memories: Vec<_> = module.memories.iter().map(|m| m.id()).collect();
    for id in memories {
        let import = module.imports.add(PRIMARY_MODULE, &export_name("m", id.index()), ImportKind::Memory(id));
        let memory = module.memories.get_mut(id);
        memory.import = Some(import);
        memory.data_segments.clear();
    }
    let data: Vec<_> = module.data.iter().map(|d| d.id()).collect();
    for id in data {
        module.data.delete(id);
    }
    let tables: Vec<_> = module.tables.iter().map(|t| t.id()).collect();
    for id in tables {
        let import = module.imports.add(PRIMARY_MODULE, &export_name("t", id.index()), ImportKind::Table(id));
        let t = module.tables.get_mut(id);
        t.import = Some(import);
        t.init = None;
        t.elem_segments.clear();
        if id.index() == table_index {
            // The primary's table grew by the reserved slots.
            t.initial = base + slots;
            t.maximum = t.maximum.map(|m| m.max(base + slots));
        }
    }
    let elements: Vec<_> = module.elements.iter().map(|e| e.id()).collect();
    for id in elements {
        module.elements.delete(id);
    }
    let globals: Vec<_> = module.globals.iter().map(|g| g.id()).collect();
    for id in globals {
        let import = module.imports.add(PRIMARY_MODULE, &export_name("g", id.index()), ImportKind::Global(id));
        module.globals.get_mut(id).kind = GlobalKind::Import(import);
    }
    let exports: Vec<_> = module.exports.iter().map(|e| e.id()).collect();
    for id in exports {
        module.exports.delete(id);
    }
    module.start = None;
    let customs: Vec<_> = module.customs.iter().map(|(id, _)| id).collect();
    for id in customs {
        module.customs.delete(id);
    }
    // The moved functions, written into their slots on instantiation.
    let table =
        module.tables.iter().find(|t| t.id().index() == table_index).map(|t| t.id()).context("function table lost")?;
    let offset = i32::try_from(base).context("table too large")?;
    let segment = module.elements.add(
        ElementKind::Active { table, offset: ConstExpr::Value(walrus::ir::Value::I32(offset)) },
        ElementItems::Functions(moved),
    );
    module.tables.get_mut(table).elem_segments.insert(segment);
    walrus::passes::gc::run(module);

    let mut needs = Needs::default();
    for import in module.imports.iter() {
        match import.kind {
            ImportKind::Function(f) => needs.functions.insert(f.index()),
            ImportKind::Global(g) => needs.globals.insert(g.index()),
            ImportKind::Table(t) => needs.tables.insert(t.index()),
            ImportKind::Memory(m) => needs.memories.insert(m.index()),
            ImportKind::Tag(_) => bail!("exception tags are not supported"),
        };
    }
    Ok(needs)
}

/// Rewrites the input into the primary module: stubs for the moved
/// functions, reserved table slots, and exports for the secondary.
fn make_primary(
    module: &mut Module,
    moved: &[FunctionId],
    needs: &Needs,
    table: walrus::TableId,
    base: u64,
    slots: u64,
) -> Result<usize> {
    let funcs: Vec<_> = module.funcs.iter().map(|f| (f.id().index(), f.id())).collect();
    let globals: Vec<_> = module.globals.iter().map(|g| (g.id().index(), g.id())).collect();
    let tables: Vec<_> = module.tables.iter().map(|t| (t.id().index(), t.id())).collect();
    let memories: Vec<_> = module.memories.iter().map(|m| (m.id().index(), m.id())).collect();
    let added = export_needed(module, "f", &needs.functions, funcs)
        + export_needed(module, "g", &needs.globals, globals)
        + export_needed(module, "t", &needs.tables, tables)
        + export_needed(module, "m", &needs.memories, memories);

    // Reserve the slots.
    let t = module.tables.get_mut(table);
    t.initial = base + slots;
    if let Some(max) = t.maximum {
        t.maximum = Some(max.max(base + slots));
    }

    // The loader and the flag it sets.
    let load_ty = module.types.add(&[], &[]);
    let (load, _) = module.add_import_func(JS_MODULE, "load", load_ty);
    let ready = module.globals.add_local(ValType::I32, true, false, ConstExpr::Value(walrus::ir::Value::I32(0)));
    module.exports.add(READY_GLOBAL, ExportItem::Global(ready));

    // One forwarder per signature: it loads the secondary on first use and
    // calls the slot it is given. Each stub only passes its arguments and
    // its slot on, which keeps the (many) stubs small.
    let mut forwarders: HashMap<walrus::TypeId, FunctionId> = HashMap::new();
    for (slot, &id) in moved.iter().enumerate() {
        let ty = module.funcs.get(id).ty();
        let (params, results) = {
            let t = module.types.get(ty);
            (t.params().to_vec(), t.results().to_vec())
        };
        let forwarder = match forwarders.get(&ty) {
            Some(&f) => f,
            None => {
                let f = forwarder(module, ty, &params, &results, ready, load, table);
                forwarders.insert(ty, f);
                f
            }
        };
        let args: Vec<_> = params.iter().map(|&p| module.locals.add(p)).collect();
        let mut builder = FunctionBuilder::new(&mut module.types, &params, &results);
        let mut body = builder.func_body();
        for &a in &args {
            body.local_get(a);
        }
        let slot = i32::try_from(base + slot as u64).context("table too large")?;
        body.i32_const(slot).call(forwarder);
        let stub: LocalFunction = builder.local_func(args);
        module.funcs.get_mut(id).kind = FunctionKind::Local(stub);
    }
    // Stubs nobody in the primary calls are dropped.
    walrus::passes::gc::run(module);
    Ok(added)
}

/// Exports the items (by index) of one kind that the secondary needs;
/// returns how many.
fn export_needed<T: Into<ExportItem>>(
    module: &mut Module,
    kind: &str,
    needed: &BTreeSet<usize>,
    items: Vec<(usize, T)>,
) -> usize {
    let mut added = 0;
    for (index, item) in items.into_iter().filter(|(index, _)| needed.contains(index)) {
        module.exports.add(&export_name(kind, index), item);
        added += 1;
    }
    added
}

/// `forward(args…, slot)`: loads the secondary module if it is not there
/// yet, then calls `slot` of the function table with `args`.
fn forwarder(
    module: &mut Module,
    ty: walrus::TypeId,
    params: &[ValType],
    results: &[ValType],
    ready: walrus::GlobalId,
    load: FunctionId,
    table: walrus::TableId,
) -> FunctionId {
    let mut with_slot = params.to_vec();
    with_slot.push(ValType::I32);
    let args: Vec<_> = with_slot.iter().map(|&p| module.locals.add(p)).collect();
    let mut builder = FunctionBuilder::new(&mut module.types, &with_slot, results);
    let mut body = builder.func_body();
    body.global_get(ready).unop(UnaryOp::I32Eqz).if_else(
        None,
        |then| {
            then.call(load);
        },
        |_| {},
    );
    for &a in &args {
        body.local_get(a);
    }
    body.call_indirect(ty, table);
    builder.finish(args, &mut module.funcs)
}
