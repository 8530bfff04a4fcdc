//! This library's sync bookkeeping: its device id, the team library id, what it sent,
//! and how far it has applied each other device's changesets.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub device: Option<String>,
    pub library: Option<String>,
    pub sent_seq: u64,
    pub snapshot_seq: u64,
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub fn load(conn: &Connection) -> rusqlite::Result<State> {
    conn.prepare_cached("SELECT device, library, sent_seq, snapshot_seq FROM sync_state WHERE id = 1")?.query_row(
        [],
        |r| {
            Ok(State {
                device: r.get(0)?,
                library: r.get(1)?,
                sent_seq: to_u64(r.get(2)?),
                snapshot_seq: to_u64(r.get(3)?),
            })
        },
    )
}

pub fn set_device(conn: &Connection, device: &str) -> rusqlite::Result<()> {
    conn.execute("UPDATE sync_state SET device = ?1 WHERE id = 1", [device])?;
    Ok(())
}

pub fn set_library(conn: &Connection, library: &str) -> rusqlite::Result<()> {
    conn.execute("UPDATE sync_state SET library = ?1 WHERE id = 1", [library])?;
    Ok(())
}

pub fn set_sent(conn: &Connection, seq: u64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE sync_state SET sent_seq = ?1 WHERE id = 1")?.execute([to_i64(seq)])?;
    Ok(())
}

pub fn set_snapshot(conn: &Connection, seq: u64) -> rusqlite::Result<()> {
    conn.execute("UPDATE sync_state SET snapshot_seq = ?1 WHERE id = 1", [to_i64(seq)])?;
    Ok(())
}

pub fn cursors(conn: &Connection) -> rusqlite::Result<BTreeMap<String, u64>> {
    let mut stmt = conn.prepare_cached("SELECT device, applied_seq FROM sync_cursors")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, to_u64(r.get(1)?))))?;
    rows.collect()
}

/// Moves a device's cursor forward (never back).
pub fn advance_cursor(conn: &Connection, device: &str, seq: u64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_cursors (device, applied_seq) VALUES (?1, ?2)
         ON CONFLICT (device) DO UPDATE SET applied_seq = max(applied_seq, excluded.applied_seq)",
    )?
    .execute(params![device, to_i64(seq)])?;
    Ok(())
}
