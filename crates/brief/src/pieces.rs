//! Cutting a brief's body into pieces that parse alone exactly as they parse inside the
//! whole, so that after an edit only the piece that changed is parsed again
//! (`parse::build` keeps each piece's result in a [`crate::memo::Memo`]).
//!
//! A cut goes before a line that starts a new top-level block after a blank line, where
//! nothing can still be open: the line starts at column 0, is not a list item (which
//! could continue a list) and is not inside a fenced code block. A blank line ends a
//! paragraph, a block quote, a table and HTML blocks of kinds 6 and 7, and a line at
//! column 0 after one ends list items, indented code and footnote definitions. What can outlive a blank line is handled by not cutting at all:
//!
//! - HTML blocks of kinds 1 to 5 (`<!--`, `<pre>`, `<script>`, …) run to their end
//!   marker: a body with any line starting with `<` is one piece.
//! - Link reference and footnote definitions are read from anywhere in the document: a
//!   body where one may be (a line starting with `[`, and `]:` somewhere) is one piece.
//! - Only fences at column 0 are followed (a closing fence may be indented up to three
//!   spaces). A fence indented by one to three spaces may sit in a list item and end with
//!   it, and telling would need the list's columns: such a body is one piece.
//!
//! The rules only have to be safe, never complete: a missed cut costs time, not
//! correctness. `parse`'s tests compare the pieced parse with the whole one on every
//! fixture and on thousands of edits of the samples.

/// Byte offsets in `body` where pieces start; the first is 0.
pub(crate) fn starts(body: &str) -> Vec<usize> {
    let mut starts = vec![0];
    if has_definitions(body) || body.lines().any(|l| l.trim_start().starts_with('<')) {
        return starts;
    }
    let mut fence: Option<Fence> = None;
    let mut previous_blank = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let rest = content.trim_start_matches(' ');
        let indent = content.len() - rest.len();
        if let Some(open) = &fence {
            if indent <= 3 && open.closed_by(rest) {
                fence = None;
            }
            previous_blank = false;
            continue;
        }
        if previous_blank && indent == 0 && at > 0 && starts_block(rest) {
            starts.push(at);
        }
        if indent <= 3
            && let Some(opened) = Fence::opened_by(rest)
        {
            if indent > 0 {
                // Indented, the fence may belong to a list item, and end with it: whether
                // a later fence line opens or closes one would need the list's columns.
                return vec![0];
            }
            fence = Some(opened);
        }
        previous_blank = content.trim_matches([' ', '\t']).is_empty();
    }
    starts
}

/// Whether the body may define link references or footnotes (`[label]:`, `[^1]:`),
/// which blocks anywhere else can use. A definition opens a paragraph, so a line of it
/// starts with `[` once indentation and container marks (`>`, list items) are set
/// aside; those are stripped generously (a stray digit too), which can only say yes
/// more often. A citation followed by a colon inside a sentence (`[@un-2025]:`) is not
/// one.
pub(crate) fn has_definitions(body: &str) -> bool {
    let container = |c: char| matches!(c, ' ' | '\t' | '>' | '-' | '+' | '*' | '.' | ')' | '0'..='9');
    body.contains("]:") && body.lines().any(|l| l.trim_start_matches(container).starts_with('['))
}

/// Whether `line`, at column 0 after a blank line, begins a new top-level block rather
/// than continuing a list: it is not blank and not a list item (`-`, `+` or `*`, or up
/// to nine digits and `.` or `)`, then a space, a tab or the end of the line).
fn starts_block(line: &str) -> bool {
    let bytes = line.as_bytes();
    let Some(&first) = bytes.first() else { return false };
    if matches!(first, b' ' | b'\t' | b'\r' | b'\n') {
        return false;
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker_end = match first {
        b'-' | b'+' | b'*' => 1,
        b'0'..=b'9' if digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) => digits + 1,
        _ => return true,
    };
    !matches!(bytes.get(marker_end), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
}

/// An open fenced code block: its character and how many of them opened it.
struct Fence {
    marker: u8,
    length: usize,
}

impl Fence {
    /// The fence `line` (without its indentation) opens, if it opens one. CommonMark: three
    /// or more backticks or tildes; a backtick fence's info string has no backtick.
    fn opened_by(line: &str) -> Option<Self> {
        let marker = *line.as_bytes().first()?;
        if marker != b'`' && marker != b'~' {
            return None;
        }
        let length = line.bytes().take_while(|&b| b == marker).count();
        let info = line.get(length..).unwrap_or_default();
        (length >= 3 && !(marker == b'`' && info.contains('`'))).then_some(Self { marker, length })
    }

    /// Whether `line` (without its indentation) closes the fence: at least as many of the
    /// same character, then only spaces and tabs.
    fn closed_by(&self, line: &str) -> bool {
        let length = line.bytes().take_while(|&b| b == self.marker).count();
        length >= self.length && line.get(length..).is_some_and(|r| r.trim_matches([' ', '\t', '\r']).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(body: &str) -> Vec<&str> {
        let starts = starts(body);
        let ends = starts.iter().skip(1).copied().chain([body.len()]);
        starts.iter().zip(ends).map(|(&s, e)| &body[s..e]).collect()
    }

    #[test]
    fn cuts_before_blocks_that_follow_a_blank_line() {
        let body = "## Contexte\n\nLe blocus [@a].\nSuite.\n\n**Jugement** : probable.\n";
        assert_eq!(pieces(body), ["## Contexte\n\n", "Le blocus [@a].\nSuite.\n\n", "**Jugement** : probable.\n"]);
    }

    #[test]
    fn never_cuts_where_a_list_could_go_on() {
        let body = "- un\n\n- deux\n\n1. trois\n\n  suite\n\n*\n\n12) cinq\n\n2025 fut\n\n-x\n\n**Fin**\n";
        assert_eq!(
            pieces(body),
            ["- un\n\n- deux\n\n1. trois\n\n  suite\n\n*\n\n12) cinq\n\n", "2025 fut\n\n", "-x\n\n", "**Fin**\n"]
        );
    }

    #[test]
    fn never_cuts_inside_a_fenced_code_block() {
        let body = "```\nun\n\ndeux\n````\n\ntrois\n\n~~~~\n\nquatre\n~~~\n\ncinq\n";
        assert_eq!(pieces(body), ["```\nun\n\ndeux\n````\n\n", "trois\n\n", "~~~~\n\nquatre\n~~~\n\ncinq\n"]);
        // A backtick in the info string: not a fence, so the blank line ends a paragraph.
        assert_eq!(pieces("``` a`b\n\nc\n"), ["``` a`b\n\n", "c\n"]);
        // A fence in a list item ends with the item; the fence line after it opens a
        // block whose blank lines must not be cut. Indented fences keep the body whole.
        let body = "- a\n  ```\n  code\n\npara\n\n```\nreal\n\nmore\n```\n";
        assert_eq!(pieces(body), [body]);
    }

    #[test]
    fn html_blocks_and_definitions_keep_the_body_whole() {
        for body in
            ["a\n\n<!--\n\nb\n-->\n\nc\n", "a [x]\n\nb\n\n[x]: https://example.org\n", "a[^1]\n\nb\n\n[^1]: note\n"]
        {
            assert_eq!(pieces(body), [body]);
        }
    }

    #[test]
    fn a_citation_before_a_colon_is_not_a_definition() {
        let body = "قال التقرير [@un-2025]: إن الوضع هش.\n\nثم تغير.\n";
        assert_eq!(pieces(body), ["قال التقرير [@un-2025]: إن الوضع هش.\n\n", "ثم تغير.\n"]);
        for body in ["a\n\n> [x]: /u\n", "a\n\n- [^1]: n\n", "a\n\n[la\ncarte]: /u\n"] {
            assert!(has_definitions(body), "{body:?}");
        }
    }

    #[test]
    fn indented_lines_and_crlf_do_not_start_pieces() {
        assert_eq!(pieces("a\r\n\r\n    code\r\n\r\nb\r\n"), ["a\r\n\r\n    code\r\n\r\n", "b\r\n"]);
    }
}
