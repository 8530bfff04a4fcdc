//! The sync's changeset reader. A changeset's header carries the SHA-256 of its body, so
//! almost every mutation of a file is refused at the checksum; each input is therefore
//! also read with its header made right (count and checksum of the body as it is), which
//! takes the fuzzer into the entries.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Reading never panics, and what is read writes back to a file that reads the same.
pub fn read_and_write(data: &[u8]) {
    let (head, body) = match data.iter().position(|&b| b == b'\n') {
        Some(newline) => (&data[..newline], &data[newline + 1..]),
        None => (data, &[][..]),
    };
    let header: Value = serde_json::from_slice(head).unwrap_or(Value::Null);
    let device = header.get("device").and_then(Value::as_str).unwrap_or("dev-a").to_owned();
    let seq = header.get("seq").and_then(Value::as_u64).unwrap_or(1);
    reads_back(data, &device, seq);

    let digest: String = Sha256::digest(body).iter().map(|b| format!("{b:02x}")).collect();
    let mut sealed = json!({
        "mizan_sync": mizan_sync::FORMAT_VERSION,
        "kind": "changes",
        "library": "lib-fuzz",
        "device": device,
        "author": "Fuzz",
        "seq": seq,
        "count": String::from_utf8_lossy(body).lines().count(),
        "created_at": 0,
        "outbox_upto": 0,
        "body_sha256": digest,
    })
    .to_string()
    .into_bytes();
    sealed.push(b'\n');
    sealed.extend_from_slice(body);
    reads_back(&sealed, &device, seq);
}

fn reads_back(file: &[u8], device: &str, seq: u64) {
    let Ok(written) = mizan_sync::reread_changeset(file, device, seq) else { return };
    match mizan_sync::reread_changeset(&written, device, seq) {
        Ok(again) => assert!(
            again == written,
            "a changeset written from what was read changes when read again:\n{}\n{}",
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&again)
        ),
        Err(e) => {
            panic!("a changeset written from what was read is refused: {e}\n{}", String::from_utf8_lossy(&written))
        }
    }
}
