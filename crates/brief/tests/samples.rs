//! The sample briefs: real Arabic and French briefs that must audit clean.

mod common;

use mizan_brief::{BlockKind, ClaimKind, Confidence, Direction, Lang, Likelihood, Severity, audit, parse};
use mizan_i18n::Localizer;

#[test]
fn sample_briefs_audit_without_errors_or_warnings() {
    let catalog = common::catalog();
    for name in ["briefs/sample-ar.md", "briefs/sample-fr.md"] {
        let brief = parse(&common::read(name));
        let result = audit(&brief, &catalog, common::today());
        let localizer = Localizer::plain(brief.lang);
        let serious: Vec<String> = result
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| format!("{name}:{}:{} {} {}", d.line, d.column, d.code.as_str(), d.message(&localizer)))
            .collect();
        assert!(serious.is_empty(), "{}", serious.join("\n"));
        let stats = &result.stats;
        assert!(stats.facts >= 12, "{name}: {stats:?}");
        assert!(stats.judgments >= 6 && stats.assumptions == 1, "{name}: {stats:?}");
        assert!(stats.share_sourced().unwrap() > 0.8, "{name}: {stats:?}");
        assert!(stats.sources_cited >= 15, "{name}: {stats:?}");
    }
}

#[test]
fn sample_briefs_have_what_the_issue_asks_for() {
    for (name, lang) in [("briefs/sample-ar.md", Lang::Ar), ("briefs/sample-fr.md", Lang::Fr)] {
        let brief = parse(&common::read(name));
        assert_eq!(brief.lang, lang);
        assert!(brief.blocks.iter().any(|b| matches!(b.kind, BlockKind::Table { .. })), "{name}: table");
        let judgment = brief.claims.iter().find(|c| c.kind == ClaimKind::Judgment).unwrap();
        assert_eq!(
            (judgment.likelihood(), judgment.confidence()),
            (Some(Likelihood::Unlikely), Some(Confidence::Moderate))
        );
        assert!(brief.claims.iter().any(|c| c.kind == ClaimKind::Assumption));
        assert!(brief.claims.iter().flat_map(|c| &c.citations).any(|c| c.excerpt.is_some()));
        assert!(brief.claims.iter().flat_map(|c| &c.citations).any(|c| c.credibility.is_some()));
        let ids: Vec<_> = brief.sections.iter().filter_map(|s| s.id.as_deref()).collect();
        assert_eq!(ids, ["key-judgments", "situation", "actors", "assessment", "outlook", "implications"], "{name}");
    }
    // The French quotation inside the Arabic brief runs left to right; the rest right to left.
    let ar = parse(&common::read("briefs/sample-ar.md"));
    let quote = ar.blocks.iter().find(|b| matches!(b.kind, BlockKind::Quote(_))).unwrap();
    assert_eq!(quote.direction, Direction::Ltr);
    let first_paragraph = ar.blocks.iter().find(|b| matches!(b.kind, BlockKind::Paragraph { .. })).unwrap();
    assert_eq!(first_paragraph.direction, Direction::Rtl);
}
