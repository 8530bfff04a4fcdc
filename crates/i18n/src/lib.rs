//! Localised strings for Mizan, in Arabic, French and English.
//!
//! Every `locales/<lang>/*.ftl` file of the repository is embedded at compile time (see
//! `build.rs`), so the CLI and the app need no file access to speak the user's language.
//! A message missing in the requested language falls back to English, then to its id:
//! a missing translation shows up as a readable id, never as a crash.
//!
//! ```
//! use mizan_i18n::{Arg, Lang, Localizer};
//!
//! let fr = Localizer::plain(Lang::Fr);
//! let text = fr.message("brief-unknown-citation-key", &[("key", Arg::from("rfi-2025"))]);
//! assert!(text.contains("rfi-2025"));
//! assert_eq!(fr.message("no-such-message", &[]), "no-such-message");
//! ```
//!
//! ## Bidi isolation
//! Fluent wraps every placeable in FSI … PDI (U+2068, U+2069) so a Latin key inside an
//! Arabic sentence keeps its own order. That is what the app wants: its text views run
//! the Unicode bidi algorithm, which honours the marks. Terminals mostly do not, and print
//! the marks as stray characters or drop them unpredictably, so the CLI and logs use
//! [`Localizer::plain`], which turns isolation off. [`Localizer::new`] keeps it on.

mod lang;

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use lang::{Lang, UnknownLang};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// A value given to a message placeable.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Text, shown as is.
    Text(String),
    /// A number; Fluent selects plural forms on it (Arabic has six).
    Number(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<usize> for Arg {
    fn from(value: usize) -> Self {
        // Counts in briefs are far below 2^53, so the conversion is exact.
        Self::Number(value as f64)
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Self {
        Self::Number(f64::from(value))
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.write_str(text),
            Self::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A problem found in an embedded .ftl file. Tests assert there are none.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file does not parse as Fluent.
    #[error("locales/{lang}/{file}: Fluent syntax error: {detail}")]
    Syntax { lang: &'static str, file: &'static str, detail: String },
    /// The file defines a message another file of the same language already defines.
    #[error("locales/{lang}/{file}: {detail}")]
    Conflict { lang: &'static str, file: &'static str, detail: String },
}

/// Messages in one language, with English as the fallback.
///
/// The embedded files are parsed once per language and kind (isolating or plain) for the
/// life of the process: creating a `Localizer` after the first is a reference count.
#[derive(Clone)]
pub struct Localizer {
    lang: Lang,
    inner: Arc<Bundles>,
}

struct Bundles {
    /// The requested language first, then English (absent when the request is English).
    bundles: Vec<FluentBundle<FluentResource>>,
    errors: Vec<LoadError>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer").field("lang", &self.lang).field("errors", &self.inner.errors).finish()
    }
}

impl Localizer {
    /// Messages for a user interface: placeables are bidi-isolated (see the crate docs).
    pub fn new(lang: Lang) -> Self {
        Self::build(lang, true)
    }

    /// Messages for terminals and logs: no bidi isolation marks.
    pub fn plain(lang: Lang) -> Self {
        Self::build(lang, false)
    }

    fn build(lang: Lang, isolating: bool) -> Self {
        static BUILT: [[OnceLock<Arc<Bundles>>; 2]; Lang::ALL.len()] =
            [const { [const { OnceLock::new() }; 2] }; Lang::ALL.len()];
        let slot = Lang::ALL.iter().position(|l| *l == lang).and_then(|i| BUILT.get(i)?.get(usize::from(isolating)));
        let load = || {
            let mut errors = Vec::new();
            let mut bundles = vec![bundle_for(lang, isolating, &mut errors)];
            if lang != Lang::En {
                bundles.push(bundle_for(Lang::En, isolating, &mut errors));
            }
            Arc::new(Bundles { bundles, errors })
        };
        let inner = match slot {
            Some(slot) => Arc::clone(slot.get_or_init(load)),
            None => load(),
        };
        Self { lang, inner }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Problems met while loading the embedded files (empty in a correct build).
    pub fn load_errors(&self) -> &[LoadError] {
        &self.inner.errors
    }

    /// The message `id` formatted with `args`, in this language, else English, else `id`.
    pub fn message(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.format(id, None, args).unwrap_or_else(|| id.to_owned())
    }

    /// The attribute `id.attribute`, with the same fallback as [`Self::message`] except
    /// that a missing attribute gives `None`.
    pub fn attribute(&self, id: &str, attribute: &str, args: &[(&str, Arg)]) -> Option<String> {
        self.format(id, Some(attribute), args)
    }

    /// Whether this language (not the fallback) defines `id`.
    pub fn has_own(&self, id: &str) -> bool {
        self.inner.bundles.first().is_some_and(|b| b.has_message(id))
    }

    fn format(&self, id: &str, attribute: Option<&str>, args: &[(&str, Arg)]) -> Option<String> {
        let fluent_args = to_fluent_args(args);
        for bundle in &self.inner.bundles {
            let Some(message) = bundle.get_message(id) else { continue };
            let pattern = match attribute {
                Some(name) => message.get_attribute(name).map(|a| a.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else { continue };
            // Formatting errors (a missing argument) still give usable text, with the
            // placeable shown as `{$name}`; we keep that text rather than fail.
            let mut format_errors = Vec::new();
            let text = bundle.format_pattern(pattern, fluent_args.as_ref(), &mut format_errors);
            return Some(text.into_owned());
        }
        None
    }
}

fn to_fluent_args<'a>(args: &'a [(&str, Arg)]) -> Option<FluentArgs<'a>> {
    if args.is_empty() {
        return None;
    }
    let mut out = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::String(Cow::Borrowed(text.as_str())),
            Arg::Number(n) => FluentValue::from(*n),
        };
        out.set(*name, value);
    }
    Some(out)
}

fn bundle_for(lang: Lang, isolating: bool, errors: &mut Vec<LoadError>) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    bundle.set_use_isolating(isolating);
    for (file_lang, file, source) in embedded::FILES {
        if *file_lang != lang.code() || web_ui_only(file) {
            continue;
        }
        let resource = match FluentResource::try_new((*source).to_owned()) {
            Ok(resource) => resource,
            Err((resource, parse_errors)) => {
                errors.extend(parse_errors.into_iter().map(|e| LoadError::Syntax {
                    lang: file_lang,
                    file,
                    detail: e.to_string(),
                }));
                resource
            }
        };
        if let Err(conflicts) = bundle.add_resource(resource) {
            errors.extend(conflicts.into_iter().map(|e| LoadError::Conflict {
                lang: file_lang,
                file,
                detail: e.to_string(),
            }));
        }
    }
    bundle
}

/// The web UI's own files (`ui.ftl`, `ui-sources.ftl`, …): the UI reads them with
/// `@fluent/bundle`; nothing in Rust formats them, so they are not parsed into the Rust
/// bundles (they are three quarters of each language's text, and every cold `mizan export`
/// would parse them). The tests below still parse and compare them.
fn web_ui_only(file: &str) -> bool {
    file.starts_with("ui.") || file.starts_with("ui-")
}

/// The embedded files as (language code, file name, contents), for tools and tests.
pub fn embedded_files() -> &'static [(&'static str, &'static str, &'static str)] {
    embedded::FILES
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast::Entry;
    use fluent_syntax::parser::parse;

    use super::*;

    /// message id -> attribute names, per (lang, file).
    fn ids(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = parse(source).unwrap_or_else(|(_, errors)| panic!("parse errors: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            let (id, attributes) = match entry {
                Entry::Message(m) => (m.id.name.to_owned(), m.attributes),
                Entry::Term(t) => (format!("-{}", t.id.name), t.attributes),
                _ => continue,
            };
            let names = attributes.iter().map(|a| a.id.name.to_owned()).collect();
            assert!(out.insert(id.clone(), names).is_none(), "duplicate id {id}");
        }
        out
    }

    #[test]
    fn every_file_parses_and_every_key_exists_in_all_three_languages() {
        let mut by_file: BTreeMap<&str, BTreeMap<&str, BTreeMap<String, BTreeSet<String>>>> = BTreeMap::new();
        for (lang, file, source) in embedded_files() {
            by_file.entry(file).or_default().insert(lang, ids(source));
        }
        assert!(by_file.contains_key("brief.ftl") && by_file.contains_key("common.ftl"));
        for (file, langs) in &by_file {
            let Some(en) = langs.get("en") else { panic!("{file} has no English version") };
            for lang in ["ar", "fr"] {
                let Some(other) = langs.get(lang) else { panic!("{file} has no {lang} version") };
                for (id, attributes) in en {
                    let Some(other_attributes) = other.get(id) else { panic!("{lang}/{file} lacks {id}") };
                    // `.accept` lists the accepted variants of a term: each language has its own.
                    let wanted: BTreeSet<_> = attributes.iter().filter(|a| *a != "accept").collect();
                    let got: BTreeSet<_> = other_attributes.iter().filter(|a| *a != "accept").collect();
                    assert_eq!(wanted, got, "{lang}/{file}: attributes of {id}");
                }
                for id in other.keys() {
                    assert!(en.contains_key(id), "{lang}/{file} has {id}, which en/{file} lacks");
                }
            }
        }
    }

    #[test]
    fn no_message_is_defined_in_two_files_of_a_language() {
        // The UI bundles every file of a language together, the Rust side all but the
        // UI's own: an id defined twice would be a conflict in one of them.
        let mut seen: BTreeMap<(&str, String), &str> = BTreeMap::new();
        for (lang, file, source) in embedded_files() {
            for id in ids(source).into_keys() {
                if let Some(other) = seen.insert((lang, id.clone()), file) {
                    panic!("{lang}: {id} is defined in both {other} and {file}");
                }
            }
        }
    }

    #[test]
    fn bundles_load_without_errors() {
        for lang in Lang::ALL {
            assert_eq!(Localizer::new(lang).load_errors(), &[] as &[LoadError]);
        }
    }

    #[test]
    fn falls_back_to_english_then_to_the_id() {
        let ar = Localizer::plain(Lang::Ar);
        assert_eq!(ar.message("definitely-missing", &[]), "definitely-missing");
        assert!(ar.has_own("brief-unknown-citation-key"));
        assert!(ar.attribute("brief-unknown-citation-key", "nope", &[]).is_none());
    }

    #[test]
    fn isolation_is_on_for_the_ui_and_off_for_the_terminal() {
        let args = [("key", Arg::from("rfi-2025"))];
        let ui = Localizer::new(Lang::Ar).message("brief-unknown-citation-key", &args);
        let cli = Localizer::plain(Lang::Ar).message("brief-unknown-citation-key", &args);
        assert!(ui.contains("\u{2068}rfi-2025\u{2069}"), "{ui}");
        assert!(cli.contains("rfi-2025") && !cli.contains('\u{2068}'), "{cli}");
    }

    #[test]
    fn arabic_plurals_select_by_number() {
        let ar = Localizer::plain(Lang::Ar);
        let one = ar.message("brief-stats-claims", &[("count", Arg::from(1usize))]);
        let many = ar.message("brief-stats-claims", &[("count", Arg::from(11usize))]);
        assert_ne!(one, many);
    }
}
