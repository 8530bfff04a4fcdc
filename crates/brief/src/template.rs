//! Brief templates: which sections a kind of brief has, their headings in ar/fr/en,
//! which sections require sourcing, and how old a source may be. The built-in templates
//! are embedded from `templates/briefs/` so the binary works from any directory.

use std::collections::HashMap;
use std::sync::OnceLock;

use mizan_i18n::Lang;
use mizan_source::PartialDate;
use serde::Deserialize;

use crate::estimative::tokenize;

/// A kind of brief and its sourcing rules.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    /// Cited sources issued longer ago than this are reported; `None`: no limit.
    #[serde(default)]
    pub freshness_days: Option<u32>,
    /// Whether sections with an unrecognised heading require sourcing.
    #[serde(default)]
    pub default_requires_sourcing: bool,
    pub sections: Vec<TemplateSection>,
}

/// One section of a template.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSection {
    pub id: String,
    pub requires_sourcing: bool,
    pub headings: Headings,
    /// Other headings, in any language, that mean this section.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A section's heading in each language.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub ar: String,
    pub fr: String,
    pub en: String,
}

impl Headings {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ar => &self.ar,
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// Why a template could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// No built-in template has this id.
    #[error("unknown template {0:?} (expected assessment, sitrep or note)")]
    Unknown(String),
    /// The rules file is not valid TOML of the expected shape.
    #[error("template rules are invalid: {0}")]
    Invalid(String),
}

struct Builtin {
    id: &'static str,
    rules: &'static str,
    ar: &'static str,
    fr: &'static str,
    en: &'static str,
}

macro_rules! builtin {
    ($id:literal) => {
        Builtin {
            id: $id,
            rules: include_str!(concat!("../../../templates/briefs/", $id, ".toml")),
            ar: include_str!(concat!("../../../templates/briefs/", $id, ".ar.md")),
            fr: include_str!(concat!("../../../templates/briefs/", $id, ".fr.md")),
            en: include_str!(concat!("../../../templates/briefs/", $id, ".en.md")),
        }
    };
}

const BUILTINS: [Builtin; 3] = [builtin!("assessment"), builtin!("sitrep"), builtin!("note")];

impl Template {
    /// Reads a rules file (the `templates/briefs/*.toml` format).
    pub fn from_toml(text: &str) -> Result<Self, TemplateError> {
        toml::from_str(text).map_err(|e| TemplateError::Invalid(e.to_string()))
    }

    /// The built-in templates (assessment, sitrep, note).
    pub fn builtins() -> &'static [Template] {
        static PARSED: OnceLock<Vec<Template>> = OnceLock::new();
        // A malformed embedded file is caught by the tests; at run time it is skipped
        // rather than bringing the application down.
        PARSED.get_or_init(|| BUILTINS.iter().filter_map(|b| Template::from_toml(b.rules).ok()).collect())
    }

    pub fn builtin(id: &str) -> Option<&'static Template> {
        Self::builtins().iter().find(|t| t.id == id.trim())
    }

    /// The section whose heading or alias matches `heading`, in any language.
    pub fn section_for_heading(&self, heading: &str) -> Option<&TemplateSection> {
        let wanted = heading_key(heading);
        if wanted.is_empty() {
            return None;
        }
        self.sections.iter().find(|s| {
            [&s.headings.ar, &s.headings.fr, &s.headings.en]
                .into_iter()
                .chain(&s.aliases)
                .any(|h| heading_key(h) == wanted)
        })
    }

    pub fn section(&self, id: &str) -> Option<&TemplateSection> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// Finds the section id for a heading: first in the brief's template, then in every
/// built-in template (so a sitrep heading in an assessment still means something).
pub(crate) fn section_id_for(heading: &str, template: Option<&Template>) -> Option<String> {
    let key = heading_key(heading);
    if key.is_empty() {
        return None;
    }
    let index = builtin_index();
    let own = template.and_then(|t| index.iter().find(|(id, _)| *id == t.id)).and_then(|(_, map)| map.get(&key));
    own.or_else(|| index.iter().find_map(|(_, map)| map.get(&key))).cloned()
}

/// Per built-in template: heading key -> section id, computed once (parsing a brief
/// would otherwise normalise every template heading for every heading it meets).
fn builtin_index() -> &'static [(String, HashMap<String, String>)] {
    static INDEX: OnceLock<Vec<(String, HashMap<String, String>)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        Template::builtins()
            .iter()
            .map(|t| {
                let mut map = HashMap::new();
                for s in &t.sections {
                    for h in [&s.headings.ar, &s.headings.fr, &s.headings.en].into_iter().chain(&s.aliases) {
                        map.entry(heading_key(h)).or_insert_with(|| s.id.clone());
                    }
                }
                (t.id.clone(), map)
            })
            .collect()
    })
}

/// A heading reduced for comparison: words only, lowercased, leading numbering
/// ("2.", "II.", "٢-") dropped.
pub(crate) fn heading_key(heading: &str) -> String {
    let mut words: Vec<String> = tokenize(heading).into_iter().map(|t| t.norm).collect();
    let numbered = words.first().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()) || is_roman(w));
    if numbered && words.len() > 1 {
        words.remove(0);
    }
    words.join(" ")
}

fn is_roman(word: &str) -> bool {
    word.len() <= 4 && word.chars().all(|c| "ivx".contains(c))
}

/// A new brief from a built-in template: front matter filled (language, template,
/// today's date), the template's headings in `lang`, each with a short guidance comment.
pub fn new_brief(template: &str, lang: Lang, today: PartialDate) -> Result<String, TemplateError> {
    let builtin =
        BUILTINS.iter().find(|b| b.id == template.trim()).ok_or_else(|| TemplateError::Unknown(template.to_owned()))?;
    let text = match lang {
        Lang::Ar => builtin.ar,
        Lang::Fr => builtin.fr,
        Lang::En => builtin.en,
    };
    Ok(text.replace("{{date}}", &today.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn every_builtin_parses() {
        assert_eq!(Template::builtins().len(), BUILTINS.len());
        for b in &BUILTINS {
            Template::from_toml(b.rules).unwrap();
        }
    }

    #[test]
    fn headings_map_to_sections_in_any_language() {
        let t = Template::builtin("assessment").unwrap();
        for heading in ["Points clés", "KEY JUDGMENTS", "النقاط الرئيسية", "1. Points clés", "II. Situation", "التَّقدير"]
        {
            assert!(t.section_for_heading(heading).is_some(), "{heading}");
        }
        assert_eq!(t.section_for_heading("Implications").map(|s| s.id.as_str()), Some("implications"));
        assert!(t.section_for_heading("Remerciements").is_none());
        assert_eq!(section_id_for("Faits marquants", Some(t)).as_deref(), Some("developments"));
    }

    #[test]
    fn new_briefs_parse_cleanly_with_every_section_recognised() {
        let today = PartialDate::parse("2025-11-20").unwrap();
        for template in Template::builtins() {
            for lang in Lang::ALL {
                let text = new_brief(&template.id, lang, today).unwrap();
                let brief = crate::parse(&text);
                let serious: Vec<_> = brief.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).collect();
                assert!(serious.is_empty(), "{} {lang}: {serious:?}", template.id);
                assert_eq!(brief.front.lang, Some(lang));
                assert_eq!(brief.front.template.as_deref(), Some(template.id.as_str()));
                assert_eq!(brief.front.date, Some(today));
                let ids: Vec<_> = brief.sections.iter().filter_map(|s| s.id.clone()).collect();
                let wanted: Vec<_> = template.sections.iter().map(|s| s.id.clone()).collect();
                assert_eq!(ids, wanted, "{} {lang}", template.id);
                for section in &template.sections {
                    assert!(
                        text.contains(&format!("## {}\n", section.headings.get(lang))),
                        "{} {lang} {}",
                        template.id,
                        section.id
                    );
                }
            }
        }
        assert_eq!(new_brief("memo", Lang::Fr, today), Err(TemplateError::Unknown("memo".into())));
    }
}
