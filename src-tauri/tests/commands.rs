//! The IPC commands through Tauri's mock runtime: real requests as the web view sends
//! them (JSON under `req`), real responses and typed errors, on a temporary library.

use std::path::Path;

use mizan_app::Dialogs;
use mizan_service::{Paths, Service};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    root: tempfile::TempDir,
}

impl App {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("dialogs")).expect("dialogs dir");
        let service = Service::open(Paths::under(root.path())).expect("library opens");
        let app = mizan_app::builder(mock_builder(), service, Dialogs::Scripted(root.path().join("dialogs")))
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
    assert!(analysis["html"].as_str().unwrap_or("").contains("data-line="), "preview blocks carry their line");
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
    let added = app.ok("source_add", input.clone());
    assert_eq!(added["grade"], "C");
    assert_eq!(added["authors"][1]["literal"], "Rédaction");
    let duplicate = app.err("source_add", input.clone());
    assert_eq!(duplicate["code"], "duplicate", "same title and year: {duplicate}");
    let mut other_work = input.clone();
    other_work["title"] = json!("Un autre article");
    let taken = app.err("source_add", other_work);
    assert_eq!(taken["code"], "key_taken", "{taken}");
    assert_eq!(taken["field"], "key");
    let mut bad_date = input.clone();
    bad_date["key"] = json!("autre");
    bad_date["issued"] = json!("2025-13-40");
    let invalid = app.err("source_add", bad_date);
    assert_eq!(
        (invalid["code"].as_str(), invalid["field"].as_str()),
        (Some("invalid_input"), Some("issued")),
        "{invalid}"
    );
    let missing = app.err("source_get", json!({ "key": "nope" }));
    assert_eq!(missing["code"], "not_found");
    // Malformed requests are refused by the IPC layer before reaching the service.
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
    let summary = app.ok("sources_import", json!({ "onDuplicate": "skip" }));
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["rejected"].as_array().map(Vec::len), Some(1), "{summary}");
    // Cancelled dialog: null, nothing done.
    assert_eq!(app.ok("sources_import", json!({ "onDuplicate": "skip" })), Value::Null);
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
