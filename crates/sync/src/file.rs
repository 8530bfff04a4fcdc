//! The shared folder's layout and file format.
//!
//! ```text
//! DIR/mizan-sync/<device>/0000000001.changes      a changeset: header line + one entry per line
//! DIR/mizan-sync/<device>/snapshot-0000000040.json full state as of that device's changeset 40
//! DIR/mizan-sync/<device>/device.json              what that device has applied (for compaction)
//! DIR/mizan-sync/<device>/.tmp-…                   a file being written (ignored by readers)
//! ```
//!
//! Each device writes only its own folder, always to a temporary name first and renamed
//! into place, so a reader sees a whole file or none. The header carries the SHA-256 of
//! the lines after it: a truncated or altered file is refused whole.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Result, SyncError, io};
use crate::model::{Entry, Held, Incoming, check_device};

/// The format version written in every header; a file with another is refused.
pub const FORMAT_VERSION: u32 = 1;

/// The largest changeset or snapshot file read (1 GiB): beyond it the file is refused
/// rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Changes,
    Snapshot,
}

impl FileKind {
    fn name(self) -> &'static str {
        match self {
            Self::Changes => "changes",
            Self::Snapshot => "snapshot",
        }
    }
}

/// The first line of a changeset or snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub mizan_sync: u32,
    pub kind: String,
    /// The team library id: files of another library are refused.
    pub library: String,
    pub device: String,
    pub author: String,
    /// The device's changeset number (for a snapshot: its last changeset included).
    pub seq: u64,
    pub count: u64,
    pub created_at: i64,
    /// Changesets only: the last outbox row included, so a sync interrupted after the
    /// rename can recognise its own file.
    #[serde(default)]
    pub outbox_upto: i64,
    /// Snapshots only: how far each device's changesets are included.
    #[serde(default)]
    pub applied: BTreeMap<String, u64>,
    pub body_sha256: String,
}

/// A file that was read and checked.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub header: Header,
    pub entries: Vec<Entry>,
    /// Entries of fields a newer Mizan added, in file order after `entries`' (see
    /// [`Held`]).
    pub held: Vec<Held>,
}

/// Why a file from the folder was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    pub reason: String,
}

pub fn root(dir: &Path) -> PathBuf {
    dir.join("mizan-sync")
}

pub fn device_dir(dir: &Path, device: &str) -> PathBuf {
    root(dir).join(device)
}

pub fn changes_name(seq: u64) -> String {
    format!("{seq:010}.changes")
}

pub fn snapshot_name(seq: u64) -> String {
    format!("snapshot-{seq:010}.json")
}

/// What one device folder holds, from its file names alone.
#[derive(Clone, Debug, Default)]
pub struct DeviceListing {
    pub device: String,
    pub path: PathBuf,
    /// Changeset numbers, ascending.
    pub changes: Vec<u64>,
    /// Snapshot numbers, ascending.
    pub snapshots: Vec<u64>,
    /// Leftover temporary files.
    pub temporaries: Vec<PathBuf>,
}

/// Lists the device folders and their files without reading any file. Folders whose
/// names are not device ids and files with other names are ignored (a sync tool's own
/// files, `.DS_Store`…).
pub fn list(dir: &Path) -> Result<Vec<DeviceListing>> {
    let root = root(dir);
    let entries = match std::fs::read_dir(&root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(SyncError::Io { path: root, source }),
    };
    let mut devices = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&root))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
        if check_device(&name).is_err() || !entry.file_type().map_err(io(&root))?.is_dir() {
            continue;
        }
        devices.push(list_device(&root, &name)?);
    }
    devices.sort_by(|a, b| a.device.cmp(&b.device));
    Ok(devices)
}

fn list_device(root: &Path, device: &str) -> Result<DeviceListing> {
    let path = root.join(device);
    let mut listing = DeviceListing { device: device.to_owned(), path: path.clone(), ..Default::default() };
    for entry in std::fs::read_dir(&path).map_err(io(&path))? {
        let entry = entry.map_err(io(&path))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
        if let Some(seq) = name.strip_suffix(".changes").and_then(parse_seq) {
            listing.changes.push(seq);
        } else if let Some(seq) =
            name.strip_prefix("snapshot-").and_then(|n| n.strip_suffix(".json")).and_then(parse_seq)
        {
            listing.snapshots.push(seq);
        } else if name.starts_with(".tmp-") {
            listing.temporaries.push(entry.path());
        }
    }
    listing.changes.sort_unstable();
    listing.snapshots.sort_unstable();
    Ok(listing)
}

fn parse_seq(digits: &str) -> Option<u64> {
    (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|&n| n > 0)
}

/// Serialises a file: header line, then one entry per line (held entries last, as they
/// arrived).
pub fn encode(mut header: Header, entries: &[Entry], held: &[Held]) -> Vec<u8> {
    let mut body = Vec::with_capacity(entries.len() * 160);
    let lines = entries.iter().map(Entry::to_json).chain(held.iter().map(|h| h.json.clone()));
    for line in lines {
        // Writing JSON into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut body, &line);
        body.push(b'\n');
    }
    header.count = (entries.len() + held.len()) as u64;
    header.body_sha256 = sha256_hex(&body);
    let mut out = serde_json::to_vec(&header).unwrap_or_default();
    out.push(b'\n');
    out.extend_from_slice(&body);
    out
}

/// Reads and checks a file. `expect` says what it must be: its kind, the device whose
/// folder it is in, its number, and the library (when this library already has one).
pub fn read(path: &Path, kind: FileKind, device: &str, seq: u64, library: Option<&str>) -> Result<Loaded, FileProblem> {
    let problem = |reason: String| FileProblem { path: path.to_owned(), reason };
    let size = std::fs::metadata(path).map_err(|e| problem(e.to_string()))?.len();
    if size > MAX_FILE_BYTES {
        return Err(problem(format!("{size} bytes, more than the {MAX_FILE_BYTES} accepted")));
    }
    let bytes = std::fs::read(path).map_err(|e| problem(e.to_string()))?;
    decode(&bytes, kind, device, seq, library).map_err(problem)
}

pub fn decode(bytes: &[u8], kind: FileKind, device: &str, seq: u64, library: Option<&str>) -> Result<Loaded, String> {
    let newline = bytes.iter().position(|&b| b == b'\n').ok_or("no header line (the file is empty or truncated)")?;
    let (head, body) = (&bytes[..newline], &bytes[newline + 1..]);
    let header: Header = serde_json::from_slice(head).map_err(|e| format!("line 1 is not a Mizan sync header: {e}"))?;
    if header.mizan_sync != FORMAT_VERSION {
        return Err(format!("format version {} (this Mizan reads {FORMAT_VERSION})", header.mizan_sync));
    }
    if header.kind != kind.name() {
        return Err(format!("it is a {} file, expected {}", header.kind, kind.name()));
    }
    if header.device != device {
        return Err(format!("it names device {} but lies in the folder of device {device}", header.device));
    }
    if header.seq != seq {
        return Err(format!("it is number {} but is named {seq}", header.seq));
    }
    if let Some(library) = library
        && header.library != library
    {
        return Err(format!("it belongs to library {}, not to this library ({library})", header.library));
    }
    if check_device(&header.library).is_err() {
        return Err(format!("library id {:?} is not valid", header.library));
    }
    let digest = sha256_hex(body);
    if digest != header.body_sha256 {
        return Err(format!(
            "checksum mismatch (header {}, content {digest}): the file is truncated or altered",
            header.body_sha256
        ));
    }
    let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut entries = Vec::with_capacity(usize::try_from(header.count.min(10_000_000)).unwrap_or(0));
    let mut held = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 2;
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {line_no}: not JSON: {e}"))?;
        let incoming = Incoming::from_json(&value).map_err(|e| format!("line {line_no}: {e}"))?;
        let device = match &incoming {
            Incoming::Known(entry) => &entry.version.device,
            Incoming::Held(entry) => &entry.version.device,
        };
        if kind == FileKind::Changes && *device != header.device {
            return Err(format!("line {line_no}: a change by device {device} in device {}'s changeset", header.device));
        }
        match incoming {
            Incoming::Known(entry) => entries.push(entry),
            Incoming::Held(entry) => held.push(entry),
        }
    }
    let count = entries.len() + held.len();
    if count as u64 != header.count {
        return Err(format!("{count} entries where the header announces {}", header.count));
    }
    Ok(Loaded { header, entries, held })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    hex
}

/// Writes `bytes` to `path` so that `path` holds either its old content or all of the
/// new (`mizan_durable`: a temporary `.tmp-…` file in the same folder, flushed, renamed,
/// the folder flushed). `fail` is the crash tests' hook, called at `writing` (half of the
/// bytes written) and `before-rename`.
pub fn write_atomically(path: &Path, bytes: &[u8], fail: impl Fn(&'static str) -> Result<()>) -> Result<()> {
    let dir =
        path.parent().ok_or_else(|| SyncError::Folder { path: path.to_owned(), reason: "no parent folder".into() })?;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    mizan_durable::write_atomically_with(path, bytes, |checkpoint| {
        fail(match checkpoint {
            mizan_durable::Checkpoint::HalfWritten => "writing",
            mizan_durable::Checkpoint::BeforeRename => "before-rename",
        })
    })
    .map_err(|failure| match failure {
        mizan_durable::Failure::Write(e) => SyncError::Io { path: e.path, source: e.source },
        mizan_durable::Failure::Caller(e) => e,
    })
}

/// What a device publishes about itself for the others' compaction: which of every
/// device's changesets it has applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceFile {
    pub mizan_sync: u32,
    pub library: String,
    pub device: String,
    pub author: String,
    /// Its own last changeset.
    pub sent: u64,
    /// Its own last snapshot.
    pub snapshot: u64,
    /// Other devices' changesets applied, by device.
    pub applied: BTreeMap<String, u64>,
}

pub fn read_device_file(path: &Path) -> Result<DeviceFile, FileProblem> {
    let problem = |reason: String| FileProblem { path: path.to_owned(), reason };
    let bytes = std::fs::read(path).map_err(|e| problem(e.to_string()))?;
    if bytes.len() > 16 << 20 {
        return Err(problem("larger than 16 MiB".into()));
    }
    serde_json::from_slice(&bytes).map_err(|e| problem(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Version};

    fn header() -> Header {
        Header {
            mizan_sync: FORMAT_VERSION,
            kind: "changes".into(),
            library: "lib-1".into(),
            device: "dev-a".into(),
            author: "Amina".into(),
            seq: 3,
            count: 0,
            created_at: 0,
            outbox_upto: 9,
            applied: BTreeMap::new(),
            body_sha256: String::new(),
        }
    }

    fn entry(title: &str) -> Entry {
        Entry {
            entity: Entity::Source,
            id: uuid::Uuid::new_v4().to_string(),
            field: "title",
            value: serde_json::json!(title),
            version: Version { ts: 1, device: "dev-a".into() },
            author: "Amina".into(),
            base: None,
        }
    }

    #[test]
    fn encodes_and_decodes() {
        let entries = vec![entry("Bamako sous blocus"), entry("حصار باماكو")];
        let bytes = encode(header(), &entries, &[]);
        let loaded = decode(&bytes, FileKind::Changes, "dev-a", 3, Some("lib-1")).unwrap();
        assert_eq!(loaded.entries, entries);
        assert_eq!(loaded.header.count, 2);
    }

    #[test]
    fn refuses_truncated_altered_and_misplaced_files() {
        let bytes = encode(header(), &[entry("Bamako sous blocus"), entry("Kayes")], &[]);
        let cut = &bytes[..bytes.len() - 5];
        assert!(decode(cut, FileKind::Changes, "dev-a", 3, None).unwrap_err().contains("checksum"));
        assert!(decode(&bytes[..10], FileKind::Changes, "dev-a", 3, None).unwrap_err().contains("header"));
        assert!(decode(b"", FileKind::Changes, "dev-a", 3, None).unwrap_err().contains("empty"));
        let altered = String::from_utf8(bytes.clone()).unwrap().replace("Kayes", "Kidal");
        assert!(decode(altered.as_bytes(), FileKind::Changes, "dev-a", 3, None).unwrap_err().contains("checksum"));
        assert!(decode(&bytes, FileKind::Changes, "dev-b", 3, None).unwrap_err().contains("folder of device"));
        assert!(decode(&bytes, FileKind::Changes, "dev-a", 4, None).unwrap_err().contains("named 4"));
        assert!(decode(&bytes, FileKind::Changes, "dev-a", 3, Some("lib-2")).unwrap_err().contains("library"));
        assert!(decode(&bytes, FileKind::Snapshot, "dev-a", 3, None).unwrap_err().contains("expected snapshot"));
        // A change attributed to another device cannot hide in this device's file.
        let mut forged = entry("x");
        forged.version.device = "dev-b".into();
        let bytes = encode(header(), &[forged], &[]);
        assert!(decode(&bytes, FileKind::Changes, "dev-a", 3, None).unwrap_err().contains("device dev-b"));
    }

    #[test]
    fn lists_only_what_it_recognises() {
        let dir = tempfile::tempdir().unwrap();
        let dev = device_dir(dir.path(), "dev-a");
        std::fs::create_dir_all(&dev).unwrap();
        for name in [
            "0000000002.changes",
            "0000000001.changes",
            "snapshot-0000000001.json",
            "notes.txt",
            "12.changes",
            ".tmp-x",
        ] {
            std::fs::write(dev.join(name), b"").unwrap();
        }
        std::fs::create_dir_all(root(dir.path()).join("not a device")).unwrap();
        let listing = list(dir.path()).unwrap();
        assert_eq!(listing.len(), 1);
        assert_eq!(listing[0].changes, [1, 2]);
        assert_eq!(listing[0].snapshots, [1]);
        assert_eq!(listing[0].temporaries.len(), 1);
    }
}
