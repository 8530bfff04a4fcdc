use std::fmt;

/// The human citation key a brief cites a source by (`[@lemonde-jnim-2025]`).
///
/// Keys follow the Pandoc citation-key rules so any key we accept can be written in a
/// brief: it starts with a letter, digit or `_`, and continues with letters, digits and
/// the internal punctuation `:.#$%&-+?<>~/_`. Letters may be any script (Arabic keys work).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CitationKey(String);

/// Why a string is not a citation key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CitationKeyError {
    /// The key is empty.
    #[error("citation key is empty")]
    Empty,
    /// The key contains a character that a Pandoc citation cannot carry.
    #[error("citation key {key:?} contains {ch:?}, which a citation [@key] cannot carry")]
    BadCharacter { key: String, ch: char },
    /// The key is longer than 200 characters.
    #[error("citation key is longer than 200 characters")]
    TooLong,
}

impl CitationKey {
    /// Checks and wraps a key.
    pub fn parse(key: &str) -> Result<Self, CitationKeyError> {
        let key = key.trim();
        let mut chars = key.chars();
        let first = chars.next().ok_or(CitationKeyError::Empty)?;
        if key.chars().count() > 200 {
            return Err(CitationKeyError::TooLong);
        }
        if !(first.is_alphanumeric() || first == '_') {
            return Err(CitationKeyError::BadCharacter { key: key.to_owned(), ch: first });
        }
        for ch in chars {
            if !(ch.is_alphanumeric() || ":.#$%&-+?<>~/_".contains(ch)) {
                return Err(CitationKeyError::BadCharacter { key: key.to_owned(), ch });
            }
        }
        Ok(Self(key.to_owned()))
    }

    /// Makes a key out of arbitrary text (a title, an imported id), replacing what a key
    /// cannot carry with `-`. Never fails: an empty result becomes `source`.
    pub fn sanitize(text: &str) -> Self {
        let mut out = String::new();
        for ch in text.trim().chars() {
            let ok = ch.is_alphanumeric() || ":.#$%&-+?<>~/_".contains(ch);
            if ok {
                out.push(ch);
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut out = out.trim_matches('-').to_owned();
        if !out.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            out.insert_str(0, "source");
        }
        // Cut after the prefix, which would otherwise take a 200-character key past the limit.
        Self(out.chars().take(200).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CitationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_pandoc_keys_in_any_script() {
        assert!(CitationKey::parse("lemonde-jnim-2025").is_ok());
        assert!(CitationKey::parse("_x:1.2/3").is_ok());
        assert!(CitationKey::parse("الجزيرة-2025").is_ok());
    }

    #[test]
    fn refuses_what_a_citation_cannot_carry() {
        assert_eq!(CitationKey::parse("  "), Err(CitationKeyError::Empty));
        assert!(matches!(CitationKey::parse("a b"), Err(CitationKeyError::BadCharacter { ch: ' ', .. })));
        assert!(matches!(CitationKey::parse("-a"), Err(CitationKeyError::BadCharacter { ch: '-', .. })));
        assert!(matches!(CitationKey::parse("a]"), Err(CitationKeyError::BadCharacter { ch: ']', .. })));
    }

    #[test]
    fn sanitize_always_gives_a_valid_key() {
        for raw in ["", "  Le Monde, 2025 ", "-x-", "(a)", "ok_key"] {
            let key = CitationKey::sanitize(raw);
            assert!(CitationKey::parse(key.as_str()).is_ok(), "{raw:?} -> {key}");
        }
        assert_eq!(CitationKey::sanitize("Le Monde, 2025").as_str(), "Le-Monde-2025");
    }

    /// Found by the csl_json fuzzer: an imported id of 200 characters starting with `.`
    /// became `source.…`, 206 characters, a key the importer then refused to read back.
    #[test]
    fn sanitize_keeps_a_prefixed_key_within_200_characters() {
        for raw in [".".to_owned() + &"z".repeat(250), "~".to_owned() + &"ب".repeat(199)] {
            let key = CitationKey::sanitize(&raw);
            assert_eq!(key.as_str().chars().count(), 200);
            assert!(key.as_str().starts_with("source"));
            assert_eq!(CitationKey::parse(key.as_str()), Ok(key.clone()), "{raw:?}");
        }
    }
}
