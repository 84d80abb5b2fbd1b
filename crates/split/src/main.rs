//! `funnel-lab-split`: the build step that splits the page's wasm (see the
//! library docs and docs/architecture.md).
//!
//!     funnel-lab-split instrument IN.wasm OUT.wasm
//!     funnel-lab-split split IN.wasm PROFILE.txt PRIMARY.wasm SECONDARY.wasm
//!
//! PROFILE.txt lists the function indices that ran, one per line (written
//! by scripts/split/profile.mjs from the instrumented build).

use anyhow::{Context, Result, bail};
use std::collections::HashSet;
use std::fs;

fn main() {
    if let Err(e) = run(std::env::args().skip(1).collect()) {
        eprintln!("funnel-lab-split: {e:#}");
        std::process::exit(1);
    }
}

fn run(args: Vec<String>) -> Result<()> {
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["instrument", input, output] => {
            let wasm = fs::read(input).with_context(|| format!("reading {input}"))?;
            fs::write(output, funnel_lab_split::instrument(&wasm)?).with_context(|| format!("writing {output}"))
        }
        ["split", input, profile, primary, secondary] => {
            let wasm = fs::read(input).with_context(|| format!("reading {input}"))?;
            let text = fs::read_to_string(profile).with_context(|| format!("reading {profile}"))?;
            let keep = parse_profile(&text).with_context(|| format!("reading {profile}"))?;
            let (p, s, report) = funnel_lab_split::split(&wasm, &keep)?;
            fs::write(primary, &p).with_context(|| format!("writing {primary}"))?;
            fs::write(secondary, &s).with_context(|| format!("writing {secondary}"))?;
            println!(
                "split: {} of {} functions ran in the profile; {} moved ({} keep a stub), {} exports added; \
                 primary {} bytes, secondary {} bytes",
                keep.len(),
                report.functions,
                report.moved,
                report.stubs,
                report.exports_added,
                p.len(),
                s.len()
            );
            Ok(())
        }
        _ => bail!(
            "usage: funnel-lab-split instrument IN.wasm OUT.wasm\n       \
             funnel-lab-split split IN.wasm PROFILE.txt PRIMARY.wasm SECONDARY.wasm"
        ),
    }
}

fn parse_profile(text: &str) -> Result<HashSet<usize>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.parse::<usize>().with_context(|| format!("not a function index: {l:?}")))
        .collect()
}
