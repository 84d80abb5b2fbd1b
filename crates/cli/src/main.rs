//! The `funnel-lab` command line: a thin front end over [`funnel_engine`];
//! [`cli::run`] does the work, this only maps its result to an exit code.

mod cli;
mod decide_cmd;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = cli::run(&args, &mut std::io::stdin().lock(), &mut stdout) {
        eprintln!("funnel-lab: {e}");
        std::process::exit(2);
    }
}
