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
/// Making a `Localizer` parses nothing. Each embedded file is parsed the first time one of
/// its messages is formatted, once for the life of the process, and that parse is shared by
/// every `Localizer` (the English files serve as every language's fallback): a cold
/// `mizan export` parses the few files it reads, not all of them. Each file has a Fluent
/// bundle of its own, so a message may only refer to messages and terms of its own file
/// (a test checks it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localizer {
    lang: Lang,
    isolating: bool,
}

/// One embedded file's bundle (its resource shared with the file's other bundle).
type Bundle = FluentBundle<Arc<FluentResource>>;

/// Each embedded file, parsed when first needed: the resource and its syntax errors.
static PARSED: [OnceLock<(Arc<FluentResource>, Vec<LoadError>)>; embedded::FILE_COUNT] =
    [const { OnceLock::new() }; embedded::FILE_COUNT];

/// Each embedded file's bundles: plain, then isolating.
static BUNDLES: [[OnceLock<Bundle>; 2]; embedded::FILE_COUNT] =
    [const { [const { OnceLock::new() }; 2] }; embedded::FILE_COUNT];

impl Localizer {
    /// Messages for a user interface: placeables are bidi-isolated (see the crate docs).
    pub fn new(lang: Lang) -> Self {
        Self { lang, isolating: true }
    }

    /// Messages for terminals and logs: no bidi isolation marks.
    pub fn plain(lang: Lang) -> Self {
        Self { lang, isolating: false }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Problems in the embedded files of this language and of English (empty in a correct
    /// build). This parses every one of those files.
    pub fn load_errors(&self) -> &'static [LoadError] {
        static ERRORS: [OnceLock<Vec<LoadError>>; Lang::ALL.len()] = [const { OnceLock::new() }; Lang::ALL.len()];
        let collect = || {
            let mut errors = load_errors_of(self.lang);
            if self.lang != Lang::En {
                errors.extend(load_errors_of(Lang::En));
            }
            errors
        };
        match Lang::ALL.iter().position(|l| *l == self.lang).and_then(|i| ERRORS.get(i)) {
            Some(slot) => slot.get_or_init(collect),
            None => &[],
        }
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
        defining_file(self.lang, id).and_then(|file| bundle(file, self.isolating)).is_some_and(|b| b.has_message(id))
    }

    fn format(&self, id: &str, attribute: Option<&str>, args: &[(&str, Arg)]) -> Option<String> {
        let fluent_args = to_fluent_args(args);
        let fallback = (self.lang != Lang::En).then_some(Lang::En);
        for lang in std::iter::once(self.lang).chain(fallback) {
            let Some(bundle) = defining_file(lang, id).and_then(|file| bundle(file, self.isolating)) else {
                continue;
            };
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

/// The indexes (into the embedded files) of the files Rust formats messages from, in
/// `lang`, in name order.
fn rust_files(lang: Lang) -> impl Iterator<Item = usize> {
    embedded::FILES
        .iter()
        .enumerate()
        .filter(move |(_, (file_lang, file, _))| *file_lang == lang.code() && !web_ui_only(file))
        .map(|(i, _)| i)
}

/// The first file of `lang`, in name order, that defines the message `id` (the build
/// script lists each file's ids, so this parses nothing).
fn defining_file(lang: Lang, id: &str) -> Option<usize> {
    rust_files(lang).find(|&file| embedded::IDS.get(file).is_some_and(|ids| ids.binary_search(&id).is_ok()))
}

/// An embedded file, parsed on first use.
fn parsed(file: usize) -> Option<&'static (Arc<FluentResource>, Vec<LoadError>)> {
    let (lang, name, source) = *embedded::FILES.get(file)?;
    Some(PARSED.get(file)?.get_or_init(|| match FluentResource::try_new(source.to_owned()) {
        Ok(resource) => (Arc::new(resource), Vec::new()),
        Err((resource, parse_errors)) => {
            let errors = parse_errors
                .into_iter()
                .map(|e| LoadError::Syntax { lang, file: name, detail: e.to_string() })
                .collect();
            (Arc::new(resource), errors)
        }
    }))
}

/// The bundle of one embedded file, built on first use. A conflict inside the file keeps the
/// first definition; [`load_errors_of`] reports it.
fn bundle(file: usize, isolating: bool) -> Option<&'static Bundle> {
    let slot = BUNDLES.get(file)?.get(usize::from(isolating))?;
    let (lang, _, _) = embedded::FILES.get(file)?;
    let resource = &parsed(file)?.0;
    Some(slot.get_or_init(|| {
        let langid = lang.parse::<Lang>().map(Lang::langid).unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(isolating);
        let _ = bundle.add_resource(Arc::clone(resource));
        bundle
    }))
}

/// Syntax errors of `lang`'s files, and ids defined twice among them (which one bundle of
/// all of them would refuse).
fn load_errors_of(lang: Lang) -> Vec<LoadError> {
    let mut errors = Vec::new();
    let mut all: Bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    for file in rust_files(lang) {
        let Some((resource, syntax)) = parsed(file) else { continue };
        errors.extend(syntax.iter().cloned());
        if let (Err(conflicts), Some((file_lang, name, _))) =
            (all.add_resource(Arc::clone(resource)), embedded::FILES.get(file))
        {
            errors.extend(conflicts.into_iter().map(|e| LoadError::Conflict {
                lang: file_lang,
                file: name,
                detail: e.to_string(),
            }));
        }
    }
    errors
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

    use fluent_syntax::ast::{CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement};
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
    fn every_message_is_found_in_the_file_that_defines_it() {
        for lang in Lang::ALL {
            for file in rust_files(lang) {
                let (_, name, source) = embedded_files()[file];
                for id in ids(source).into_keys().filter(|id| !id.starts_with('-')) {
                    assert_eq!(defining_file(lang, &id), Some(file), "{lang}/{name}: {id}");
                    assert!(Localizer::plain(lang).has_own(&id), "{lang}/{name}: {id}");
                }
            }
        }
    }

    /// Message and term ids a pattern refers to.
    fn references(pattern: &Pattern<&str>, out: &mut Vec<String>) {
        fn inline(expression: &InlineExpression<&str>, out: &mut Vec<String>) {
            match expression {
                InlineExpression::MessageReference { id, .. } => out.push(id.name.to_owned()),
                InlineExpression::TermReference { id, arguments, .. } => {
                    out.push(format!("-{}", id.name));
                    if let Some(arguments) = arguments {
                        call(arguments, out);
                    }
                }
                InlineExpression::FunctionReference { arguments, .. } => call(arguments, out),
                InlineExpression::Placeable { expression } => any(expression, out),
                _ => {}
            }
        }
        fn call(arguments: &CallArguments<&str>, out: &mut Vec<String>) {
            arguments.positional.iter().for_each(|a| inline(a, out));
            arguments.named.iter().for_each(|a| inline(&a.value, out));
        }
        fn any(expression: &Expression<&str>, out: &mut Vec<String>) {
            match expression {
                Expression::Inline(expression) => inline(expression, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    variants.iter().for_each(|v| references(&v.value, out));
                }
            }
        }
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                any(expression, out);
            }
        }
    }

    #[test]
    fn messages_refer_only_to_their_own_file() {
        // Each file has a bundle of its own: a reference to another file's message or term
        // would print as `{id}`.
        for lang in Lang::ALL {
            for file in rust_files(lang) {
                let (_, name, source) = embedded_files()[file];
                let own = ids(source);
                let resource = parse(source).unwrap_or_else(|(_, errors)| panic!("parse errors: {errors:?}"));
                let mut referred = Vec::new();
                for entry in &resource.body {
                    let (value, attributes) = match entry {
                        Entry::Message(m) => (m.value.as_ref(), &m.attributes),
                        Entry::Term(t) => (Some(&t.value), &t.attributes),
                        _ => continue,
                    };
                    value
                        .into_iter()
                        .chain(attributes.iter().map(|a| &a.value))
                        .for_each(|p| references(p, &mut referred));
                }
                for id in referred {
                    assert!(own.contains_key(&id), "{lang}/{name} refers to {id}, which it does not define");
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
