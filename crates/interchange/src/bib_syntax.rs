//! BibTeX that BibTeX reads but the `biblatex` crate refuses, made acceptable without
//! moving a byte (so every line and column the crate reports stays the file's):
//! entries delimited by parentheses, `@article( key, … )`, get braces; `@preamble`s
//! are blanked out, since Mizan has no use for them and one holding a bare word (a macro
//! name, valid BibTeX) makes the crate refuse the whole file.

use std::borrow::Cow;

/// The text with the changes above, borrowed when there is nothing to change.
pub(crate) fn prepare(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut edits: Vec<Edit> = Vec::new();
    let mut i = 0;
    while let Some(at) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'@')).map(|p| p + i) {
        let name_end = bytes
            .get(at + 1..)
            .map_or(at + 1, |rest| at + 1 + rest.iter().take_while(|b| b.is_ascii_alphabetic()).count());
        let open = name_end
            + bytes.get(name_end..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_whitespace()).count());
        let name = text.get(at + 1..name_end).unwrap_or_default().to_ascii_lowercase();
        let delimiter = bytes.get(open).copied();
        if name.is_empty() || !matches!(delimiter, Some(b'{' | b'(')) || name == "comment" {
            i = at + 1;
            continue;
        }
        let Some(close) = closing(bytes, open) else { break };
        if name == "preamble" {
            edits.push(Edit::Blank(at, close + 1));
        } else if delimiter == Some(b'(') {
            edits.push(Edit::Brace(open, close));
        }
        i = close + 1;
    }
    if edits.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for edit in edits {
        match edit {
            Edit::Brace(open, close) => {
                out[open] = b'{';
                out[close] = b'}';
            }
            // Whole characters become spaces, and line breaks stay, so the text stays
            // UTF-8 and its lines stay where they were.
            Edit::Blank(start, end) => {
                for b in &mut out[start..end] {
                    if *b != b'\n' {
                        *b = b' ';
                    }
                }
            }
        }
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[derive(Debug)]
enum Edit {
    /// The parentheses at these offsets become braces.
    Brace(usize, usize),
    /// These bytes become spaces.
    Blank(usize, usize),
}

/// Where the entry opened at `open` (a `{` or `(`) closes: the matching `}`, or for `(`
/// the first `)` outside braces and quotes.
fn closing(bytes: &[u8], open: usize) -> Option<usize> {
    let paren = bytes.get(open) == Some(&b'(');
    let mut depth = 0usize;
    let mut quoted = false;
    for (offset, &b) in bytes.iter().enumerate().skip(open + 1) {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 && !paren => return Some(offset),
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth == 0 && paren => quoted = !quoted,
            b')' if paren && depth == 0 && !quoted => return Some(offset),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parentheses_become_braces_in_place() {
        let text = "@Article(k1,\n  title = {a (b) c},\n  note = \"x)\"\n)\n@book{k2, title = {(t)}}";
        let prepared = prepare(text);
        assert_eq!(prepared, "@Article{k1,\n  title = {a (b) c},\n  note = \"x)\"\n}\n@book{k2, title = {(t)}}");
        assert_eq!(prepared.len(), text.len());
    }

    #[test]
    fn preambles_are_blanked_and_the_rest_is_untouched() {
        let text = "@preamble{ foo # \"\\newcommand{\\x}{é}\" }\n@comment{@book(x}\n@book{k, title = {t}}";
        let prepared = prepare(text);
        assert!(prepared.starts_with(&" ".repeat(10)), "{prepared}");
        assert_eq!(prepared.len(), text.len());
        assert!(prepared.ends_with("@comment{@book(x}\n@book{k, title = {t}}"));
        assert!(matches!(prepare("@book{k, title = {t}} x@y.org"), Cow::Borrowed(_)));
        // An entry that never closes is left for the crate to report.
        assert_eq!(prepare("@book(k, title = {t}"), "@book(k, title = {t}");
    }
}
