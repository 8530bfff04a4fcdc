//! Exports the sample briefs (Arabic and French) with the sample library to
//! target/export-samples/*.pdf, and prints pages, size, warnings and the time taken.
//!
//! cargo run --release -p mizan-export --example export_samples -- [STYLE] [--draft] [--letter]

use std::path::Path;
use std::time::Instant;

use mizan_export::{ExportOptions, Paper, Style, export_brief};
use mizan_interchange::Format;
use mizan_source::Source;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let style_name = args.iter().find(|a| !a.starts_with("--")).map_or("default", String::as_str);
    let mut options = ExportOptions::new(Style::named(style_name)?);
    options.draft = args.iter().any(|a| a == "--draft");
    if args.iter().any(|a| a == "--letter") {
        options.paper = Paper::Letter;
    }
    let library_bytes = std::fs::read(root.join("tests/fixtures/sources/sample-library.json"))?;
    let library: Vec<Source> =
        mizan_interchange::read(Format::CslJson, &library_bytes)?.into_iter().filter_map(Result::ok).collect();
    let out_dir = root.join("target/export-samples");
    std::fs::create_dir_all(&out_dir)?;
    for name in ["sample-ar", "sample-fr"] {
        let text = std::fs::read_to_string(root.join(format!("tests/fixtures/briefs/{name}.md")))?;
        let started = Instant::now();
        let brief = mizan_brief::parse(&text);
        let exported = export_brief(&brief, &library, &options)?;
        let elapsed = started.elapsed();
        let suffix = if style_name == "default" { String::new() } else { format!("-{style_name}") };
        let draft = if options.draft { "-draft" } else { "" };
        let path = out_dir.join(format!("{name}{suffix}{draft}.pdf"));
        std::fs::write(&path, &exported.pdf)?;
        println!(
            "{}: {} pages, {} bytes, {:.1} ms",
            path.display(),
            exported.pages,
            exported.pdf.len(),
            elapsed.as_secs_f64() * 1e3
        );
        for warning in &exported.warnings {
            println!("  warning [{}]: {warning}", warning.code());
        }
    }
    Ok(())
}
