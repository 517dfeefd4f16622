//! `gloss`: lint glossary term files, explain rules, serve the language server.

// mimalloc: `gloss lint` allocates a tree per file on both cores and keeps
// every file's text and model, and runs faster with mimalloc than with the
// system allocator (docs/performance.md). Built without transparent huge
// pages (`no_thp`): they made lint faster still but cost the language
// server more resident memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod challenge;
mod completions;
mod discover;
mod fix;
mod import;
mod init;
mod lint;
mod new;
mod out;
mod render;
mod schema;
mod site;
mod workspace;

use clap::{CommandFactory as _, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gloss",
    version,
    about = "Lint and language server for glossary term files"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set gloss up here: gloss.toml, an example term, optionally CI and pre-commit
    Init(init::InitArgs),
    /// Check term files (default: the configured glossary root)
    Lint(lint::LintArgs),
    /// List the rule catalogue
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Preview and analyse a term's challenge
    Challenge(challenge::ChallengeArgs),
    /// Play a term's challenge in the terminal (guesses from standard input)
    Play(challenge::PlayArgs),
    /// Print one rule's documentation
    Explain {
        /// A rule name, e.g. `unknown-field`
        #[arg(add = clap_complete::ArgValueCandidates::new(completions::rule_names))]
        rule: String,
    },
    /// Run the language server on stdin/stdout
    Lsp,
    /// Create a term file `<glossary root>/<slug>.yaml` from a template
    New(new::NewArgs),
    /// Import an existing glossary (Markdown pages, CSV, Sphinx) as term files
    Import(import::ImportArgs),
    /// Print the JSON Schema of term files (for yaml-language-server)
    Schema,
    /// Write the site: a page per term, index.html, glossary.json (JSON-LD included)
    Build(site::BuildArgs),
    /// Serve the term pages on 127.0.0.1, reloading when term files change
    Preview(site::PreviewArgs),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Human,
    Json,
}

/// Exit codes (README: 0 clean, 1 findings, 2 the run failed).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    // `COMPLETE=bash gloss -- …` from a completion script: print the
    // candidates and exit; without the variable this does nothing.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(completions::VAR)
        .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help/version to stdout with exit 0; usage errors exit 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_OK
            });
        }
    };
    if let Command::Lint(args) = &cli.command
        && let Some(conflict) = args.conflict()
    {
        let mut command = Cli::command();
        // Built, the subcommand knows its usage line (`gloss lint …`).
        command.build();
        let err = command
            .find_subcommand_mut("lint")
            .map_or_else(Cli::command, |lint| lint.clone())
            .error(clap::error::ErrorKind::ArgumentConflict, conflict);
        let _ = err.print();
        return ExitCode::from(EXIT_FAILURE);
    }
    let result = match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Rules { format } => render::print_rules(format == ListFormat::Json),
        Command::Explain { rule } => render::explain(&rule),
        Command::Challenge(args) => challenge::run_challenge(&args),
        Command::Play(args) => challenge::run_play(&args),
        Command::Lsp => {
            lsp_allocator_settings();
            gloss_lsp::run_stdio().map(|()| EXIT_OK).map_err(Into::into)
        }
        Command::New(args) => new::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Schema => schema::run(),
        Command::Build(args) => site::run_build(&args),
        Command::Preview(args) => site::run_preview(&args),
        Command::Completions { shell } => completions::run(shell, &Cli::command()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader of stdout has gone: end quietly, with the exit code the
        // command chose (see `out`).
        Err(err) => match err.downcast_ref::<out::Closed>() {
            Some(closed) => ExitCode::from(closed.exit),
            None => {
                crate::out::note!("error: {err:#}");
                ExitCode::from(EXIT_FAILURE)
            }
        },
    }
}

/// The working directory, for config discovery and relative paths.
fn current_dir() -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    std::env::current_dir().context("cannot read the working directory")
}

/// The language server runs for hours and works in bursts (a branch switch,
/// a renamed term that every doc is checked against again). mimalloc keeps
/// the pages a burst freed for a second before it returns them
/// (`purge_delay`, 1,000 ms in mimalloc 3), and only on a later allocation
/// of the thread that freed them: that kept the server 50 MB over its
/// memory budget after each burst (docs/performance.md). mimalloc reads its
/// options from the environment, once, at its first use, before `main`; so
/// the server starts itself again with the delay at 0 (on Unix `exec`: the
/// same process, its stdin and stdout, in place). A delay the user set is
/// kept, and when the restart fails the server runs as it is.
#[cfg(unix)]
fn lsp_allocator_settings() {
    use std::os::unix::process::CommandExt;
    const PURGE_DELAY: &str = "MIMALLOC_PURGE_DELAY";
    if std::env::var_os(PURGE_DELAY).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(exe);
    if let Some(arg0) = args.next() {
        command.arg0(arg0);
    }
    // `exec` returns only when it failed: carry on in this process.
    let _failed = command.args(args).env(PURGE_DELAY, "0").exec();
}

#[cfg(not(unix))]
fn lsp_allocator_settings() {}
