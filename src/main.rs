//! The web app's entry point: mounts [`funnel_lab::app::App`] (built by
//! Trunk), or the embeddable widget [`funnel_lab::app::embed::Embed`] when
//! the address asks for it (`?embed`).

#[cfg(target_arch = "wasm32")]
fn main() {
    if funnel_lab::app::embed::requested() {
        yew::Renderer::<funnel_lab::app::embed::Embed>::new().render();
    } else {
        yew::Renderer::<funnel_lab::app::App>::new().render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("funnel-lab-web is the browser app: run `make serve` (the native command line is `funnel-lab`).");
    std::process::exit(2);
}
