//! The memory floor of a Tauri window here: the same Tauri, WebKitGTK and build profile as
//! the app, with an empty page and nothing of Mizan. `tests/e2e/bench.mjs` reports its
//! resident memory beside the app's.
//!
//! `cargo build --release -p mizan-app --example blank_window`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut context = tauri::generate_context!();
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            let blank = tauri::WebviewUrl::External("about:blank".parse()?);
            // The app's window size (tauri.conf.json).
            tauri::WebviewWindowBuilder::new(app, "blank", blank).inner_size(1280.0, 820.0).build()?;
            Ok(())
        })
        .run(context)?;
    Ok(())
}
