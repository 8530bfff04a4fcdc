//! What every input, however hostile, must keep: no panic, and each reader's own
//! promises (a sanitised preview with nothing that runs, an export that reads back, a
//! changeset that writes back as it was read, a font subset that can be subset again).
//!
//! Each [`Target`] is one reader and its checks. The fuzz targets in `fuzz/` are one line
//! each over [`Target::check`], and `tests/replay.rs` runs the same checks over the
//! committed corpus (`fuzz/corpus/<target>/`) on the stable toolchain, so the fuzzers and
//! the tests cannot drift apart. A check panics on a violation: that is what a fuzzer
//! reports.
//!
//! ```
//! use mizan_robustness::Target;
//!
//! Target::Preview.check(b"---\ntitle: x\nlang: fr\n---\n<a href=\"javascript:alert(1)\">lien</a>\n");
//! assert_eq!(Target::from_name("csl_json"), Some(Target::CslJson));
//! ```

mod brief;
mod changeset;
mod font;
mod interchange;
mod markup;
mod seeds;

pub use markup::unsafe_markup;

/// One fuzzed reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `mizan_brief::parse_bytes`, the writer, and the parse of what it wrote.
    Brief,
    /// The sanitised HTML preview of any brief.
    Preview,
    /// `mizan_interchange::read` of CSL-JSON, and the export of what it read.
    CslJson,
    /// The same for BibTeX/BibLaTeX.
    Bibtex,
    /// The same for RIS.
    Ris,
    /// The sync's changeset reader, on the file as it is and with its checksum made right.
    SyncChangeset,
    /// The PDF writer's TrueType subsetter on damaged fonts.
    FontSubset,
}

impl Target {
    pub const ALL: [Target; 7] = [
        Target::Brief,
        Target::Preview,
        Target::CslJson,
        Target::Bibtex,
        Target::Ris,
        Target::SyncChangeset,
        Target::FontSubset,
    ];

    /// The name of the fuzz target and of its corpus folder.
    pub fn name(self) -> &'static str {
        match self {
            Self::Brief => "brief",
            Self::Preview => "preview",
            Self::CslJson => "csl_json",
            Self::Bibtex => "bibtex",
            Self::Ris => "ris",
            Self::SyncChangeset => "sync_changeset",
            Self::FontSubset => "font_subset",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Runs the reader on `data` and panics if it breaks one of its promises.
    pub fn check(self, data: &[u8]) {
        match self {
            Self::Brief => brief::parse_and_write(data),
            Self::Preview => brief::preview(data),
            Self::CslJson => interchange::read_and_write(mizan_interchange::Format::CslJson, data),
            Self::Bibtex => interchange::read_and_write(mizan_interchange::Format::Bibtex, data),
            Self::Ris => interchange::read_and_write(mizan_interchange::Format::Ris, data),
            Self::SyncChangeset => changeset::read_and_write(data),
            Self::FontSubset => font::subset_twice(data),
        }
    }

    /// The inputs a fuzzer starts from, made from the repository's fixtures (samples,
    /// source files, the bundled fonts): `(file name, bytes)`.
    pub fn seeds(self) -> Vec<(String, Vec<u8>)> {
        seeds::seeds(self)
    }
}
