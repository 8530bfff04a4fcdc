//! The words the PDF prints that the analyst did not write: dates, page numbers, grade
//! names, labels. All come from `locales/<lang>/{common,pdf}.ftl` through mizan-i18n.

use mizan_brief::{Confidence, Likelihood};
use mizan_i18n::{Arg, Lang, Localizer};
use mizan_layout::{DigitSet, format_number, shape_digits};
use mizan_source::{Credibility, PartialDate, Reliability, SourceType};

/// Localised strings in the brief's language, with its digit choice for the numbers we
/// generate (page and note numbers, dates). DigitSet the analyst typed are never touched.
#[derive(Debug)]
pub(crate) struct Labels {
    l10n: Localizer,
    pub(crate) digits: DigitSet,
}

impl Labels {
    pub(crate) fn new(lang: Lang, digits: DigitSet) -> Self {
        // Plain: the layout engine runs its own bidi over the text, and Fluent's isolation
        // marks would only add invisible characters to the PDF's text layer.
        Self { l10n: Localizer::plain(lang), digits }
    }

    pub(crate) fn get(&self, id: &str) -> String {
        self.l10n.message(id, &[])
    }

    pub(crate) fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.l10n.message(id, args)
    }

    pub(crate) fn number(&self, n: usize) -> String {
        format_number(n as u64, self.digits)
    }

    /// "20 novembre 2025", "18 نوفمبر 2025", "2025".
    pub(crate) fn date(&self, date: PartialDate) -> String {
        let year = shape_digits(&date.year.to_string(), self.digits);
        let Some(month) = date.month.filter(|m| (1..=12).contains(m)) else { return year };
        let month_name = self.get(&format!("pdf-month-{month}"));
        match date.day.filter(|d| (1..=31).contains(d)) {
            Some(day) => self.with(
                "pdf-date-day",
                &[
                    ("day", Arg::from(self.number(usize::from(day)))),
                    ("month", Arg::from(month_name)),
                    ("year", Arg::from(year)),
                ],
            ),
            None => self.with("pdf-date-month", &[("month", Arg::from(month_name)), ("year", Arg::from(year))]),
        }
    }

    /// "Page 3 sur 8".
    pub(crate) fn page(&self, number: usize, total: usize) -> String {
        self.with("pdf-page", &[("number", Arg::from(self.number(number))), ("total", Arg::from(self.number(total)))])
    }

    /// "probable (55–80 %)".
    pub(crate) fn likelihood(&self, likelihood: Likelihood) -> String {
        let id = format!("likelihood-{}", likelihood.id());
        let term = self.get(&id);
        let range = self.l10n.attribute(&id, "range", &[]).unwrap_or_default();
        self.with(
            "pdf-likelihood",
            &[("term", Arg::from(term)), ("range", Arg::from(shape_digits(&range, self.digits)))],
        )
    }

    /// "confiance modérée".
    pub(crate) fn confidence(&self, confidence: Confidence) -> String {
        self.get(&format!("confidence-{}", confidence.id()))
    }

    /// "habituellement fiable".
    pub(crate) fn reliability(&self, grade: Reliability) -> String {
        self.get(&format!("reliability-{}", grade.letter().to_ascii_lowercase()))
    }

    /// "probablement vraie".
    pub(crate) fn credibility(&self, grade: Credibility) -> String {
        self.get(&format!("credibility-{}", grade.number()))
    }

    pub(crate) fn source_type(&self, kind: SourceType) -> String {
        self.get(&format!("pdf-source-type-{}", kind.name()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn dates_in_the_brief_language() {
        let fr = Labels::new(Lang::Fr, DigitSet::Western);
        assert_eq!(fr.date(date("2025-11-20")), "20 novembre 2025");
        assert_eq!(fr.date(date("2025-09")), "septembre 2025");
        assert_eq!(fr.date(date("2025")), "2025");
        let ar = Labels::new(Lang::Ar, DigitSet::Western);
        assert_eq!(ar.date(date("2025-11-18")), "18 نوفمبر 2025");
        let ar = Labels::new(Lang::Ar, DigitSet::ArabicIndic);
        assert_eq!(ar.date(date("2025-11-18")), "١٨ نوفمبر ٢٠٢٥");
    }

    #[test]
    fn pages_grades_and_estimates() {
        let ar = Labels::new(Lang::Ar, DigitSet::ArabicIndic);
        assert_eq!(ar.page(3, 8), "الصفحة ٣ من ٨");
        assert_eq!(ar.reliability(Reliability::B), "موثوق عادةً");
        let fr = Labels::new(Lang::Fr, DigitSet::Western);
        assert_eq!(fr.likelihood(Likelihood::Likely), "probable (55–80 %)");
        assert_eq!(fr.confidence(Confidence::Moderate), "confiance modérée");
        assert_eq!(fr.credibility(Credibility::ProbablyTrue), "probablement vraie");
        assert_eq!(fr.source_type(SourceType::NewsArticle), "article de presse");
    }

    #[test]
    fn every_source_type_has_a_name_in_every_language() {
        for lang in Lang::ALL {
            let labels = Labels::new(lang, DigitSet::Western);
            for kind in SourceType::ALL {
                let name = labels.source_type(kind);
                assert!(!name.starts_with("pdf-"), "{lang}: {name}");
            }
        }
    }
}
