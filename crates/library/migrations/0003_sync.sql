-- Sync through a shared folder (crate mizan-sync).
--
-- Local edits to sources and excerpts are captured field by field by triggers into
-- sync_outbox; a sync turns the outbox into a changeset file. Every synced field is a
-- last-writer-wins register whose version (ts, device) lives in sync_versions; the value
-- itself stays in its own table. Changes applied from other devices run with
-- sync_state.applying = 1 so the triggers do not capture them again.
-- briefs, claims, claim_sources and revisions are local and have no triggers.

CREATE TABLE sync_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    applying     INTEGER NOT NULL DEFAULT 0,   -- 1 only inside a sync transaction
    device       TEXT,                         -- this library's device id, set at the first sync
    library      TEXT,                         -- the team's library id, shared through the folder
    sent_seq     INTEGER NOT NULL DEFAULT 0,   -- the last changeset this device wrote
    snapshot_seq INTEGER NOT NULL DEFAULT 0    -- sent_seq when it last wrote a snapshot
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

-- How far each other device's changesets have been applied here.
CREATE TABLE sync_cursors (
    device      TEXT PRIMARY KEY,
    applied_seq INTEGER NOT NULL
) STRICT;

-- Local changes not yet written to the folder; `value` is JSON.
CREATE TABLE sync_outbox (
    n      INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field  TEXT NOT NULL,
    value  TEXT NOT NULL,
    at     INTEGER NOT NULL,
    author TEXT NOT NULL
) STRICT;

-- The version of every synced field of every row, and the version it replaced (base),
-- which tells a knowing overwrite from a concurrent one. `extra` holds a deletion's own
-- value and the versions its author had seen (JSON).
CREATE TABLE sync_versions (
    entity      TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    field       TEXT NOT NULL,
    ts          INTEGER NOT NULL,
    device      TEXT NOT NULL,
    author      TEXT NOT NULL,
    base_ts     INTEGER,
    base_device TEXT,
    extra       TEXT,
    PRIMARY KEY (entity, row_id, field)
) STRICT, WITHOUT ROWID;

-- Changes for rows this library does not have yet (an edit that arrived before the
-- creation it depends on), kept until the creation arrives.
CREATE TABLE sync_parked (
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field  TEXT NOT NULL,
    ts     INTEGER NOT NULL,
    device TEXT NOT NULL,
    entry  TEXT NOT NULL,
    PRIMARY KEY (entity, row_id, field, ts, device)
) STRICT, WITHOUT ROWID;

-- Values that lost a merge, for the analyst to review and flip.
CREATE TABLE sync_conflicts (
    id           INTEGER PRIMARY KEY,
    entity       TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    field        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('field', 'delete', 'key')),
    kept_value   TEXT NOT NULL,
    kept_ts      INTEGER NOT NULL,
    kept_device  TEXT NOT NULL,
    kept_author  TEXT NOT NULL,
    lost_value   TEXT NOT NULL,
    lost_ts      INTEGER NOT NULL,
    lost_device  TEXT NOT NULL,
    lost_author  TEXT NOT NULL,
    detected_at  INTEGER NOT NULL,
    resolved_at  INTEGER,
    resolution   TEXT CHECK (resolution IN ('flipped', 'dismissed')),
    UNIQUE (entity, row_id, field, lost_ts, lost_device, kept_ts, kept_device)
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, id);

-- An insert is captured as one outbox row (field '*', no value): when the changeset is
-- written, the row's fields are read from the table itself and sent one entry each.
-- Rows are never deleted, so the row is still there; a field changed since is also in
-- the outbox under a later number, so the value sent last is the current one either
-- way. Bulk imports of 100,000 sources must not pay a dozen outbox rows each.
CREATE TRIGGER sync_sources_insert AFTER INSERT ON sources
WHEN (SELECT applying FROM sync_state WHERE id = 1) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, field, value, at, author)
    VALUES ('source', NEW.id, '*', '', NEW.modified_at, NEW.modified_by);
END;

CREATE TRIGGER sync_sources_update AFTER UPDATE ON sources
WHEN (SELECT applying FROM sync_state WHERE id = 1) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, field, value, at, author)
    SELECT 'source', NEW.id, f, v, NEW.modified_at, NEW.modified_by FROM (
        SELECT 'key' AS f, json_quote(NEW.key) AS v WHERE OLD.key IS NOT NEW.key
        UNION ALL SELECT 'modified', json_array(NEW.modified_at, NEW.modified_by)
            WHERE OLD.modified_at IS NOT NEW.modified_at OR OLD.modified_by IS NOT NEW.modified_by
        UNION ALL SELECT 'type', json_quote(NEW.type) WHERE OLD.type IS NOT NEW.type
        UNION ALL SELECT 'title', json_quote(NEW.title) WHERE OLD.title IS NOT NEW.title
        UNION ALL SELECT 'container_title', json_quote(NEW.container_title) WHERE OLD.container_title IS NOT NEW.container_title
        UNION ALL SELECT 'authors', json_quote(NEW.authors) WHERE OLD.authors IS NOT NEW.authors
        UNION ALL SELECT 'publisher', json_quote(NEW.publisher) WHERE OLD.publisher IS NOT NEW.publisher
        UNION ALL SELECT 'issued', json_quote(NEW.issued) WHERE OLD.issued IS NOT NEW.issued
        UNION ALL SELECT 'url', json_quote(NEW.url) WHERE OLD.url IS NOT NEW.url
        UNION ALL SELECT 'doi', json_quote(NEW.doi) WHERE OLD.doi IS NOT NEW.doi
        UNION ALL SELECT 'language', json_quote(NEW.language) WHERE OLD.language IS NOT NEW.language
        UNION ALL SELECT 'pages', json_quote(NEW.pages) WHERE OLD.pages IS NOT NEW.pages
        UNION ALL SELECT 'accessed', json_quote(NEW.accessed) WHERE OLD.accessed IS NOT NEW.accessed
        UNION ALL SELECT 'notes', json_quote(NEW.notes) WHERE OLD.notes IS NOT NEW.notes
        UNION ALL SELECT 'tags', json_quote(NEW.tags) WHERE OLD.tags IS NOT NEW.tags
        UNION ALL SELECT 'grade', CASE WHEN NEW.grade IS NULL THEN 'null'
                                  ELSE json_array(NEW.grade, NEW.graded_by, NEW.graded_at) END
            WHERE OLD.grade IS NOT NEW.grade OR OLD.graded_by IS NOT NEW.graded_by OR OLD.graded_at IS NOT NEW.graded_at
        UNION ALL SELECT 'deleted', CASE WHEN NEW.deleted_at IS NULL THEN 'null'
                                    ELSE json_array(NEW.deleted_at, NEW.deleted_by) END
            WHERE OLD.deleted_at IS NOT NEW.deleted_at OR OLD.deleted_by IS NOT NEW.deleted_by
    );
END;

CREATE TRIGGER sync_excerpts_insert AFTER INSERT ON excerpts
WHEN (SELECT applying FROM sync_state WHERE id = 1) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, field, value, at, author)
    VALUES ('excerpt', NEW.id, '*', '', NEW.modified_at, NEW.modified_by);
END;

CREATE TRIGGER sync_excerpts_update AFTER UPDATE ON excerpts
WHEN (SELECT applying FROM sync_state WHERE id = 1) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, field, value, at, author)
    SELECT 'excerpt', NEW.id, f, v, NEW.modified_at, NEW.modified_by FROM (
        SELECT 'source_id' AS f, json_quote(NEW.source_id) AS v WHERE OLD.source_id IS NOT NEW.source_id
        UNION ALL SELECT 'modified', json_array(NEW.modified_at, NEW.modified_by)
            WHERE OLD.modified_at IS NOT NEW.modified_at OR OLD.modified_by IS NOT NEW.modified_by
        UNION ALL SELECT 'position', json_quote(NEW.position) WHERE OLD.position IS NOT NEW.position
        UNION ALL SELECT 'text', json_quote(NEW.text) WHERE OLD.text IS NOT NEW.text
        UNION ALL SELECT 'locator', json_quote(NEW.locator) WHERE OLD.locator IS NOT NEW.locator
        UNION ALL SELECT 'deleted', CASE WHEN NEW.deleted_at IS NULL THEN 'null'
                                    ELSE json_array(NEW.deleted_at, NEW.deleted_by) END
            WHERE OLD.deleted_at IS NOT NEW.deleted_at OR OLD.deleted_by IS NOT NEW.deleted_by
    );
END;

-- Sources and excerpts written before sync existed go out with the first sync.
INSERT INTO sync_outbox (entity, row_id, field, value, at, author)
          SELECT 'source', id, 'created', json_array(created_at, created_by), modified_at, modified_by FROM sources
UNION ALL SELECT 'source', id, 'modified', json_array(modified_at, modified_by), modified_at, modified_by FROM sources
UNION ALL SELECT 'source', id, 'key', json_quote(key), modified_at, modified_by FROM sources
UNION ALL SELECT 'source', id, 'type', json_quote(type), modified_at, modified_by FROM sources
UNION ALL SELECT 'source', id, 'title', json_quote(title), modified_at, modified_by FROM sources
UNION ALL SELECT 'source', id, 'container_title', json_quote(container_title), modified_at, modified_by FROM sources WHERE container_title IS NOT NULL
UNION ALL SELECT 'source', id, 'authors', json_quote(authors), modified_at, modified_by FROM sources WHERE authors IS NOT '[]'
UNION ALL SELECT 'source', id, 'publisher', json_quote(publisher), modified_at, modified_by FROM sources WHERE publisher IS NOT NULL
UNION ALL SELECT 'source', id, 'issued', json_quote(issued), modified_at, modified_by FROM sources WHERE issued IS NOT NULL
UNION ALL SELECT 'source', id, 'url', json_quote(url), modified_at, modified_by FROM sources WHERE url IS NOT NULL
UNION ALL SELECT 'source', id, 'doi', json_quote(doi), modified_at, modified_by FROM sources WHERE doi IS NOT NULL
UNION ALL SELECT 'source', id, 'language', json_quote(language), modified_at, modified_by FROM sources WHERE language IS NOT NULL
UNION ALL SELECT 'source', id, 'pages', json_quote(pages), modified_at, modified_by FROM sources WHERE pages IS NOT NULL
UNION ALL SELECT 'source', id, 'accessed', json_quote(accessed), modified_at, modified_by FROM sources WHERE accessed IS NOT NULL
UNION ALL SELECT 'source', id, 'notes', json_quote(notes), modified_at, modified_by FROM sources WHERE notes IS NOT NULL
UNION ALL SELECT 'source', id, 'tags', json_quote(tags), modified_at, modified_by FROM sources WHERE tags IS NOT '[]'
UNION ALL SELECT 'source', id, 'grade', json_array(grade, graded_by, graded_at), modified_at, modified_by FROM sources WHERE grade IS NOT NULL
UNION ALL SELECT 'source', id, 'deleted', json_array(deleted_at, deleted_by), modified_at, modified_by FROM sources WHERE deleted_at IS NOT NULL
UNION ALL SELECT 'excerpt', id, 'created', json_array(created_at, created_by), modified_at, modified_by FROM excerpts
UNION ALL SELECT 'excerpt', id, 'modified', json_array(modified_at, modified_by), modified_at, modified_by FROM excerpts
UNION ALL SELECT 'excerpt', id, 'source_id', json_quote(source_id), modified_at, modified_by FROM excerpts
UNION ALL SELECT 'excerpt', id, 'position', json_quote(position), modified_at, modified_by FROM excerpts
UNION ALL SELECT 'excerpt', id, 'text', json_quote(text), modified_at, modified_by FROM excerpts
UNION ALL SELECT 'excerpt', id, 'locator', json_quote(locator), modified_at, modified_by FROM excerpts WHERE locator IS NOT NULL
UNION ALL SELECT 'excerpt', id, 'deleted', json_array(deleted_at, deleted_by), modified_at, modified_by FROM excerpts WHERE deleted_at IS NOT NULL;
