//! Turning a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16
//! with a byte-order mark, the encoding a BibTeX file declares (JabRef writes `% Encoding:
//! windows-1252` at the top), and Windows-1252 when the bytes are not UTF-8 (the usual
//! encoding of older Western files; every byte decodes, Latin-1's included). Whatever
//! is not plain UTF-8 is said in the read report.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::ReadError;

/// How a file's bytes were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, as its byte-order mark said.
    Utf16 { big_endian: bool },
    /// The encoding the file declares (`% Encoding: …`), by its WHATWG name.
    Declared(&'static str),
    /// The bytes are not UTF-8 and the file declares nothing: read as Windows-1252.
    NotUtf8,
}

impl TextEncoding {
    /// Whether the report should mention it (anything but plain UTF-8).
    pub fn is_notable(self) -> bool {
        self != Self::Utf8
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Utf8 => f.write_str("UTF-8"),
            Self::Utf16 { big_endian: false } => f.write_str("UTF-16 (little-endian, by its byte-order mark)"),
            Self::Utf16 { big_endian: true } => f.write_str("UTF-16 (big-endian, by its byte-order mark)"),
            Self::Declared(name) => write!(f, "{name}, as the file declares"),
            Self::NotUtf8 => f.write_str("windows-1252: the file is not UTF-8 and declares no encoding"),
        }
    }
}

/// The text of a file and how it was decoded. `declared` looks for a BibTeX encoding
/// header.
pub(crate) fn decode(bytes: &[u8], declared: bool) -> Result<(Cow<'_, str>, TextEncoding), ReadError> {
    for (bom, encoding, big_endian) in [(b"\xFF\xFE", UTF_16LE, false), (b"\xFE\xFF", UTF_16BE, true)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .ok_or_else(|| ReadError::InvalidUtf16 { reason: utf16_problem(rest, big_endian) })?;
            let text = text.strip_prefix('\u{feff}').map_or(text.clone(), |t| Cow::Owned(t.to_owned()));
            return Ok((Cow::Owned(text.into_owned()), TextEncoding::Utf16 { big_endian }));
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if declared && let Some(encoding) = declared_encoding(bytes).filter(|e| *e != encoding_rs::UTF_8) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok((text, TextEncoding::Declared(encoding.name())));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), TextEncoding::Utf8)),
        Err(_) => Ok((WINDOWS_1252.decode_without_bom_handling(bytes).0, TextEncoding::NotUtf8)),
    }
}

/// Why UTF-16 bytes do not decode.
fn utf16_problem(bytes: &[u8], big_endian: bool) -> String {
    if bytes.len() % 2 == 1 {
        return format!("{} bytes after the byte-order mark, an odd number", bytes.len());
    }
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p.get(1).copied().unwrap_or(0)];
        if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
    });
    let bad = char::decode_utf16(units).position(|c| c.is_err()).unwrap_or(0);
    format!("a lone surrogate at byte {}", 2 + bad * 2)
}

/// The encoding a `% Encoding: NAME` line near the top declares (JabRef's header; Java
/// names such as `ISO8859_1` and `Cp1252` included).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    head.split(|&b| b == b'\n').take(10).find_map(|line| {
        let line = std::str::from_utf8(line).ok()?.trim();
        let rest = line.strip_prefix('%')?.trim_start();
        let (name, value) = rest.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("encoding") {
            return None;
        }
        let label = value.trim().to_ascii_lowercase().replace('_', "-");
        Encoding::for_label(label.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_and_fallbacks() {
        let utf16le: Vec<u8> =
            b"\xFF\xFE".iter().copied().chain("@book{é}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(
            decode(&utf16le, false).unwrap(),
            (Cow::Owned("@book{é}".into()), TextEncoding::Utf16 { big_endian: false })
        );
        let utf16be: Vec<u8> =
            b"\xFE\xFF".iter().copied().chain("TY  - ع".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&utf16be, false).unwrap().0, "TY  - ع");
        assert!(matches!(decode(b"\xFF\xFEa", false), Err(ReadError::InvalidUtf16 { .. })));
        assert!(
            matches!(decode(b"\xFF\xFE\x00\xD8a\x00", false), Err(ReadError::InvalidUtf16 { reason }) if reason.contains("surrogate"))
        );
        assert_eq!(decode(b"\xEF\xBB\xBF[]", false).unwrap(), (Cow::Borrowed("[]"), TextEncoding::Utf8));
        assert_eq!(
            decode(b"caf\xE9 \x93x\x94", false).unwrap(),
            (Cow::Owned("café “x”".into()), TextEncoding::NotUtf8)
        );
    }

    #[test]
    fn a_declared_encoding_is_honoured() {
        let bib = b"% This file was created with JabRef 2.10.\n% Encoding: Cp1252\n\n@book{k, title = {Soci\xE9t\xE9}}";
        let (text, encoding) = decode(bib, true).unwrap();
        assert!(text.contains("Société"), "{text}");
        assert_eq!(encoding, TextEncoding::Declared("windows-1252"));
        assert_eq!(decode(b"% Encoding: ISO8859_1\n\xE9", true).unwrap().0, "% Encoding: ISO8859_1\né");
        assert_eq!(
            decode(b"% Encoding: UTF-8\n\xC3\xA9", true).unwrap(),
            (Cow::Borrowed("% Encoding: UTF-8\né"), TextEncoding::Utf8)
        );
        // Only BibTeX has the header; elsewhere such a line is content.
        assert_eq!(decode(b"% Encoding: Cp1252\n\xC3\xA9", false).unwrap().1, TextEncoding::Utf8);
    }
}
