//! Files in and out of the browser: downloads (a Blob behind a temporary
//! object URL and `<a download>`, the URL revoked afterwards; chart PNGs
//! from the canvas's `toDataURL`), and reading a file a person picked or
//! dropped.

use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, HtmlCanvasElement, Url};
use yew::platform::spawn_local;
use yew::platform::time::sleep;

/// Largest file accepted for import: a scenario is a few kilobytes.
pub const MAX_IMPORT_BYTES: f64 = 1024.0 * 1024.0;

/// Why a download did not start.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DownloadError {
    /// No window or document (not in a browser page).
    #[error("there is no page to download from")]
    NoPage,
    /// The browser refused (with its words).
    #[error("the browser refused: {0}")]
    Refused(String),
}

fn refused(e: wasm_bindgen::JsValue) -> DownloadError {
    let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
    DownloadError::Refused(message.unwrap_or_else(|| "unknown reason".into()))
}

/// Clicks a temporary `<a download>` for `href`.
fn click_link(href: &str, file_name: &str) -> Result<(), DownloadError> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(DownloadError::NoPage)?;
    let body = document.body().ok_or(DownloadError::NoPage)?;
    let anchor: HtmlAnchorElement = document.create_element("a").map_err(refused)?.unchecked_into();
    anchor.set_href(href);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    body.append_child(&anchor).map_err(refused)?;
    anchor.click();
    anchor.remove();
    Ok(())
}

/// Downloads `text` as a file of type `mime`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), DownloadError> {
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let clicked = click_link(&url, file_name);
    // The download has started reading the Blob by the time this runs;
    // revoking at once can cancel it in some browsers.
    spawn_local(async move {
        sleep(Duration::from_secs(10)).await;
        let _ = Url::revoke_object_url(&url);
    });
    clicked
}

/// Downloads what a canvas shows as a PNG image.
pub fn download_canvas_png(canvas: &HtmlCanvasElement, file_name: &str) -> Result<(), DownloadError> {
    let data_url = canvas.to_data_url_with_type("image/png").map_err(refused)?;
    click_link(&data_url, file_name)
}

/// Reads a file as text (refusing files over [`MAX_IMPORT_BYTES`]).
pub async fn read_text(file: &File) -> Result<String, String> {
    let size = file.size();
    if size > MAX_IMPORT_BYTES {
        return Err(format!(
            "it is {:.1} MB; a scenario file is a few kilobytes (at most 1 MB is read)",
            size / 1024.0 / 1024.0
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|e| match refused(e) {
        DownloadError::Refused(why) => format!("it could not be read ({why})"),
        DownloadError::NoPage => "it could not be read".into(),
    })?;
    text.as_string().ok_or_else(|| "it is not a text file".into())
}
