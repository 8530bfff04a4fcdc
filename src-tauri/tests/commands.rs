//! The IPC commands through Tauri's mock runtime: real requests as the web view sends
//! them (JSON under `req`), real responses and typed errors, on a temporary library.

use std::path::Path;

use mizan_app::Dialogs;
use mizan_workspace::{Paths, Workspace};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    root: tempfile::TempDir,
}

impl App {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("dialogs")).expect("dialogs dir");
        let workspace = Workspace::open(Paths::under(root.path())).expect("library opens");
        let app = mizan_app::builder(mock_builder(), workspace, Dialogs::Scripted(root.path().join("dialogs")))
            .build(tauri::generate_context!(test = true))
            .expect("app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
        Self { _app: app, window, root }
    }

    fn dialogs(&self) -> std::path::PathBuf {
        self.root.path().join("dialogs")
    }

    fn invoke(&self, cmd: &str, req: Value) -> Result<Value, Value> {
        self.invoke_from("tauri://localhost", cmd, req)
    }

    fn invoke_from(&self, origin: &str, cmd: &str, req: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().expect("url"),
            body: InvokeBody::Json(json!({ "req": req })),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        tauri::test::get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().expect("json"))
    }

    fn ok(&self, cmd: &str, req: Value) -> Value {
        self.invoke(cmd, req).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, req: Value) -> Value {
        match self.invoke(cmd, req) {
            Ok(v) => panic!("{cmd} should fail, got {v}"),
            Err(e) => e,
        }
    }
}

#[test]
fn first_start_seeds_samples_and_reports_state() {
    let app = App::new();
    let state = app.ok("app_state", Value::Null);
    assert_eq!(state["firstStart"], true);
    assert!(state["sourceCount"].as_u64().unwrap_or(0) >= 20, "{state}");
    let samples = state["samples"].as_array().expect("samples");
    assert_eq!(samples.iter().map(|s| s["lang"].as_str().unwrap_or("")).collect::<Vec<_>>(), ["ar", "fr"]);
    // A sample opens (it is in the app's own briefs folder) and analyses cleanly.
    let opened = app.ok("brief_open_recent", json!({ "path": samples[0]["path"] }));
    let analysis = app.ok("brief_analyze", json!({ "text": opened["text"], "uiLang": "fr" }));
    assert_eq!(analysis["lang"], "ar");
    assert_eq!(analysis["dir"], "rtl");
    let blocks = analysis["preview"]["blocks"].as_array().expect("preview blocks").clone();
    assert!(blocks.len() > 3);
    assert!(blocks.iter().all(|b| b["html"].is_string()), "a first analysis sends every block");
    assert!(
        blocks.iter().any(|b| b["html"].as_str().unwrap_or("").contains("data-line=")),
        "preview blocks carry their line"
    );
    // Blocks the UI holds come back as keys only; an edit sends the block it changed, and
    // blocks below it keep their key with the line moved.
    let keys: Vec<Value> = blocks.iter().map(|b| b["key"].clone()).collect();
    let text = opened["text"].as_str().expect("text");
    let last_paragraph = text.trim_end().rfind("\n\n").expect("paragraphs") + 2;
    let edited = format!("{}سطر جديد.\n\n{}", &text[..last_paragraph], &text[last_paragraph..]);
    let again = app.ok("brief_analyze", json!({ "text": edited, "uiLang": "fr", "knownBlocks": keys }));
    let after = again["preview"]["blocks"].as_array().expect("preview blocks");
    assert_eq!(after.len(), blocks.len() + 1, "one paragraph added");
    let sent: Vec<&str> = after.iter().filter_map(|b| b["html"].as_str()).collect();
    assert_eq!(sent.len(), 1, "only the new paragraph is sent: {sent:?}");
    assert!(sent[0].contains("سطر جديد"));
    let (moved, old) = (after.last().expect("last"), blocks.last().expect("last"));
    assert_eq!((&moved["key"], moved["line"].as_u64()), (&old["key"], old["line"].as_u64().map(|l| l + 2)));
    let errors: Vec<&Value> =
        analysis["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The UI language persists.
    app.ok("set_ui_lang", json!({ "lang": "fr" }));
    assert_eq!(app.ok("app_state", Value::Null)["uiLang"], "fr");
}

#[test]
fn sources_round_trip_with_typed_errors() {
    let app = App::new();
    let hits = app.ok("sources_search", json!({ "text": "الحصار", "kinds": [], "language": null, "grades": [], "years": null, "tag": null, "limit": 10 }));
    assert!(!hits.as_array().expect("hits").is_empty(), "Arabic search finds the sample sources");
    let input = json!({
        "key": "ledjely-citernes-2025", "kind": "news-article", "title": "Les citernes de Kayes",
        "authors": [{ "family": "Ledjely", "given": "Mariam" }, { "literal": "Rédaction" }],
        "issued": "2025-10-14", "language": "fr", "containerTitle": null, "publisher": null, "url": null,
        "doi": null, "pages": null, "accessed": null, "notes": null, "tags": ["logistique"], "grade": "C"
    });
    let added = app.ok("source_add", add(input.clone()));
    assert_eq!(added["duplicate"], Value::Null);
    let added = &added["source"];
    assert_eq!(added["grade"], "C");
    assert_eq!(added["authors"][1]["literal"], "Rédaction");
    let duplicate = app.err("source_add", add(input.clone()));
    assert_eq!(duplicate["code"], "duplicate", "same title and year: {duplicate}");
    let mut other_work = input.clone();
    other_work["title"] = json!("Un autre article");
    let taken = app.err("source_add", add(other_work));
    assert_eq!(taken["code"], "key_taken", "{taken}");
    assert_eq!(taken["field"], "key");
    let mut bad_date = input.clone();
    bad_date["key"] = json!("autre");
    bad_date["issued"] = json!("2025-13-40");
    let invalid = app.err("source_add", add(bad_date));
    assert_eq!(
        (invalid["code"].as_str(), invalid["field"].as_str()),
        (Some("invalid_input"), Some("issued")),
        "{invalid}"
    );
    let missing = app.err("source_get", json!({ "key": "nope" }));
    assert_eq!(missing["code"], "not_found");
    // Malformed requests are refused by the IPC layer before reaching the workspace.
    assert!(app.invoke("source_get", json!({ "clé": 1 })).is_err());
}

#[test]
fn files_are_reached_only_through_dialogs() {
    let app = App::new();
    let refused = app.err("brief_open_recent", json!({ "path": "/etc/passwd" }));
    assert_eq!(refused["code"], "not_permitted", "{refused}");
    let refused = app.err("brief_save", json!({ "path": "/tmp/elsewhere.md", "text": "x" }));
    assert_eq!(refused["code"], "not_permitted", "{refused}");

    // Save with no path: the (scripted) dialog answers, the brief gets its id.
    let text =
        app.ok("brief_new", json!({ "template": "note", "lang": "fr" }))["text"].as_str().unwrap_or("").to_owned();
    let saved = app.ok("brief_save", json!({ "path": null, "text": text }));
    let path = saved["path"].as_str().expect("path").to_owned();
    assert!(Path::new(&path).starts_with(app.dialogs()), "{path}");
    assert!(saved["text"].as_str().unwrap_or("").contains("\nid: "), "saving gives the brief its id");
    assert_eq!(saved["revision"], 1);
    // Now the file was chosen, saving to it again is allowed and stores no new revision.
    let again = app.ok("brief_save", json!({ "path": path, "text": saved["text"] }));
    assert_eq!(again["revision"], Value::Null);
    let id = app.ok("brief_analyze", json!({ "text": saved["text"], "uiLang": "fr" }))["id"].clone();
    assert_eq!(app.ok("brief_revisions", json!({ "id": id })).as_array().map(Vec::len), Some(1));

    // Export: scripted save dialog, a real PDF.
    let exported = app.ok(
        "export_pdf",
        json!({ "text": saved["text"], "path": path, "style": "default", "paper": "a4", "draft": true, "open": false }),
    );
    let pdf = std::fs::read(exported["path"].as_str().expect("pdf path")).expect("pdf written");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(exported["pages"].as_u64().unwrap_or(0) >= 1);

    // Import through the open dialog, with progress and a duplicates report.
    let file = app.dialogs().join("in.json");
    std::fs::write(&file, r#"[{"id":"ledjely-2025","type":"article-newspaper","title":"Convois","issued":{"date-parts":[[2025]]}},{"id":"x","title":""}]"#)
        .expect("write");
    std::fs::write(app.dialogs().join("open-next"), file.display().to_string()).expect("write");
    let summary = app.ok("sources_import", json!({ "onDuplicate": "skip", "format": null, "skipInvalid": true }));
    // An entry without a title is kept, as other tools keep it (issue 16).
    assert_eq!(summary["added"], 2, "{summary}");
    assert_eq!(summary["rejected"].as_array().map(Vec::len), Some(0), "{summary}");
    // Cancelled dialog: null, nothing done.
    assert_eq!(
        app.ok("sources_import", json!({ "onDuplicate": "skip", "format": null, "skipInvalid": true })),
        Value::Null
    );
}

#[test]
fn remote_pages_cannot_call_commands() {
    let app = App::new();
    let refused = app.invoke_from(
        "https://evil.example",
        "sources_search",
        json!({ "text": "", "kinds": [], "language": null, "grades": [], "years": null, "tag": null, "limit": 1 }),
    );
    let message = refused.expect_err("a remote origin is refused");
    assert!(message.as_str().unwrap_or("").contains("not allowed"), "{message}");
    // A command that is not in the capability list does not exist for the web view.
    assert!(app.invoke("plugin:fs|read_file", json!({ "path": "/etc/passwd" })).is_err());
}

#[test]
fn only_web_links_are_offered_to_the_browser() {
    let app = App::new();
    let refused = app.err("open_url", json!({ "url": "javascript:alert(1)" }));
    assert_eq!(refused["code"], "invalid_input");
    // The scripted confirmation says no unless told yes: nothing opens.
    assert_eq!(app.ok("open_url", json!({ "url": "https://www.rfi.fr/" })), false);
}

#[test]
fn recovery_keeps_unsaved_text_until_discarded() {
    let app = App::new();
    app.ok(
        "recovery_store",
        json!({ "key": "doc-1", "path": null, "text": "---\ntitle: مسودة\nlang: ar\n---\n\nنص لم يحفظ" }),
    );
    let state = app.ok("app_state", Value::Null);
    assert_eq!(state["recovery"][0]["title"], "مسودة");
    app.ok("recovery_discard", json!({ "key": "doc-1" }));
    assert_eq!(app.ok("app_state", Value::Null)["recovery"], json!([]));
    assert_eq!(app.err("recovery_store", json!({ "key": "../../x", "path": null, "text": "" }))["field"], "key");
}

// Sync --------------------------------------------------------------------------------

/// An app whose workspace was prepared first (e.g. a sync folder already chosen), with a
/// periodic sync every `every`.
fn app_syncing_every(every: Option<std::time::Duration>, prepare: impl FnOnce(&mut Workspace)) -> App {
    let root = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(root.path().join("dialogs")).expect("dialogs dir");
    let mut workspace = Workspace::open(Paths::under(root.path())).expect("library opens");
    prepare(&mut workspace);
    let app = mizan_app::builder_syncing_every(
        mock_builder(),
        workspace,
        Dialogs::Scripted(root.path().join("dialogs")),
        every,
    )
    .build(tauri::generate_context!(test = true))
    .expect("app builds");
    // The real app starts it in its setup hook, which the mock runtime never runs.
    mizan_app::sync::start(app.handle().clone());
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    App { _app: app, window, root }
}

/// A `source_add` request: the form, skipping a duplicate (the app's only choice).
fn add(source: Value) -> Value {
    json!({ "source": source, "onDuplicate": "skip" })
}

fn source_input(key: &str, title: &str) -> Value {
    json!({
        "key": key, "kind": "news-article", "title": title, "authors": [{ "family": "Ledjely", "given": "Mariam" }],
        "issued": "2025-10-14", "language": "fr", "containerTitle": "Guinée News", "publisher": null, "url": null,
        "doi": null, "pages": null, "accessed": null, "notes": "note", "tags": ["Kayes", "carburant"], "grade": "C"
    })
}

/// The `sync-status` events the shell emits, as JSON.
fn record_sync_events(app: &App) -> std::sync::Arc<std::sync::Mutex<Vec<Value>>> {
    use tauri::Listener;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    app._app.listen("sync-status", move |event| {
        if let Ok(value) = serde_json::from_str::<Value>(event.payload()) {
            sink.lock().expect("events").push(value);
        }
    });
    seen
}

fn choose_folder(app: &App, folder: &Path) -> Value {
    std::fs::write(app.dialogs().join("folder-next"), folder.display().to_string()).expect("script the dialog");
    app.ok("sync_choose_folder", Value::Null)
}

#[test]
fn sync_through_a_folder_chosen_in_a_dialog() {
    let share = tempfile::tempdir().expect("share");
    let amina = App::new();
    let karim = App::new();
    let events = record_sync_events(&amina);

    let status = amina.ok("sync_status", Value::Null);
    assert_eq!(
        (status["folder"].clone(), status["running"].clone(), status["openConflicts"].clone()),
        (Value::Null, json!(false), json!(0))
    );
    let refused = amina.err("sync_now", Value::Null);
    assert_eq!(refused["code"], "no_sync_folder", "{refused}");
    // A cancelled folder dialog changes nothing.
    assert_eq!(amina.ok("sync_choose_folder", Value::Null), Value::Null);

    let status = choose_folder(&amina, share.path());
    assert!(status["folder"].as_str().is_some_and(|f| !f.is_empty()), "{status}");
    assert_eq!(status["lastSyncAt"], Value::Null);
    choose_folder(&karim, share.path());

    amina.ok("source_add", add(source_input("ledjely-citernes-2025", "Les citernes de Kayes")));
    let report = amina.ok("sync_now", Value::Null);
    assert!(report["sent"].as_u64().unwrap_or(0) > 0, "{report}");
    assert_eq!(report["refused"], json!([]));
    let report = karim.ok("sync_now", Value::Null);
    assert!(report["applied"].as_u64().unwrap_or(0) > 0, "{report}");
    assert_eq!(karim.ok("source_get", json!({ "key": "ledjely-citernes-2025" }))["title"], "Les citernes de Kayes");

    // The UI heard the sync start and end.
    let status = amina.ok("sync_status", Value::Null);
    assert!(status["lastSyncAt"].is_string() && status["lastReport"]["sent"].as_u64().unwrap_or(0) > 0, "{status}");
    let seen = events.lock().expect("events").clone();
    assert!(seen.iter().any(|e| e["running"] == true), "{seen:?}");
    assert_eq!(seen.last().map(|e| e["running"].clone()), Some(json!(false)), "{seen:?}");
    assert_eq!(seen.last().map(|e| e["lastSyncAt"].clone()), Some(status["lastSyncAt"].clone()));

    // The same title edited on both laptops: a conflict on Karim's, flipped there.
    let mut edit = source_input("ledjely-citernes-2025", "Les citernes de Kayes (Amina)");
    amina.ok("source_update", json!({ "key": "ledjely-citernes-2025", "source": edit.clone() }));
    edit["title"] = json!("Les citernes de Kayes (Karim)");
    karim.ok("source_update", json!({ "key": "ledjely-citernes-2025", "source": edit }));
    amina.ok("sync_now", Value::Null);
    let report = karim.ok("sync_now", Value::Null);
    assert_eq!(report["conflicts"], 1, "{report}");
    assert_eq!(karim.ok("sync_status", Value::Null)["openConflicts"], 1);
    let conflicts = karim.ok("sync_conflicts", json!({ "openOnly": true }));
    let conflict = &conflicts[0];
    assert_eq!((conflict["field"].as_str(), conflict["kind"].as_str()), (Some("title"), Some("field")), "{conflict}");
    assert_eq!(conflict["sourceKey"], "ledjely-citernes-2025");
    assert!(conflict["kept"]["author"].is_string() && conflict["lost"]["at"].is_string(), "{conflict}");
    let lost = conflict["lost"]["value"].clone();
    let flipped = karim.ok("sync_conflict_flip", json!({ "id": conflict["id"] }));
    assert_eq!(flipped["resolution"], "flipped");
    assert_eq!(karim.ok("source_get", json!({ "key": "ledjely-citernes-2025" }))["title"], lost);
    assert_eq!(karim.ok("sync_conflicts", json!({ "openOnly": true })), json!([]));
    let again = karim.err("sync_conflict_dismiss", json!({ "id": 4242 }));
    assert_eq!((again["code"].as_str(), again["field"].as_str()), (Some("not_found"), Some("id")), "{again}");

    // The folder vanishes: a clear error naming it, recorded in the status.
    let gone = share.path().to_path_buf();
    drop(share);
    let error = amina.err("sync_now", Value::Null);
    assert_eq!(error["code"], "sync_folder", "{error}");
    assert!(error["message"].as_str().unwrap_or("").contains(&gone.display().to_string()), "{error}");
    assert_eq!(amina.ok("sync_status", Value::Null)["lastError"]["code"], "sync_folder");
    // Stopping sync forgets the folder.
    assert_eq!(amina.ok("sync_forget_folder", Value::Null)["folder"], Value::Null);
}

#[test]
fn periodic_sync_runs_at_start_and_then_regularly_one_at_a_time() {
    let share = tempfile::tempdir().expect("share");
    let folder = share.path().to_path_buf();
    let every = std::time::Duration::from_millis(150);
    let app = app_syncing_every(Some(every), |workspace| {
        workspace.set_sync_folder(&folder).expect("folder");
    });
    let events = record_sync_events(&app);
    let ended = || events.lock().expect("events").iter().filter(|e| e["running"] == false).count();
    // At start, then every period, with nobody asking.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while ended() < 3 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(ended() >= 3, "{:?}", events.lock().expect("events"));
    // Syncs asked for from two places while the periodic one goes on wait for each other.
    let handle = app._app.handle().clone();
    let other = std::thread::spawn(move || {
        for _ in 0..3 {
            mizan_app::sync::run(&handle).expect("sync");
        }
    });
    for _ in 0..3 {
        app.ok("sync_now", Value::Null);
    }
    other.join().expect("thread");
    // Never two running at once: "running" and "ended" alternate.
    let seen = events.lock().expect("events").clone();
    assert!(seen.len() >= 12, "{seen:?}");
    let mut running = false;
    // (The start-up sync may have begun before the test listened.)
    for e in seen.iter().skip_while(|e| e["running"] == false) {
        let now = e["running"] == true;
        assert!(now != running, "two syncs overlapped: {seen:?}");
        running = now;
    }
    assert!(app.ok("sync_status", Value::Null)["lastSyncAt"].is_string());
    app._app.state::<mizan_app::commands::Shell>().sync.stop();
}

/// A catch-up of ~1,000 field changes applied while the editor's live analysis goes on;
/// prints how long the workspace lock is held and how long an analysis waits meanwhile
/// (`cargo test --release -p mizan-app --test commands big_sync -- --nocapture`).
#[test]
fn a_big_sync_keeps_the_service_lock_short() {
    use std::time::{Duration, Instant};
    let share = tempfile::tempdir().expect("share");
    let writer = App::new();
    let reader = app_syncing_every(None, |_| ());
    choose_folder(&writer, share.path());
    choose_folder(&reader, share.path());
    writer.ok("sync_now", Value::Null);
    reader.ok("sync_now", Value::Null);
    for i in 0..90 {
        writer.ok(
            "source_add",
            add(source_input(&format!("ledjely-{i:03}"), &format!("Convoi de citernes n° {i} vers Kayes"))),
        );
    }
    let sent = writer.ok("sync_now", Value::Null);
    assert!(sent["sent"].as_u64().unwrap_or(0) >= 1000, "{sent}");

    let state = reader.ok("app_state", Value::Null);
    let sample = reader.ok("brief_open_recent", json!({ "path": state["samples"][0]["path"] }));
    let analyze = json!({ "text": sample["text"], "uiLang": "ar" });
    let mut quiet = Duration::ZERO;
    for _ in 0..5 {
        let t = Instant::now();
        reader.ok("brief_analyze", analyze.clone());
        quiet = quiet.max(t.elapsed());
    }

    let handle = reader._app.handle().clone();
    let syncing = std::thread::spawn(move || {
        let shell = handle.state::<mizan_app::commands::Shell>();
        fn lock(s: &mizan_app::commands::Shell) -> std::sync::MutexGuard<'_, Workspace> {
            s.workspace.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
        }
        let t = Instant::now();
        let job = lock(&shell).begin_sync().expect("begin");
        let begin = t.elapsed();
        let t = Instant::now();
        let outcome = job.run();
        let run = t.elapsed();
        let t = Instant::now();
        let report = lock(&shell).finish_sync(outcome).expect("sync");
        (begin, run, t.elapsed(), report)
    });
    let mut during = Duration::ZERO;
    let mut analyses = 0;
    while !syncing.is_finished() {
        let t = Instant::now();
        reader.ok("brief_analyze", analyze.clone());
        during = during.max(t.elapsed());
        analyses += 1;
    }
    let (begin, run, finish, report) = syncing.join().expect("sync thread");
    assert!(report.received >= 1000, "{report:?}");
    eprintln!(
        "big sync: {} changes received, {} applied; sync {run:?} without the lock; lock held {begin:?} to start + {finish:?} to record; \
         analysis max {quiet:?} alone, {during:?} during the sync ({analyses} analyses)",
        report.received, report.applied
    );
    // The figures above are for reading (times are not asserted in tests): what is
    // checked is that the sync went through while the editor kept analysing.
    assert_eq!(reader.ok("source_get", json!({ "key": "ledjely-089" }))["key"], "ledjely-089");
}
