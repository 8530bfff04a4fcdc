-- Sync entries for fields this Mizan does not know (a newer Mizan added them), kept as
-- they arrived until an update that knows the field applies them (mizan-sync, model.rs).
-- Before this table a changeset carrying such a field was refused whole, and every later
-- changeset of its device waited until this library's Mizan was updated.
CREATE TABLE sync_held (
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field  TEXT NOT NULL,
    ts     INTEGER NOT NULL,
    device TEXT NOT NULL,
    entry  TEXT NOT NULL,   -- the entry's JSON line as it arrived
    PRIMARY KEY (entity, row_id, field, ts, device)
) STRICT, WITHOUT ROWID;
