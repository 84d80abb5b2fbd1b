//! The web app's entry point: mounts [`funnel_lab::app::App`] (built by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<funnel_lab::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("funnel-lab-web is the browser app: run `make serve` (the native command line is `funnel-lab`).");
    std::process::exit(2);
}
