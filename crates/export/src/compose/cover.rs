//! The cover block at the head of the first page: unit, title, subtitle, then date and
//! authors, kept together and closed by a rule.

use mizan_brief::Span;
use mizan_layout::Align;
use mizan_pdf::PageItem;

use super::Composer;
use super::inlines::{Run, bold, layout_lang, regular};
use super::lines::Setting;
use crate::ExportError;

impl Composer<'_> {
    /// Unit, title, subtitle, date and authors at the head of the first page.
    pub(super) fn cover(&mut self) -> Result<(), ExportError> {
        let front = &self.brief.front;
        let dir = self.dir();
        let lang = layout_lang(self.lang);
        let f = &self.style.fonts;
        let scale = if self.rtl { 1.2 } else { 1.0 };
        let colors = self.style.colors.clone();
        let base = Setting {
            left: self.frame.left,
            measure: self.frame.measure,
            direction: dir,
            lang,
            align: Align::Start,
            color: colors.accent,
            bar: None,
            space_before: 0.0,
            keep_with_next: true,
            origin: Span::new(0, 0),
        };
        let mut pieces = Vec::new();
        if let Some(unit) = front.unit.as_deref().filter(|u| !u.trim().is_empty()) {
            let text = if self.rtl { unit.to_owned() } else { unit.to_uppercase() };
            pieces.extend(self.set(
                vec![Run::new(text, bold(f.label_size * scale * 1.1))],
                &Setting { color: colors.muted, ..base.clone() },
            )?);
        }
        if let Some(title) = front.title.as_deref().filter(|t| !t.trim().is_empty()) {
            pieces.extend(self.set(
                vec![Run::new(title, bold(f.title_size * scale))],
                &Setting { space_before: 4.0, ..base.clone() },
            )?);
        }
        if let Some(subtitle) = front.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
            pieces.extend(self.set(
                vec![Run::new(subtitle, regular(f.subtitle_size * scale))],
                &Setting { space_before: 2.0, color: colors.muted, ..base.clone() },
            )?);
        }
        let mut byline = Vec::new();
        if let Some(date) = front.date {
            byline.push(self.labels.date(date));
        }
        if !front.authors.is_empty() {
            byline.push(front.authors.join(&self.labels.get("pdf-authors-separator")));
        }
        if !byline.is_empty() {
            pieces.extend(self.set(
                vec![Run::new(byline.join(" · "), regular(f.body_size * scale * 0.95))],
                &Setting { space_before: 6.0, color: colors.text, ..base.clone() },
            )?);
        }
        if let Some(last) = pieces.last_mut() {
            let y = last.height + 6.0;
            last.items.push(PageItem::Rule {
                from: (self.frame.left, y),
                to: (self.frame.left + self.frame.measure, y),
                thickness: 1.6,
                color: colors.accent,
            });
            last.height += 12.0;
            last.break_after = true;
        }
        for piece in pieces.iter_mut().rev().skip(1) {
            piece.break_after = false;
        }
        self.pieces.extend(pieces);
        Ok(())
    }
}
