//! From [`Brief`] back to Markdown. The output is canonical (one style of list marker,
//! emphasis and citation punctuation) and parses back to the same brief.

use mizan_i18n::Lang;

use crate::citation::write_group;
use crate::front_matter;
use crate::model::{Alignment, Block, BlockKind, Brief, Inline, Marker};

impl Brief {
    /// The brief as Markdown with front matter.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        front_matter::write(&self.front, &mut out);
        let body = blocks(&self.blocks, self.lang);
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

fn blocks(list: &[Block], lang: Lang) -> String {
    list.iter().map(|b| block(b, lang)).collect::<Vec<_>>().join("\n\n")
}

fn block(b: &Block, lang: Lang) -> String {
    match &b.kind {
        BlockKind::Heading { level, content } => {
            format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 6))), inlines(content, lang, false))
        }
        BlockKind::Paragraph { marker, content } => {
            let mut out = String::new();
            if let Some(marker) = marker {
                write_marker(marker, lang, &mut out);
            }
            let text = inlines(content, lang, false);
            // The marker is followed by text, so line-start escapes do not apply there.
            if marker.is_some() {
                out.push_str(&text)
            } else {
                out = text
            };
            out
        }
        BlockKind::List { start, tight, items } => {
            let separator = if *tight { "\n" } else { "\n\n" };
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let bullet = match start {
                        Some(n) => format!("{}. ", n.saturating_add(i as u64)),
                        None => "- ".to_owned(),
                    };
                    let body = if *tight {
                        item.iter().map(|b| block(b, lang)).collect::<Vec<_>>().join("\n")
                    } else {
                        blocks(item, lang)
                    };
                    prefix_lines(&body, &bullet, &" ".repeat(bullet.chars().count()))
                })
                .collect::<Vec<_>>()
                .join(separator)
        }
        BlockKind::Quote(inner) => prefix_lines(&blocks(inner, lang), "> ", "> "),
        BlockKind::Table { alignments, header, rows } => table(alignments, header, rows, lang),
        BlockKind::Code { info, text } => {
            let longest = longest_run(text, '`');
            let fence = "`".repeat(longest.max(2) + 1);
            let text = text.strip_suffix('\n').unwrap_or(text);
            format!("{fence}{info}\n{text}\n{fence}")
        }
        BlockKind::Html(html) => html.trim_end_matches('\n').to_owned(),
        BlockKind::Rule => "***".to_owned(),
        BlockKind::Footnote { label, blocks: inner } => {
            prefix_lines(&blocks(inner, lang), &format!("[^{label}]: "), "    ")
        }
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

fn table(alignments: &[Alignment], header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], lang: Lang) -> String {
    let columns = alignments.len().max(header.len()).max(1);
    let row = |cells: &[Vec<Inline>]| {
        let mut out = String::from("|");
        for i in 0..columns {
            let cell = cells.get(i).map(|c| inlines(c, lang, true)).unwrap_or_default();
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out
    };
    let mut lines = vec![row(header)];
    let mut delimiter = String::from("|");
    for i in 0..columns {
        delimiter.push_str(match alignments.get(i).copied().unwrap_or(Alignment::None) {
            Alignment::None => " --- |",
            Alignment::Left => " :-- |",
            Alignment::Center => " :-: |",
            Alignment::Right => " --: |",
        });
    }
    lines.push(delimiter);
    lines.extend(rows.iter().map(|r| row(r)));
    lines.join("\n")
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut current) = (0, 0);
    for c in text.chars() {
        current = if c == ch { current + 1 } else { 0 };
        best = best.max(current);
    }
    best
}

fn inlines(list: &[Inline], lang: Lang, in_table: bool) -> String {
    let mut out = String::new();
    let mut line_start = true;
    for inline in list {
        write_inline(inline, lang, in_table, line_start, &mut out);
        line_start = matches!(inline, Inline::SoftBreak | Inline::HardBreak);
    }
    out
}

fn write_inline(inline: &Inline, lang: Lang, in_table: bool, line_start: bool, out: &mut String) {
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
        Inline::Emphasis(inner) => {
            out.push('*');
            out.push_str(&inlines(inner, lang, in_table));
            out.push('*');
        }
        Inline::Strong(inner) => {
            out.push_str("**");
            out.push_str(&inlines(inner, lang, in_table));
            out.push_str("**");
        }
        Inline::Strikethrough(inner) => {
            out.push_str("~~");
            out.push_str(&inlines(inner, lang, in_table));
            out.push_str("~~");
        }
        Inline::Link { dest, title, content } => {
            out.push('[');
            out.push_str(&inlines(content, lang, in_table));
            out.push_str("](");
            write_destination(dest, title, out);
            out.push(')');
        }
        Inline::Image { dest, title, alt } => {
            out.push_str("![");
            out.push_str(&inlines(alt, lang, in_table));
            out.push_str("](");
            write_destination(dest, title, out);
            out.push(')');
        }
        Inline::Citation(group) => write_group(group, lang, out),
        Inline::FootnoteRef(label) => {
            out.push_str("[^");
            out.push_str(label);
            out.push(']');
        }
        Inline::SoftBreak => out.push('\n'),
        Inline::HardBreak => out.push_str("\\\n"),
        Inline::Html(html) => out.push_str(html),
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
