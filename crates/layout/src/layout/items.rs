//! Itemization and the one shaping pass: the paragraph cut into items (one bidi level, script,
//! face and span each), every item shaped once, word by word through its face's word cache,
//! and the per-byte measures line breaking reads (advance, stretch and shrink of spaces,
//! kashida capacity) as prefix sums.

use std::ops::Range;

use super::{Engine, LayoutWarning};
use crate::font::{FaceId, ScriptFamily};
use crate::kashida::{self, MAX_PER_PLACE, Place};
use crate::model::{Align, TextLang};
use crate::script::{CharScript, char_script};
use crate::shape::{ShapeRequest, ShapedGlyph, SourceChar, shape, shape_units, source_chars, to_points, word_key};

/// A maximal stretch of text with one bidi level, face, span and script: shaped as one unit.
pub(super) struct Item {
    pub(super) range: Range<usize>,
    pub(super) level: u8,
    pub(super) face: FaceId,
    pub(super) size: f32,
    pub(super) arabic: bool,
    pub(super) lang: TextLang,
    pub(super) glyphs: Vec<ShapedGlyph>,
}

impl<'a> Engine<'a> {
    /// Splits the text into items: bidi level, resolved script, face and span.
    pub(super) fn itemize(&mut self) {
        let text = self.text;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let levels: Vec<u8> = chars.iter().map(|&(i, _)| self.bidi.level_at(i)).collect();
        // Script per character; common characters take the script of the nearest strong
        // character at the same level (before, else after), else the paragraph's language;
        // marks take the script of what they sit on.
        let raw: Vec<CharScript> = chars.iter().map(|&(_, c)| char_script(c)).collect();
        let default_arabic = self.para.lang == TextLang::Ar;
        let mut resolved = vec![false; chars.len()];
        for i in 0..chars.len() {
            resolved[i] = match raw[i] {
                CharScript::Arabic => true,
                CharScript::Other => false,
                CharScript::Inherited => i.checked_sub(1).map_or(default_arabic, |j| resolved[j]),
                CharScript::Common => {
                    let strong =
                        |j: usize| matches!(raw[j], CharScript::Arabic | CharScript::Other) && levels[j] == levels[i];
                    let before = (0..i).rev().find(|&j| strong(j));
                    let after = (i + 1..chars.len()).find(|&j| strong(j));
                    match (before, after) {
                        (Some(j), _) | (None, Some(j)) => raw[j] == CharScript::Arabic,
                        (None, None) => default_arabic,
                    }
                }
            };
        }
        let mut items: Vec<Item> = Vec::new();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let span_ix = self.span_at(i);
            let Some(span) = self.para.spans.get(span_ix) else { continue };
            let family = if resolved[k] { ScriptFamily::Arabic } else { ScriptFamily::Latin };
            let Some(preferred) = self.fonts.select(family, span.style.weight, span.style.italic) else { continue };
            let face = if is_invisible(c) {
                preferred
            } else {
                match self.fonts.face_for_char(preferred, c) {
                    Some(f) => f,
                    None => {
                        self.warnings.push(LayoutWarning::MissingGlyph { ch: c, offset: i });
                        preferred
                    }
                }
            };
            // A mark stays in the item of its base even if another face covers it better.
            let face = match (raw[k], items.last()) {
                (CharScript::Inherited, Some(last)) if last.range.end == i => last.face,
                _ => face,
            };
            let lang = span.lang.unwrap_or(self.para.lang);
            let same = items.last().is_some_and(|last| {
                last.range.end == i
                    && last.level == levels[k]
                    && last.face == face
                    && last.arabic == resolved[k]
                    && self.span_at(last.range.start) == span_ix
            });
            match items.last_mut() {
                Some(last) if same => last.range.end = i + c.len_utf8(),
                _ => items.push(Item {
                    range: i..i + c.len_utf8(),
                    level: levels[k],
                    face,
                    size: span.style.size,
                    arabic: resolved[k],
                    lang,
                    glyphs: Vec::new(),
                }),
            }
        }
        self.items = items;
    }

    pub(super) fn request(&self, item: &Item, range: Range<usize>) -> Option<ShapeRequest<'a>> {
        let face = self.fonts.face(item.face)?;
        Some(ShapeRequest {
            face,
            size: item.size,
            rtl: item.level % 2 == 1,
            arabic: item.arabic,
            lang: item.lang.tag(),
            pre_context: context_before(self.text, range.start),
            post_context: context_after(self.text, range.end),
            start_of_text: range.start == 0,
            end_of_text: range.end == self.text.len(),
        })
    }

    /// Shapes every item once and derives the per-byte measures line breaking needs.
    pub(super) fn shape_items(&mut self) {
        let n = self.text.len();
        let mut advance_at = vec![0.0f32; n + 1];
        let mut stretch_at = vec![0.0f32; n + 1];
        let mut shrink_at = vec![0.0f32; n + 1];
        let mut kashida_at = vec![0.0f32; n + 1];
        let justify = self.para.align == Align::Justify;
        let mut places = Vec::new();
        for ix in 0..self.items.len() {
            let glyphs = self.shape_by_words(&self.items[ix]);
            for g in &glyphs {
                if let Some(a) = advance_at.get_mut(g.pos as usize) {
                    *a += g.advance;
                }
            }
            let item = &self.items[ix];
            for g in &glyphs {
                let pos = g.pos as usize;
                let c = self.text.get(pos..).and_then(|s| s.chars().next());
                if matches!(c, Some(' ') | Some('\u{00A0}')) {
                    if justify {
                        // Inter-word space: may grow by half and shrink by a third (TeX's values).
                        stretch_at[pos] += g.advance * 0.5;
                        shrink_at[pos] += g.advance / 3.0;
                    }
                } else if justify
                    && item.arabic
                    && g.tatweel_ok
                    && let Some(rank) = kashida::rank(self.text, pos)
                {
                    places.push((pos, rank, item.face, item.size));
                }
            }
            self.items[ix].glyphs = glyphs;
        }
        // Words are delimited by spaces; each contributes its best place once to the stretch.
        let mut word = 0usize;
        let mut last_pos = 0usize;
        let mut seen_word = usize::MAX;
        for (pos, rank, face, size) in places {
            if self.text.get(last_pos..pos).is_some_and(|s| s.chars().any(char::is_whitespace)) {
                word += 1;
            }
            last_pos = pos;
            self.places.push(Place { pos, rank, word });
            if seen_word != word {
                seen_word = word;
                let tatweel = self.advance_of(face, size, '\u{0640}');
                kashida_at[pos] += tatweel * MAX_PER_PLACE as f32;
            }
        }
        self.prefix = prefix_sums(&advance_at);
        self.stretch = prefix_sums(&stretch_at);
        self.shrink = prefix_sums(&shrink_at);
        self.kashida_capacity = prefix_sums(&kashida_at);
    }

    /// Shapes an item word by word (each word with the spaces after it), in the item's visual
    /// order, through its face's word cache: a brief repeats its words, and harfrust is the
    /// largest cost of laying one out. A space joins nothing and, in the bundled faces, takes
    /// part in no substitution or kerning, so this gives the glyphs shaping the whole item
    /// would (exports are byte-identical either way).
    pub(super) fn shape_by_words(&self, item: &Item) -> Vec<ShapedGlyph> {
        let range = item.range.clone();
        let (Some(slice), Some(face)) = (self.text.get(range.clone()), self.fonts.face(item.face)) else {
            return Vec::new();
        };
        let words = words_in_visual_order(slice, range.start, item.level % 2 == 1);
        let mut glyphs = Vec::with_capacity(slice.len());
        let mut new_words = Vec::new();
        for word in words {
            let Some(mut req) = self.request(item, word.clone()) else { continue };
            // Inside the item a word follows a space and ends with one: its neighbours cannot
            // change its shapes, and leaving them out lets every occurrence share one entry.
            if word.start > range.start {
                req.pre_context = "";
            }
            if word.end < range.end {
                req.post_context = "";
            }
            let chars = source_chars(self.text, word.start, word.end);
            let key = word_key(&req, &chars);
            match face.cached_word(&key) {
                Some(units) => glyphs.extend(to_points(&req, &chars, &units)),
                None => {
                    let units = shape_units(&req, &chars);
                    glyphs.extend(to_points(&req, &chars, &units));
                    new_words.push((key, units));
                }
            }
        }
        face.store_words(new_words);
        glyphs
    }

    /// Advance of one character shaped alone (hyphen, tatweel), cached.
    pub(super) fn advance_of(&mut self, face: FaceId, size: f32, c: char) -> f32 {
        let key = (face, size.to_bits(), c);
        if let Some(w) = self.widths_cache.get(&key) {
            return *w;
        }
        let w = self
            .fonts
            .face(face)
            .map(|f| {
                let req = ShapeRequest {
                    face: f,
                    size,
                    rtl: false,
                    arabic: c == '\u{0640}',
                    lang: "und",
                    pre_context: "",
                    post_context: "",
                    start_of_text: false,
                    end_of_text: false,
                };
                shape(&req, &[SourceChar { c, pos: 0, inserted: None }]).iter().map(|g| g.advance).sum()
            })
            .unwrap_or(0.0);
        self.widths_cache.insert(key, w);
        w
    }
}

fn prefix_sums(v: &[f32]) -> Vec<f32> {
    let mut out = Vec::with_capacity(v.len() + 1);
    let mut acc = 0.0f32;
    out.push(0.0);
    for x in v {
        acc += x;
        out.push(acc);
    }
    out
}

/// The words of `slice` (which starts at byte `offset` of the paragraph), each with the
/// spaces after it, in the order they are drawn.
pub(super) fn words_in_visual_order(slice: &str, offset: usize, rtl: bool) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = offset;
    let mut after_space = false;
    for (i, c) in slice.char_indices() {
        let space = c == ' ';
        if after_space && !space {
            words.push(start..offset + i);
            start = offset + i;
        }
        after_space = space;
    }
    words.push(start..offset + slice.len());
    if rtl {
        // Right to left: the last word is drawn first.
        words.reverse();
    }
    words
}

/// Characters with no ink that fonts need not cover (controls, joiners, bidi marks).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

fn context_before(text: &str, pos: usize) -> &str {
    let s = text.get(..pos).unwrap_or("");
    let from = s.char_indices().rev().nth(7).map_or(0, |(i, _)| i);
    &s[from..]
}

fn context_after(text: &str, pos: usize) -> &str {
    let s = text.get(pos..).unwrap_or("");
    let to = s.char_indices().nth(8).map_or(s.len(), |(i, _)| i);
    &s[..to]
}
