use std::fmt;

/// An author or editor. Names are kept as given: structured when the source splits them
/// (`given` / `family`), literal otherwise (an institution, or an Arabic name such as
/// "محمد بن عبد الله" that has no useful split).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Person {
    Structured { given: Option<String>, family: String },
    Literal(String),
}

impl Person {
    pub fn structured(given: &str, family: &str) -> Self {
        let given = given.trim();
        Self::Structured { given: (!given.is_empty()).then(|| given.to_owned()), family: family.trim().to_owned() }
    }

    pub fn literal(name: &str) -> Self {
        Self::Literal(name.trim().to_owned())
    }

    /// Parses how a person is typed on the command line: `Family, Given` gives a
    /// structured name; anything else (`Crisis Group`, `محمد الأمين`) stays literal.
    pub fn parse(text: &str) -> Self {
        match text.split_once(',') {
            Some((family, given)) if !family.trim().is_empty() => Self::structured(given, family),
            _ => Self::literal(text),
        }
    }

    /// The family name, or the whole literal name; what sorting and "Author (year)" use.
    pub fn family_or_literal(&self) -> &str {
        match self {
            Self::Structured { family, .. } => family,
            Self::Literal(name) => name,
        }
    }

    /// "Given Family" or the literal name, for display and search.
    pub fn display_name(&self) -> String {
        match self {
            Self::Structured { given: Some(given), family } => format!("{given} {family}"),
            Self::Structured { given: None, family } => family.clone(),
            Self::Literal(name) => name.clone(),
        }
    }
}

impl fmt::Display for Person {
    /// The form [`Person::parse`] reads back: `Family, Given` or the literal name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Structured { given: Some(given), family } => write!(f, "{family}, {given}"),
            Self::Structured { given: None, family } => write!(f, "{family},"),
            Self::Literal(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for text in ["Le Cam, Morgane", "International Crisis Group", "عبد الله, محمد", "Thiam,"] {
            let person = Person::parse(text);
            assert_eq!(Person::parse(&person.to_string()), person, "{text}");
        }
        assert_eq!(Person::parse("Le Cam, Morgane").display_name(), "Morgane Le Cam");
        assert_eq!(Person::parse("Thiam,"), Person::Structured { given: None, family: "Thiam".into() });
    }
}
