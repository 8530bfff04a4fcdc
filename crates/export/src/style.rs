//! Print styles: fonts, sizes, margins, colours and note settings, read from
//! `templates/styles/<name>.toml`. The repository's styles are embedded at compile time so
//! the binary exports anywhere; a caller may also pass the text of another style file.

use mizan_pdf::Color;
use serde::Deserialize;

use crate::ExportError;

/// The styles shipped with Mizan: (name, TOML text).
const EMBEDDED: &[(&str, &str)] = &[
    ("default", include_str!("../../../templates/styles/default.toml")),
    ("endnotes", include_str!("../../../templates/styles/endnotes.toml")),
];

/// Paper size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }

    /// Reads `a4` or `letter` (any case).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Self::A4),
            "letter" | "us-letter" => Some(Self::Letter),
            _ => None,
        }
    }
}

/// Where notes go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotePlacement {
    /// At the foot of the page that calls them.
    Footnotes,
    /// Gathered before the sources annex.
    Endnotes,
}

/// A print style, as read from a style file.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub name: String,
    pub description: String,
    pub fonts: Fonts,
    pub page: Margins,
    pub spacing: Spacing,
    pub colors: Colors,
    pub notes: Notes,
}

/// Font families (among the bundled ones) and sizes in points.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    pub arabic: String,
    pub latin: String,
    pub body_size: f32,
    pub body_size_arabic: f32,
    pub note_size: f32,
    pub note_size_arabic: f32,
    pub title_size: f32,
    pub subtitle_size: f32,
    pub heading_size: f32,
    pub subheading_size: f32,
    pub furniture_size: f32,
    pub label_size: f32,
    pub table_size: f32,
    pub table_size_arabic: f32,
}

/// Margins and the positions of the page furniture, in points from the paper edge.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_start: f32,
    pub margin_end: f32,
    pub marking_inset: f32,
    pub head_inset: f32,
    pub foot_inset: f32,
}

/// Vertical and horizontal spacing, in points.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spacing {
    pub paragraph: f32,
    pub heading_before: f32,
    pub heading_after: f32,
    pub list_indent: f32,
    pub quote_indent: f32,
    pub judgment_bar: f32,
    pub judgment_gap: f32,
    pub note_gap: f32,
    pub table_padding: f32,
}

/// Colours of the style.
#[derive(Clone, Debug, PartialEq)]
pub struct Colors {
    pub text: Color,
    pub accent: Color,
    pub marking: Color,
    pub judgment: Color,
    pub assumption: Color,
    pub rule: Color,
    pub table_header: Color,
    pub table_rule: Color,
    pub watermark: Color,
    pub muted: Color,
}

/// Note settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Notes {
    pub placement: NotePlacement,
    /// Name of a CSL style of the embedded collection.
    pub csl_style: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    name: String,
    #[serde(default)]
    description: String,
    fonts: Fonts,
    page: Margins,
    spacing: Spacing,
    colors: RawColors,
    notes: RawNotes,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColors {
    text: String,
    accent: String,
    marking: String,
    judgment: String,
    assumption: String,
    rule: String,
    table_header: String,
    table_rule: String,
    watermark: String,
    muted: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotes {
    placement: String,
    csl_style: String,
}

/// Bundled font families a style may name.
const ARABIC_FAMILIES: &[&str] = &["Amiri"];
const LATIN_FAMILIES: &[&str] = &["Noto Serif"];

impl Style {
    /// The embedded style called `name` (`default`, `endnotes`).
    pub fn named(name: &str) -> Result<Self, ExportError> {
        let (file, text) = EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| ExportError::UnknownStyle { name: name.to_owned(), known: Self::names().join(", ") })?;
        Self::from_toml(&format!("templates/styles/{file}.toml"), text)
    }

    /// Names of the embedded styles.
    pub fn names() -> Vec<&'static str> {
        EMBEDDED.iter().map(|(n, _)| *n).collect()
    }

    /// Reads a style file's text; `origin` names it in errors.
    pub fn from_toml(origin: &str, text: &str) -> Result<Self, ExportError> {
        let bad = |field: &str, detail: String| ExportError::BadStyle {
            origin: origin.to_owned(),
            field: field.to_owned(),
            detail,
        };
        let raw: RawStyle = toml::from_str(text).map_err(|e| {
            let detail = e.message().to_owned();
            let at = e.span().map(|s| line_of(text, s.start)).map_or(String::new(), |l| format!("line {l}"));
            bad(&at, detail)
        })?;
        if !ARABIC_FAMILIES.contains(&raw.fonts.arabic.as_str()) {
            return Err(bad(
                "fonts.arabic",
                format!(
                    "{:?} is not a bundled Arabic family (expected one of: {})",
                    raw.fonts.arabic,
                    ARABIC_FAMILIES.join(", ")
                ),
            ));
        }
        if !LATIN_FAMILIES.contains(&raw.fonts.latin.as_str()) {
            return Err(bad(
                "fonts.latin",
                format!(
                    "{:?} is not a bundled Latin family (expected one of: {})",
                    raw.fonts.latin,
                    LATIN_FAMILIES.join(", ")
                ),
            ));
        }
        let f = &raw.fonts;
        let sizes = [
            ("fonts.body_size", f.body_size),
            ("fonts.body_size_arabic", f.body_size_arabic),
            ("fonts.note_size", f.note_size),
            ("fonts.note_size_arabic", f.note_size_arabic),
            ("fonts.title_size", f.title_size),
            ("fonts.subtitle_size", f.subtitle_size),
            ("fonts.heading_size", f.heading_size),
            ("fonts.subheading_size", f.subheading_size),
            ("fonts.furniture_size", f.furniture_size),
            ("fonts.label_size", f.label_size),
            ("fonts.table_size", f.table_size),
            ("fonts.table_size_arabic", f.table_size_arabic),
        ];
        for (field, size) in sizes {
            if !(size.is_finite() && (4.0..=72.0).contains(&size)) {
                return Err(bad(field, format!("{size} is not a font size between 4 and 72 points")));
            }
        }
        let p = &raw.page;
        let s = &raw.spacing;
        let lengths = [
            ("page.margin_top", p.margin_top),
            ("page.margin_bottom", p.margin_bottom),
            ("page.margin_start", p.margin_start),
            ("page.margin_end", p.margin_end),
            ("page.marking_inset", p.marking_inset),
            ("page.head_inset", p.head_inset),
            ("page.foot_inset", p.foot_inset),
            ("spacing.paragraph", s.paragraph),
            ("spacing.heading_before", s.heading_before),
            ("spacing.heading_after", s.heading_after),
            ("spacing.list_indent", s.list_indent),
            ("spacing.quote_indent", s.quote_indent),
            ("spacing.judgment_bar", s.judgment_bar),
            ("spacing.judgment_gap", s.judgment_gap),
            ("spacing.note_gap", s.note_gap),
            ("spacing.table_padding", s.table_padding),
        ];
        for (field, length) in lengths {
            if !(length.is_finite() && (0.0..=200.0).contains(&length)) {
                return Err(bad(field, format!("{length} is not a length between 0 and 200 points")));
            }
        }
        let c = &raw.colors;
        let color = |field: &str, value: &str| {
            parse_color(value).ok_or_else(|| bad(field, format!("{value:?} is not a colour (expected \"#rrggbb\")")))
        };
        let colors = Colors {
            text: color("colors.text", &c.text)?,
            accent: color("colors.accent", &c.accent)?,
            marking: color("colors.marking", &c.marking)?,
            judgment: color("colors.judgment", &c.judgment)?,
            assumption: color("colors.assumption", &c.assumption)?,
            rule: color("colors.rule", &c.rule)?,
            table_header: color("colors.table_header", &c.table_header)?,
            table_rule: color("colors.table_rule", &c.table_rule)?,
            watermark: color("colors.watermark", &c.watermark)?,
            muted: color("colors.muted", &c.muted)?,
        };
        let placement = match raw.notes.placement.as_str() {
            "footnotes" => NotePlacement::Footnotes,
            "endnotes" => NotePlacement::Endnotes,
            other => {
                return Err(bad(
                    "notes.placement",
                    format!("{other:?} is not a placement (expected footnotes or endnotes)"),
                ));
            }
        };
        if hayagriva::archive::ArchivedStyle::by_name(&raw.notes.csl_style).is_none() {
            return Err(bad(
                "notes.csl_style",
                format!("{:?} is not a CSL style of the embedded collection", raw.notes.csl_style),
            ));
        }
        Ok(Style {
            name: raw.name,
            description: raw.description,
            fonts: raw.fonts,
            page: raw.page,
            spacing: raw.spacing,
            colors,
            notes: Notes { placement, csl_style: raw.notes.csl_style },
        })
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// `#rrggbb` → colour.
fn parse_color(value: &str) -> Option<Color> {
    let hex = value.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
    Some(Color::rgb8(channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_style_loads() {
        for name in Style::names() {
            let style = Style::named(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(style.name, name);
        }
        assert_eq!(Style::named("default").unwrap().notes.placement, NotePlacement::Footnotes);
        assert_eq!(Style::named("endnotes").unwrap().notes.placement, NotePlacement::Endnotes);
    }

    #[test]
    fn unknown_style_names_the_known_ones() {
        let err = Style::named("fancy").unwrap_err().to_string();
        assert!(err.contains("fancy") && err.contains("default"), "{err}");
    }

    #[test]
    fn bad_fields_are_named() {
        let good = include_str!("../../../templates/styles/default.toml");
        let cases = [
            (good.replace("accent = \"#1f3a5f\"", "accent = \"blue\""), "colors.accent"),
            (good.replace("body_size = 10.5", "body_size = -1.0"), "fonts.body_size"),
            (good.replace("latin = \"Noto Serif\"", "latin = \"Comic Sans\""), "fonts.latin"),
            (good.replace("placement = \"footnotes\"", "placement = \"margin\""), "notes.placement"),
            (good.replace("csl_style = \"chicago-notes\"", "csl_style = \"nope\""), "notes.csl_style"),
            (good.replace("margin_top = 78.0", "margin_top = \"wide\""), "line"),
        ];
        for (text, field) in cases {
            let err = Style::from_toml("test.toml", &text).unwrap_err().to_string();
            assert!(err.contains(field) && err.contains("test.toml"), "{field}: {err}");
        }
    }

    #[test]
    fn paper_names() {
        assert_eq!(Paper::from_name("A4"), Some(Paper::A4));
        assert_eq!(Paper::from_name("letter"), Some(Paper::Letter));
        assert_eq!(Paper::from_name("a5"), None);
    }
}
