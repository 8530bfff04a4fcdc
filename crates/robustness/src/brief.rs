//! Briefs: the parser, the writer and the preview.

use std::sync::OnceLock;

use mizan_brief::{Brief, Lang, parse, parse_bytes, render_html};
use mizan_i18n::Localizer;

use crate::markup::unsafe_markup;

/// Parsing never panics; every diagnostic and claim points into the text, at the line
/// and column it names; the Markdown the writer makes parses again, just as soundly.
pub fn parse_and_write(data: &[u8]) {
    let brief = parse_bytes(data);
    positions_hold(&brief);
    let again = parse(&brief.to_markdown());
    positions_hold(&again);
    let _ = again.to_markdown();
}

/// The preview of any brief, in each language, holds nothing that can run.
pub fn preview(data: &[u8]) {
    let brief = parse_bytes(data);
    for lang in [brief.lang, Lang::Ar, Lang::Fr] {
        let html = render_html(&brief, localizer(lang));
        if let Some(problem) = unsafe_markup(&html) {
            panic!("{problem} in the {} preview:\n{html}", lang.code());
        }
    }
}

fn positions_hold(brief: &Brief) {
    let text = brief.text();
    for d in &brief.diagnostics {
        assert!(text.get(d.span.start..d.span.end).is_some(), "{:?} has span {:?} outside the text", d.code, d.span);
        assert_eq!(brief.line_col(d.span.start), (d.line, d.column), "{:?} names the wrong line or column", d.code);
    }
    for claim in &brief.claims {
        assert!(text.get(claim.span.start..claim.span.end).is_some(), "claim span {:?} outside the text", claim.span);
    }
}

fn localizer(lang: Lang) -> &'static Localizer {
    static LOCALIZERS: OnceLock<[Localizer; 3]> = OnceLock::new();
    let all = LOCALIZERS.get_or_init(|| [Lang::Ar, Lang::Fr, Lang::En].map(Localizer::new));
    match lang {
        Lang::Ar => &all[0],
        Lang::Fr => &all[1],
        Lang::En => &all[2],
    }
}
