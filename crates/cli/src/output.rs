//! What the command prints, and how it says what went wrong: results as text or as the
//! workspace's JSON, errors in terms of the command's own flags, and a reader that stops
//! early (`| head`) taken as the normal end it is.

use std::io::{StdoutLock, Write as _};
use std::str::FromStr;

use mizan_workspace::{ErrorCode, WorkspaceError};

/// Prints results: human text, or with `--json` the workspace's DTO as pretty JSON.
#[derive(Clone, Copy, Debug)]
pub struct Printer {
    pub json: bool,
}

impl Printer {
    /// `value` as JSON, or what `human` writes.
    pub fn result<T: serde::Serialize>(
        self,
        value: &T,
        human: impl FnOnce(&mut StdoutLock<'static>) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        if self.json {
            serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
            writeln!(out)?;
        } else {
            human(&mut out)?;
        }
        out.flush()?;
        Ok(())
    }
}

/// A line on stderr (warnings beside the result); a closed stderr is no reason to fail.
pub fn warn(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A clap value parser over the workspace's own reading of a value, so the command line
/// accepts and refuses exactly what the app does.
pub fn parse<T: FromStr>(text: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e: T::Err| e.to_string())
}

/// Writing to a reader that went away: `mizan sources search | head -2` once `head` has
/// its two lines.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

/// The workspace names a request field; the command line says which flag took it.
const FLAGS: &[(&str, &str)] = &[
    ("key", "--key"),
    ("title", "--title"),
    ("kind", "--type"),
    ("issued", "--issued"),
    ("accessed", "--accessed"),
    ("years", "--year"),
    ("text", "--text"),
    ("format", "--format"),
    ("template", "--template"),
    ("style", "--style"),
];

/// An error's one line. An invalid value is named by its flag (`--issued: …` where the
/// workspace says `issued: …`).
pub fn message(error: &anyhow::Error) -> String {
    let Some(e) = error.downcast_ref::<WorkspaceError>() else { return format!("{error:#}") };
    let flag = e.field.as_deref().and_then(|field| {
        let (_, flag) = FLAGS.iter().find(|(name, _)| *name == field)?;
        Some((field, *flag))
    });
    match flag {
        Some((field, flag)) if e.code == ErrorCode::InvalidInput => match e.message.strip_prefix(field) {
            Some(rest) if rest.starts_with(": ") => format!("{flag}{rest}"),
            _ => format!("{flag}: {}", e.message),
        },
        _ => e.message.clone(),
    }
}

/// Adds the flag that would get past an error of this code (and field, if given).
pub fn hint(
    code: ErrorCode,
    field: Option<&'static str>,
    text: &'static str,
) -> impl Fn(WorkspaceError) -> WorkspaceError {
    move |mut error| {
        if error.code == code && (field.is_none() || error.field.as_deref() == field) {
            error.message = format!("{}; {text}", error.message);
        }
        error
    }
}
