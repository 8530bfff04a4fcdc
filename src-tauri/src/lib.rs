//! The Mizan desktop app: a Tauri 2 shell over `mizan-workspace`. See ARCHITECTURE.md.

pub mod bindings;
pub mod commands;
mod dialogs;
pub mod sync;

include!("command_names.rs");

use std::sync::Mutex;
use std::time::Duration;

use mizan_workspace::{Paths, Workspace, WorkspaceError};
use tauri::{Builder, Manager, RunEvent, Runtime};

pub use dialogs::Dialogs;

/// The app's builder with its state and commands, over any runtime (the real one, or
/// Tauri's mock runtime in tests), syncing at start and every [`sync::EVERY`].
pub fn builder<R: Runtime>(builder: Builder<R>, workspace: Workspace, dialogs: Dialogs) -> Builder<R> {
    builder_syncing_every(builder, workspace, dialogs, Some(sync::EVERY))
}

/// [`builder`] with another sync period (None: no periodic sync, nor at start). The
/// periodic sync starts in the setup hook, when the event loop starts: the mock runtime
/// never runs it, so tests call [`sync::start`] themselves.
pub fn builder_syncing_every<R: Runtime>(
    builder: Builder<R>,
    workspace: Workspace,
    dialogs: Dialogs,
    every: Option<Duration>,
) -> Builder<R> {
    builder
        .manage(commands::Shell { workspace: Mutex::new(workspace), dialogs, sync: sync::Runner::new(every) })
        .invoke_handler(commands::handler::<R>())
        .setup(|app| {
            sync::start(app.handle().clone());
            Ok(())
        })
}

/// Opens the library and runs the app until its window closes.
pub fn run() -> Result<(), String> {
    let workspace = Workspace::open(Paths::from_env()).map_err(|e: WorkspaceError| e.message)?;
    let app = builder(tauri::Builder::default(), workspace, Dialogs::from_env())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .build(tauri::generate_context!())
        .map_err(|e| e.to_string())?;
    app.run(|app, event| {
        if let RunEvent::Exit = event
            && let Some(shell) = app.try_state::<commands::Shell>()
        {
            // A sync that is writing finishes before the process ends.
            shell.sync.stop();
        }
    });
    Ok(())
}
