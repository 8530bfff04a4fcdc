//! From [`Brief`] back to Markdown. The output is canonical (one style of list marker,
//! emphasis and citation punctuation) and parses back to the same brief.
//!
//! One walk over the model ([`crate::walk`]): each block, list item, table row and cell
//! gets a frame that collects what its content writes, and is written out, prefixed or
//! joined, when the walk leaves it; inlines write into the innermost frame.

use mizan_i18n::Lang;

use crate::citation::write_group;
use crate::front_matter;
use crate::model::{Alignment, Block, BlockKind, Brief, Inline, Marker};
use crate::walk::{Flow, Node, Visitor, walk};

impl Brief {
    /// The brief as Markdown with front matter.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        front_matter::write(&self.front, &mut out);
        let mut writer = Markdown { lang: self.lang, frames: vec![Frame::default()] };
        walk(&self.blocks, &mut writer);
        let body = writer.frames.pop().unwrap_or_default().parts.join("\n\n");
        if !out.is_empty() && !body.is_empty() {
            out.push('\n');
        }
        out.push_str(&body);
        if !body.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// The Markdown of the blocks the walk is in, innermost last.
struct Markdown {
    lang: Lang,
    frames: Vec<Frame>,
}

/// What a block, list item, table row or cell has written so far.
#[derive(Default)]
struct Frame {
    /// Its inline content (a heading's, a paragraph's, a cell's).
    text: String,
    /// Its finished parts: a container's blocks, a list's items, a table's rows, a row's
    /// cells.
    parts: Vec<String>,
    /// Whether the next inline begins a line, where text could start a block.
    line_start: bool,
    /// Inside a table cell, where `|` is escaped.
    in_table: bool,
    /// For a list: where its numbering starts, and whether it is tight.
    list: Option<(Option<u64>, bool)>,
    /// For a table: how many columns a row has.
    columns: usize,
}

impl Markdown {
    fn open(&mut self, frame: Frame) {
        self.frames.push(frame);
    }

    /// Ends the innermost frame, handing `finish` its parts, and adds what it makes to the
    /// frame around.
    fn close(&mut self, finish: impl FnOnce(Frame, &Frame) -> String) {
        let frame = self.frames.pop().unwrap_or_default();
        if let Some(outer) = self.frames.last_mut() {
            let part = finish(frame, outer);
            outer.parts.push(part);
        }
    }
}

impl Visitor for Markdown {
    fn enter(&mut self, node: Node<'_>) -> Flow {
        let lang = self.lang;
        match node {
            Node::Block(block) => {
                let mut frame = Frame { line_start: true, ..Frame::default() };
                match &block.kind {
                    BlockKind::Heading { level, .. } => {
                        frame.text = format!("{} ", "#".repeat(usize::from((*level).clamp(1, 6))));
                    }
                    // Line-start escapes apply after the marker too: it is text before it.
                    BlockKind::Paragraph { marker: Some(marker), .. } => write_marker(marker, lang, &mut frame.text),
                    BlockKind::List { start, tight, .. } => frame.list = Some((*start, *tight)),
                    BlockKind::Table { alignments, header, .. } => {
                        frame.columns = alignments.len().max(header.len()).max(1);
                    }
                    _ => {}
                }
                self.open(frame);
            }
            Node::Item { .. } | Node::Row(_) => self.open(Frame::default()),
            Node::Cell { .. } => self.open(Frame { line_start: true, in_table: true, ..Frame::default() }),
            Node::Inline(inline) => {
                let Some(frame) = self.frames.last_mut() else { return Flow::Continue };
                let opens = match inline {
                    Inline::Emphasis(_) => Some("*"),
                    Inline::Strong(_) => Some("**"),
                    Inline::Strikethrough(_) => Some("~~"),
                    Inline::Link { .. } => Some("["),
                    Inline::Image { .. } => Some("!["),
                    _ => None,
                };
                if let Some(opening) = opens {
                    frame.text.push_str(opening);
                    frame.line_start = true;
                } else {
                    write_leaf(inline, lang, frame.in_table, frame.line_start, &mut frame.text);
                    frame.line_start = matches!(inline, Inline::SoftBreak | Inline::HardBreak);
                }
            }
        }
        Flow::Continue
    }

    fn leave(&mut self, node: Node<'_>) {
        match node {
            Node::Block(block) => self.close(|frame, _| block_text(block, frame)),
            Node::Item { index, .. } => self.close(|frame, list| {
                let (start, tight) = list.list.unwrap_or((None, true));
                let bullet = match start {
                    Some(n) => format!("{}. ", n.saturating_add(index as u64)),
                    None => "- ".to_owned(),
                };
                let body = frame.parts.join(if tight { "\n" } else { "\n\n" });
                prefix_lines(&body, &bullet, &" ".repeat(bullet.chars().count()))
            }),
            Node::Row(_) => self.close(|frame, table| {
                let mut out = String::from("|");
                for i in 0..table.columns {
                    out.push(' ');
                    out.push_str(frame.parts.get(i).map_or("", String::as_str));
                    out.push_str(" |");
                }
                out
            }),
            Node::Cell { .. } => self.close(|frame, _| frame.text),
            Node::Inline(inline) => {
                let Some(frame) = self.frames.last_mut() else { return };
                match inline {
                    Inline::Emphasis(_) => frame.text.push('*'),
                    Inline::Strong(_) => frame.text.push_str("**"),
                    Inline::Strikethrough(_) => frame.text.push_str("~~"),
                    Inline::Link { dest, title, .. } | Inline::Image { dest, title, .. } => {
                        frame.text.push_str("](");
                        write_destination(dest, title, &mut frame.text);
                        frame.text.push(')');
                    }
                    _ => return,
                }
                frame.line_start = false;
            }
        }
    }
}

/// A block's Markdown from what its content wrote.
fn block_text(block: &Block, frame: Frame) -> String {
    match &block.kind {
        BlockKind::Heading { .. } | BlockKind::Paragraph { .. } => frame.text,
        BlockKind::List { tight, .. } => frame.parts.join(if *tight { "\n" } else { "\n\n" }),
        BlockKind::Quote(_) => prefix_lines(&frame.parts.join("\n\n"), "> ", "> "),
        BlockKind::Table { alignments, .. } => {
            let mut delimiter = String::from("|");
            for i in 0..frame.columns {
                delimiter.push_str(match alignments.get(i).copied().unwrap_or(Alignment::None) {
                    Alignment::None => " --- |",
                    Alignment::Left => " :-- |",
                    Alignment::Center => " :-: |",
                    Alignment::Right => " --: |",
                });
            }
            let mut lines = frame.parts;
            lines.insert(1.min(lines.len()), delimiter);
            lines.join("\n")
        }
        BlockKind::Code { info, text } => {
            let longest = longest_run(text, '`');
            let fence = "`".repeat(longest.max(2) + 1);
            let text = text.strip_suffix('\n').unwrap_or(text);
            format!("{fence}{info}\n{text}\n{fence}")
        }
        BlockKind::Html(html) => html.trim_end_matches('\n').to_owned(),
        BlockKind::Rule => "***".to_owned(),
        BlockKind::Footnote { label, .. } => prefix_lines(&frame.parts.join("\n\n"), &format!("[^{label}]: "), "    "),
    }
}

fn write_marker(marker: &Marker, lang: Lang, out: &mut String) {
    out.push_str("**");
    out.push_str(&escape_text(&marker.label, false));
    out.push_str("**");
    let mut qualifiers = Vec::new();
    if let Some(l) = marker.likelihood {
        qualifiers.push(l.term(lang));
    }
    if let Some(c) = marker.confidence {
        qualifiers.push(c.term(lang));
    }
    qualifiers.extend(marker.unrecognised.iter().cloned());
    let (separator, colon) = match lang {
        Lang::Fr => (" ; ", " : "),
        Lang::Ar => ("؛ ", ": "),
        Lang::En => ("; ", ": "),
    };
    if !qualifiers.is_empty() {
        out.push_str(" (");
        out.push_str(&qualifiers.join(separator));
        out.push(')');
    }
    out.push_str(colon);
}

/// Prefixes the first line with `first` and the others with `rest` (blank lines get
/// the prefix trimmed, so no trailing spaces).
fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let prefix = if i == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut current) = (0, 0);
    for c in text.chars() {
        current = if c == ch { current + 1 } else { 0 };
        best = best.max(current);
    }
    best
}

/// An inline without content, as Markdown.
fn write_leaf(inline: &Inline, lang: Lang, in_table: bool, line_start: bool, out: &mut String) {
    match inline {
        Inline::Text(text) => {
            let escaped = escape_text(text, in_table);
            if line_start { out.push_str(&escape_line_start(&escaped)) } else { out.push_str(&escaped) }
        }
        Inline::Code(code) => {
            let fence = "`".repeat(longest_run(code, '`') + 1);
            let pad = code.starts_with('`')
                || code.ends_with('`')
                || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
            let code = if in_table { code.replace('|', "\\|") } else { code.clone() };
            if pad {
                out.push_str(&format!("{fence} {code} {fence}"))
            } else {
                out.push_str(&format!("{fence}{code}{fence}"))
            }
        }
        Inline::Citation(group) => write_group(group, lang, out),
        Inline::FootnoteRef(reference) => {
            out.push_str("[^");
            out.push_str(&reference.label);
            out.push(']');
        }
        Inline::SoftBreak => out.push('\n'),
        Inline::HardBreak => out.push_str("\\\n"),
        Inline::Html(html) => out.push_str(html),
        // Containers write their marks as the walk enters and leaves them.
        Inline::Emphasis(_)
        | Inline::Strong(_)
        | Inline::Strikethrough(_)
        | Inline::Link { .. }
        | Inline::Image { .. } => {}
    }
}

fn write_destination(dest: &str, title: &str, out: &mut String) {
    out.push('<');
    for ch in dest.chars() {
        if matches!(ch, '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('>');
    if !title.is_empty() {
        out.push_str(" \"");
        for ch in title.chars() {
            if matches!(ch, '"' | '\\') {
                out.push('\\');
            }
            out.push(ch);
        }
        out.push('"');
    }
}

/// Escapes what CommonMark would read as markup inside running text.
fn escape_text(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let last_close = chars.iter().rposition(|c| *c == ']');
    for (i, &ch) in chars.iter().enumerate() {
        let escape = match ch {
            // An unclosed `[@` stays unescaped so it is still reported as an unclosed citation.
            '[' => {
                let next = chars.get(i + 1).copied();
                let citation_like = next == Some('@') || (next == Some('-') && chars.get(i + 2) == Some(&'@'));
                !(citation_like && last_close.is_none_or(|c| c < i))
            }
            '\\' | '*' | '_' | '`' | ']' | '<' | '~' => true,
            '|' => in_table,
            // An entity only when it would be read as one: `&amp;`, `&#91;`.
            '&' => {
                let rest: String = chars.iter().skip(i + 1).take(33).collect();
                rest.find(';').is_some_and(|end| {
                    end > 0 && rest.get(..end).is_some_and(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '#'))
                })
            }
            // `!` before `[` would make an image; `[` is escaped anyway, but keep `![` literal.
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Escapes what would start a block if it began a line: `#`, `>`, `-`, `+`, `=`, `1.`.
fn escape_line_start(text: &str) -> String {
    let trimmed = text.trim_start_matches(' ');
    let indent = &text[..text.len() - trimmed.len()];
    let first = trimmed.chars().next();
    match first {
        Some('#' | '>' | '-' | '+' | '=') => format!("{indent}\\{trimmed}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            match trimmed.get(digits..digits + 1) {
                Some("." | ")") if digits <= 9 => {
                    format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..])
                }
                _ => text.to_owned(),
            }
        }
        _ => text.to_owned(),
    }
}
