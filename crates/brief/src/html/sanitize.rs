//! The allow-list every block of the preview passes through (`ammonia`): the tags
//! Markdown produces and harmless formatting, our classes and data attributes with
//! checked values, and only `http:`, `https:`, `mailto:` and fragment (`#…`) URLs. Raw
//! HTML written in the brief goes through the same list as our own markup.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use ammonia::{Builder, UrlRelative};

use crate::estimative::{Confidence, Likelihood};

/// `fragment` as the allow-list lets it through.
pub(super) fn clean(fragment: &str) -> String {
    sanitizer().clean(fragment).to_string()
}

/// Relative URLs: only links inside the page (`#source-KEY`, `#fn-LABEL`).
fn fragment_only(url: &str) -> Option<Cow<'_, str>> {
    url.starts_with('#').then_some(Cow::Borrowed(url))
}

const CLAIM_KINDS: [&str; 3] = ["fact", "judgment", "assumption"];

/// The allow-list: the tags Markdown produces plus harmless formatting, our classes
/// and data attributes with checked values, and only http(s), mailto and `#` URLs.
fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = Builder::empty();
        builder
            .add_tags([
                "header",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "p",
                "ul",
                "ol",
                "li",
                "blockquote",
                "table",
                "thead",
                "tbody",
                "tr",
                "th",
                "td",
                "pre",
                "code",
                "em",
                "strong",
                "del",
                "a",
                "sup",
                "sub",
                "span",
                "div",
                "hr",
                "br",
                "b",
                "i",
                "u",
                "s",
                "small",
                "mark",
                "abbr",
                "q",
                "kbd",
                "dl",
                "dt",
                "dd",
                "details",
                "summary",
                "figure",
                "figcaption",
                "caption",
            ])
            .add_generic_attributes(["dir", "lang", "title", "data-line"])
            .add_tag_attributes("a", ["href", "data-key", "data-credibility"])
            .add_tag_attributes("span", ["data-key", "data-credibility"])
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("div", ["id"])
            .add_url_schemes(["http", "https", "mailto"])
            .url_relative(UrlRelative::Custom(Box::new(fragment_only)))
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true)
            .attribute_filter(|_element, attribute, value| match attribute {
                "dir" => matches!(value, "ltr" | "rtl" | "auto").then_some(Cow::Borrowed(value)),
                "data-line" => {
                    (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())).then_some(Cow::Borrowed(value))
                }
                "id" => value.starts_with("fn-").then_some(Cow::Borrowed(value)),
                "data-claim-kind" => CLAIM_KINDS.contains(&value).then_some(Cow::Borrowed(value)),
                "data-likelihood" => Likelihood::ALL.iter().any(|l| l.id() == value).then_some(Cow::Borrowed(value)),
                "data-confidence" => Confidence::ALL.iter().any(|c| c.id() == value).then_some(Cow::Borrowed(value)),
                _ => Some(Cow::Borrowed(value)),
            });
        for tag in ["p", "span", "tr", "blockquote"] {
            builder.add_tag_attributes(tag, ["data-claim-kind", "data-claim-id"]);
        }
        builder.add_tag_attributes("p", ["data-likelihood", "data-confidence"]);
        let classes: HashMap<&str, HashSet<&str>> = [
            ("p", &["brief-classification", "brief-subtitle", "claim", "fact", "judgment", "assumption"][..]),
            ("h1", &["brief-title"][..]),
            ("span", &["claim", "fact", "cite", "cite-group", "claim-label", "claim-qualifiers", "image"][..]),
            ("strong", &["claim-kind"][..]),
            ("a", &["cite"][..]),
            ("tr", &["claim", "fact"][..]),
            ("blockquote", &["claim", "fact"][..]),
            ("ul", &["tight"][..]),
            ("ol", &["tight"][..]),
            ("sup", &["footnote-ref", "footnote-label"][..]),
            ("div", &["footnote"][..]),
            ("th", &["align-left", "align-center", "align-right"][..]),
            ("td", &["align-left", "align-center", "align-right"][..]),
        ]
        .into_iter()
        .map(|(tag, names)| (tag, names.iter().copied().collect()))
        .collect();
        builder.allowed_classes(classes);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizer_keeps_our_markup_and_drops_foreign_values() {
        let kept = sanitizer()
            .clean("<p dir=\"rtl\" class=\"claim judgment\" data-claim-kind=\"judgment\" data-claim-id=\"x\">t</p>")
            .to_string();
        assert_eq!(
            kept,
            "<p dir=\"rtl\" class=\"claim judgment\" data-claim-kind=\"judgment\" data-claim-id=\"x\">t</p>"
        );
        let dropped = sanitizer()
            .clean("<p dir=\"x\" class=\"evil\" data-claim-kind=\"root\" style=\"color:red\">t</p>")
            .to_string();
        // ammonia keeps an emptied class attribute; what matters is that nothing is left in it.
        assert_eq!(dropped, "<p class=\"\">t</p>");
        let relative = sanitizer().clean("<a href=\"../etc/passwd\">x</a><a href=\"#source-k\">y</a>").to_string();
        assert_eq!(
            relative,
            "<a rel=\"noopener noreferrer\">x</a><a href=\"#source-k\" rel=\"noopener noreferrer\">y</a>"
        );
    }
}
