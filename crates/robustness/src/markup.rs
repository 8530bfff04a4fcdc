//! Reads sanitised HTML the way a browser would, looking for anything that can run: an
//! element that executes or loads code, an event handler or `style` attribute, a URL
//! whose scheme is not one the preview allows. A string search would be fooled both
//! ways (the word `javascript:` in a sentence is text; `&#106;avascript:` in an `href`
//! is not), so tags and attributes are tokenised and attribute values decoded.

/// Elements that run or load code, or restyle the page.
const ACTIVE_ELEMENTS: &[&str] =
    &["script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta", "form"];

/// Attributes whose value is a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "cite", "background", "data", "ping"];

/// The schemes the preview lets through (see `mizan_brief::render_html`).
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The first thing in `html` that could run, described, or `None`.
pub fn unsafe_markup(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        at += found + 1;
        if html[at..].starts_with("!--") {
            at = html[at..].find("-->").map_or(html.len(), |end| at + end + 3);
            continue;
        }
        let closing = html[at..].starts_with('/');
        let name_start = at + usize::from(closing);
        let name_len = html[name_start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'));
        let name = &html[name_start..name_start + name_len.unwrap_or(html.len() - name_start)];
        // `<` not followed by a name is text to a browser.
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = name.to_ascii_lowercase();
        if ACTIVE_ELEMENTS.contains(&name.as_str()) {
            return Some(format!("a <{name}> element"));
        }
        at = name_start + name.len();
        if closing {
            at = html[at..].find('>').map_or(html.len(), |end| at + end + 1);
            continue;
        }
        // Attributes, up to the end of the tag.
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                at += 1;
            }
            if at >= bytes.len() {
                break;
            }
            if bytes[at] == b'>' {
                at += 1;
                break;
            }
            let len = html[at..]
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
                .unwrap_or(html.len() - at);
            // A lone `=` or `/` is skipped by a browser as it is here.
            let attribute = html[at..at + len.max(1)].to_ascii_lowercase();
            at += len.max(1);
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let mut value = String::new();
            if at < bytes.len() && bytes[at] == b'=' {
                at += 1;
                while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                let (raw, next) = attribute_value(html, at);
                value = decode_entities(raw);
                at = next;
            }
            if attribute.starts_with("on") && attribute.len() > 2 {
                return Some(format!("an event handler `{attribute}` on <{name}>"));
            }
            if attribute == "style" {
                return Some(format!("a style attribute on <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&attribute.as_str())
                && let Some(scheme) = scheme(&value)
                && !ALLOWED_SCHEMES.contains(&scheme.as_str())
            {
                return Some(format!("a {scheme}: URL in `{attribute}` of <{name}>: {value:?}"));
            }
        }
    }
    None
}

/// The raw value of an attribute starting at `at` (quoted or not) and where it ends.
fn attribute_value(html: &str, at: usize) -> (&str, usize) {
    match html[at..].chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let start = at + 1;
            let end = html[start..].find(quote).map_or(html.len(), |n| start + n);
            (&html[start..end], (end + 1).min(html.len()))
        }
        _ => {
            let end = html[at..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(html.len(), |n| at + n);
            (&html[at..end], end)
        }
    }
}

/// Character references as a browser decodes them in an attribute (the named ones
/// ammonia writes, and every numeric one).
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&n| n <= 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of a URL as a browser reads it (ASCII whitespace and control characters
/// removed, lower case), or `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let url: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_runs() {
        for html in [
            "<p>a</p><script>alert(1)</script>",
            "<SCRIPT src=x></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<p dir=\"ltr\" ONCLICK='x'>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"&#x6A;ava&#x09;script&colon;alert(1)\">x</a>",
            "<a href=' JaVaScRiPt:x'>x</a>",
            "<a href=data:text/html,x>x</a>",
            "<span style=\"color:red\">x</span>",
            "<iframe src=\"https://example.org\"></iframe>",
        ] {
            assert!(unsafe_markup(html).is_some(), "{html}");
        }
    }

    #[test]
    fn lets_safe_markup_and_text_through() {
        for html in [
            "<p dir=\"ltr\">javascript: is a scheme; onclick=\"x\" is text &lt;script&gt;</p>",
            "<a class=\"cite\" data-key=\"k\" href=\"#source-k\" rel=\"noopener noreferrer\">k</a>",
            "<a href=\"https://example.org/a:b\" title=\"javascript:x\">x</a>",
            "<a href=\"mailto:a@example.org\">a</a><a href=\"../relative:path/x\">b</a>",
            "<p data-line=\"3\" dir=\"rtl\">جملة</p><!-- <script> -->",
            "a < b and <3 <p>",
            "<img alt=\"x\" src=\"https://example.org/i.png\">",
        ] {
            assert_eq!(unsafe_markup(html), None, "{html}");
        }
    }
}
