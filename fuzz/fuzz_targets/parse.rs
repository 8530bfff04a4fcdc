//! Any bytes: parsing must not panic, and the brief must render to Markdown and to
//! sanitised HTML without panicking; the Markdown must parse again.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mizan_brief::{Lang, parse, parse_bytes, render_html};
use mizan_i18n::Localizer;

fn localizer(lang: Lang) -> &'static Localizer {
    static LOCALIZERS: OnceLock<[Localizer; 3]> = OnceLock::new();
    let all = LOCALIZERS.get_or_init(|| [Localizer::new(Lang::Ar), Localizer::new(Lang::Fr), Localizer::new(Lang::En)]);
    match lang {
        Lang::Ar => &all[0],
        Lang::Fr => &all[1],
        Lang::En => &all[2],
    }
}

fuzz_target!(|data: &[u8]| {
    let brief = parse_bytes(data);
    let markdown = brief.to_markdown();
    let again = parse(&markdown);
    let _ = again.to_markdown();
    let html = render_html(&brief, localizer(brief.lang));
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "script tag in the preview");
    assert!(!lower.contains("javascript:"), "javascript: URL in the preview");
});
