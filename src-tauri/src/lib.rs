//! The Mizan desktop app: a Tauri 2 shell over `mizan-service`. See ARCHITECTURE.md.

pub mod bindings;
pub mod commands;
mod dialogs;

include!("command_names.rs");

use std::sync::Mutex;

use mizan_service::{Paths, Service, ServiceError};
use tauri::{Builder, Runtime};

pub use dialogs::Dialogs;

/// The app's builder with its state and commands, over any runtime (the real one, or
/// Tauri's mock runtime in tests).
pub fn builder<R: Runtime>(builder: Builder<R>, service: Service, dialogs: Dialogs) -> Builder<R> {
    builder.manage(commands::Shell { service: Mutex::new(service), dialogs }).invoke_handler(commands::handler::<R>())
}

/// Opens the library and runs the app until its window closes.
pub fn run() -> Result<(), String> {
    let service = Service::open(Paths::from_env()).map_err(|e: ServiceError| e.message)?;
    builder(tauri::Builder::default(), service, Dialogs::from_env())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .run(tauri::generate_context!())
        .map_err(|e| e.to_string())
}
