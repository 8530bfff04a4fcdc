//! The command line is a front end over the workspace, as the app is: one scenario run
//! through the `mizan` binary and through `Workspace` methods directly (what the app's
//! commands call) leaves two libraries that hold the same sources, grades, excerpts and
//! claims, and gives the same audit.

use std::path::Path;

use mizan_workspace::Workspace;
use mizan_workspace::dto::{
    AddExcerptRequest, AddSourceRequest, DuplicatePolicy, ExportSourcesRequest, Grade, GradeRequest, ImportRequest,
    Person, SearchRequest, SourceFormat, SourceInput, SourceType, UpdateSourceRequest,
};
use serde_json::Value;

use crate::harness::{Sandbox, fixture, fixtures};

const TITLE: &str = "Les convois de carburant vers Bamako";
const EDITED_TITLE: &str = "Les convois de carburant bloqués avant Bamako";
const EXCERPT: &str = "Les citernes attendent depuis dix jours à la frontière.";
const URL: &str = "https://www.rfi.fr/fr/afrique/convois-bamako";
/// A source of the sample library that the sample brief does not cite.
const REMOVED: &str = "note-terrain-kayes-2025";

/// The scenario through the command line; returns the new source's key and the check.
fn through_the_command_line(sandbox: &Sandbox, brief: &Path) -> (String, Value) {
    sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    let added = sandbox
        .run(&[
            "sources",
            "add",
            "--title",
            TITLE,
            "--type",
            "news-article",
            "--author",
            "Diallo, Amina",
            "--issued",
            "2025-11",
            "--language",
            "fr",
            "--url",
            URL,
            "--tag",
            "Mali",
            "--json",
        ])
        .ok()
        .json();
    let key = added["source"]["key"].as_str().expect("a key was made").to_owned();
    for _ in 0..2 {
        sandbox.run(&["sources", "excerpt", &key, "--text", EXCERPT, "--locator", "§ 3"]).ok();
    }
    sandbox.run(&["sources", "grade", &key, "B"]).ok();
    sandbox
        .run(&["sources", "edit", &key, "--title", EDITED_TITLE, "--url", "", "--tag", "Sahel", "--tag", "carburant"])
        .ok();
    sandbox.run(&["sources", "remove", REMOVED]).ok();
    let check = sandbox.run(&["check", brief.to_str().expect("utf-8 path"), "--json"]).ok().json();
    (key, check)
}

/// The same scenario through the workspace's methods.
fn through_the_workspace(workspace: &mut Workspace, brief: &Path) -> (String, Value) {
    let import = ImportRequest { on_duplicate: DuplicatePolicy::Skip, format: None, skip_invalid: false };
    workspace.import_sources(Path::new(&fixture("sample-library.json")), &import, &mut |_, _| {}).expect("import");
    let source = SourceInput {
        kind: SourceType::NewsArticle,
        title: TITLE.into(),
        authors: vec![Person::parse("Diallo, Amina")],
        issued: Some("2025-11".into()),
        language: Some("fr".into()),
        url: Some(URL.into()),
        tags: vec!["Mali".into()],
        ..SourceInput::default()
    };
    let added = workspace.add_source(&AddSourceRequest { source, on_duplicate: DuplicatePolicy::Skip }).expect("add");
    let key = added.source.key;
    for _ in 0..2 {
        let excerpt = AddExcerptRequest { key: key.clone(), text: EXCERPT.into(), locator: Some("§ 3".into()) };
        workspace.add_excerpt(&excerpt).expect("excerpt");
    }
    workspace.grade_source(&GradeRequest { key: key.clone(), reliability: Grade::B }).expect("grade");
    // The app's edit form: every field as it is, the ones the analyst changed.
    let mut form = SourceInput::from(&workspace.source(&key).expect("source"));
    form.title = EDITED_TITLE.into();
    form.url = None;
    form.tags = vec!["Sahel".into(), "carburant".into()];
    workspace.update_source(&UpdateSourceRequest { key: key.clone(), source: form }).expect("edit");
    workspace.remove_source(REMOVED).expect("remove");
    let check = serde_json::to_value(workspace.check_brief(brief).expect("check")).expect("json");
    (key, check)
}

/// Removes, at any depth, what must differ between two libraries: ids made at random
/// (sources added by hand, excerpts, briefs, and claims, whose ids derive from the
/// brief's), times, and where the brief file lies.
fn without_ids_and_times(mut value: Value, keys: &[&str]) -> Value {
    fn walk(value: &mut Value, keys: &[&str]) {
        match value {
            Value::Object(map) => {
                map.retain(|k, _| !keys.contains(&k.as_str()));
                map.values_mut().for_each(|v| walk(v, keys));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, keys)),
            _ => {}
        }
    }
    walk(&mut value, keys);
    value
}

/// Every source as CSL-JSON, exported through the workspace (the CSL `id` is the
/// citation key and stays; Mizan's own ids and times ride in `custom.mizan`).
fn csl(workspace: &Workspace, out: &Path) -> Value {
    workspace
        .export_sources(&ExportSourcesRequest { format: Some(SourceFormat::CslJson), keys: None }, out)
        .expect("export");
    let mut entries: Vec<Value> =
        serde_json::from_slice(&std::fs::read(out).expect("read the export")).expect("CSL-JSON");
    entries.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|mut entry| {
            if let Some(mizan) = entry.pointer_mut("/custom/mizan") {
                *mizan = without_ids_and_times(mizan.take(), &["id", "graded-at"]);
            }
            entry
        })
        .collect();
    Value::Array(entries)
}

/// Every live source as the app shows it, by key.
fn details(workspace: &Workspace) -> Vec<Value> {
    let request = SearchRequest { limit: 100_000, ..SearchRequest::default() };
    let mut keys: Vec<String> = workspace.search(&request).expect("search").into_iter().map(|h| h.key).collect();
    keys.sort();
    keys.iter()
        .map(|key| {
            let detail = serde_json::to_value(workspace.source(key).expect("source")).expect("json");
            without_ids_and_times(
                detail,
                &["id", "createdAt", "modifiedAt", "gradedAt", "briefId", "briefPath", "claimId"],
            )
        })
        .collect()
}

#[test]
fn the_command_line_and_the_workspace_leave_the_same_library() {
    let brief = fixtures().join("briefs/sample-fr.md");
    let cli = Sandbox::new();
    let cli_brief = cli.path("sample-fr.md");
    std::fs::copy(&brief, &cli_brief).expect("copy the brief");
    let (cli_key, cli_check) = through_the_command_line(&cli, &cli_brief);

    let direct = tempfile::tempdir().expect("temp dir");
    let direct_brief = direct.path().join("sample-fr.md");
    std::fs::copy(&brief, &direct_brief).expect("copy the brief");
    let mut workspace =
        Workspace::open_library(&direct.path().join("library.sqlite3"), Sandbox::ANALYST).expect("library opens");
    let (key, check) = through_the_workspace(&mut workspace, &direct_brief);

    assert_eq!(cli_key, key, "a key made the same way: {key}");
    let cli_workspace = Workspace::open_library(&cli.library(), Sandbox::ANALYST).expect("the CLI's library opens");
    assert_eq!(csl(&cli_workspace, &cli.path("export.json")), csl(&workspace, &direct.path().join("export.json")));
    let (cli_details, direct_details) = (details(&cli_workspace), details(&workspace));
    assert_eq!(cli_details.len(), direct_details.len());
    for (a, b) in cli_details.iter().zip(&direct_details) {
        assert_eq!(a, b, "the command line and the workspace disagree on a source");
    }
    let checks = [cli_check, check].map(|c| without_ids_and_times(c, &["path", "id"]));
    assert_eq!(checks[0], checks[1]);

    // And the scenario did what it says, the app's way.
    let source = workspace.source(&key).expect("the added source");
    assert_eq!(source.excerpts.len(), 1, "the same passage twice is one excerpt");
    assert_eq!((source.grade, source.url.as_deref(), source.title.as_str()), (Some(Grade::B), None, EDITED_TITLE));
    assert_eq!(source.tags, ["Sahel", "carburant"]);
    assert!(workspace.source(REMOVED).is_err());
    assert_eq!(checks[0]["revision"], 1, "{}", checks[0]);
    let cited = workspace.source("rfi-blocus-bamako-2025").expect("a cited source");
    assert!(!cited.cited_by.is_empty(), "the check recorded the brief's claims");
}
