//! The text the preview and analysis benchmarks measure: the French sample's front matter
//! once, then its body repeated until the brief has `words` words. Shared by
//! `mizan-brief`'s `html_bench` and `mizan-workspace`'s `analyze_bench` (included by path).

pub fn big_brief(words: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/briefs/sample-fr.md");
    let sample = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body_start = sample.match_indices("\n---\n").next().map_or(0, |(i, _)| i + 5);
    let (front, body) = sample.split_at(body_start);
    let mut text = front.to_owned();
    while text.split_whitespace().count() < words {
        text.push('\n');
        text.push_str(body);
    }
    text
}
