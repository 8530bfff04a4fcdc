//! One test per invariant of ARCHITECTURE.md that a machine can check. Each failure
//! names the member and file that broke the rule; an exception is written into the rule
//! with its reason, never silently.

use crate::workspace::{Member, SourceFile, members};

/// The lines of a file that are code, not comments (a comment may name anything).
fn code_lines(file: &SourceFile) -> impl Iterator<Item = (usize, &str)> {
    file.code.lines().enumerate().map(|(i, line)| (i + 1, line)).filter(|(_, line)| {
        let line = line.trim_start();
        !line.starts_with("//") && !line.starts_with("/*") && !line.starts_with('*')
    })
}

/// Every `file:line: text` of the members' code where `matches` holds, outside `allowed`.
fn offending(allowed: impl Fn(&Member, &SourceFile) -> bool, matches: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for member in members() {
        for file in &member.sources {
            if allowed(&member, file) {
                continue;
            }
            for (number, line) in code_lines(file) {
                if matches(line) {
                    found.push(format!("{}:{number}: {}", file.path.display(), line.trim()));
                }
            }
        }
    }
    found
}

fn assert_none(rule: &str, found: &[String]) {
    assert!(found.is_empty(), "{rule}, but:\n  {}", found.join("\n  "));
}

/// "Only `src-tauri` depends on `tauri`; everything in `crates/` builds and tests without it."
#[test]
fn only_the_shell_knows_tauri() {
    let mut found = Vec::new();
    for member in members().iter().filter(|m| m.name != "mizan-app") {
        found.extend(
            member
                .all_dependencies
                .iter()
                .filter(|d| d.starts_with("tauri"))
                .map(|d| format!("{} depends on {d}", member.name)),
        );
    }
    found.extend(offending(|m, _| m.name == "mizan-app", |line| line.contains("tauri::")));
    assert_none("only src-tauri may depend on tauri", &found);
}

/// "Only the library crate, and the sync crate applying other devices' changes, write SQL
/// against the library schema." Tests may open a library file to damage it on purpose
/// (dev-dependencies); `mizan-bench sql` times statements a developer hands it.
#[test]
fn only_the_library_and_sync_reach_sqlite() {
    let allowed = ["mizan-library", "mizan-sync", "mizan-bench"];
    let mut found: Vec<String> = members()
        .iter()
        .filter(|m| !allowed.contains(&m.name.as_str()) && m.dependencies.contains("rusqlite"))
        .map(|m| format!("{} depends on rusqlite", m.name))
        .collect();
    found.extend(offending(|m, _| allowed.contains(&m.name.as_str()), |line| line.contains("rusqlite")));
    assert_none("only mizan-library and mizan-sync may use rusqlite", &found);
}

/// "Business logic never reads the clock or the environment … Only the front ends read
/// config and env": the command line, the app shell, the benchmark tool, a crate's own
/// tool binaries (`src/bin/`), and the workspace's `paths.rs`, which is where both front
/// ends get their locations from.
#[test]
fn only_the_front_ends_read_the_environment() {
    let front_ends = ["mizan-cli", "mizan-app", "mizan-bench"];
    let found = offending(
        |m, file| {
            front_ends.contains(&m.name.as_str())
                || file.path.components().any(|c| c.as_os_str() == "bin")
                || (m.name == "mizan-workspace" && file.path.ends_with("src/paths.rs"))
        },
        |line| {
            [
                "std::env::",
                "use std::env",
                "env::var(",
                "env::var_os(",
                "env::args",
                "env::current_dir",
                "env::home_dir",
            ]
            .iter()
            .any(|pattern| line.contains(pattern))
        },
    );
    assert_none("only the front ends and the workspace's paths.rs may read the environment", &found);
}

/// "Business logic never reads the clock": time comes through `Clock`, whose system
/// implementation is `mizan-source`'s `timestamp.rs`. The sync crate's temporary file names
/// and the workspace's sync timing are not logic (a name that must not collide; a duration
/// shown to the user).
#[test]
fn only_the_clock_reads_the_time() {
    let found = offending(
        |m, file| {
            (m.name == "mizan-source" && file.path.ends_with("src/timestamp.rs"))
                || ["mizan-cli", "mizan-app", "mizan-bench", "mizan-durable"].contains(&m.name.as_str())
                || (m.name == "mizan-workspace" && file.path.ends_with("src/sync.rs"))
        },
        |line| ["SystemTime::now", "OffsetDateTime::now", "Utc::now", "Local::now"].iter().any(|p| line.contains(p)),
    );
    assert_none("only the Clock may read the system time", &found);
}

/// "Layout never touches SQLite or files; the PDF writer makes no layout decisions; export
/// reads no file and no clock." The same holds for the brief crate: templates are embedded
/// and the library comes in through `SourceCatalog`.
#[test]
fn the_typesetting_pipeline_is_pure() {
    let pure = ["mizan-brief", "mizan-layout", "mizan-pdf", "mizan-export", "mizan-text", "mizan-source"];
    let storage = ["mizan-library", "mizan-sync", "mizan-workspace", "rusqlite"];
    let mut found = Vec::new();
    for member in members().iter().filter(|m| pure.contains(&m.name.as_str())) {
        found.extend(
            storage
                .iter()
                .filter(|s| member.dependencies.contains(**s))
                .map(|s| format!("{} depends on {s}", member.name)),
        );
    }
    found.extend(offending(
        |m, _| !pure.contains(&m.name.as_str()),
        |line| {
            ["std::fs", "fs::read", "fs::write", "File::open", "File::create", "Instant::now"]
                .iter()
                .any(|p| line.contains(p))
        },
    ));
    assert_none("brief, layout, pdf, export, text and source read no file, clock or library", &found);
}

/// "Types inside the crates are not `Serialize`; the workspace owns the DTOs." The file
/// formats that are serialised by definition are listed by name: the CSL-JSON records and
/// Mizan's extension slots (interchange), a sync changeset's header and a device's cursor
/// file (sync). None of them leaves its crate's API.
#[test]
fn only_the_workspace_has_serialisable_types() {
    let wire_formats = [
        ("mizan-interchange", "ItemOut"),
        ("mizan-interchange", "NameOut"),
        ("mizan-interchange", "DateOut"),
        ("mizan-interchange", "CustomOut"),
        ("mizan-interchange", "Extension"),
        ("mizan-interchange", "GradeRecord"),
        ("mizan-interchange", "ExcerptRecord"),
        ("mizan-sync", "Header"),
        ("mizan-sync", "DeviceFile"),
    ];
    let mut found = Vec::new();
    for member in members().iter().filter(|m| m.name != "mizan-workspace") {
        for file in &member.sources {
            let lines: Vec<(usize, &str)> = code_lines(file).collect();
            for (i, (number, line)) in lines.iter().enumerate() {
                if !(line.contains("derive(") && line.contains("Serialize")) {
                    continue;
                }
                let item = lines[i + 1..].iter().map(|(_, l)| l.trim()).find(|l| !l.starts_with("#[")).unwrap_or("");
                let name = item
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .skip_while(|word| !["struct", "enum"].contains(word))
                    .nth(1)
                    .unwrap_or(item);
                if !wire_formats.contains(&(member.name.as_str(), name)) {
                    found.push(format!("{}:{number}: {name}", file.path.display()));
                }
            }
        }
    }
    assert_none("only mizan-workspace's DTOs (and the listed file formats) derive Serialize", &found);
}

/// "Only the binaries use `anyhow`": library crates have error enums of their own.
#[test]
fn only_binaries_use_anyhow() {
    let binaries = ["mizan-cli", "mizan-bench", "mizan-app"];
    let found: Vec<String> = members()
        .iter()
        .filter(|m| !binaries.contains(&m.name.as_str()) && m.dependencies.contains("anyhow"))
        .map(|m| format!("{} depends on anyhow", m.name))
        .collect();
    assert_none("only the binaries may use anyhow", &found);
}

/// "No file in crates/ over about 800 lines of code (before its unit tests) without a
/// reason stated at its top": such a file says `Why this file is long:` in its first lines.
#[test]
fn long_files_say_why() {
    let mut found = Vec::new();
    for member in members() {
        for file in &member.sources {
            let lines = file.code.lines().filter(|l| !l.trim().is_empty()).count();
            let says_why = file.code.lines().take(20).any(|l| l.contains("Why this file is long:"));
            if lines > 800 && !says_why {
                found.push(format!("{}: {lines} lines", file.path.display()));
            }
        }
    }
    assert_none("files over 800 lines of code say why at their top", &found);
}
