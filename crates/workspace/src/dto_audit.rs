//! The sourcing audit as it crosses the IPC (the editor's diagnostics and figures) and
//! comes out of `mizan check --json`: one shape for both, converted here from the brief
//! crate's plain types. Re-exported by [`crate::dto`].

use std::collections::BTreeMap;

use mizan_brief::{ClaimKind as BriefClaimKind, Severity as BriefSeverity};
use mizan_i18n::{Arg, Localizer};
use mizan_library::ClaimKind as LibraryClaimKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::Lang;

mirror! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
    #[serde(rename_all = "lowercase")]
    pub enum Severity mirrors BriefSeverity {
        Error,
        Warning,
        Info,
    }
}

/// A placeable of a diagnostic's message (a citation key, a number of days…).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum DiagnosticArg {
    Text(String),
    Number(f64),
}

/// One finding of the audit. `code` is stable (`unknown-citation-key`…), `message` is in
/// the language asked for and `args` holds its placeables by name. `line`/`column` are
/// 1-based (columns count characters); `from`/`to` are UTF-16 offsets in the text that was
/// analysed (CodeMirror's positions, JavaScript's string indices).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: String,
    pub line: u32,
    pub column: u32,
    pub from: u32,
    pub to: u32,
    pub message: String,
    pub args: BTreeMap<String, DiagnosticArg>,
}

impl Diagnostic {
    pub(crate) fn new(d: &mizan_brief::Diagnostic, offsets: &Utf16Index<'_>, messages: &Localizer) -> Self {
        let args = d
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => DiagnosticArg::Text(text.clone()),
                    Arg::Number(n) => DiagnosticArg::Number(*n),
                };
                ((*name).to_owned(), value)
            })
            .collect();
        Self {
            severity: d.severity.into(),
            code: d.code.as_str().to_owned(),
            line: d.line,
            column: d.column,
            from: offsets.at(d.span.start),
            to: offsets.at(d.span.end.max(d.span.start)),
            message: d.message(messages),
            args,
        }
    }
}

mirror! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
    #[serde(rename_all = "lowercase")]
    pub enum ClaimKind mirrors BriefClaimKind {
        Fact,
        Judgment,
        Assumption,
    }
}

mirror!(impl ClaimKind <=> LibraryClaimKind { Fact, Judgment, Assumption });

impl ClaimKind {
    /// `fact`, `judgment`, `assumption`.
    pub fn name(self) -> &'static str {
        LibraryClaimKind::from(self).name()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ClaimCounts {
    pub total: u32,
    pub fact: u32,
    pub judgment: u32,
    pub assumption: u32,
}

/// Distinct cited sources found in the library, by reliability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ReliabilityCounts {
    #[serde(rename = "A")]
    pub a: u32,
    #[serde(rename = "B")]
    pub b: u32,
    #[serde(rename = "C")]
    pub c: u32,
    #[serde(rename = "D")]
    pub d: u32,
    #[serde(rename = "E")]
    pub e: u32,
    #[serde(rename = "F")]
    pub f: u32,
    pub ungraded: u32,
}

impl ReliabilityCounts {
    /// (label, count) in scale order, `ungraded` last.
    pub fn entries(&self) -> [(&'static str, u32); 7] {
        [
            ("A", self.a),
            ("B", self.b),
            ("C", self.c),
            ("D", self.d),
            ("E", self.e),
            ("F", self.f),
            ("ungraded", self.ungraded),
        ]
    }
}

/// Citations by the credibility they give the information (1 confirmed … 6 cannot be
/// judged), and those that give none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CredibilityCounts {
    #[serde(rename = "1")]
    pub confirmed: u32,
    #[serde(rename = "2")]
    pub probably_true: u32,
    #[serde(rename = "3")]
    pub possibly_true: u32,
    #[serde(rename = "4")]
    pub doubtful: u32,
    #[serde(rename = "5")]
    pub improbable: u32,
    #[serde(rename = "6")]
    pub cannot_be_judged: u32,
    pub none: u32,
}

/// The audit's figures. Shares are 0–1, null when there is nothing to divide by.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub claims: ClaimCounts,
    pub statements: u32,
    pub sourced_statements: u32,
    pub share_sourced: Option<f64>,
    pub cited_claims: u32,
    pub single_source_claims: u32,
    pub share_single_source: Option<f64>,
    pub sources_cited: u32,
    pub reliability: ReliabilityCounts,
    pub credibility: CredibilityCounts,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<&mizan_brief::Stats> for Stats {
    fn from(s: &mizan_brief::Stats) -> Self {
        let [a, b, c, d, e, f, ungraded] = s.reliability.map(count);
        let [confirmed, probably_true, possibly_true, doubtful, improbable, cannot_be_judged, none] =
            s.credibility.map(count);
        Self {
            claims: ClaimCounts {
                total: count(s.facts + s.judgments + s.assumptions),
                fact: count(s.facts),
                judgment: count(s.judgments),
                assumption: count(s.assumptions),
            },
            statements: count(s.statements),
            sourced_statements: count(s.sourced_statements),
            share_sourced: s.share_sourced(),
            cited_claims: count(s.cited_claims),
            single_source_claims: count(s.single_source_claims),
            share_single_source: s.share_single_source(),
            sources_cited: count(s.sources_cited),
            reliability: ReliabilityCounts { a, b, c, d, e, f, ungraded },
            credibility: CredibilityCounts {
                confirmed,
                probably_true,
                possibly_true,
                doubtful,
                improbable,
                cannot_be_judged,
                none,
            },
        }
    }
}

/// What checking a brief file found: `mizan check`. Messages are in the brief's
/// language. `id` is the brief's (given by this check if it had none); `revision` the
/// revision stored, null when the text had not changed (or was not valid UTF-8, and so
/// was audited but neither rewritten nor recorded).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct CheckReport {
    pub path: String,
    pub id: Option<String>,
    pub revision: Option<u32>,
    pub lang: Lang,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// Byte offsets of a text as UTF-16 offsets (what JavaScript and CodeMirror count).
pub(crate) struct Utf16Index<'t> {
    text: &'t str,
    /// (byte offset, UTF-16 offset) every [`CHECKPOINT`] bytes or so.
    checkpoints: Vec<(usize, usize)>,
}

/// A lookup counts at most this many bytes: a brief has thousands of claim and
/// diagnostic positions to convert after every keystroke, and a table of one entry per
/// 128 bytes is small (a 72 KB brief: 9 KB).
const CHECKPOINT: usize = 128;

impl<'t> Utf16Index<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut units = 0;
        let mut next = CHECKPOINT;
        for (i, ch) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, units));
                next = i + CHECKPOINT;
            }
            units += ch.len_utf16();
        }
        Self { text, checkpoints }
    }

    pub(crate) fn at(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        let i = self.checkpoints.partition_point(|&(o, _)| o <= offset).saturating_sub(1);
        let (base, units) = self.checkpoints.get(i).copied().unwrap_or((0, 0));
        let between = self.text.get(base..offset).map_or(offset - base, |s| s.chars().map(char::len_utf16).sum());
        u32::try_from(units + between).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let text = "a😀b";
        let index = Utf16Index::new(text);
        assert_eq!(index.at(0), 0);
        assert_eq!(index.at(1), 1);
        assert_eq!(index.at(5), 3);
        assert_eq!(index.at(6), 4);
        assert_eq!(index.at(100), 4, "past the end clamps");
        let long: String = "بماكو ".repeat(2000) + "😀x";
        let index = Utf16Index::new(&long);
        let end = long.len();
        assert_eq!(index.at(end) as usize, long.encode_utf16().count());
        assert_eq!(index.at(end - 1) as usize, long.encode_utf16().count() - 1);
    }

    #[test]
    fn stats_keep_the_scale_order() {
        let stats = mizan_brief::Stats {
            reliability: [1, 2, 3, 4, 5, 6, 7],
            credibility: [10, 20, 30, 40, 50, 60, 70],
            ..Default::default()
        };
        let json = serde_json::to_value(Stats::from(&stats)).expect("serialises");
        assert_eq!(
            json["reliability"],
            serde_json::json!({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "ungraded": 7})
        );
        assert_eq!(
            json["credibility"],
            serde_json::json!({"1": 10, "2": 20, "3": 30, "4": 40, "5": 50, "6": 60, "none": 70})
        );
        assert_eq!(json["shareSourced"], serde_json::Value::Null);
        let entries = Stats::from(&stats).reliability.entries();
        assert_eq!(entries[0], ("A", 1));
        assert_eq!(entries[6], ("ungraded", 7));
    }
}
