use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;

/// A language Mizan speaks: the brief's language and the interface's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// Arabic (Modern Standard), written right to left.
    Ar,
    /// French.
    Fr,
    /// English.
    En,
}

/// A language tag Mizan has no strings for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a supported language (expected ar, fr or en)")]
pub struct UnknownLang(pub String);

impl Lang {
    pub const ALL: [Lang; 3] = [Self::Ar, Self::Fr, Self::En];

    /// The BCP 47 primary subtag: `ar`, `fr`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Ar => "ar",
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Self::Ar
    }

    pub fn langid(self) -> LanguageIdentifier {
        // The three codes are valid subtags; the default (und) is unreachable.
        self.code().parse().unwrap_or_default()
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts a bare code or a fuller BCP 47 tag (`fr-FR`, `ar_MA`), any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Ok(Self::Ar),
            "fr" => Ok(Self::Fr),
            "en" => Ok(Self::En),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_refuses_others() {
        assert_eq!("fr-FR".parse::<Lang>(), Ok(Lang::Fr));
        assert_eq!(" AR_ma ".parse::<Lang>(), Ok(Lang::Ar));
        assert!("de".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
    }
}
