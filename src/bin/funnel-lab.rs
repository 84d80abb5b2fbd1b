//! The `funnel-lab` command line; see [`funnel_lab::cli`].

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = funnel_lab::cli::run(&args, &mut std::io::stdin().lock(), &mut stdout) {
        eprintln!("funnel-lab: {e}");
        std::process::exit(2);
    }
}

/// The command line is not built for the browser.
#[cfg(target_arch = "wasm32")]
fn main() {}
