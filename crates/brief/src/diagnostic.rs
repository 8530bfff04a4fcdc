use mizan_i18n::{Arg, Localizer};

/// How much a diagnostic matters. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing (a single-source claim, an old source).
    Info,
    /// Probably a mistake in the brief or its sourcing.
    Warning,
    /// The brief cites something that does not exist, or could not be read as written.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A diagnostic's stable code. The UI and the CLI match on it, never on message text;
/// the Fluent message id is `brief-<code>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The bytes were not UTF-8 and were decoded lossily.
    InvalidUtf8,
    /// The brief is far larger than any real brief.
    InputTooLarge,
    /// Containers nested beyond the depth we keep.
    NestingTooDeep,
    /// No front matter block at the top of the file.
    FrontMatterMissing,
    /// A front matter block that never closes.
    FrontMatterUnclosed,
    /// Front matter that is not a YAML mapping.
    FrontMatterInvalid,
    /// A front matter field Mizan does not know.
    FrontMatterUnknownField,
    /// A known front matter field with a value of the wrong form.
    FrontMatterBadValue,
    /// A front matter field a brief needs (`title`, `lang`).
    FrontMatterMissingField,
    /// `[@…` without a closing bracket.
    CitationUnclosed,
    /// `@` followed by something that is not a citation key.
    CitationBadKey,
    /// A credibility that is not 1–6.
    CitationBadCredibility,
    /// A judgment qualifier that is neither a likelihood nor a confidence.
    MarkerUnknownQualifier,
    /// Two likelihoods or two confidences on one judgment.
    MarkerDuplicateQualifier,
    /// The front matter names a template that does not exist.
    UnknownTemplate,
    /// A citation key with no source in the library.
    UnknownCitationKey,
    /// A citation of a source deleted from the library.
    DeletedSource,
    /// A cited excerpt the source does not have.
    UnknownExcerpt,
    /// A factual sentence without citation where the section requires sourcing.
    UnsourcedStatement,
    /// A claim resting on one source.
    SingleSource,
    /// A claim resting only on weak sources or information.
    WeakSourcing,
    /// Likelihood and confidence in one sentence (ICD 203).
    LikelihoodWithConfidence,
    /// A judgment with neither likelihood nor confidence.
    JudgmentUnqualified,
    /// A judgment whose marker and text give different likelihoods or confidences.
    JudgmentQualifierMismatch,
    /// Estimative language in a sentence not marked as a judgment.
    UnmarkedJudgment,
    /// A source older than the template's freshness limit.
    StaleSource,
}

impl Code {
    pub const ALL: [Code; 26] = [
        Self::InvalidUtf8,
        Self::InputTooLarge,
        Self::NestingTooDeep,
        Self::FrontMatterMissing,
        Self::FrontMatterUnclosed,
        Self::FrontMatterInvalid,
        Self::FrontMatterUnknownField,
        Self::FrontMatterBadValue,
        Self::FrontMatterMissingField,
        Self::CitationUnclosed,
        Self::CitationBadKey,
        Self::CitationBadCredibility,
        Self::MarkerUnknownQualifier,
        Self::MarkerDuplicateQualifier,
        Self::UnknownTemplate,
        Self::UnknownCitationKey,
        Self::DeletedSource,
        Self::UnknownExcerpt,
        Self::UnsourcedStatement,
        Self::SingleSource,
        Self::WeakSourcing,
        Self::LikelihoodWithConfidence,
        Self::JudgmentUnqualified,
        Self::JudgmentQualifierMismatch,
        Self::UnmarkedJudgment,
        Self::StaleSource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidUtf8 => "invalid-utf8",
            Self::InputTooLarge => "input-too-large",
            Self::NestingTooDeep => "nesting-too-deep",
            Self::FrontMatterMissing => "front-matter-missing",
            Self::FrontMatterUnclosed => "front-matter-unclosed",
            Self::FrontMatterInvalid => "front-matter-invalid",
            Self::FrontMatterUnknownField => "front-matter-unknown-field",
            Self::FrontMatterBadValue => "front-matter-bad-value",
            Self::FrontMatterMissingField => "front-matter-missing-field",
            Self::CitationUnclosed => "citation-unclosed",
            Self::CitationBadKey => "citation-bad-key",
            Self::CitationBadCredibility => "citation-bad-credibility",
            Self::MarkerUnknownQualifier => "marker-unknown-qualifier",
            Self::MarkerDuplicateQualifier => "marker-duplicate-qualifier",
            Self::UnknownTemplate => "unknown-template",
            Self::UnknownCitationKey => "unknown-citation-key",
            Self::DeletedSource => "deleted-source",
            Self::UnknownExcerpt => "unknown-excerpt",
            Self::UnsourcedStatement => "unsourced-statement",
            Self::SingleSource => "single-source",
            Self::WeakSourcing => "weak-sourcing",
            Self::LikelihoodWithConfidence => "likelihood-with-confidence",
            Self::JudgmentUnqualified => "judgment-unqualified",
            Self::JudgmentQualifierMismatch => "judgment-qualifier-mismatch",
            Self::UnmarkedJudgment => "unmarked-judgment",
            Self::StaleSource => "stale-source",
        }
    }

    /// Every code has one severity, so a code alone tells the UI how to show it.
    pub fn severity(self) -> Severity {
        match self {
            Self::InvalidUtf8
            | Self::FrontMatterUnclosed
            | Self::FrontMatterInvalid
            | Self::FrontMatterBadValue
            | Self::CitationBadKey
            | Self::UnknownCitationKey
            | Self::DeletedSource => Severity::Error,
            Self::InputTooLarge
            | Self::NestingTooDeep
            | Self::FrontMatterMissing
            | Self::FrontMatterUnknownField
            | Self::FrontMatterMissingField
            | Self::CitationUnclosed
            | Self::CitationBadCredibility
            | Self::MarkerUnknownQualifier
            | Self::MarkerDuplicateQualifier
            | Self::UnknownTemplate
            | Self::UnknownExcerpt
            | Self::UnsourcedStatement
            | Self::WeakSourcing
            | Self::LikelihoodWithConfidence
            | Self::JudgmentUnqualified
            | Self::JudgmentQualifierMismatch => Severity::Warning,
            Self::SingleSource | Self::UnmarkedJudgment | Self::StaleSource => Severity::Info,
        }
    }

    /// The Fluent message id: `brief-<code>`.
    pub fn message_id(self) -> String {
        format!("brief-{}", self.as_str())
    }
}

/// A byte range in the brief's (decoded) text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end: end.max(start) }
    }
}

/// Something the parser or the audit has to say about a place in the brief.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: u32,
    /// 1-based column of `span.start`, counted in Unicode scalar values.
    pub column: u32,
    /// The message's placeables, by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Diagnostic {
    /// The message in the localizer's language.
    pub fn message(&self, localizer: &Localizer) -> String {
        localizer.message(&self.code.message_id(), &self.args)
    }
}

/// Maps byte offsets to 1-based lines and columns.
///
/// Columns count characters, so counting from the line start would make every lookup
/// cost the line's length (a 5 MB one-line brief with 100,000 diagnostics would take
/// minutes). Checkpoints every [`CHECKPOINT`] bytes bound the counting.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset on a char boundary, characters before it), ascending.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        let mut checkpoints = vec![(0, 0)];
        let mut next = CHECKPOINT;
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= next {
                checkpoints.push((i, chars));
                next = i + CHECKPOINT;
            }
        }
        Self { starts, checkpoints }
    }

    /// 1-based line of byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> u32 {
        to_u32(self.starts.partition_point(|&s| s <= offset).max(1))
    }

    /// Characters before byte `offset` (a char boundary) in the whole text.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let at = self.checkpoints.partition_point(|&(o, _)| o <= offset).saturating_sub(1);
        let (base, count) = self.checkpoints.get(at).copied().unwrap_or((0, 0));
        count + text.get(base..offset).map_or(offset - base, |between| between.chars().count())
    }

    /// Byte offset where the line holding byte `offset` starts.
    pub(crate) fn line_start(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        self.starts.get(line).copied().unwrap_or(0)
    }

    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let start = self.line_start(offset);
        let column = if text.is_char_boundary(offset) {
            self.chars_before(text, offset) - self.chars_before(text, start)
        } else {
            // Offsets always fall on char boundaries; if one did not, count bytes.
            offset - start
        };
        (self.line_of(offset), to_u32(column + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Collects diagnostics while parsing or auditing, placing them once at the end.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub(crate) items: Vec<Diagnostic>,
}

impl Sink {
    pub(crate) fn push(&mut self, code: Code, span: Span, args: Vec<(&'static str, Arg)>) {
        self.items.push(Diagnostic { code, severity: code.severity(), span, line: 0, column: 0, args });
    }

    /// Fills line and column, and orders by position then code.
    pub(crate) fn finish(mut self, text: &str, index: &LineIndex) -> Vec<Diagnostic> {
        for d in &mut self.items {
            let (line, column) = index.line_col(text, d.span.start);
            d.line = line;
            d.column = column;
        }
        self.items.sort_by_key(|d| (d.span.start, d.code));
        self.items
    }
}

#[cfg(test)]
mod tests {
    use mizan_i18n::Lang;

    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for lang in Lang::ALL {
            let localizer = Localizer::plain(lang);
            for code in Code::ALL {
                assert!(localizer.has_own(&code.message_id()), "{lang}: {}", code.as_str());
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "سطر\nأب [@x]";
        let index = LineIndex::new(text);
        let offset = text.find('[').unwrap();
        assert_eq!(index.line_col(text, offset), (2, 4));
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, text.len() + 10), (2, 8));
    }

    #[test]
    fn columns_are_right_far_into_long_lines() {
        let text = format!("ligne\n{}x", "é ب ".repeat(3000));
        let index = LineIndex::new(&text);
        let offset = text.len() - 1;
        assert_eq!(index.line_col(&text, offset), (2, 4 * 3000 + 1));
        for probe in [7, 1500, 4097, 9000] {
            let probe = (probe..).find(|o| text.is_char_boundary(*o)).unwrap();
            let expected = text[6..probe].chars().count() + 1;
            assert_eq!(index.line_col(&text, probe), (2, expected as u32), "{probe}");
        }
    }
}
