//! The `funnel-lab` command line (native only): argument parsing and the
//! three commands. [`run`] takes the arguments and output streams so tests
//! can call it in-process; the binary only maps its result to an exit code.

use std::io::{Read, Write};

use funnel_engine::chunks::{self, McPlan, SampleRows};
use funnel_engine::presets::{self, PRESETS};
use funnel_engine::scenario::{Mode, Scenario};
use funnel_engine::simulate;
use funnel_engine::validation::MAX_RUNS;
use funnel_engine::report;

/// Usage text for `--help`.
pub const USAGE: &str = "\
funnel-lab — simulate a marketing-to-sales funnel week by week

USAGE:
  funnel-lab simulate SCENARIO.json [--mode expected|monte-carlo] [--runs N] [--seed S]
                      [--format json|csv] [--per-run FILE.csv] [--threads N]
  funnel-lab validate SCENARIO.json
  funnel-lab preset [NAME]          print a built-in scenario (no NAME: list them)
  funnel-lab --help | --version

SCENARIO.json may be `-` for standard input. Flags override the file's
`simulation` block. Monte Carlo uses every core unless --threads says
otherwise (1..=256); any thread count gives the same numbers for a seed. Output goes to standard output; errors to standard
error as one line, with exit status 2.
";

/// Why a command failed; the message is one line naming what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad arguments or a bad scenario.
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed.
    #[error("{0}")]
    Io(String),
}

fn usage(message: impl Into<String>) -> CliError {
    CliError::Usage(message.into())
}

/// Output format of `simulate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

/// Parsed `simulate` options.
#[derive(Debug, Default)]
struct SimulateArgs {
    file: Option<String>,
    mode: Option<Mode>,
    runs: Option<u32>,
    seed: Option<u64>,
    format: Option<Format>,
    per_run: Option<String>,
    threads: Option<usize>,
}

/// Most threads `--threads` accepts.
const MAX_THREADS: usize = 256;

fn parse_simulate(args: &[String]) -> Result<SimulateArgs, CliError> {
    let mut out = SimulateArgs::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| usage(format!("{name} needs a value")))
        };
        match flag {
            "--mode" => {
                out.mode = Some(match value("--mode")?.as_str() {
                    "expected" => Mode::Expected,
                    "monte-carlo" => Mode::MonteCarlo,
                    other => return Err(usage(format!("--mode must be expected or monte-carlo, got {other}"))),
                })
            }
            "--runs" => {
                let v = value("--runs")?;
                out.runs = Some(
                    v.parse::<u32>()
                        .ok()
                        .filter(|r| (1..=MAX_RUNS).contains(r))
                        .ok_or_else(|| usage(format!("--runs must be a whole number in 1..={MAX_RUNS}, got {v}")))?,
                );
            }
            "--seed" => {
                let v = value("--seed")?;
                out.seed = Some(
                    v.parse::<u64>()
                        .map_err(|_| usage(format!("--seed must be a whole number in 0..=18446744073709551615, got {v}")))?,
                );
            }
            "--format" => {
                out.format = Some(match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => return Err(usage(format!("--format must be json or csv, got {other}"))),
                })
            }
            "--per-run" => out.per_run = Some(value("--per-run")?),
            "--threads" => {
                let v = value("--threads")?;
                out.threads = Some(
                    v.parse::<usize>()
                        .ok()
                        .filter(|t| (1..=MAX_THREADS).contains(t))
                        .ok_or_else(|| usage(format!("--threads must be a whole number in 1..={MAX_THREADS}, got {v}")))?,
                );
            }
            f if f.starts_with("--") => return Err(usage(format!("unknown option {f} (see --help)"))),
            file if out.file.is_none() => out.file = Some(file.to_string()),
            extra => return Err(usage(format!("unexpected argument {extra} (see --help)"))),
        }
    }
    Ok(out)
}

fn read_scenario(path: &str, stdin: &mut dyn Read) -> Result<Scenario, CliError> {
    let text = if path == "-" {
        let mut text = String::new();
        stdin.read_to_string(&mut text).map_err(|e| CliError::Io(format!("cannot read standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|e| CliError::Io(format!("cannot read {path}: {e}")))?
    };
    Scenario::from_json(&text).map_err(|e| usage(format!("{path}: {e}")))
}

fn write(out: &mut dyn Write, text: &str) -> Result<(), CliError> {
    output_result(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

fn output_result(result: std::io::Result<()>) -> Result<(), CliError> {
    match result {
        // A reader that stopped early (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Io(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Runs the command line with `args` (without the program name).
pub fn run(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    let Some(command) = args.first() else { return Err(usage("no command given (see --help)")) };
    let rest = &args[1..];
    match command.as_str() {
        "--help" | "-h" | "help" => write(stdout, USAGE),
        "--version" | "-V" => write(stdout, &format!("funnel-lab {}\n", env!("CARGO_PKG_VERSION"))),
        "validate" => {
            let [file] = rest else { return Err(usage("validate takes one SCENARIO.json")) };
            let s = read_scenario(file, stdin)?;
            write(stdout, &format!("ok: \"{}\", {} channels, {} weeks\n", s.name, s.channels.len(), s.weeks))
        }
        "preset" => match rest {
            [] => {
                let list: String = PRESETS.iter().map(|p| format!("{:<16} {}\n", p.id, p.label)).collect();
                write(stdout, &list)
            }
            [name] => {
                let preset = presets::find(name).ok_or_else(|| {
                    let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                    usage(format!("unknown preset {name}; choose one of: {}", ids.join(", ")))
                })?;
                write(stdout, &format!("{}\n", (preset.build)().to_json()))
            }
            _ => Err(usage("preset takes at most one NAME")),
        },
        "simulate" => simulate_command(rest, stdin, stdout),
        other => Err(usage(format!("unknown command {other} (see --help)"))),
    }
}

fn simulate_command(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    let a = parse_simulate(args)?;
    let file = a.file.ok_or_else(|| usage("simulate needs a SCENARIO.json (or - for standard input)"))?;
    let mut s = read_scenario(&file, stdin)?;
    if let Some(mode) = a.mode {
        s.simulation.mode = mode;
    }
    if let Some(runs) = a.runs {
        s.simulation.runs = runs;
    }
    if let Some(seed) = a.seed {
        s.simulation.seed = seed;
    }
    let format = a.format.unwrap_or(Format::Json);
    if a.per_run.is_some() && s.simulation.mode != Mode::MonteCarlo {
        return Err(usage("--per-run needs monte-carlo mode (--mode monte-carlo)"));
    }
    let mut buffered = std::io::BufWriter::new(stdout);
    let written = match s.simulation.mode {
        Mode::Expected => {
            let o = simulate::expected(&s);
            match format {
                Format::Json => report::write_expected_json(&mut buffered, &s, &o),
                Format::Csv => report::write_expected_csv(&mut buffered, &s, &o),
            }
        }
        Mode::MonteCarlo => {
            let threads = a.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let mut o = chunks::run_parallel(&McPlan::new(&s, SampleRows::All), threads);
            o.summarise_weeks(threads);
            if let Some(path) = &a.per_run {
                let file = std::fs::File::create(path).map_err(|e| CliError::Io(format!("cannot write {path}: {e}")))?;
                let mut file = std::io::BufWriter::new(file);
                report::write_per_run_csv(&mut file, &o)
                    .and_then(|()| file.flush())
                    .map_err(|e| CliError::Io(format!("cannot write {path}: {e}")))?;
            }
            match format {
                Format::Json => report::write_monte_carlo_json(&mut buffered, &s, &o),
                Format::Csv => report::write_monte_carlo_csv(&mut buffered, &s, &o),
            }
        }
    };
    output_result(written.and_then(|()| buffered.flush()))
}
