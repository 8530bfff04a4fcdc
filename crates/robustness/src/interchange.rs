//! The importers: `mizan_interchange::read` of any bytes, and the promise of
//! `mizan_interchange::write` that what it writes reads back as the same sources.

use mizan_interchange::{Format, read, write};
use mizan_source::Source;

/// Reading never panics; the sources read, written back in the same format, read back
/// whole and equal.
pub fn read_and_write(format: Format, data: &[u8]) {
    let Ok(entries) = read(format, data) else { return };
    let sources: Vec<Source> = entries.into_iter().filter_map(Result::ok).collect();
    let written = write(format, &sources);
    let back = match read(format, written.as_bytes()) {
        Ok(back) => back,
        Err(e) => panic!("the {format} export of what was read does not read back: {e}\n{written}"),
    };
    assert_eq!(back.len(), sources.len(), "the {format} export holds another number of entries:\n{written}");
    for (entry, source) in back.into_iter().zip(&sources) {
        match entry {
            Ok(back) => assert_eq!(&back, source, "a source changed through a {format} export:\n{written}"),
            Err(e) => panic!("the {format} export of what was read is refused: {e}\n{written}"),
        }
    }
}
