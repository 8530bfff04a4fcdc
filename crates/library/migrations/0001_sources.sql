-- Sources and their excerpts.
--
-- Rows are never deleted by Mizan: deletion writes a tombstone (deleted_at/deleted_by)
-- so the shared library can propagate it. Every row records who made it and who last
-- changed it, with times in milliseconds since the Unix epoch (UTC).

CREATE TABLE library_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE sources (
    id              TEXT PRIMARY KEY,          -- UUID, stable for the source's life
    key             TEXT NOT NULL,             -- citation key, unique among live sources
    type            TEXT NOT NULL,
    title           TEXT NOT NULL,
    container_title TEXT,
    authors         TEXT NOT NULL DEFAULT '[]', -- JSON: [{"family","given"} | {"literal"}]
    publisher       TEXT,
    issued          TEXT,                      -- partial date: YYYY[-MM[-DD]]
    url             TEXT,
    doi             TEXT,
    language        TEXT,
    pages           TEXT,
    accessed        TEXT,
    notes           TEXT,
    tags            TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    grade           TEXT CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    graded_by       TEXT,
    graded_at       INTEGER,
    -- Derived columns for duplicate detection and filters, rewritten on every write.
    issued_year     INTEGER,
    doi_norm        TEXT,
    url_norm        TEXT,
    title_norm      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    created_by      TEXT NOT NULL,
    modified_at     INTEGER NOT NULL,
    modified_by     TEXT NOT NULL,
    deleted_at      INTEGER,
    deleted_by      TEXT,
    CHECK ((grade IS NULL) = (graded_at IS NULL))
);

CREATE UNIQUE INDEX sources_live_key ON sources (key) WHERE deleted_at IS NULL;
CREATE INDEX sources_doi ON sources (doi_norm) WHERE doi_norm IS NOT NULL;
CREATE INDEX sources_url ON sources (url_norm) WHERE url_norm IS NOT NULL;
CREATE INDEX sources_title ON sources (title_norm, issued_year);
CREATE INDEX sources_modified ON sources (modified_at);
CREATE INDEX sources_year ON sources (issued_year);

CREATE TABLE excerpts (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL REFERENCES sources (id),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    locator     TEXT,
    created_at  INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    modified_at INTEGER NOT NULL,
    modified_by TEXT NOT NULL,
    deleted_at  INTEGER,
    deleted_by  TEXT
);

CREATE INDEX excerpts_source ON excerpts (source_id, position);

-- Full-text index over folded text (mizan_text::fold), maintained by the library code:
-- the folding is Rust, so triggers could not compute it. Its rowid is sources.rowid.
-- `facets` holds one token per filterable attribute (xtreport, xlfr, xgb, xy2025) so
-- filtered searches are answered by the index alone, ranked, without reading rows.
CREATE VIRTUAL TABLE source_search USING fts5 (
    title, authors, container, notes, tags, excerpts, facets,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- Ranking: bm25 with column weights, in the order of the columns above. A match in the
-- title counts most, then authors and tags, then the container, excerpts and notes;
-- facets never count.
INSERT INTO source_search (source_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 3.0, 1.0, 4.0, 2.0, 0.0)');
-- A 16 MiB in-memory term hash (default 1 MiB) flushes, and so merges, 16 times less
-- often during a bulk import.
INSERT INTO source_search (source_search, rank) VALUES ('hashsize', 16777216);
