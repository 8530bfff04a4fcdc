use std::fmt;
use std::str::FromStr;

/// What kind of thing a source is. The names (`news-article`, `web-page`, …) are what the
/// CLI takes, the library stores and the UI shows through Fluent (`source-type-<name>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum SourceType {
    /// A journal or magazine article.
    Article,
    /// A newspaper or news-agency article.
    NewsArticle,
    /// A report by an organisation (think tank, NGO, UN agency, ministry).
    Report,
    /// A web page that is none of the above.
    WebPage,
    /// A data set (ACLED export, survey data).
    Dataset,
    /// A book.
    Book,
    /// A chapter of a book.
    Chapter,
    /// A communiqué, speech transcript or statement by an official body.
    OfficialStatement,
    /// An interview the analyst or a third party conducted.
    Interview,
    /// A post on a social network (X, Telegram, Facebook).
    SocialMediaPost,
    /// A thesis or dissertation.
    Thesis,
    /// A law, decree, treaty or court decision.
    Legal,
    /// A broadcast or video.
    Broadcast,
    /// Anything else.
    #[default]
    Other,
}

/// A type name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a source type (expected one of: {list})", list = SourceType::names().join(", "))]
pub struct UnknownSourceType(pub String);

impl SourceType {
    pub const ALL: [SourceType; 14] = [
        Self::Article,
        Self::NewsArticle,
        Self::Report,
        Self::WebPage,
        Self::Dataset,
        Self::Book,
        Self::Chapter,
        Self::OfficialStatement,
        Self::Interview,
        Self::SocialMediaPost,
        Self::Thesis,
        Self::Legal,
        Self::Broadcast,
        Self::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::NewsArticle => "news-article",
            Self::Report => "report",
            Self::WebPage => "web-page",
            Self::Dataset => "dataset",
            Self::Book => "book",
            Self::Chapter => "chapter",
            Self::OfficialStatement => "official-statement",
            Self::Interview => "interview",
            Self::SocialMediaPost => "social-media-post",
            Self::Thesis => "thesis",
            Self::Legal => "legal",
            Self::Broadcast => "broadcast",
            Self::Other => "other",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|t| t.name()).collect()
    }
}

impl FromStr for SourceType {
    type Err = UnknownSourceType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Self::ALL.into_iter().find(|t| t.name() == wanted).ok_or_else(|| UnknownSourceType(s.to_owned()))
    }
}

impl fmt::Display for SourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in SourceType::ALL {
            assert_eq!(t.name().parse::<SourceType>(), Ok(t));
        }
        assert_eq!("Web page".parse::<SourceType>(), Ok(SourceType::WebPage));
        let err = "blog".parse::<SourceType>().unwrap_err().to_string();
        assert!(err.contains("news-article"), "{err}");
    }
}
