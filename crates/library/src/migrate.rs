//! Embedded schema migrations. `PRAGMA user_version` holds how many have been applied.

use rusqlite::Connection;

/// Each migration is a plain SQL file applied once, in order, all pending ones in one
/// transaction (a failure leaves the library as it was).
pub(crate) const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_sources", include_str!("../migrations/0001_sources.sql")),
    ("0002_briefs", include_str!("../migrations/0002_briefs.sql")),
    ("0003_sync", include_str!("../migrations/0003_sync.sql")),
    ("0004_filters", include_str!("../migrations/0004_filters.sql")),
    ("0005_translated_title", include_str!("../migrations/0005_translated_title.sql")),
    ("0006_sync_held", include_str!("../migrations/0006_sync_held.sql")),
    ("0007_date_detail", include_str!("../migrations/0007_date_detail.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the migrations after `from` in one transaction.
pub(crate) fn apply(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (_, sql) in MIGRATIONS.iter().skip(usize::try_from(from).unwrap_or(0)) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}
