//! Sync in the shell: the folder dialog, one sync at a time, and periodic sync.
//!
//! **Not holding the workspace.** Every command locks the one `Workspace`, the editor's live
//! analysis (`brief_analyze`, on every keystroke pause) included. A sync lists, reads and
//! writes files in a shared folder that may be a slow network share, and a laptop back
//! from weeks offline applies thousands of changes; so the lock is taken only to start a
//! sync and to record how it ended (`Workspace::begin_sync` / `finish_sync`), and the sync
//! itself runs on a connection of its own (`SyncJob::run`; SQLite in WAL mode lets the
//! workspace's reads go on while it writes).
//!
//! **One at a time.** `Runner::gate` is held for a whole sync, periodic or asked for: a
//! click on Sync during a periodic sync waits for it, then syncs again (a sync with
//! nothing new lists the device folders and reads nothing), so its report is about a sync
//! that started after the click.
//!
//! **Periodic.** A thread syncs when the app starts and then every `every` (five minutes)
//! after the last sync, whoever started it, while a folder is set.
//!
//! **The UI learns** through the `sync-status` event, emitted with the whole
//! `SyncStatus` when a sync starts, when it ends and when the folder changes: a periodic
//! sync has no caller to answer, and polling would wake the UI for nothing most of the
//! time. The UI also reads `sync_status` once at start (the start-up sync may have begun
//! before it listened).

use std::panic::AssertUnwindSafe;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use mizan_workspace::dto::{SyncReport, SyncStatus};
use mizan_workspace::{ErrorCode, WorkspaceError};
use tauri::{AppHandle, Emitter, Runtime};

use crate::commands::{Res, l10n, shell, workspace};

/// How often the app syncs while a folder is set.
pub const EVERY: Duration = Duration::from_secs(5 * 60);

/// The event that carries a `SyncStatus` to the UI.
pub const STATUS_EVENT: &str = "sync-status";

/// One sync at a time, and the periodic timer.
#[derive(Debug)]
pub struct Runner {
    /// Held for the whole of a sync.
    gate: Mutex<()>,
    schedule: Mutex<Schedule>,
    wake: Condvar,
    /// None: no periodic sync (nor at start).
    every: Option<Duration>,
}

#[derive(Debug, Default)]
struct Schedule {
    stopped: bool,
    /// Syncs run so far; a change restarts the periodic wait.
    runs: u64,
}

impl Runner {
    pub fn new(every: Option<Duration>) -> Self {
        Self { gate: Mutex::new(()), schedule: Mutex::default(), wake: Condvar::new(), every }
    }

    /// Ends the periodic thread and waits for a sync that is running to end.
    pub fn stop(&self) {
        self.schedule.lock().unwrap_or_else(PoisonError::into_inner).stopped = true;
        self.wake.notify_all();
        drop(self.gate.lock().unwrap_or_else(PoisonError::into_inner));
    }

    fn ran(&self) {
        self.schedule.lock().unwrap_or_else(PoisonError::into_inner).runs += 1;
        self.wake.notify_all();
    }

    /// Waits a period after the last sync; false once stopped.
    fn wait(&self, every: Duration) -> bool {
        let mut schedule = self.schedule.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if schedule.stopped {
                return false;
            }
            let runs = schedule.runs;
            let (guard, waited) = self
                .wake
                .wait_timeout_while(schedule, every, |s| !s.stopped && s.runs == runs)
                .unwrap_or_else(PoisonError::into_inner);
            schedule = guard;
            if schedule.stopped {
                return false;
            }
            if waited.timed_out() {
                return true;
            }
            // A sync ran meanwhile: a whole period from now.
        }
    }
}

/// Starts the periodic sync: at start, then every period while a folder is set.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    let Some(every) = shell(&app).ok().and_then(|s| s.sync.every) else { return };
    let spawned = std::thread::Builder::new().name("mizan-sync".into()).spawn(move || {
        let Ok(shell) = shell(&app) else { return };
        loop {
            let configured = workspace(&app).is_ok_and(|s| s.sync_folder().is_some());
            if configured {
                // The outcome reaches the UI through the event.
                let _ = run(&app);
            }
            if !shell.sync.wait(every) {
                return;
            }
        }
    });
    if let Err(error) = spawned {
        eprintln!("mizan: periodic sync is off: {error}");
    }
}

fn emit_status<R: Runtime>(app: &AppHandle<R>) {
    let status = workspace(app).and_then(|s| s.sync_status());
    if let Ok(status) = status {
        let _ = app.emit(STATUS_EVENT, status);
    }
}

pub fn status<R: Runtime>(app: &AppHandle<R>) -> Res<SyncStatus> {
    workspace(app)?.sync_status()
}

pub fn choose_folder<R: Runtime>(app: &AppHandle<R>) -> Res<Option<SyncStatus>> {
    let Some(folder) = shell(app)?.dialogs.folder(app, &l10n(app)?, "shell-sync-folder") else {
        return Ok(None);
    };
    let _one_at_a_time = shell(app)?.sync.gate.lock().unwrap_or_else(PoisonError::into_inner);
    let status = workspace(app)?.set_sync_folder(&folder)?;
    let _ = app.emit(STATUS_EVENT, status.clone());
    Ok(Some(status))
}

pub fn forget_folder<R: Runtime>(app: &AppHandle<R>) -> Res<SyncStatus> {
    // Not while a sync with the old folder runs.
    let _one_at_a_time = shell(app)?.sync.gate.lock().unwrap_or_else(PoisonError::into_inner);
    let status = workspace(app)?.forget_sync_folder()?;
    let _ = app.emit(STATUS_EVENT, status.clone());
    Ok(status)
}

/// One sync, after any sync already running. The workspace is locked only to start and to
/// record the outcome.
pub fn run<R: Runtime>(app: &AppHandle<R>) -> Res<SyncReport> {
    let shell = shell(app)?;
    let _one_at_a_time = shell.sync.gate.lock().unwrap_or_else(PoisonError::into_inner);
    let job = workspace(app)?.begin_sync()?;
    emit_status(app);
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| job.run())).unwrap_or_else(|_| {
        Err(WorkspaceError::new(
            ErrorCode::Internal,
            format!("{}: the sync stopped on an internal error; the next sync resumes it", job.folder().display()),
        ))
    });
    let result = workspace(app)?.finish_sync(outcome);
    shell.sync.ran();
    emit_status(app);
    result
}
