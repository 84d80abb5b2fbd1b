//! The `funnel-lab` command line (native only): argument parsing (clap
//! derive) and the commands. [`run`] takes the arguments and output streams
//! so tests can call it in-process; the binary only maps its result to an
//! exit code.

use std::io::{Read, Write};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};
use funnel_engine::chunks::{self, McPlan, SampleRows};
use funnel_engine::plan::PlannedScenario;
use funnel_engine::presets::{self, PLAN_PRESETS, PRESETS};
use funnel_engine::report;
use funnel_engine::scenario::{Mode, Scenario};
use funnel_engine::simulate;
use funnel_engine::validation::MAX_RUNS;

use crate::decide_cmd;

/// The synopsis `--help` ends with: every command and flag.
pub const USAGE: &str = "\
USAGE:
  funnel-lab simulate SCENARIO.json [--mode expected|monte-carlo] [--runs N] [--seed S]
                      [--format json|csv] [--per-run FILE.csv] [--threads N]
  funnel-lab validate SCENARIO.json
  funnel-lab upgrade SCENARIO.json  print the version 2 form (a one-phase plan) of a version 1 file
  funnel-lab preset [NAME]          print a built-in scenario (no NAME: list them)
  funnel-lab optimise SCENARIO.json --objective new_customers|revenue|gross_profit|cac
                      [--min-customers N] [--budget MIN..MAX] [--reps MIN..MAX]
                      [--bounds \"NAME=MIN..MAX,...\"] [--bound-kind share|spend]
                      [--lock NAME,...] [--off NAME,...] [--target-cac X | --target-roas Y]
                      [--monte-carlo] [--threads N] [--format json|text]
  funnel-lab optimise SCENARIO.json --objective new_customers|revenue|gross_profit --over-time
                      --periods N [--total X] [--period-bounds MIN..MAX] [--format json|text]
  funnel-lab goal SCENARIO.json --target new_customers=N|revenue=X [--by-week T]
                      [--vary budget|reps|budget,reps|budget,reps,mix] [--format json|text]
  funnel-lab sensitivity SCENARIO.json --kpi KPI [--delta 0.2] [--format json|text]
  funnel-lab hire SCENARIO.json --reps N --max-backlog X [--format json|text]
  funnel-lab --help | --version

SCENARIO.json may be `-` for standard input. Flags override the file's
`simulation` block. Monte Carlo uses every core unless --threads says
otherwise (1..=256); any thread count gives the same numbers for a seed.
Output goes to standard output; errors to standard error as one line, with
exit status 2. See docs/cli.md and docs/decision-tools.md.
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

pub(crate) fn usage(message: impl Into<String>) -> CliError {
    CliError::Usage(message.into())
}

/// Most threads `--threads` accepts.
const MAX_THREADS: usize = 256;

#[derive(Debug, Parser)]
#[command(
    name = "funnel-lab",
    version,
    about = "funnel-lab — simulate a marketing-to-sales funnel week by week",
    after_help = USAGE,
    disable_colored_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a scenario (expected or Monte Carlo) and print its weeks and KPIs.
    Simulate(SimulateArgs),
    /// Check a scenario file.
    Validate {
        /// The scenario file, or - for standard input.
        #[arg(value_name = "SCENARIO.json")]
        file: String,
    },
    /// Print the version 2 form of a scenario file (a version 1 file gets a
    /// one-phase plan with its budget, shares and reps; same results).
    Upgrade {
        /// The scenario file, or - for standard input.
        #[arg(value_name = "SCENARIO.json")]
        file: String,
    },
    /// Print a built-in scenario (no NAME: list them).
    Preset {
        /// The preset id.
        name: Option<String>,
    },
    /// Find the budget, mix and reps that optimise an objective.
    Optimise(decide_cmd::OptimiseArgs),
    /// Find the cheapest plan that reaches a target by a week.
    Goal(decide_cmd::GoalArgs),
    /// A tornado: each assumption moved ± delta and a KPI's response.
    Sensitivity(decide_cmd::SensitivityArgs),
    /// The latest week a hire can start so the lead backlog stays under a limit.
    Hire(decide_cmd::HireArgs),
}

/// Output format of `simulate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

/// `simulate` options.
#[derive(Debug, Args)]
struct SimulateArgs {
    /// The scenario file, or - for standard input.
    #[arg(value_name = "SCENARIO.json")]
    file: String,
    /// expected or monte-carlo.
    #[arg(long, value_parser = parse_mode)]
    mode: Option<Mode>,
    /// Monte Carlo runs (1..=100000).
    #[arg(long, value_name = "N", value_parser = parse_runs)]
    runs: Option<u32>,
    /// Seed of the pseudo-random generator.
    #[arg(long, value_name = "S", value_parser = parse_seed, allow_hyphen_values = true)]
    seed: Option<u64>,
    /// json or csv.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Write one row per Monte Carlo run to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    per_run: Option<String>,
    /// Monte Carlo threads (1..=256).
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    threads: Option<usize>,
}

fn parse_mode(v: &str) -> Result<Mode, String> {
    match v {
        "expected" => Ok(Mode::Expected),
        "monte-carlo" => Ok(Mode::MonteCarlo),
        other => Err(format!("--mode must be expected or monte-carlo, got {other}")),
    }
}

fn parse_runs(v: &str) -> Result<u32, String> {
    v.parse::<u32>()
        .ok()
        .filter(|r| (1..=MAX_RUNS).contains(r))
        .ok_or_else(|| format!("--runs must be a whole number in 1..={MAX_RUNS}, got {v}"))
}

fn parse_seed(v: &str) -> Result<u64, String> {
    v.parse::<u64>().map_err(|_| format!("--seed must be a whole number in 0..=18446744073709551615, got {v}"))
}

fn parse_format(v: &str) -> Result<Format, String> {
    match v {
        "json" => Ok(Format::Json),
        "csv" => Ok(Format::Csv),
        other => Err(format!("--format must be json or csv, got {other}")),
    }
}

/// `--threads`: a whole number in 1..=256.
pub(crate) fn parse_threads(v: &str) -> Result<usize, String> {
    v.parse::<usize>()
        .ok()
        .filter(|t| (1..=MAX_THREADS).contains(t))
        .ok_or_else(|| format!("--threads must be a whole number in 1..={MAX_THREADS}, got {v}"))
}

/// Threads for Monte Carlo: the flag, or every core.
pub(crate) fn threads(flag: Option<usize>) -> usize {
    flag.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// One line for a clap error: our own message for a bad value, the
/// wording the command line always used for unknown options and commands.
fn one_line(e: &clap::Error) -> String {
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            let arg = context(ContextKind::InvalidArg).unwrap_or_default();
            if arg.starts_with('-') {
                format!("unknown option {arg} (see --help)")
            } else {
                format!("unexpected argument {arg} (see --help)")
            }
        }
        ErrorKind::InvalidSubcommand => {
            format!("unknown command {} (see --help)", context(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(source) => source.to_string(),
            None => first_line(e),
        },
        _ => format!("{} (see --help)", first_line(e)),
    }
}

fn first_line(e: &clap::Error) -> String {
    let text = e.to_string();
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

/// Reads a scenario for a command that does not handle plans over time
/// (the decision tools): a version 2 file is refused with a message saying so.
pub(crate) fn read_scenario(path: &str, stdin: &mut dyn Read) -> Result<Scenario, CliError> {
    let planned = read_planned(path, stdin)?;
    if planned.plan.is_some() {
        return Err(usage(format!(
            "{path}: plan: the decision tools (optimise, goal, sensitivity) do not handle plans over time yet; \
             remove \"plan\" and set \"version\": 1 to use them"
        )));
    }
    Ok(planned.scenario)
}

/// Reads a version 1 or 2 scenario file.
pub(crate) fn read_planned(path: &str, stdin: &mut dyn Read) -> Result<PlannedScenario, CliError> {
    let text = if path == "-" {
        let mut text = String::new();
        stdin.read_to_string(&mut text).map_err(|e| CliError::Io(format!("cannot read standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|e| CliError::Io(format!("cannot read {path}: {e}")))?
    };
    PlannedScenario::from_json(&text).map_err(|e| usage(format!("{path}: {e}")))
}

pub(crate) fn write(out: &mut dyn Write, text: &str) -> Result<(), CliError> {
    output_result(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

pub(crate) fn output_result(result: std::io::Result<()>) -> Result<(), CliError> {
    match result {
        // A reader that stopped early (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Io(format!("cannot write output: {e}"))),
        _ => Ok(()),
    }
}

/// Runs the command line with `args` (without the program name).
pub fn run(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    if args.is_empty() {
        return Err(usage("no command given (see --help)"));
    }
    let cli = match Cli::try_parse_from(std::iter::once("funnel-lab".to_string()).chain(args.iter().cloned())) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return write(stdout, &e.to_string());
        }
        Err(e) => return Err(usage(one_line(&e))),
    };
    match cli.command {
        Command::Validate { file } => {
            let planned = read_planned(&file, stdin)?;
            let s = &planned.scenario;
            let phases = match &planned.plan {
                Some(plan) if plan.phases.len() == 1 => ", 1 phase".to_string(),
                Some(plan) => format!(", {} phases", plan.phases.len()),
                None => String::new(),
            };
            write(stdout, &format!("ok: \"{}\", {} channels, {} weeks{phases}\n", s.name, s.channels.len(), s.weeks))
        }
        Command::Upgrade { file } => {
            let planned = read_planned(&file, stdin)?;
            // A version 2 file is printed as it is (normalised).
            let upgraded = if planned.plan.is_some() { planned } else { PlannedScenario::upgrade(&planned.scenario) };
            write(stdout, &format!("{}\n", upgraded.to_json()))
        }
        Command::Preset { name: None } => {
            // The scenarios, then the plans over time (version 2).
            let list: String = PRESETS
                .iter()
                .map(|p| (p.id, p.label))
                .chain(PLAN_PRESETS.iter().map(|p| (p.id, p.label)))
                .map(|(id, label)| format!("{id:<18} {label}\n"))
                .collect();
            write(stdout, &list)
        }
        Command::Preset { name: Some(name) } => {
            let json = match (presets::find(&name), presets::find_plan(&name)) {
                (Some(preset), _) => (preset.build)().to_json(),
                (None, Some(plan)) => (plan.build)().to_json(),
                (None, None) => {
                    let ids: Vec<&str> =
                        PRESETS.iter().map(|p| p.id).chain(PLAN_PRESETS.iter().map(|p| p.id)).collect();
                    return Err(usage(format!("unknown preset {name}; choose one of: {}", ids.join(", "))));
                }
            };
            write(stdout, &format!("{json}\n"))
        }
        Command::Simulate(a) => simulate_command(a, stdin, stdout),
        Command::Optimise(a) => decide_cmd::optimise(a, stdin, stdout),
        Command::Goal(a) => decide_cmd::goal(a, stdin, stdout),
        Command::Sensitivity(a) => decide_cmd::sensitivity(a, stdin, stdout),
        Command::Hire(a) => decide_cmd::hire(a, stdin, stdout),
    }
}

fn simulate_command(a: SimulateArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), CliError> {
    let mut planned = read_planned(&a.file, stdin)?;
    let s = &mut planned.scenario;
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
    let s = &planned.scenario;
    let mut buffered = std::io::BufWriter::new(stdout);
    let written = match s.simulation.mode {
        Mode::Expected => {
            let o = simulate::expected_planned(&planned);
            match format {
                Format::Json => report::write_expected_json(&mut buffered, s, &o),
                Format::Csv => report::write_expected_csv(&mut buffered, s, &o),
            }
        }
        Mode::MonteCarlo => {
            let threads = threads(a.threads);
            let mut o = chunks::run_parallel(&McPlan::planned(&planned, SampleRows::All), threads);
            o.summarise_weeks(threads);
            if let Some(path) = &a.per_run {
                let file =
                    std::fs::File::create(path).map_err(|e| CliError::Io(format!("cannot write {path}: {e}")))?;
                let mut file = std::io::BufWriter::new(file);
                report::write_per_run_csv(&mut file, &o)
                    .and_then(|()| file.flush())
                    .map_err(|e| CliError::Io(format!("cannot write {path}: {e}")))?;
            }
            match format {
                Format::Json => report::write_monte_carlo_json(&mut buffered, s, &o),
                Format::Csv => report::write_monte_carlo_csv(&mut buffered, s, &o),
            }
        }
    };
    output_result(written.and_then(|()| buffered.flush()))
}
