//! Measures parsing and HTML rendering of a 10,000-word brief built from the French
//! sample's body, the first time in the process and then again. Run in release:
//! `cargo run --release -p mizan-brief --example html_bench`
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use mizan_brief::{parse, render_html};
use mizan_i18n::Localizer;

#[path = "support/big_brief.rs"]
mod support;
use support::big_brief;

const RUNS: usize = 50;

fn main() {
    let text = big_brief(10_000);
    let words = text.split_whitespace().count();

    let localizer = Localizer::new(mizan_brief::Lang::Fr);
    // The first time in the process: nothing memoised yet (what opening a brief costs).
    let start = Instant::now();
    let brief = parse(&text);
    let first_parse = start.elapsed();
    let start = Instant::now();
    let html = render_html(&brief, &localizer);
    let first_render = start.elapsed();

    let mut parse_times = Vec::with_capacity(RUNS);
    let mut render_times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let brief = std::hint::black_box(parse(std::hint::black_box(&text)));
        parse_times.push(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(render_html(&brief, &localizer));
        render_times.push(start.elapsed());
    }
    println!(
        "{words} words, {} bytes of Markdown, {} claims, {} bytes of HTML",
        text.len(),
        brief.claims.len(),
        html.len()
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("first time: parse {:.2} ms, render_html {:.2} ms", ms(first_parse), ms(first_render));
    // Again and again, the text unchanged: each piece and block comes from the memos.
    report("parse again", &mut parse_times);
    report("render_html again", &mut render_times);
}

fn report(name: &str, times: &mut [Duration]) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let min = times.first().copied().unwrap_or_default();
    let max = times.last().copied().unwrap_or_default();
    println!("{name}: median {:.2} ms (min {:.2}, max {:.2}) over {} runs", ms(median), ms(min), ms(max), times.len());
}
