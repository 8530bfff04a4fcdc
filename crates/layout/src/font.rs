//! Fonts as the layout engine sees them: faces given as bytes, grouped by the script they set.
//!
//! Nothing here reads files: a [`FontSet`] is built from bytes (the bundled set is compiled in
//! with `include_bytes!`), so the same engine runs in the app, the CLI and tests, and a PDF never
//! depends on the fonts installed on a machine.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use harfrust::{Direction as HbDirection, Language, Script, ShapePlan};
use read_fonts::{FontRef, TableProvider};

use crate::shape::{UnitGlyph, WordKey};

/// Which face of the set a glyph run is drawn with (an index into [`FontSet::faces`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub usize);

/// The writing system a face is meant for; font fallback picks faces by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScriptFamily {
    /// Arabic script (Arabic, Persian, Urdu letters and marks).
    Arabic,
    /// Latin script, and the default for everything that is not Arabic.
    Latin,
}

/// Stroke weight of a face or a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Weight {
    /// Book weight.
    #[default]
    Regular,
    /// Bold weight.
    Bold,
}

/// What can go wrong when a face is added to a set.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// The bytes are not an OpenType/TrueType font the shaper can read.
    #[error("font {name}: not a readable OpenType font ({reason})")]
    Unreadable {
        /// The name the face was registered under.
        name: String,
        /// What the font parser reported.
        reason: String,
    },
    /// The font has no usable Unicode character map, so no text can be set with it.
    #[error("font {name}: no Unicode character map")]
    NoCharmap {
        /// The name the face was registered under.
        name: String,
    },
}

/// One font face: its bytes, the parsed font and the metrics layout needs.
pub struct Face {
    name: String,
    family: ScriptFamily,
    weight: Weight,
    italic: bool,
    data: FontBytes,
    font: harfrust::Font,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    /// Shaping plans are costly to build (feature lookups per script); one per
    /// (direction, script, language) is kept and reused for every run.
    plans: Mutex<HashMap<PlanKey, Arc<ShapePlan>>>,
    /// Words already shaped with this face, in font units (see `shape::shape_cached`).
    words: Mutex<HashMap<WordKey, Arc<[UnitGlyph]>>>,
}

/// Beyond this many words the cache starts afresh: a long-running app must not grow without
/// bound, and one brief's vocabulary is far below it.
const WORD_CACHE_LIMIT: usize = 50_000;

/// Font file bytes: compiled in (never copied) or handed over by the caller (shared).
#[derive(Clone)]
enum FontBytes {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

impl FontBytes {
    fn bytes(&self) -> &[u8] {
        match self {
            FontBytes::Static(b) => b,
            FontBytes::Shared(b) => b,
        }
    }

    /// The same bytes for the shaper, without copying them.
    fn blob(&self) -> harfrust::font::Blob {
        match self {
            FontBytes::Static(b) => harfrust::font::Blob::from(*b),
            FontBytes::Shared(b) => {
                let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(b.clone());
                harfrust::font::Blob::from(shared)
            }
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct PlanKey {
    rtl: bool,
    script: [u8; 4],
    language: String,
}

impl fmt::Debug for Face {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Face")
            .field("name", &self.name)
            .field("family", &self.family)
            .field("weight", &self.weight)
            .field("italic", &self.italic)
            .field("bytes", &self.data.bytes().len())
            .finish()
    }
}

impl Face {
    /// Parses a face from font bytes. `name` is its PostScript name (it names the font in PDF).
    pub fn from_bytes(
        name: &str,
        family: ScriptFamily,
        weight: Weight,
        italic: bool,
        data: impl Into<Arc<[u8]>>,
    ) -> Result<Self, FontError> {
        Self::parse(name, family, weight, italic, FontBytes::Shared(data.into()))
    }

    /// Parses a face from bytes compiled into the program: nothing is copied.
    pub fn from_static(
        name: &str,
        family: ScriptFamily,
        weight: Weight,
        italic: bool,
        data: &'static [u8],
    ) -> Result<Self, FontError> {
        Self::parse(name, family, weight, italic, FontBytes::Static(data))
    }

    fn parse(
        name: &str,
        family: ScriptFamily,
        weight: Weight,
        italic: bool,
        data: FontBytes,
    ) -> Result<Self, FontError> {
        let unreadable = |reason: String| FontError::Unreadable { name: name.to_owned(), reason };
        let font_ref = FontRef::new(data.bytes()).map_err(|e| unreadable(e.to_string()))?;
        let units_per_em = f32::from(font_ref.head().map_err(|e| unreadable(e.to_string()))?.units_per_em());
        let hhea = font_ref.hhea().map_err(|e| unreadable(e.to_string()))?;
        let ascender = f32::from(hhea.ascender().to_i16());
        let descender = f32::from(hhea.descender().to_i16());
        if font_ref.cmap().is_err() {
            return Err(FontError::NoCharmap { name: name.to_owned() });
        }
        let font = harfrust::Font::new(data.blob(), 0).ok_or_else(|| unreadable("no face at index 0".into()))?;
        if units_per_em <= 0.0 {
            return Err(unreadable("units per em is zero".into()));
        }
        Ok(Face {
            name: name.to_owned(),
            family,
            weight,
            italic,
            data,
            font,
            units_per_em,
            ascender,
            descender,
            plans: Mutex::new(HashMap::new()),
            words: Mutex::new(HashMap::new()),
        })
    }

    /// PostScript name of the face.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The script family the face sets.
    pub fn family(&self) -> ScriptFamily {
        self.family
    }

    /// The weight of the face.
    pub fn weight(&self) -> Weight {
        self.weight
    }

    /// Whether the face is italic.
    pub fn italic(&self) -> bool {
        self.italic
    }

    /// The font file bytes (what a PDF writer subsets and embeds).
    pub fn data(&self) -> &[u8] {
        self.data.bytes()
    }

    /// Design units per em.
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// Ascender (hhea), in em.
    pub fn ascender_em(&self) -> f32 {
        self.ascender / self.units_per_em
    }

    /// Descender (hhea, positive below the baseline), in em.
    pub fn descender_em(&self) -> f32 {
        -self.descender / self.units_per_em
    }

    /// Whether the face maps this character to a glyph.
    pub fn covers(&self, c: char) -> bool {
        self.font.charmap().map_unicode(c as u32).is_some()
    }

    pub(crate) fn font(&self) -> &harfrust::Font {
        &self.font
    }

    /// The glyphs of a word shaped before with this face, if the cache has them.
    pub(crate) fn cached_word(&self, key: &WordKey) -> Option<Arc<[UnitGlyph]>> {
        // As for plans, a poisoned lock still holds a valid cache.
        self.words.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(key).cloned()
    }

    /// Keeps the glyphs of shaped words.
    pub(crate) fn store_words(&self, shaped: impl IntoIterator<Item = (WordKey, Vec<UnitGlyph>)>) {
        let mut words = self.words.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (key, glyphs) in shaped {
            if words.len() >= WORD_CACHE_LIMIT {
                words.clear();
            }
            words.insert(key, glyphs.into());
        }
    }

    /// The shaping plan for a direction/script/language, built once and reused.
    pub(crate) fn plan(&self, rtl: bool, script: Script, language: Option<&Language>) -> Arc<ShapePlan> {
        let key = PlanKey {
            rtl,
            script: script.tag().to_be_bytes(),
            language: language.map(|l| l.as_str().to_owned()).unwrap_or_default(),
        };
        // A poisoned lock only means another thread panicked while inserting; the map itself
        // is still a valid cache.
        let mut plans = self.plans.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        plans
            .entry(key)
            .or_insert_with(|| {
                let direction = if rtl { HbDirection::RightToLeft } else { HbDirection::LeftToRight };
                Arc::new(ShapePlan::new(&self.font, direction, Some(script), language, &[]))
            })
            .clone()
    }
}

/// The faces a document may use, with the fallback rules between them.
#[derive(Debug, Default)]
pub struct FontSet {
    faces: Vec<Face>,
}

impl FontSet {
    /// An empty set; add faces with [`FontSet::add`].
    pub fn new() -> Self {
        FontSet::default()
    }

    /// Adds a face and returns its id.
    pub fn add(&mut self, face: Face) -> FaceId {
        self.faces.push(face);
        FaceId(self.faces.len() - 1)
    }

    /// All faces, indexed by [`FaceId`].
    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    /// The face with this id, if it belongs to the set.
    pub fn face(&self, id: FaceId) -> Option<&Face> {
        self.faces.get(id.0)
    }

    /// The fonts compiled into Mizan: Amiri (Regular, Bold) for Arabic and Noto Serif (Regular,
    /// Bold, Italic) for Latin. See templates/fonts/README.md for their licences.
    pub fn bundled() -> Self {
        let mut set = FontSet::new();
        for (name, family, weight, italic, data) in BUNDLED {
            match Face::from_static(name, *family, *weight, *italic, data) {
                Ok(face) => {
                    set.add(face);
                }
                // The bundled files are fixed at compile time and checked by a test; a face that
                // fails to parse here would be a build defect, and the set stays usable without it.
                Err(_) => continue,
            }
        }
        set
    }

    /// The bundled set, parsed once per process and shared: every export after the first
    /// reuses its faces and the shaping plans they have built.
    pub fn shared() -> &'static FontSet {
        static SHARED: OnceLock<FontSet> = OnceLock::new();
        SHARED.get_or_init(FontSet::bundled)
    }

    /// Picks the face for a script family and style: exact match first, then the same family
    /// upright, then the same family regular, then any face of the other family.
    pub fn select(&self, family: ScriptFamily, weight: Weight, italic: bool) -> Option<FaceId> {
        let score = |f: &Face| -> u32 {
            let mut s = 0;
            if f.family != family {
                s += 100;
            }
            if f.weight != weight {
                s += 10;
            }
            if f.italic != italic {
                s += 1;
            }
            s
        };
        self.faces.iter().enumerate().min_by_key(|(i, f)| (score(f), *i)).map(|(i, _)| FaceId(i))
    }

    /// The best face for `c` given the preferred face: the preferred one if it covers the
    /// character, else the closest face (by [`FontSet::select`] order) that does.
    pub(crate) fn face_for_char(&self, preferred: FaceId, c: char) -> Option<FaceId> {
        let pref = self.face(preferred)?;
        if pref.covers(c) {
            return Some(preferred);
        }
        let mut order: Vec<usize> = (0..self.faces.len()).collect();
        order.sort_by_key(|&i| {
            let f = &self.faces[i];
            (
                u32::from(f.family != pref.family) * 100
                    + u32::from(f.weight != pref.weight) * 10
                    + u32::from(f.italic != pref.italic),
                i,
            )
        });
        order.into_iter().find(|&i| self.faces[i].covers(c)).map(FaceId)
    }
}

type BundledFace = (&'static str, ScriptFamily, Weight, bool, &'static [u8]);

const BUNDLED: &[BundledFace] = &[
    (
        "Amiri-Regular",
        ScriptFamily::Arabic,
        Weight::Regular,
        false,
        include_bytes!("../../../templates/fonts/Amiri-Regular.ttf"),
    ),
    (
        "Amiri-Bold",
        ScriptFamily::Arabic,
        Weight::Bold,
        false,
        include_bytes!("../../../templates/fonts/Amiri-Bold.ttf"),
    ),
    (
        "NotoSerif-Regular",
        ScriptFamily::Latin,
        Weight::Regular,
        false,
        include_bytes!("../../../templates/fonts/NotoSerif-Regular.ttf"),
    ),
    (
        "NotoSerif-Bold",
        ScriptFamily::Latin,
        Weight::Bold,
        false,
        include_bytes!("../../../templates/fonts/NotoSerif-Bold.ttf"),
    ),
    (
        "NotoSerif-Italic",
        ScriptFamily::Latin,
        Weight::Regular,
        true,
        include_bytes!("../../../templates/fonts/NotoSerif-Italic.ttf"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_parses() {
        for (name, family, weight, italic, data) in BUNDLED {
            let face = Face::from_bytes(name, *family, *weight, *italic, *data).unwrap();
            assert!(face.units_per_em() >= 16.0, "{name}");
            assert!(face.ascender_em() > 0.5 && face.descender_em() > 0.1, "{name}");
        }
        assert_eq!(FontSet::bundled().faces().len(), BUNDLED.len());
    }

    #[test]
    fn selection_falls_back_within_the_family_first() {
        let set = FontSet::bundled();
        let arabic_italic = set.select(ScriptFamily::Arabic, Weight::Regular, true).unwrap();
        assert_eq!(set.face(arabic_italic).unwrap().name(), "Amiri-Regular");
        let latin_bold_italic = set.select(ScriptFamily::Latin, Weight::Bold, true).unwrap();
        assert_eq!(set.face(latin_bold_italic).unwrap().name(), "NotoSerif-Bold");
    }

    #[test]
    fn a_character_missing_from_the_preferred_face_goes_to_one_that_has_it() {
        let set = FontSet::bundled();
        let noto = set.select(ScriptFamily::Latin, Weight::Regular, false).unwrap();
        let got = set.face_for_char(noto, 'ب').unwrap();
        assert_eq!(set.face(got).unwrap().family(), ScriptFamily::Arabic);
        // No bundled face has a glyph for a Linear B syllable.
        assert_eq!(set.face_for_char(noto, '\u{10000}'), None);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = Face::from_bytes("Junk", ScriptFamily::Latin, Weight::Regular, false, vec![0u8; 40]).unwrap_err();
        assert!(err.to_string().contains("Junk"));
    }
}
