-- Searches filtered by language list the sources passing their filters from this index
-- before looking at the words (see `Library::plan` in search.rs): it holds every
-- filtered column, so no row is read. The language is indexed lowercased, as the
-- filter compares it.
CREATE INDEX sources_filter_language ON sources (lower(language), issued_year, grade, type)
    WHERE deleted_at IS NULL;
