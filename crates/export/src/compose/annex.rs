//! The sources annex, after the notes on a page of its own: each cited source with its CSL
//! entry and a descriptor line (Admiralty reliability, type, date of information, access, the
//! notes that cite it), in bibliography order, then the cited keys that have no entry.

use std::collections::HashMap;

use mizan_i18n::Arg;
use mizan_layout::SpanStyle;

use super::Composer;
use super::inlines::{LRI, PDI, Run, bold, regular};
use crate::csl::Styled;
use crate::{ExportError, SourceLookup};

impl Composer<'_> {
    /// The sources annex: each cited source with its CSL entry, type, reliability, date of
    /// information, access and the notes that cite it.
    pub(super) fn annex(
        &mut self,
        sources: &dyn SourceLookup,
        bibliography: &[(String, Vec<Styled>)],
    ) -> Result<(), ExportError> {
        if self.cited.is_empty() {
            return Ok(());
        }
        let title = self.labels.get("pdf-annex-title");
        self.section_heading(&title, true)?;
        let size = self.note_size() * 1.05;
        let intro = self.labels.get("pdf-annex-intro");
        let mut setting = self.small_setting(0.0);
        setting.color = self.style.colors.muted;
        let pieces = self.set(vec![Run::new(intro, SpanStyle { italic: true, ..regular(size) })], &setting)?;
        self.pieces.extend(pieces);
        let mut order: Vec<String> =
            bibliography.iter().map(|(k, _)| k.clone()).filter(|k| self.cited.contains_key(k)).collect();
        for key in &self.cited_order {
            if !order.contains(key) {
                order.push(key.clone());
            }
        }
        let entries: HashMap<&str, &Vec<Styled>> = bibliography.iter().map(|(k, v)| (k.as_str(), v)).collect();
        let sep = if self.rtl { "، " } else { ", " };
        for key in order {
            let source = sources.source(&key);
            let notes = self.cited.get(&key).cloned().unwrap_or_default();
            // Entries come isolated in their own direction (csl.rs).
            let mut runs = Vec::new();
            match entries.get(key.as_str()) {
                Some(entry) => {
                    runs.extend(entry.iter().map(|piece| Run::styled(piece, size)));
                }
                None => runs.push(Run::new(
                    format!("{key} — {}", self.labels.get("pdf-annex-missing")),
                    SpanStyle { italic: true, ..regular(size) },
                )),
            }
            let setting = self.small_setting(self.style.spacing.paragraph * 1.2);
            let mut pieces = self.set(runs, &setting)?;
            // The descriptor line under the entry, in the brief's language.
            let mut parts: Vec<Run> = Vec::new();
            let muted = regular(size * 0.95);
            let strong = bold(size * 0.95);
            if let Some(source) = &source {
                match source.reliability() {
                    Some(grade) => {
                        let text = self.labels.with(
                            "pdf-annex-reliability",
                            &[
                                ("grade", Arg::from(grade.letter().to_string())),
                                ("meaning", Arg::from(self.labels.reliability(grade))),
                            ],
                        );
                        parts.push(Run::new(text, strong));
                    }
                    None => parts.push(Run::new(self.labels.get("pdf-annex-ungraded"), strong)),
                }
                parts.push(Run::new(
                    format!(
                        " · {}",
                        self.labels
                            .with("pdf-annex-type", &[("type", Arg::from(self.labels.source_type(source.kind)))])
                    ),
                    muted,
                ));
                if let Some(issued) = source.issued {
                    let text = self
                        .labels
                        .with("pdf-annex-information-date", &[("date", Arg::from(self.labels.date(issued)))]);
                    parts.push(Run::new(format!(" · {text}"), muted));
                }
                let access = source.url.clone().or_else(|| source.doi.as_ref().map(|d| format!("doi:{d}")));
                if let Some(access) = access {
                    let mut text = self.labels.with("pdf-annex-access", &[("access", Arg::from(String::new()))]);
                    text = format!(" · {}", text.trim_end());
                    parts.push(Run::new(format!("{text} "), muted));
                    let mut url = Run::new(format!("{LRI}{access}{PDI}"), muted);
                    url.verbatim = true;
                    parts.push(url);
                    if let Some(accessed) = source.accessed {
                        parts.push(Run::new(
                            format!(
                                "{sep}{}",
                                self.labels
                                    .with("pdf-annex-accessed", &[("date", Arg::from(self.labels.date(accessed)))])
                            ),
                            muted,
                        ));
                    }
                }
            }
            if !notes.is_empty() {
                let list: Vec<String> = notes.iter().map(|n| self.labels.number(*n)).collect();
                parts.push(Run::new(
                    format!(" · {}", self.labels.with("pdf-annex-notes", &[("notes", Arg::from(list.join(sep)))])),
                    muted,
                ));
            }
            let first = parts.first_mut();
            if let Some(first) = first {
                first.text = first.text.trim_start_matches(" · ").to_owned();
            }
            let mut setting = self.small_setting(1.0);
            setting.color = self.style.colors.muted;
            let start = if self.rtl { self.frame.left } else { self.frame.left + 12.0 };
            setting.left = start;
            setting.measure = self.frame.measure - 12.0;
            let descriptor = self.set(parts, &setting)?;
            for piece in &mut pieces {
                piece.break_after = false;
            }
            pieces.extend(descriptor);
            self.pieces.extend(pieces);
        }
        Ok(())
    }
}
