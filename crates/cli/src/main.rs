//! `mizan`: the command line over the analyst's workspace (`mizan-workspace`). It parses
//! flags, calls one `Workspace` method and prints the result, as text or, with `--json`,
//! as the same camelCase JSON the app receives over IPC. Every decision lives in the
//! workspace, so the desktop app and this command behave the same.

mod briefs;
mod library_cmd;
mod output;
mod sources;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mizan_workspace::dto::{Lang, Paper};
use mizan_workspace::{Config, Paths, Workspace};

/// Mizan: sourced analytic briefs in Arabic and French, with a library of graded sources.
#[derive(Debug, Parser)]
#[command(name = "mizan", version, propagate_version = true, max_term_width = 100)]
struct Cli {
    /// The library file [default: $XDG_DATA_HOME/mizan/library.sqlite3]
    #[arg(long, global = true, env = "MIZAN_LIBRARY", value_name = "PATH")]
    library: Option<PathBuf>,

    /// Print the result as JSON: the app's shapes, in camelCase (see the README)
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Add, find, grade and exchange sources
    #[command(subcommand)]
    Sources(Box<sources::SourcesCommand>),
    /// Check, back up and restore the library file, and sync it with the team
    #[command(subcommand)]
    Library(library_cmd::LibraryCommand),
    /// Start a brief from a template
    New {
        /// assessment, sitrep or note
        #[arg(long, default_value = "assessment")]
        template: String,
        /// ar, fr or en
        #[arg(long, value_parser = output::parse::<Lang>)]
        lang: Lang,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Overwrite FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Audit a brief's sourcing, record its claims in the library and store a revision
    Check {
        brief: PathBuf,
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
        #[arg(long, default_value = "a4", value_parser = output::parse::<Paper>)]
        paper: Paper,
        /// Export despite audit errors, watermarked DRAFT / مسودة / BROUILLON
        #[arg(long)]
        draft: bool,
    },
    /// List a brief's stored revisions, compare with one, or go back to one
    History {
        brief: PathBuf,
        /// Show what changed since revision REV
        #[arg(long, value_name = "REV", conflicts_with = "restore")]
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
        let _ = writeln!(
            std::io::stderr(),
            "mizan: internal error{location}; please report it. Your library was not changed by the failed step."
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader stopped reading (`mizan … | head`): it has what it wanted.
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "mizan: {}", output::message(&err));
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
            let _ = writeln!(std::io::stderr(), "mizan: {first} (see --help)");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let paths = Paths::from_env();
    let analyst = Config::load(&paths.config_dir)?.analyst();
    let library = cli.library.unwrap_or(paths.library);
    let open = || Workspace::open_library(&library, &analyst);
    let print = output::Printer { json: cli.json };
    match cli.command {
        Command::Sources(command) => sources::run(*command, open()?, print),
        Command::Library(command) => library_cmd::run(command, open()?, print),
        Command::New { template, lang, output, force } => briefs::new(&template, lang, &output, force, print),
        Command::Check { brief, stats } => briefs::check(&mut open()?, &brief, stats, print),
        Command::Export { brief, output, style, paper, draft } => {
            briefs::export(&mut open()?, &brief, &output, style, paper, draft, print)
        }
        Command::History { brief, diff, restore } => briefs::history(&mut open()?, &brief, diff, restore, print),
    }
}
