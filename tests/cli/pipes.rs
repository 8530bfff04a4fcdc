//! The command as a Unix tool: output piped into a reader that stops early (`| head -2`)
//! ends the command quietly, with status 0, as `cat` or `grep` would.

use std::process::Stdio;

use crate::harness::{Sandbox, fixture};

#[test]
fn a_reader_gone_before_the_first_line_ends_the_command_quietly() {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    let cases: [&[&str]; 4] = [
        &["sources", "show", "rfi-blocus-bamako-2025"],
        &["sources", "show", "rfi-blocus-bamako-2025", "--json"],
        &["sources", "search", "--limit", "1000"],
        &["library", "check", "--json"],
    ];
    for args in cases {
        let mut child = sandbox.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run mizan");
        // The read end closes before mizan has opened its library: its first write meets
        // a pipe with no reader (EPIPE, SIGPIPE being ignored by Rust programs).
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("mizan ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: nothing to say on stderr, got {stderr}");
    }
}

#[test]
fn piped_into_head_it_stops_quietly() {
    let sandbox = Sandbox::new();
    // Far more output than a pipe holds, so mizan is still writing when `head` leaves.
    let entries: Vec<serde_json::Value> = (0..3000)
        .map(|n| {
            serde_json::json!({
                "id": format!("rapport-{n}"),
                "type": "report",
                "title": format!("Rapport n° {n} sur les convois de carburant vers Bamako et Kayes"),
                "author": [{"family": "Traoré", "given": "Aminata"}],
                "issued": {"date-parts": [[2025, 1 + n % 12]]},
            })
        })
        .collect();
    let file = sandbox.path("rapports.json");
    std::fs::write(&file, serde_json::to_string(&entries).expect("json")).expect("write");
    sandbox.run(&["sources", "import", file.to_str().expect("utf-8 path")]).ok();

    let mut mizan = sandbox
        .command(&["sources", "search", "--limit", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mizan");
    let head = std::process::Command::new("head")
        .arg("-2")
        .stdin(mizan.stdout.take().expect("mizan's stdout"))
        .output()
        .expect("run head");
    let out = mizan.wait_with_output().expect("mizan ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(String::from_utf8_lossy(&head.stdout).lines().count(), 2);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Broken pipe") && stderr.is_empty(), "{stderr}");
}
