//! Measures one live analysis (what the app runs after each keystroke) of a 10,000-word
//! brief over the sample library, step by step, and the size of its JSON. Run in release:
//! `cargo run --release -p mizan-workspace --example analyze_bench`
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use mizan_workspace::dto::{AnalyzeRequest, Lang};
use mizan_workspace::{Paths, Workspace};

#[path = "../../brief/examples/support/big_brief.rs"]
mod support;
use support::big_brief;

const RUNS: usize = 40;

fn main() {
    let text = big_brief(10_000);
    let words = text.split_whitespace().count();

    let dir = tempfile::tempdir().unwrap();
    let workspace = Workspace::open(Paths::under(dir.path())).unwrap();
    let mut request = AnalyzeRequest { text, ui_lang: Lang::Fr, known_blocks: Vec::new() };
    let analysis = workspace.analyze(&request).unwrap();
    let json = serde_json::to_string(&analysis).unwrap();
    let html: usize = analysis.preview.blocks.iter().filter_map(|b| b.html.as_ref()).map(String::len).sum();
    println!(
        "{words} words, {} bytes of Markdown, {} bytes of JSON in full, {html} bytes of HTML",
        request.text.len(),
        json.len(),
    );
    // From now on the UI holds the blocks it was sent, as in the app.
    request.known_blocks = analysis.preview.blocks.iter().map(|b| b.key.clone()).collect();

    let mut analyze = Vec::with_capacity(RUNS);
    let mut encode = Vec::with_capacity(RUNS);
    let mut sizes = Vec::with_capacity(RUNS);
    let middle = request.text.len() / 2;
    let middle = (middle..request.text.len()).find(|&i| request.text.is_char_boundary(i)).unwrap();
    for _ in 0..RUNS {
        // One keystroke in the middle of the text, as in the app.
        request.text.insert(middle, 'x');
        let start = Instant::now();
        let analysis = std::hint::black_box(workspace.analyze(&request).unwrap());
        analyze.push(start.elapsed());
        let start = Instant::now();
        let json = std::hint::black_box(serde_json::to_string(&analysis).unwrap());
        encode.push(start.elapsed());
        sizes.push(json.len());
    }
    report("analyze", &mut analyze);
    report("JSON encoding", &mut encode);
    sizes.sort_unstable();
    println!("JSON after a keystroke: median {} bytes", sizes[RUNS / 2]);
}

fn report(name: &str, times: &mut [Duration]) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let p95 = times.get(times.len() * 95 / 100).copied().unwrap_or_default();
    println!("{name}: median {:.2} ms, p95 {:.2} ms over {} runs", ms(median), ms(p95), times.len());
}
