//! `mizan`: the command line over Mizan's crates. Glue only: every decision lives in a
//! library crate, so the desktop app and this command behave the same.

mod briefs;
mod dto;
mod library_cmd;
mod sources;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Mizan: sourced analytic briefs in Arabic and French, with a library of graded sources.
#[derive(Debug, Parser)]
#[command(name = "mizan", version, propagate_version = true, max_term_width = 100)]
struct Cli {
    /// The library file [default: $XDG_DATA_HOME/mizan/library.sqlite3]
    #[arg(long, global = true, env = "MIZAN_LIBRARY", value_name = "PATH")]
    library: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Add, find, grade and exchange sources
    #[command(subcommand)]
    Sources(Box<sources::SourcesCommand>),
    /// Check, back up and restore the library file
    #[command(subcommand)]
    Library(library_cmd::LibraryCommand),
    /// Start a brief from a template
    New {
        /// assessment, sitrep or note
        #[arg(long, default_value = "assessment")]
        template: String,
        /// ar, fr or en
        #[arg(long)]
        lang: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Overwrite FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Audit a brief's sourcing, record its claims in the library and store a revision
    Check {
        brief: PathBuf,
        /// Print {"diagnostics": [...], "stats": {...}}
        #[arg(long)]
        json: bool,
        /// Also print claim counts, sourcing shares and the grades of cited sources
        #[arg(long)]
        stats: bool,
    },
    /// Typeset a brief as PDF (a brief with audit errors needs --draft)
    Export {
        brief: PathBuf,
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
        /// A style of templates/styles
        #[arg(long, default_value = "default")]
        style: String,
        /// a4 or letter
        #[arg(long, default_value = "a4")]
        paper: String,
        /// Export despite audit errors, watermarked DRAFT / مسودة / BROUILLON
        #[arg(long)]
        draft: bool,
    },
    /// List a brief's stored revisions, compare with one, or go back to one
    History {
        brief: PathBuf,
        /// Show what changed since revision REV
        #[arg(long, value_name = "REV")]
        diff: Option<u32>,
        /// Replace the file with revision REV (the current text is stored first)
        #[arg(long, value_name = "REV")]
        restore: Option<u32>,
    },
}

fn main() -> ExitCode {
    // Library code does not panic on user input; should a bug slip through, say so in
    // one line instead of printing a backtrace at the analyst.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!(
            "mizan: internal error{location}; please report it. Your library was not changed by the failed step."
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mizan: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// `--help` and `--version` print and succeed; a usage mistake is one line and exit 1.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let rendered = err.render().to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("mizan: {first} (see --help)");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let paths = mizan_workspace::Paths::from_env();
    let analyst = mizan_workspace::Config::load(&paths.config_dir)?.analyst();
    let library_path = cli.library.unwrap_or(paths.library);
    let open = || -> anyhow::Result<mizan_library::Library> {
        Ok(mizan_library::Library::open(&library_path, mizan_library::OpenOptions::new(&analyst))?)
    };
    match cli.command {
        Command::Sources(command) => sources::run(*command, open),
        Command::Library(command) => library_cmd::run(command, &library_path, open),
        Command::New { template, lang, output, force } => briefs::new(&template, &lang, &output, force),
        Command::Check { brief, json, stats } => briefs::check(&mut open()?, &brief, json, stats),
        Command::Export { brief, output, style, paper, draft } => {
            briefs::export(&open()?, &brief, &output, &style, &paper, draft)
        }
        Command::History { brief, diff, restore } => briefs::history(&mut open()?, &brief, diff, restore),
    }
}
