-- What a source's dates say beyond YYYY[-MM[-DD]] (mizan_source::DateDetail, the fields
-- SourceField::IssuedDetail and AccessedDetail): a range's end, a season, circa or
-- uncertain, the words a file wrote, the date in the Hijri or Solar Hijri calendar. JSON
-- text, NULL when there is nothing beyond the date.
--
-- Existing sources have none; the update trigger is recreated to capture the two new
-- fields (0005_translated_title.sql's version, with a line after `issued` and one after
-- `accessed`).

ALTER TABLE sources ADD COLUMN issued_detail TEXT;
ALTER TABLE sources ADD COLUMN accessed_detail TEXT;

DROP TRIGGER sync_sources_update;
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
        UNION ALL SELECT 'translated_title', json_quote(NEW.translated_title) WHERE OLD.translated_title IS NOT NEW.translated_title
        UNION ALL SELECT 'container_title', json_quote(NEW.container_title) WHERE OLD.container_title IS NOT NEW.container_title
        UNION ALL SELECT 'authors', json_quote(NEW.authors) WHERE OLD.authors IS NOT NEW.authors
        UNION ALL SELECT 'publisher', json_quote(NEW.publisher) WHERE OLD.publisher IS NOT NEW.publisher
        UNION ALL SELECT 'issued', json_quote(NEW.issued) WHERE OLD.issued IS NOT NEW.issued
        UNION ALL SELECT 'issued_detail', json_quote(NEW.issued_detail) WHERE OLD.issued_detail IS NOT NEW.issued_detail
        UNION ALL SELECT 'url', json_quote(NEW.url) WHERE OLD.url IS NOT NEW.url
        UNION ALL SELECT 'doi', json_quote(NEW.doi) WHERE OLD.doi IS NOT NEW.doi
        UNION ALL SELECT 'language', json_quote(NEW.language) WHERE OLD.language IS NOT NEW.language
        UNION ALL SELECT 'pages', json_quote(NEW.pages) WHERE OLD.pages IS NOT NEW.pages
        UNION ALL SELECT 'accessed', json_quote(NEW.accessed) WHERE OLD.accessed IS NOT NEW.accessed
        UNION ALL SELECT 'accessed_detail', json_quote(NEW.accessed_detail) WHERE OLD.accessed_detail IS NOT NEW.accessed_detail
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
