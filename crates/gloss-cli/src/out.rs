//! Every write to standard output goes through [`print`], so that a reader
//! that stops reading (`gloss lint | head`, a pager closed early) ends the
//! command quietly instead of with a panic and exit 101.
//!
//! The exit code of a closed pipe: the one the command would have had. A
//! reader that has seen enough is no failure of gloss, so commands that
//! only print (`rules`, `schema`, `explain`, `completions`, `new`) exit 0,
//! as ripgrep does. A command with a verdict keeps it: `gloss lint` and
//! `gloss challenge` carry on past the closed pipe and exit 1 on error
//! findings, so that `set -o pipefail; gloss lint | head` still fails a CI
//! job for a broken glossary; `gloss play` stops the game unsolved (exit 1,
//! as when its input ends).

use std::io::{ErrorKind, Write as _};

/// Standard output was closed by its reader. Carries the exit code the
/// command ends with; `main` exits with it and prints nothing.
#[derive(Debug)]
pub struct Closed {
    pub exit: u8,
}

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("standard output was closed")
    }
}

impl std::error::Error for Closed {}

/// Write `text` to standard output and flush it. A closed pipe is a
/// [`Closed`] error with exit 0; any other failure is reported as one.
pub fn print(text: &str) -> anyhow::Result<()> {
    print_or_exit(text, crate::EXIT_OK)
}

/// [`print`] of pieces written one after the other as they are taken,
/// then one flush.
pub fn print_pieces(pieces: impl IntoIterator<Item = Vec<u8>>) -> anyhow::Result<()> {
    write_out(pieces, crate::EXIT_OK)
}

/// [`print`], ending with `exit` when the reader has gone.
pub fn print_or_exit(text: &str, exit: u8) -> anyhow::Result<()> {
    write_out(std::iter::once(text.as_bytes()), exit)
}

fn write_out(pieces: impl IntoIterator<Item = impl AsRef<[u8]>>, exit: u8) -> anyhow::Result<()> {
    // Standard output is line-buffered: without a buffer of its own, every
    // piece would be one `write` call up to its last line break.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match pieces
        .into_iter()
        .try_for_each(|piece| stdout.write_all(piece.as_ref()))
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Err(Closed { exit }.into()),
        Err(err) => Err(anyhow::Error::new(err).context("cannot write to standard output")),
    }
}

/// For a command that still has work after printing (its verdict, messages
/// on stderr): a closed pipe is no error, anything else still is.
pub fn reader_gone_is_fine(result: anyhow::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(err) if err.is::<Closed>() => Ok(()),
        other => other,
    }
}

/// `eprintln!` that never panics: a closed standard error (`gloss lint
/// 2>&1 | head -1`) loses the message, not the run or its exit code.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use note;
