//! The split on a small hand-built module: both halves are valid wasm, the
//! secondary imports only what the primary exports, moved functions become
//! stubs, and nothing the primary initialises is initialised twice.

use std::collections::HashSet;
use walrus::ir::{BinaryOp, Value};
use walrus::{ConstExpr, ElementItems, ElementKind, FunctionBuilder, Module, ModuleConfig, RefType, ValType};

/// A module shaped like a wasm-bindgen output: memory with data, a global,
/// a JS import, a function table, and five functions:
/// `main` (exported) → `helper` (runs) and `rare` (never runs);
/// `rare` → `rare_inner`, `helper` and the JS import; `by_table` is only
/// reachable through the table.
struct Sample {
    wasm: Vec<u8>,
    main: usize,
    helper: usize,
    rare: usize,
    rare_inner: usize,
    by_table: usize,
}

fn sample() -> Sample {
    let mut m = Module::with_config(ModuleConfig::new());
    let memory = m.memories.add_local(false, false, 1, None, None);
    m.exports.add("memory", memory);
    m.data.add(walrus::DataKind::Active { memory, offset: ConstExpr::Value(Value::I32(16)) }, b"hello".to_vec());
    let counter = m.globals.add_local(ValType::I32, true, false, ConstExpr::Value(Value::I32(0)));
    let js_ty = m.types.add(&[ValType::I32], &[]);
    let (js, _) = m.add_import_func("wbg", "log", js_ty);

    let mut f = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
    let x = m.locals.add(ValType::I32);
    f.func_body().local_get(x).i32_const(1).binop(BinaryOp::I32Add);
    f.name("helper".into());
    let helper = f.finish(vec![x], &mut m.funcs);

    let mut f = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
    let x = m.locals.add(ValType::I32);
    f.func_body().local_get(x).i32_const(2).binop(BinaryOp::I32Mul);
    f.name("rare_inner".into());
    let rare_inner = f.finish(vec![x], &mut m.funcs);

    let mut f = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
    let x = m.locals.add(ValType::I32);
    f.func_body()
        .local_get(x)
        .call(js)
        .global_get(counter)
        .i32_const(1)
        .binop(BinaryOp::I32Add)
        .global_set(counter)
        .local_get(x)
        .call(rare_inner)
        .call(helper);
    f.name("rare".into());
    let rare = f.finish(vec![x], &mut m.funcs);

    let mut f = FunctionBuilder::new(&mut m.types, &[], &[]);
    f.func_body().i32_const(7).call(js);
    f.name("by_table".into());
    let by_table = f.finish(vec![], &mut m.funcs);

    let mut f = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
    let x = m.locals.add(ValType::I32);
    f.func_body().local_get(x).call(helper).call(rare);
    f.name("main".into());
    let main = f.finish(vec![x], &mut m.funcs);
    m.exports.add("main", main);

    let table = m.tables.add_local(false, 2, Some(2), RefType::FUNCREF);
    m.exports.add("table", table);
    let segment = m.elements.add(
        ElementKind::Active { table, offset: ConstExpr::Value(Value::I32(1)) },
        ElementItems::Functions(vec![by_table]),
    );
    m.tables.get_mut(table).elem_segments.insert(segment);

    // Indices as a reader of the emitted module numbers them (the split
    // tool's profile is in those), found by the functions' names.
    let wasm = m.emit_wasm();
    let parsed = Module::from_buffer(&wasm).expect("readable");
    let index = |name: &str| parsed.funcs.by_name(name).expect("named function").index();
    Sample {
        main: index("main"),
        helper: index("helper"),
        rare: index("rare"),
        rare_inner: index("rare_inner"),
        by_table: index("by_table"),
        wasm,
    }
}

fn validate(bytes: &[u8]) {
    wasmparser::Validator::new().validate_all(bytes).expect("valid wasm");
}

fn imports(bytes: &[u8]) -> Vec<(String, String)> {
    let m = Module::from_buffer(bytes).expect("readable");
    m.imports.iter().map(|i| (i.module.clone(), i.name.clone())).collect()
}

fn exports(bytes: &[u8]) -> HashSet<String> {
    let m = Module::from_buffer(bytes).expect("readable");
    m.exports.iter().map(|e| e.name.clone()).collect()
}

#[test]
fn both_halves_are_valid_and_link_up() {
    let s = sample();
    validate(&s.wasm);
    let keep: HashSet<usize> = [s.main, s.helper].into();
    let (primary, secondary, report) = funnel_lab_split::split(&s.wasm, &keep).expect("split");
    validate(&primary);
    validate(&secondary);
    assert_eq!(report.functions, 5);
    assert_eq!(report.moved, 3, "rare, rare_inner and by_table move");
    // rare (called by main) and by_table (in the table) keep stubs;
    // rare_inner is only called from the secondary module.
    assert_eq!(report.stubs, 2);

    let exported = exports(&primary);
    assert!(exported.contains("main") && exported.contains(funnel_lab_split::READY_GLOBAL));
    for (module, name) in imports(&secondary) {
        assert_eq!(module, funnel_lab_split::PRIMARY_MODULE, "{name}");
        assert!(exported.contains(&name), "the secondary imports {name}, which the primary does not export");
    }
    let needed: HashSet<String> = imports(&secondary).into_iter().map(|(_, n)| n).collect();
    assert!(needed.contains(&funnel_lab_split::export_name("f", s.helper)), "rare calls helper in the primary");
    assert!(!needed.contains(&funnel_lab_split::export_name("f", s.rare_inner)), "rare_inner moved with rare");
    assert!(imports(&primary).contains(&("split".to_string(), "load".to_string())));
}

#[test]
fn the_secondary_initialises_no_memory_and_fills_only_reserved_slots() {
    let s = sample();
    let keep: HashSet<usize> = [s.main, s.helper].into();
    let (primary, secondary, _) = funnel_lab_split::split(&s.wasm, &keep).expect("split");
    let sec = Module::from_buffer(&secondary).expect("readable");
    assert_eq!(sec.data.iter().count(), 0, "the primary's data must not be written twice");
    assert!(sec.memories.iter().all(|m| m.import.is_some()));
    assert!(sec.start.is_none());
    let pri = Module::from_buffer(&primary).expect("readable");
    let table = pri.tables.main_function_table().unwrap().unwrap();
    assert_eq!(pri.tables.get(table).initial, 2 + 3, "three slots reserved after the original two");
    let segments: Vec<_> = sec.elements.iter().collect();
    assert_eq!(segments.len(), 1);
    match (&segments[0].kind, &segments[0].items) {
        (ElementKind::Active { offset: ConstExpr::Value(Value::I32(2)), .. }, ElementItems::Functions(f)) => {
            assert_eq!(f.len(), 3)
        }
        other => panic!("unexpected segment {other:?}"),
    }
    // The primary's data and its table entry for by_table are still there.
    assert_eq!(pri.data.iter().count(), 1);
    assert!(pri.elements.iter().any(|e| matches!(&e.items, ElementItems::Functions(f) if f.len() == 1)));
}

#[test]
fn export_names_are_short_and_distinct() {
    assert_eq!(funnel_lab_split::export_name("f", 0), "$f0");
    assert_eq!(funnel_lab_split::export_name("f", 35), "$fz");
    assert_eq!(funnel_lab_split::export_name("g", 36), "$g10");
    let names: HashSet<String> = (0..5000).map(|i| funnel_lab_split::export_name("f", i)).collect();
    assert_eq!(names.len(), 5000);
}

#[test]
fn a_profile_that_saw_everything_is_refused() {
    let s = sample();
    let all: HashSet<usize> = [s.main, s.helper, s.rare, s.rare_inner, s.by_table].into();
    assert!(funnel_lab_split::split(&s.wasm, &all).is_err());
}

#[test]
fn instrumented_functions_report_themselves_once() {
    let s = sample();
    let out = funnel_lab_split::instrument(&s.wasm).expect("instrument");
    validate(&out);
    assert!(imports(&out).contains(&("split".to_string(), "mark".to_string())));
    let m = Module::from_buffer(&out).expect("readable");
    let flags = m.globals.iter().count();
    assert_eq!(flags, 1 + 5, "the sample's global and one flag per local function");
}
