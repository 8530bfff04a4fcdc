//! The claims briefs make and the sources they rest on, as last checked or saved.

use mizan_source::{Credibility, Timestamp};
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::Library;
use crate::error::{Result, SqliteContext};

/// What a claim is, in ICD 203's terms: a sourced fact, an analytic judgment, or an
/// assumption the analysis rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    Fact,
    Judgment,
    Assumption,
}

impl ClaimKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Fact => "fact",
            Self::Judgment => "judgment",
            Self::Assumption => "assumption",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "fact" => Some(Self::Fact),
            "judgment" => Some(Self::Judgment),
            "assumption" => Some(Self::Assumption),
            _ => None,
        }
    }
}

/// A brief as the library knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BriefEntry {
    pub id: Uuid,
    pub title: String,
    pub lang: String,
    pub path: Option<String>,
}

/// One claim of a brief, with its citations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimEntry {
    pub claim_id: String,
    pub kind: ClaimKind,
    pub text: String,
    pub section: Option<String>,
    pub line: u32,
    pub likelihood: Option<String>,
    pub confidence: Option<String>,
    pub citations: Vec<CitationEntry>,
}

/// One source a claim cites, as written in the brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitationEntry {
    pub key: String,
    pub locator: Option<String>,
    pub excerpt: Option<String>,
    pub credibility: Option<Credibility>,
}

/// A claim that cites a given source: what `sources show` lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitingClaim {
    pub brief: BriefEntry,
    pub claim_id: String,
    pub kind: ClaimKind,
    pub text: String,
    pub line: u32,
    pub locator: Option<String>,
    pub credibility: Option<Credibility>,
}

impl Library {
    /// Replaces everything the library knows of a brief's claims with `claims`, in one
    /// transaction. Citations are linked to the live source with their key, if any.
    pub fn record_claims(&mut self, brief: &BriefEntry, claims: &[ClaimEntry]) -> Result<()> {
        let (at, by) = self.stamp_parts();
        let label = self.label.clone();
        let tx = self.conn.transaction().at(&label)?;
        let id = brief.id.to_string();
        tx.execute(
            "INSERT INTO briefs (id, title, lang, path, checked_at, checked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, lang = excluded.lang,
                path = coalesce(excluded.path, briefs.path), checked_at = excluded.checked_at, checked_by = excluded.checked_by",
            params![id, brief.title, brief.lang, brief.path, at.0, by],
        )
        .at(&label)?;
        tx.execute("DELETE FROM claims WHERE brief_id = ?1", [&id]).at(&label)?;
        {
            let mut claim_stmt = tx
                .prepare(
                    "INSERT OR REPLACE INTO claims (brief_id, claim_id, kind, text, section, line, likelihood, confidence)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .at(&label)?;
            let mut cite_stmt = tx
                .prepare(
                    "INSERT INTO claim_sources (brief_id, claim_id, position, citation_key, source_id, locator, excerpt, credibility)
                     VALUES (?1, ?2, ?3, ?4, (SELECT id FROM sources WHERE key = ?4 AND deleted_at IS NULL), ?5, ?6, ?7)",
                )
                .at(&label)?;
            for claim in claims {
                claim_stmt
                    .execute(params![
                        id,
                        claim.claim_id,
                        claim.kind.name(),
                        claim.text,
                        claim.section,
                        claim.line,
                        claim.likelihood,
                        claim.confidence
                    ])
                    .at(&label)?;
                for (position, cite) in claim.citations.iter().enumerate() {
                    cite_stmt
                        .execute(params![
                            id,
                            claim.claim_id,
                            position as i64,
                            cite.key,
                            cite.locator,
                            cite.excerpt,
                            cite.credibility.map(Credibility::number)
                        ])
                        .at(&label)?;
                }
            }
        }
        tx.commit().at(&label)
    }

    /// The claims (of every brief recorded) that cite the source with this id, live or
    /// deleted, by brief then line.
    pub fn claims_citing(&self, source_id: Uuid) -> Result<Vec<CitingClaim>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT b.id, b.title, b.lang, b.path, c.claim_id, c.kind, c.text, c.line, cs.locator, cs.credibility
                 FROM claim_sources cs
                 JOIN claims c ON c.brief_id = cs.brief_id AND c.claim_id = cs.claim_id
                 JOIN briefs b ON b.id = cs.brief_id
                 WHERE cs.source_id = ?1 OR (cs.source_id IS NULL AND cs.citation_key = (SELECT key FROM sources WHERE id = ?1))
                 ORDER BY b.title, c.line",
            )
            .at(&self.label)?;
        let rows = stmt
            .query_map([source_id.to_string()], |row| {
                let brief_id: String = row.get(0)?;
                let kind: String = row.get(5)?;
                let credibility: Option<u8> = row.get(9)?;
                Ok(CitingClaim {
                    brief: BriefEntry {
                        id: Uuid::parse_str(&brief_id).unwrap_or_default(),
                        title: row.get(1)?,
                        lang: row.get(2)?,
                        path: row.get(3)?,
                    },
                    claim_id: row.get(4)?,
                    kind: ClaimKind::from_name(&kind).unwrap_or(ClaimKind::Fact),
                    text: row.get(6)?,
                    line: row.get(7)?,
                    locator: row.get(8)?,
                    credibility: credibility.and_then(Credibility::from_number),
                })
            })
            .at(&self.label)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.label)
    }

    /// The brief with this id, if the library has seen it.
    pub fn brief(&self, id: Uuid) -> Result<Option<(BriefEntry, Timestamp)>> {
        self.conn
            .query_row("SELECT title, lang, path, checked_at FROM briefs WHERE id = ?1", [id.to_string()], |row| {
                Ok((
                    BriefEntry { id, title: row.get(0)?, lang: row.get(1)?, path: row.get(2)? },
                    Timestamp(row.get(3)?),
                ))
            })
            .optional()
            .at(&self.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    fn brief() -> BriefEntry {
        BriefEntry {
            id: Uuid::new_v4(),
            title: "Mali : le blocus".into(),
            lang: "fr".into(),
            path: Some("/tmp/b.md".into()),
        }
    }

    fn fact(id: &str, keys: &[&str], line: u32) -> ClaimEntry {
        ClaimEntry {
            claim_id: id.into(),
            kind: ClaimKind::Fact,
            text: format!("fait {id}"),
            section: Some("situation".into()),
            line,
            likelihood: None,
            confidence: None,
            citations: keys
                .iter()
                .map(|k| CitationEntry {
                    key: (*k).into(),
                    locator: Some("p. 4".into()),
                    excerpt: None,
                    credibility: Credibility::from_number(2),
                })
                .collect(),
        }
    }

    #[test]
    fn a_source_lists_the_claims_that_cite_it() {
        let mut library = memory();
        library.add(&source("a", "Source A")).unwrap();
        library.add(&source("b", "Source B")).unwrap();
        let b = brief();
        library
            .record_claims(&b, &[fact("c1", &["a"], 3), fact("c2", &["a", "b"], 7), fact("c3", &["inconnue"], 9)])
            .unwrap();
        let a_id = library.get("a").unwrap().unwrap().source.id;
        let citing = library.claims_citing(a_id).unwrap();
        assert_eq!(citing.iter().map(|c| c.claim_id.as_str()).collect::<Vec<_>>(), ["c1", "c2"]);
        assert_eq!(citing[0].brief.title, "Mali : le blocus");
        assert_eq!(citing[0].credibility, Credibility::from_number(2));

        // Recording again replaces: c1 no longer cites a.
        library.record_claims(&b, &[fact("c2", &["b"], 7)]).unwrap();
        assert!(library.claims_citing(a_id).unwrap().is_empty());
    }

    #[test]
    fn a_deleted_source_still_traces_to_its_claims() {
        let mut library = memory();
        library.add(&source("a", "Source A")).unwrap();
        let a_id = library.get("a").unwrap().unwrap().source.id;
        library.record_claims(&brief(), &[fact("c1", &["a"], 3)]).unwrap();
        library.remove("a").unwrap();
        assert_eq!(library.claims_citing(a_id).unwrap().len(), 1);
    }
}
