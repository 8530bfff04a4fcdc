//! The serialisable audit report: `{"diagnostics": [...], "stats": {...}}`. These DTOs
//! are the boundary with the CLI and the app; the model types stay unserialisable.

use std::collections::BTreeMap;

use mizan_i18n::{Arg, Localizer};
use serde::Serialize;

use crate::audit::{Audit, Stats};
use crate::diagnostic::Diagnostic;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportDto {
    pub diagnostics: Vec<DiagnosticDto>,
    pub stats: StatsDto,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiagnosticDto {
    pub severity: &'static str,
    pub code: &'static str,
    pub line: u32,
    pub column: u32,
    /// Byte range in the brief's text.
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub args: BTreeMap<&'static str, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatsDto {
    pub claims: ClaimCountsDto,
    pub statements: usize,
    pub sourced_statements: usize,
    /// 0–1, `null` when the brief states nothing.
    pub share_sourced: Option<f64>,
    pub cited_claims: usize,
    pub single_source_claims: usize,
    pub share_single_source: Option<f64>,
    pub sources_cited: usize,
    /// Distinct cited sources by reliability: `A`…`F`, `ungraded`.
    pub reliability: BTreeMap<&'static str, usize>,
    /// Citations by credibility: `1`…`6`, `none`.
    pub credibility: BTreeMap<&'static str, usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimCountsDto {
    pub total: usize,
    pub fact: usize,
    pub judgment: usize,
    pub assumption: usize,
}

impl DiagnosticDto {
    pub fn new(diagnostic: &Diagnostic, localizer: &Localizer) -> Self {
        let args = diagnostic
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => serde_json::Value::from(text.as_str()),
                    Arg::Number(n) => {
                        serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, serde_json::Value::Number)
                    }
                };
                (*name, value)
            })
            .collect();
        Self {
            severity: diagnostic.severity.as_str(),
            code: diagnostic.code.as_str(),
            line: diagnostic.line,
            column: diagnostic.column,
            start: diagnostic.span.start,
            end: diagnostic.span.end,
            message: diagnostic.message(localizer),
            args,
        }
    }
}

impl From<&Stats> for StatsDto {
    fn from(stats: &Stats) -> Self {
        const GRADES: [&str; 7] = ["A", "B", "C", "D", "E", "F", "ungraded"];
        const CREDIBILITY: [&str; 7] = ["1", "2", "3", "4", "5", "6", "none"];
        Self {
            claims: ClaimCountsDto {
                total: stats.facts + stats.judgments + stats.assumptions,
                fact: stats.facts,
                judgment: stats.judgments,
                assumption: stats.assumptions,
            },
            statements: stats.statements,
            sourced_statements: stats.sourced_statements,
            share_sourced: stats.share_sourced(),
            cited_claims: stats.cited_claims,
            single_source_claims: stats.single_source_claims,
            share_single_source: stats.share_single_source(),
            sources_cited: stats.sources_cited,
            reliability: GRADES.into_iter().zip(stats.reliability).collect(),
            credibility: CREDIBILITY.into_iter().zip(stats.credibility).collect(),
        }
    }
}

impl Audit {
    /// The report with messages in the localizer's language (use the brief's language,
    /// and [`Localizer::plain`] for terminals).
    pub fn report(&self, localizer: &Localizer) -> ReportDto {
        ReportDto {
            diagnostics: self.diagnostics.iter().map(|d| DiagnosticDto::new(d, localizer)).collect(),
            stats: StatsDto::from(&self.stats),
        }
    }

    /// The report as pretty JSON.
    pub fn to_json(&self, localizer: &Localizer) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(&self.report(localizer)).unwrap_or_default()
    }
}
