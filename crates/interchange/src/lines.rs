//! Byte offsets to line numbers, and UTF-8 decoding with a located error.

use crate::ReadError;

/// Where each line of a text starts, computed once so that every entry's line number is a
/// binary search, not a re-scan of the file.
#[derive(Debug)]
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of the start of each line; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    /// The 1-based line of a byte offset (offsets past the end give the last line).
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let end = offset.min(self.text.len());
        let column = self.text.get(start..end).map_or(1, |prefix| prefix.chars().count() + 1);
        (line, column)
    }
}

/// The text of a file: UTF-8 (a leading byte-order mark is dropped), or an error saying
/// where the first invalid byte is.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, ReadError> {
    let (bom, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
        let offset = err.valid_up_to() + bom;
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // The prefix is valid UTF-8 by construction, so counting characters is safe.
        let column =
            std::str::from_utf8(valid.get(line_start..).unwrap_or_default()).map_or(1, |s| s.chars().count() + 1);
        ReadError::InvalidUtf8 { offset, line, column }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let index = LineIndex::new("ab\nçd\n\nx");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 1);
        assert_eq!(index.line(3), 2);
        assert_eq!(index.line(8), 4);
        assert_eq!(index.line(100), 4);
        assert_eq!(index.line_column(5), (2, 2));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"ok\nab\xFFc").unwrap_err();
        assert_eq!(err, ReadError::InvalidUtf8 { offset: 5, line: 2, column: 3 });
        assert_eq!(decode(b"\xEF\xBB\xBF[]").unwrap(), "[]");
        // The offset counts the byte-order mark: it is a position in the file.
        let err = decode(b"\xEF\xBB\xBF\xC3(").unwrap_err();
        assert_eq!(err, ReadError::InvalidUtf8 { offset: 3, line: 1, column: 1 });
    }
}
