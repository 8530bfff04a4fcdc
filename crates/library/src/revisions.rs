//! Compressed revisions of briefs, one per save that changed the text.

use std::io::{Read, Write};

use mizan_source::Timestamp;
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::Library;
use crate::error::{LibraryError, Result, SqliteContext};

/// A stored revision, without its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    pub number: u32,
    pub saved_at: Timestamp,
    pub saved_by: String,
    pub size: u64,
}

impl Library {
    /// Stores `text` as the brief's next revision, unless it is identical to the last
    /// one. Returns the revision number stored, or `None` when nothing changed.
    pub fn save_revision(&mut self, brief_id: Uuid, text: &str) -> Result<Option<u32>> {
        let (at, by) = self.stamp_parts();
        let hash = hex(&Sha256::digest(text.as_bytes()));
        let label = self.label.clone();
        let tx = self.conn.transaction().at(&label)?;
        let id = brief_id.to_string();
        let last: Option<(u32, String)> = tx
            .query_row(
                "SELECT number, sha256 FROM revisions WHERE brief_id = ?1 ORDER BY number DESC LIMIT 1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .at(&label)?;
        if last.as_ref().is_some_and(|(_, h)| *h == hash) {
            return Ok(None);
        }
        let number = last.map_or(1, |(n, _)| n + 1);
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        let compressed = encoder
            .write_all(text.as_bytes())
            .and_then(|()| encoder.finish())
            .map_err(|source| LibraryError::Io { path: label.clone().into(), source })?;
        tx.execute(
            "INSERT INTO revisions (brief_id, number, saved_at, saved_by, size, sha256, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, number, at.0, by, text.len() as i64, hash, compressed],
        )
        .at(&label)?;
        tx.commit().at(&label)?;
        Ok(Some(number))
    }

    /// The brief's revisions, oldest first.
    pub fn revisions(&self, brief_id: Uuid) -> Result<Vec<Revision>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT number, saved_at, saved_by, size FROM revisions WHERE brief_id = ?1 ORDER BY number",
            )
            .at(&self.label)?;
        let rows = stmt
            .query_map([brief_id.to_string()], |r| {
                Ok(Revision {
                    number: r.get(0)?,
                    saved_at: Timestamp(r.get(1)?),
                    saved_by: r.get(2)?,
                    size: r.get::<_, i64>(3)? as u64,
                })
            })
            .at(&self.label)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.label)
    }

    /// The text of one revision, checked against its stored hash.
    pub fn revision_text(&self, brief_id: Uuid, number: u32) -> Result<Option<String>> {
        let row: Option<(Vec<u8>, String)> = self
            .conn
            .query_row(
                "SELECT content, sha256 FROM revisions WHERE brief_id = ?1 AND number = ?2",
                params![brief_id.to_string(), number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .at(&self.label)?;
        let Some((compressed, hash)) = row else { return Ok(None) };
        let bad = |reason: String| LibraryError::BadRow {
            id: format!("{brief_id} revision {number}"),
            field: "content",
            value: String::new(),
            reason,
        };
        let mut text = String::new();
        flate2::read::DeflateDecoder::new(compressed.as_slice())
            .read_to_string(&mut text)
            .map_err(|e| bad(format!("cannot be decompressed: {e}")))?;
        if hex(&Sha256::digest(text.as_bytes())) != hash {
            return Err(bad("does not match its checksum".into()));
        }
        Ok(Some(text))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    #[test]
    fn stores_changed_texts_only_and_gives_them_back() {
        let mut library = memory();
        let brief = Uuid::new_v4();
        let v1 = "---\ntitle: Mali\nlang: fr\n---\n\nLe blocus a commencé en septembre 2025.\n";
        let v2 = "---\ntitle: مالي\nlang: ar\n---\n\nبدأ الحصار في سبتمبر 2025.\n";
        assert_eq!(library.save_revision(brief, v1).unwrap(), Some(1));
        assert_eq!(library.save_revision(brief, v1).unwrap(), None);
        assert_eq!(library.save_revision(brief, v2).unwrap(), Some(2));
        let list = library.revisions(brief).unwrap();
        assert_eq!(list.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(list[1].size, v2.len() as u64);
        assert_eq!(library.revision_text(brief, 1).unwrap().as_deref(), Some(v1));
        assert_eq!(library.revision_text(brief, 2).unwrap().as_deref(), Some(v2));
        assert_eq!(library.revision_text(brief, 3).unwrap(), None);
    }

    #[test]
    fn a_damaged_revision_is_an_error_not_wrong_text() {
        let mut library = memory();
        let brief = Uuid::new_v4();
        library.save_revision(brief, "texte").unwrap();
        library.connection().execute("UPDATE revisions SET content = x'00ff'", []).unwrap();
        assert!(library.revision_text(brief, 1).is_err());
    }
}
