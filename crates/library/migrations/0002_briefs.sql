-- Briefs known to this library, the claims they make and the sources those claims rest
-- on, so the library can answer "which briefs and claims cite this source" and a
-- regraded or retracted source can be traced to every claim it supports.
-- Briefs themselves stay files; their revisions are kept here, compressed.

CREATE TABLE briefs (
    id          TEXT PRIMARY KEY,      -- the UUID in the brief's front matter
    title       TEXT NOT NULL,
    lang        TEXT NOT NULL,
    path        TEXT,                  -- where it was last saved or checked on this machine
    checked_at  INTEGER NOT NULL,
    checked_by  TEXT NOT NULL
) STRICT;

CREATE TABLE claims (
    brief_id    TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
    claim_id    TEXT NOT NULL,         -- stable id within the brief
    kind        TEXT NOT NULL CHECK (kind IN ('fact', 'judgment', 'assumption')),
    text        TEXT NOT NULL,
    section     TEXT,
    line        INTEGER NOT NULL,
    likelihood  TEXT,
    confidence  TEXT,
    PRIMARY KEY (brief_id, claim_id)
) STRICT;

CREATE TABLE claim_sources (
    brief_id     TEXT NOT NULL,
    claim_id     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    citation_key TEXT NOT NULL,        -- as written in the brief
    source_id    TEXT REFERENCES sources (id), -- NULL when the key matched no source
    locator      TEXT,
    excerpt      TEXT,                 -- excerpt label or id, when the citation names one
    credibility  INTEGER CHECK (credibility BETWEEN 1 AND 6),
    PRIMARY KEY (brief_id, claim_id, position),
    FOREIGN KEY (brief_id, claim_id) REFERENCES claims (brief_id, claim_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX claim_sources_source ON claim_sources (source_id);
CREATE INDEX claim_sources_key ON claim_sources (citation_key);

CREATE TABLE revisions (
    brief_id   TEXT NOT NULL,
    number     INTEGER NOT NULL,       -- 1, 2, 3… per brief
    saved_at   INTEGER NOT NULL,
    saved_by   TEXT NOT NULL,
    size       INTEGER NOT NULL,       -- bytes of the uncompressed text
    sha256     TEXT NOT NULL,          -- of the uncompressed text: identical saves are not stored twice
    content    BLOB NOT NULL,          -- the brief's text, DEFLATE-compressed
    PRIMARY KEY (brief_id, number)
) STRICT;
