// One permission per IPC command (`allow-<command>`), so the capability file can list
// exactly the commands the window may call.
include!("src/command_names.rs");

fn main() {
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES));
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script can only report by failing the build.
        panic!("tauri-build: {error:#}");
    }
}
