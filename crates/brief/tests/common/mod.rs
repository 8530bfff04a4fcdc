//! Shared by the integration tests: the repository's fixtures and the sample library.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use mizan_brief::{CatalogEntry, CatalogExcerpt};
use mizan_source::{PartialDate, Reliability};
use uuid::Uuid;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

pub fn read(relative: &str) -> String {
    let path = fixtures().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn today() -> PartialDate {
    PartialDate::parse("2025-12-18").unwrap()
}

/// The sample library (CSL-JSON with Mizan's `custom.mizan` block) as a catalog, plus
/// one deleted source for the deleted-source fixture.
pub fn catalog() -> HashMap<String, CatalogEntry> {
    let json: serde_json::Value = serde_json::from_str(&read("sources/sample-library.json")).unwrap();
    let mut out = HashMap::new();
    for item in json.as_array().unwrap() {
        let key = item["id"].as_str().unwrap().to_owned();
        let mizan = &item["custom"]["mizan"];
        let issued = item["issued"]["date-parts"][0].as_array().map(|parts| {
            let n: Vec<i64> = parts.iter().filter_map(serde_json::Value::as_i64).collect();
            PartialDate::new(n[0] as i32, n.get(1).map(|m| *m as u8), n.get(2).map(|d| *d as u8)).unwrap()
        });
        let reliability = mizan["grade"]["reliability"].as_str().map(|r| r.parse::<Reliability>().unwrap());
        let excerpts = mizan["excerpts"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|e| CatalogExcerpt {
                        id: Uuid::parse_str(e["id"].as_str().unwrap()).unwrap(),
                        text: e["text"].as_str().unwrap().to_owned(),
                        locator: e["locator"].as_str().map(str::to_owned),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let entry = CatalogEntry {
            title: item["title"].as_str().unwrap_or_default().to_owned(),
            deleted: mizan["deleted"].as_bool().unwrap_or(false),
            reliability,
            issued,
            excerpts,
        };
        out.insert(key, entry);
    }
    out.insert(
        "source-supprimee-2025".into(),
        CatalogEntry {
            title: "Source supprimée".into(),
            deleted: true,
            reliability: None,
            issued: None,
            excerpts: Vec::new(),
        },
    );
    out
}
