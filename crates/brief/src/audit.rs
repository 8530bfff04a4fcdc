//! The sourcing audit: is every fact cited, does every citation resolve, are judgments
//! stated the ICD 203 way? Pure: the library is reached through [`SourceCatalog`] and
//! today's date is passed in.
//!
//! Sources' age is judged as of today while the brief is a draft, and as of the brief's
//! date once it is final: an issued brief is read as of the day it went out, so it does
//! not collect notes about sources that aged after it.

use std::collections::{BTreeMap, HashMap};

use mizan_i18n::Arg;
use mizan_source::{PartialDate, Reliability, Source};
use uuid::Uuid;

use crate::diagnostic::{Code, Diagnostic, Sink, Span};
use crate::estimative::terms;
use crate::front_matter::Status;
use crate::model::{Brief, ClaimKind, SentenceRole};
use crate::template::Template;

/// What the audit needs to know about one source of the library.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogEntry {
    pub title: String,
    /// Deleted from the library (kept as a tombstone for sync).
    pub deleted: bool,
    pub reliability: Option<Reliability>,
    pub issued: Option<PartialDate>,
    pub excerpts: Vec<CatalogExcerpt>,
}

/// A stored excerpt a citation may point to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogExcerpt {
    pub id: Uuid,
    pub text: String,
    pub locator: Option<String>,
}

/// The library as the audit sees it.
pub trait SourceCatalog {
    /// The source with this citation key, deleted or not; `None` if there is none.
    fn lookup(&self, key: &str) -> Option<CatalogEntry>;
}

impl From<&Source> for CatalogEntry {
    fn from(source: &Source) -> Self {
        Self {
            title: source.title.clone(),
            deleted: false,
            reliability: source.reliability(),
            issued: source.issued,
            excerpts: source
                .excerpts
                .iter()
                .map(|e| CatalogExcerpt { id: e.id, text: e.text.clone(), locator: e.locator.clone() })
                .collect(),
        }
    }
}

impl SourceCatalog for [Source] {
    fn lookup(&self, key: &str) -> Option<CatalogEntry> {
        self.iter().find(|s| s.key.as_str() == key).map(CatalogEntry::from)
    }
}

impl SourceCatalog for HashMap<String, CatalogEntry> {
    fn lookup(&self, key: &str) -> Option<CatalogEntry> {
        self.get(key).cloned()
    }
}

impl SourceCatalog for BTreeMap<String, CatalogEntry> {
    fn lookup(&self, key: &str) -> Option<CatalogEntry> {
        self.get(key).cloned()
    }
}

/// The excerpt of `entry` that a citation's excerpt text designates: the first whose
/// text contains those words (compared case-, diacritic- and punctuation-blind).
pub fn resolve_excerpt<'a>(entry: &'a CatalogEntry, quoted: &str) -> Option<&'a CatalogExcerpt> {
    let wanted = terms(quoted);
    if wanted.words.is_empty() {
        return None;
    }
    entry.excerpts.iter().find(|e| terms(&e.text).words.contains(wanted.words.as_str()))
}

/// The audit's findings: the parser's diagnostics and the audit's own, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

/// Figures about the brief's sourcing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub facts: usize,
    pub judgments: usize,
    pub assumptions: usize,
    /// Sentences presumed factual (prose, list items, table rows, quotations).
    pub statements: usize,
    /// Of those, how many carry a citation.
    pub sourced_statements: usize,
    /// Claims with at least one citation.
    pub cited_claims: usize,
    /// Of those, how many rest on a single source.
    pub single_source_claims: usize,
    /// Distinct cited sources found in the library, by reliability (A–F, then ungraded).
    pub reliability: [usize; 7],
    /// Citations by information credibility (1–6, then not given).
    pub credibility: [usize; 7],
    /// Distinct cited keys, found or not.
    pub sources_cited: usize,
}

impl Stats {
    /// Share of statements that are sourced; `None` when there are none.
    pub fn share_sourced(&self) -> Option<f64> {
        ratio(self.sourced_statements, self.statements)
    }

    /// Share of cited claims resting on one source; `None` when there are none.
    pub fn share_single_source(&self) -> Option<f64> {
        ratio(self.single_source_claims, self.cited_claims)
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    // Counts in a brief are far below 2^52: the conversions are exact.
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Rules the audit applies, from the brief's template.
struct Rules<'t> {
    template: Option<&'t Template>,
}

impl Rules<'_> {
    fn requires_sourcing(&self, section_id: Option<&str>) -> bool {
        match (self.template, section_id) {
            (Some(t), Some(id)) => t.section(id).map_or(t.default_requires_sourcing, |s| s.requires_sourcing),
            (Some(t), None) => t.default_requires_sourcing,
            // No template: only sections every built-in template agrees require sourcing.
            (None, Some(id)) => {
                let defs: Vec<bool> =
                    Template::builtins().iter().filter_map(|t| t.section(id)).map(|s| s.requires_sourcing).collect();
                !defs.is_empty() && defs.iter().all(|r| *r)
            }
            (None, None) => false,
        }
    }
}

/// Audits a brief against the library, as of `today`.
pub fn audit(brief: &Brief, catalog: &dyn SourceCatalog, today: PartialDate) -> Audit {
    let mut sink = Sink::default();
    let template = match brief.front.template.as_deref() {
        Some(name) => {
            let found = Template::builtin(name);
            if found.is_none() {
                sink.push(Code::UnknownTemplate, Span::new(0, 0), vec![("template", Arg::from(name))]);
            }
            found
        }
        None => None,
    };
    let rules = Rules { template };
    let mut stats = Stats::default();
    let mut entries: HashMap<&str, Option<CatalogEntry>> = HashMap::new();
    let issued_at = match (brief.front.status, brief.front.date) {
        (Some(Status::Final), Some(date)) => Some(date.latest_day()),
        _ => None,
    };
    let as_of = issued_at.unwrap_or(today);

    // Citations: do they resolve, and how old are their sources?
    let mut stale_reported: HashMap<&str, ()> = HashMap::new();
    for group in &brief.citations {
        for item in &group.items {
            let key = item.key.as_str();
            let entry = entries.entry(key).or_insert_with(|| catalog.lookup(key));
            stats.credibility[item.credibility.map_or(6, |c| usize::from(c.number()) - 1)] += 1;
            let Some(entry) = entry else {
                sink.push(Code::UnknownCitationKey, group.span, vec![("key", Arg::from(key))]);
                continue;
            };
            if entry.deleted {
                sink.push(Code::DeletedSource, group.span, vec![("key", Arg::from(key))]);
                continue;
            }
            if let Some(quoted) = &item.excerpt
                && resolve_excerpt(entry, quoted).is_none()
            {
                sink.push(
                    Code::UnknownExcerpt,
                    group.span,
                    vec![("key", Arg::from(key)), ("excerpt", Arg::from(quoted.as_str()))],
                );
            }
            if let (Some(limit), Some(issued)) = (template.and_then(|t| t.freshness_days), entry.issued) {
                let age = days(as_of) - days(issued.latest_day());
                if age > i64::from(limit) && stale_reported.insert(key, ()).is_none() {
                    sink.push(
                        Code::StaleSource,
                        group.span,
                        vec![
                            ("key", Arg::from(key)),
                            ("issued", Arg::from(issued.to_string())),
                            ("days", Arg::Number(age as f64)),
                            ("limit", Arg::from(limit)),
                            // "today", or the final brief's date the age is counted to.
                            ("as-of", Arg::from(issued_at.map_or_else(|| "today".to_owned(), |d| d.to_string()))),
                        ],
                    );
                }
            }
        }
    }
    stats.sources_cited = entries.len();
    for entry in entries.values().flatten().filter(|e| !e.deleted) {
        stats.reliability[entry.reliability.map_or(6, |r| r as usize)] += 1;
    }

    // Claims: how well are they sourced, and are judgments qualified?
    for claim in &brief.claims {
        match claim.kind {
            ClaimKind::Fact => stats.facts += 1,
            ClaimKind::Judgment => stats.judgments += 1,
            ClaimKind::Assumption => stats.assumptions += 1,
        }
        if !claim.citations.is_empty() {
            stats.cited_claims += 1;
            let mut keys: Vec<&str> = claim.citations.iter().map(|c| c.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            if let [only] = keys.as_slice() {
                stats.single_source_claims += 1;
                sink.push(Code::SingleSource, claim.span, vec![("key", Arg::from(*only))]);
            }
            let weak = claim.citations.iter().all(|c| {
                let entry = entries.get(c.key.as_str()).and_then(Option::as_ref);
                c.credibility.is_some_and(|cr| cr.is_weak())
                    || entry.and_then(|e| e.reliability).is_some_and(Reliability::is_weak)
            });
            if weak {
                sink.push(Code::WeakSourcing, claim.span, Vec::new());
            }
        }
        if claim.kind == ClaimKind::Judgment {
            if claim.likelihood().is_none() && claim.confidence().is_none() {
                sink.push(Code::JudgmentUnqualified, claim.span, Vec::new());
            }
            let marker = claim.marker.as_ref();
            let lang = brief.lang;
            if let (Some(marked), Some(written)) = (marker.and_then(|m| m.likelihood), claim.written_likelihood)
                && marked != written
            {
                let args = vec![("marked", Arg::from(marked.term(lang))), ("written", Arg::from(written.term(lang)))];
                sink.push(Code::JudgmentQualifierMismatch, claim.span, args);
            }
            if let (Some(marked), Some(written)) = (marker.and_then(|m| m.confidence), claim.written_confidence)
                && marked != written
            {
                let args = vec![("marked", Arg::from(marked.term(lang))), ("written", Arg::from(written.term(lang)))];
                sink.push(Code::JudgmentQualifierMismatch, claim.span, args);
            }
        }
    }

    // Sentences: estimative language, and facts without sources.
    for sentence in &brief.sentences {
        let factual_role = matches!(sentence.role, SentenceRole::Statement | SentenceRole::Quotation);
        if factual_role {
            stats.statements += 1;
            if sentence.citations > 0 {
                stats.sourced_statements += 1;
            }
        }
        if sentence.role == SentenceRole::Quotation {
            // Quoted words are the source's; only their sourcing is ours to check.
            if sentence.citations == 0 && requires(&rules, brief, sentence.section) && looks_factual(&sentence.text) {
                unsourced(&mut sink, brief, sentence.section, sentence.span);
            }
            continue;
        }
        let terms = terms(&sentence.text);
        if let (Some(l), Some(c)) = (&terms.likelihood, &terms.confidence) {
            let term = |a: usize, b: usize| sentence.text.get(a..b).unwrap_or_default().to_owned();
            sink.push(
                Code::LikelihoodWithConfidence,
                sentence.span,
                vec![("likelihood", Arg::from(term(l.start, l.end))), ("confidence", Arg::from(term(c.start, c.end)))],
            );
        }
        if sentence.role != SentenceRole::Statement || sentence.citations > 0 {
            continue;
        }
        if let Some(l) = &terms.likelihood {
            let term = sentence.text.get(l.start..l.end).unwrap_or_default();
            sink.push(Code::UnmarkedJudgment, sentence.span, vec![("term", Arg::from(term))]);
        } else if requires(&rules, brief, sentence.section) && looks_factual(&sentence.text) {
            unsourced(&mut sink, brief, sentence.section, sentence.span);
        }
    }

    let mut diagnostics = brief.diagnostics.clone();
    let lines = &brief.lines;
    diagnostics.extend(sink.finish(brief.text(), lines));
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    Audit { diagnostics, stats }
}

fn requires(rules: &Rules<'_>, brief: &Brief, section: usize) -> bool {
    rules.requires_sourcing(brief.sections.get(section).and_then(|s| s.id.as_deref()))
}

fn unsourced(sink: &mut Sink, brief: &Brief, section: usize, span: Span) {
    let heading = brief.sections.get(section).map(|s| s.heading.clone()).unwrap_or_default();
    sink.push(Code::UnsourcedStatement, span, vec![("section", Arg::from(heading))]);
}

/// A sentence that states something: three words or more, not a question, not a lead-in
/// ending with a colon.
fn looks_factual(text: &str) -> bool {
    let trimmed = text.trim_end();
    terms(trimmed).word_count >= 3 && !trimmed.ends_with(['?', '؟', ':', '：'])
}

/// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm).
fn days(date: PartialDate) -> i64 {
    let (y, m, d) = (i64::from(date.year), i64::from(date.month.unwrap_or(1)), i64::from(date.day.unwrap_or(1)));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_days_between_dates() {
        let d = |s: &str| days(PartialDate::parse(s).unwrap());
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2025-11-20") - d("2025-01-01"), 323);
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2);
        assert_eq!(PartialDate::parse("2024-02").unwrap().latest_day().to_string(), "2024-02-29");
        assert_eq!(PartialDate::parse("2025").unwrap().latest_day().to_string(), "2025-12-31");
    }

    #[test]
    fn resolves_excerpts_by_their_words() {
        let entry = CatalogEntry {
            title: "t".into(),
            deleted: false,
            reliability: None,
            issued: None,
            excerpts: vec![CatalogExcerpt {
                id: Uuid::from_u128(7),
                text: "Les camions-citernes n'arrivent plus à Bamako.".into(),
                locator: None,
            }],
        };
        assert_eq!(resolve_excerpt(&entry, "camions citernes n'arrivent").map(|e| e.id), Some(Uuid::from_u128(7)));
        assert!(resolve_excerpt(&entry, "autre chose").is_none());
        assert!(resolve_excerpt(&entry, " ").is_none());
    }
}
