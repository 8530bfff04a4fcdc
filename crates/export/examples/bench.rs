//! Cold-process export timing, side by side with Typst on equivalent content.
//!
//! cargo run --release -p mizan-export --example bench -- [RUNS]
//!
//! Takes tests/fixtures/export/bench-ar.md (a two-page Arabic brief) and the same body
//! repeated six times, writes both as Markdown and as an equivalent Typst document (same
//! text, Amiri, A4, justified, right to left) under target/export-bench/, then runs each
//! RUNS times (default 7) as a fresh process under /usr/bin/time -v: this example with
//! `--once` (parse + export + write, then exit) and Typst through its Python binding
//! (`pip install typst`) limited to templates/fonts. Prints the median wall time, the peak
//! resident memory, and the ratio. Typst's time is the one `typst.compile` call, timed inside
//! the fresh Python process (its first compile, fonts loaded cold), so Typst is not charged
//! for Python's start-up; the whole Python process is reported beside it.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use mizan_export::{ExportOptions, Style, export_brief};
use mizan_source::Source;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--once") {
        let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
            return Err("usage: bench --once BRIEF.md OUT.pdf".into());
        };
        let text = std::fs::read_to_string(input)?;
        let brief = mizan_brief::parse(&text);
        let exported = export_brief(&brief, &Vec::<Source>::new(), &ExportOptions::new(Style::named("default")?))?;
        std::fs::write(output, &exported.pdf)?;
        println!("{}", exported.pages);
        return Ok(());
    }
    let runs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(7).max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize()?;
    let dir = root.join("target/export-bench");
    std::fs::create_dir_all(&dir)?;
    let fixture = std::fs::read_to_string(root.join("tests/fixtures/export/bench-ar.md"))?;
    let (front, body) = split_front(&fixture).ok_or("the bench fixture has no front matter")?;
    let large = format!("{front}{}", vec![body; 6].join("\n"));
    let docs = [("2-page", fixture.clone()), ("6x", large)];
    let fonts = root.join("templates/fonts");
    let me = std::env::current_exe()?;
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return Err("/usr/bin/time is needed for peak memory (apt-get install time)".into());
    }
    let python_start = measure(runs, || {
        let mut c = Command::new(time);
        c.args(["-v", "python3", "-c", "import typst"]);
        c
    })?;
    println!("python3 + import typst alone: median {:.1} ms, peak {:.1} MB", python_start.0, python_start.1);
    println!(
        "{:<8} {:>6} {:>12} {:>10} {:>12} {:>12} {:>10} {:>8}",
        "doc", "pages", "mizan ms", "mizan MB", "typst ms", "typst-py ms", "typst MB", "ratio"
    );
    for (name, md) in docs {
        let md_path = dir.join(format!("{name}.md"));
        let typ_path = dir.join(format!("{name}.typ"));
        std::fs::write(&md_path, &md)?;
        std::fs::write(&typ_path, to_typst(&md))?;
        let out = dir.join(format!("{name}.pdf"));
        let typst_out = dir.join(format!("{name}-typst.pdf"));
        let pages = String::from_utf8(Command::new(&me).arg("--once").arg(&md_path).arg(&out).output()?.stdout)?
            .trim()
            .to_owned();
        let ours = measure(runs, || {
            let mut c = Command::new(time);
            c.arg("-v").arg(&me).arg("--once").arg(&md_path).arg(&out);
            c
        })?;
        let script = format!(
            "import time, typst\nt = time.perf_counter()\ntypst.compile({:?}, output={:?}, font_paths=[{:?}], ignore_system_fonts=True)\nprint((time.perf_counter() - t) * 1e3)",
            typ_path.display().to_string(),
            typst_out.display().to_string(),
            fonts.display().to_string()
        );
        let theirs = measure(runs, || {
            let mut c = Command::new(time);
            c.args(["-v", "python3", "-c", &script]);
            c
        })?;
        let typst_net = median(&theirs.2);
        println!(
            "{name:<8} {pages:>6} {:>12.1} {:>10.1} {:>12.1} {:>12.1} {:>10.1} {:>8.2}",
            ours.0,
            ours.1,
            typst_net,
            theirs.0,
            theirs.1,
            ours.0 / typst_net
        );
    }
    println!(
        "mizan ms = whole process; typst ms = the typst.compile call in a fresh process; typst-py ms = that whole Python process; ratio = mizan / typst (goal ≤ 0.5). Files in {}",
        dir.display()
    );
    Ok(())
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
}

/// Runs the command once to warm the file cache, then `runs` times: (median wall ms, max
/// peak RSS in MB, the numbers each run printed last on stdout).
fn measure(runs: usize, command: impl Fn() -> Command) -> Result<(f64, f64, Vec<f64>), Box<dyn std::error::Error>> {
    command().output()?;
    let mut times = Vec::with_capacity(runs);
    let mut printed = Vec::with_capacity(runs);
    let mut peak: f64 = 0.0;
    for _ in 0..runs {
        let started = Instant::now();
        let output = command().output()?;
        times.push(started.elapsed().as_secs_f64() * 1e3);
        if !output.status.success() {
            return Err(format!("benchmark command failed: {}", String::from_utf8_lossy(&output.stderr)).into());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let kb = stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        peak = peak.max(kb / 1024.0);
        if let Some(value) =
            String::from_utf8_lossy(&output.stdout).lines().last().and_then(|l| l.trim().parse::<f64>().ok())
        {
            printed.push(value);
        }
    }
    Ok((median(&times), peak, printed))
}

/// (front matter with its fences, body).
fn split_front(md: &str) -> Option<(String, String)> {
    let rest = md.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let front = format!("---\n{}\n---\n", rest.get(..end)?);
    Some((front, rest.get(end + 5..)?.to_owned()))
}

/// The same brief as Typst markup: title block, headings, paragraphs, lists, judgments in
/// bold, the table; Amiri, A4, the default style's margins and sizes.
fn to_typst(md: &str) -> String {
    let (front, body) = split_front(md).unwrap_or_default();
    let field = |name: &str| {
        front
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|v| v.trim().trim_matches('"').to_owned())
            .unwrap_or_default()
    };
    let mut out = String::from(
        "#set page(paper: \"a4\", margin: (x: 70pt, top: 78pt, bottom: 78pt), header: align(center, text(fill: rgb(\"#9b1c1c\"), size: 9pt)[للاستخدام الداخلي]), footer: context align(left, text(size: 9pt)[الصفحة #counter(page).display(\"١\")]))\n\
         #set text(font: \"Amiri\", size: 13pt, lang: \"ar\", dir: rtl)\n#set par(justify: true)\n#show heading: set text(fill: rgb(\"#1f3a5f\"))\n",
    );
    out.push_str(&format!("#text(size: 24pt, weight: \"bold\", fill: rgb(\"#1f3a5f\"))[{}]\n\n", field("title")));
    out.push_str(&format!("#text(size: 15pt)[{}]\n\n", field("subtitle")));
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush = |table: &mut Vec<Vec<String>>, out: &mut String| {
        if table.is_empty() {
            return;
        }
        let columns = table.first().map_or(1, Vec::len);
        let cells: Vec<String> = table.iter().flatten().map(|c| format!("[{c}]")).collect();
        out.push_str(&format!("#table(columns: {columns}, {})\n\n", cells.join(", ")));
        table.clear();
    };
    for line in body.lines() {
        let line = line.trim_end();
        if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<String> = row.trim_end_matches('|').split('|').map(|c| c.trim().to_owned()).collect();
            if !cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':')) {
                table.push(cells);
            }
            continue;
        }
        flush(&mut table, &mut out);
        let line = line.replace("**", "*");
        if let Some(heading) = line.strip_prefix("## ") {
            out.push_str(&format!("== {heading}\n"));
        } else {
            out.push_str(&line);
            out.push('\n');
        }
    }
    flush(&mut table, &mut out);
    out
}
