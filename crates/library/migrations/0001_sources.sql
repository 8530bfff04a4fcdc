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
CREATE VIRTUAL TABLE source_search USING fts5 (
    title, authors, container, notes, tags, excerpts,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);
