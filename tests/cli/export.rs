//! `mizan export`: briefs to PDF, gated by the audit.

use std::path::Path;
use std::process::Command;

use crate::harness::{Sandbox, fixture};

fn sample(sandbox: &Sandbox, name: &str) -> std::path::PathBuf {
    sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    let copy = sandbox.path(name);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/briefs").join(name), &copy).unwrap();
    copy
}

/// The PDF's text through poppler's pdftotext, when it is installed.
fn pdftotext(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(pdf).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 2).map(str::to_owned).collect()
}

#[test]
fn the_sample_briefs_export_and_their_text_comes_back() {
    for name in ["sample-fr.md", "sample-ar.md"] {
        let sandbox = Sandbox::new();
        let brief = sample(&sandbox, name);
        let pdf = sandbox.path("out.pdf");
        let run = sandbox.run(&["export", brief.to_str().unwrap(), "-o", pdf.to_str().unwrap()]).ok();
        assert!(run.stdout.contains("pages"), "{}", run.stdout);
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let Some(text) = pdftotext(&pdf) else {
            eprintln!("pdftotext is not installed: text round trip not checked");
            continue;
        };
        // A paragraph of the situation section, word for word.
        let source = std::fs::read_to_string(&brief).unwrap();
        // A plain paragraph (not a list, table, quote, heading or marked judgment).
        let paragraph = source
            .split("\n\n")
            .find(|p| {
                let p = p.trim_start();
                p.starts_with(char::is_alphabetic) && (p.contains("Bamako") || p.contains("باماكو"))
            })
            .unwrap();
        let paragraph: String = paragraph.split('[').next().unwrap().to_owned();
        let found = words(&text);
        let wanted = words(&paragraph);
        let missing: Vec<&String> = wanted.iter().filter(|w| !found.contains(w)).collect();
        assert!(missing.len() * 50 <= wanted.len(), "{name}: words missing from the PDF text: {missing:?}");
    }
}

#[test]
fn audit_errors_need_draft_and_draft_is_watermarked() {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    let brief = sandbox.path("erreur.md");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/briefs/audit/unknown-citation-key.md"),
        &brief,
    )
    .unwrap();
    let pdf = sandbox.path("erreur.pdf");
    let run = sandbox.run(&["export", brief.to_str().unwrap(), "-o", pdf.to_str().unwrap()]).user_error();
    assert!(run.stderr.contains("--draft"), "{}", run.stderr);
    assert!(!pdf.exists(), "no PDF without --draft");
    sandbox.run(&["export", brief.to_str().unwrap(), "-o", pdf.to_str().unwrap(), "--draft"]).ok();
    // The watermark is drawn as a marked artifact: on the page, not in the copied text.
    if let Some(text) = pdftotext(&pdf) {
        assert!(!text.contains("BROUILLON"), "the watermark stays out of the text layer: {text}");
    }
    let expanded = sandbox.path("erreur-qdf.pdf");
    let qpdf = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable", pdf.to_str().unwrap(), expanded.to_str().unwrap()])
        .status();
    if let Ok(status) = qpdf {
        assert!(status.success(), "qpdf reads the draft");
        let raw = std::fs::read(&expanded).unwrap();
        let artifacts = raw.windows(b"/Artifact".len()).filter(|w| w == b"/Artifact").count();
        assert!(artifacts >= 1, "the draft carries its watermark artifact");
    }
}

#[test]
fn export_is_reproducible_and_options_are_checked() {
    let sandbox = Sandbox::new();
    let brief = sample(&sandbox, "sample-fr.md");
    let (a, b) = (sandbox.path("a.pdf"), sandbox.path("b.pdf"));
    sandbox.run(&["export", brief.to_str().unwrap(), "-o", a.to_str().unwrap()]).ok();
    sandbox.run(&["export", brief.to_str().unwrap(), "-o", b.to_str().unwrap(), "--paper", "a4"]).ok();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "same input, same bytes");
    let letter = sandbox.path("letter.pdf");
    sandbox.run(&["export", brief.to_str().unwrap(), "-o", letter.to_str().unwrap(), "--paper", "letter"]).ok();
    assert_ne!(std::fs::read(&a).unwrap(), std::fs::read(&letter).unwrap());
    let run =
        sandbox.run(&["export", brief.to_str().unwrap(), "-o", a.to_str().unwrap(), "--paper", "a3"]).user_error();
    assert!(run.stderr.contains("--paper"), "{}", run.stderr);
    let run =
        sandbox.run(&["export", brief.to_str().unwrap(), "-o", a.to_str().unwrap(), "--style", "nope"]).user_error();
    assert!(run.stderr.contains("--style"), "{}", run.stderr);
}
