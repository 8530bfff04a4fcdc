//! Memoised pure functions of text, so that analysing a brief again after a keystroke
//! costs about as much as the text that changed.
//!
//! The app analyses the whole brief after every edit (there is no incremental parser
//! to keep in step with the Markdown). Most of that time goes to pure functions of a
//! piece of the text — parsing a piece of the body (`crate::pieces`), rendering and
//! sanitising a top-level block, the estimative vocabulary's search in a sentence —
//! whose inputs are almost all unchanged from one edit to the next. A [`Memo`] keeps
//! their results keyed by the input text itself.
//!
//! Memory is bounded by two generations: results go into the young table; when its
//! keys and values pass the byte budget, it becomes the old table (the previous old one
//! is dropped) and a new young table starts. A hit in the old table moves the entry
//! back to the young one, so whatever the last analysis used survives the next turn.
//! At most about twice the budget is held.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Keys are whole pieces of the brief, hashed at every analysis: foldhash is several
/// times faster than the standard SipHash on such keys and, seeded per process, as
/// unpredictable from the text.
type Table<V> = HashMap<Box<str>, V, foldhash::fast::RandomState>;

/// A bounded cache from text to `V`. Shared between threads: the lock is held only to
/// look up or insert, never while computing.
pub(crate) struct Memo<V> {
    budget: usize,
    tables: Mutex<Tables<V>>,
}

struct Tables<V> {
    young: Table<V>,
    old: Table<V>,
    /// Bytes of keys and values in `young`, by the caller's measure.
    young_bytes: usize,
}

impl<V: Clone> Memo<V> {
    /// A cache holding about `budget` bytes per generation.
    pub(crate) fn new(budget: usize) -> Self {
        Self { budget, tables: Mutex::new(Tables { young: Table::default(), old: Table::default(), young_bytes: 0 }) }
    }

    /// `compute(key)`, from the cache when it was computed before. `size` measures a
    /// value's heap bytes for the budget. `compute` must be a pure function of `key`.
    pub(crate) fn get(&self, key: &str, compute: impl FnOnce(&str) -> V, size: impl Fn(&V) -> usize) -> V {
        {
            let mut tables = self.lock();
            if let Some(value) = tables.young.get(key) {
                return value.clone();
            }
            if let Some((key, value)) = tables.old.remove_entry(key) {
                tables.insert(key, value.clone(), &size, self.budget);
                return value;
            }
        }
        let value = compute(key);
        self.lock().insert(key.into(), value.clone(), &size, self.budget);
        value
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tables<V>> {
        // A panic elsewhere while holding the lock leaves the tables consistent (each
        // operation is one insert or remove), so a poisoned lock is still usable.
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[cfg(test)]
    fn len(&self) -> (usize, usize) {
        let tables = self.lock();
        (tables.young.len(), tables.old.len())
    }
}

impl<V> Tables<V> {
    fn insert(&mut self, key: Box<str>, value: V, size: &impl Fn(&V) -> usize, budget: usize) {
        self.young_bytes += key.len() + size(&value);
        self.young.insert(key, value);
        if self.young_bytes > budget {
            self.old = std::mem::take(&mut self.young);
            self.young_bytes = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn computes_once_per_key() {
        let memo = Memo::new(1 << 20);
        let calls = Cell::new(0);
        let upper = |s: &str| {
            calls.set(calls.get() + 1);
            s.to_uppercase()
        };
        assert_eq!(memo.get("abc", upper, String::len), "ABC");
        assert_eq!(memo.get("abc", upper, String::len), "ABC");
        assert_eq!(memo.get("abd", upper, String::len), "ABD");
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn keeps_two_generations_and_drops_the_oldest() {
        // Each entry is 2 + 2 bytes: the young table turns old at the third insert.
        let memo = Memo::new(10);
        let id = |s: &str| s.to_owned();
        for key in ["aa", "bb", "cc"] {
            memo.get(key, id, String::len);
        }
        assert_eq!(memo.len(), (0, 3));
        // A hit in the old table brings the entry back to the young one.
        let calls = Cell::new(0);
        let counted = |s: &str| {
            calls.set(calls.get() + 1);
            s.to_owned()
        };
        memo.get("aa", counted, String::len);
        assert_eq!(calls.get(), 0);
        assert_eq!(memo.len(), (1, 2));
        // Two more entries fill the young table: "bb" and "cc" are dropped, "aa" kept.
        memo.get("dd", counted, String::len);
        memo.get("ee", counted, String::len);
        assert_eq!(memo.len(), (0, 3));
        memo.get("aa", counted, String::len);
        memo.get("bb", counted, String::len);
        assert_eq!(calls.get(), 3, "dd, ee and the dropped bb were computed");
    }
}
