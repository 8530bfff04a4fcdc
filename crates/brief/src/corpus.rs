//! Test inputs shared by the parser's and the renderer's tests: every brief fixture, and
//! edits of the samples that open or close what can span a blank line (lists, fences,
//! HTML, definitions, quotations, tables) or change sections, markers and citations.

/// (path, text) of every brief fixture in the repository.
pub(crate) fn fixtures() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut out = Vec::new();
    for dir in ["tests/fixtures/briefs", "tests/fixtures/briefs/audit", "crates/pdf/tests/fixtures"] {
        let dir = format!("{root}/{dir}");
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            let path = entry.map(|e| e.path()).unwrap_or_default();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.push((path.display().to_string(), text));
            }
        }
    }
    assert!(out.len() >= 15, "fixtures not found under {root}");
    out
}

/// Calls `check(what, text)` on edits of the two samples: every snippet at the start of
/// every line; then, at positions all through the text, a snippet inside the line and at
/// its start, a stretch taken out, and a pair that opens a construct at one line and
/// closes it a few lines further on. Returns how many texts were checked (about 5,100).
pub(crate) fn edits(mut check: impl FnMut(&str, &str)) -> usize {
    const SNIPPETS: [&str; 20] = [
        "\n\n",
        "- ",
        "1. ",
        "```\n",
        "~~~",
        "  ```\n",
        "\n  ```\n",
        "<!--",
        "[x]: /y\n",
        "> ",
        "\n    ",
        "## Titre\n\n",
        "**Jugement** (probable) : ",
        "[@",
        "]",
        "\\",
        "|a|b|\n|-|-|\n",
        "[x]: /z ",
        "[^n]: note ",
        "voir [la carte][x] et[^n] ",
    ];
    const PAIRS: [(&str, &str); 7] = [
        ("voir [la carte][x] et la note[^n].\n\n", "[x]: /z\n\n[^n]: note\n\n"),
        ("[^n]: note\n\n", "voir la note[^n].\n\n"),
        ("```\n", "```\n"),
        ("~~~~\n", "~~~\n"),
        ("<!--\n", "-->\n"),
        ("<pre>\n", "</pre>\n"),
        ("- a\n  ```\n", "```\n"),
    ];
    let line_start = |text: &str, at: usize| text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let mut checked = 0;
    for (name, text) in fixtures().into_iter().filter(|(n, _)| n.contains("sample-")) {
        // Every snippet at the start of every line…
        for at in std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)) {
            for snippet in SNIPPETS {
                let mut edited = text.clone();
                edited.insert_str(at, snippet);
                check(&format!("{name}: {snippet:?} inserted at line start {at}"), &edited);
                checked += 1;
            }
        }
        // …and, in turn, inside lines, with removals and pairs.
        let boundary = |from: usize| (from..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        for (k, position) in (0..text.len()).step_by(23).enumerate() {
            let at = boundary(position);
            let snippet = SNIPPETS[k % SNIPPETS.len()];
            for at in [at, line_start(&text, at)] {
                let mut edited = text.clone();
                edited.insert_str(at, snippet);
                check(&format!("{name}: {snippet:?} inserted at {at}"), &edited);
            }
            let end = boundary(at + 40);
            let mut cut = text.clone();
            cut.replace_range(at..end, "");
            check(&format!("{name}: bytes {at}..{end} removed"), &cut);
            let (open, close) = PAIRS[k % PAIRS.len()];
            let first = line_start(&text, at);
            let second = line_start(&text, boundary(at + 300));
            if second > first {
                let mut edited = text.clone();
                edited.insert_str(second, close);
                edited.insert_str(first, open);
                check(&format!("{name}: {open:?} at {first}, {close:?} at {second}"), &edited);
            }
            checked += 4;
        }
    }
    checked
}
