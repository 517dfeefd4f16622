//! Shell completion. `gloss completions SHELL` prints a script that asks
//! `gloss` itself what to complete at each Tab (clap_complete's dynamic
//! completion, `COMPLETE=SHELL gloss -- …`), so that besides subcommands
//! and flags it completes the glossary's term slugs (`gloss challenge
//! pro<Tab>`) and rule names (`gloss explain fa<Tab>`).

use crate::EXIT_OK;
use clap_complete::Shell;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use gloss_core::lint::RULES;

/// The environment variable the registration script sets when it asks for
/// completions (clap_complete's default).
pub const VAR: &str = "COMPLETE";

pub fn run(shell: Shell, command: &clap::Command) -> anyhow::Result<u8> {
    let name = command.get_name().to_owned();
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Elvish => &Elvish,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Zsh => &Zsh,
        other => anyhow::bail!("no completion for the shell `{other}`"),
    };
    let mut script = Vec::new();
    completer.write_registration(VAR, &name, &name, &name, &mut script)?;
    crate::out::print(&String::from_utf8_lossy(&script))?;
    Ok(EXIT_OK)
}

/// The slugs of the glossary found from the working directory (its config,
/// its root, minus `exclude`): file stems, without reading any file. None
/// when there is no usable config.
pub fn term_slugs() -> Vec<CompletionCandidate> {
    let Ok(cwd) = std::env::current_dir() else {
        return Vec::new();
    };
    let Ok(workspace) = crate::workspace::settings(None, &cwd) else {
        return Vec::new();
    };
    let root = workspace.root();
    let found = gloss_workspace::walk::term_files(&root, "", &workspace.env.config.exclude);
    let mut slugs: Vec<String> = found
        .iter()
        .filter(|f| !f.is_dir)
        .filter_map(|f| Some(f.path.file_stem()?.to_str()?.to_owned()))
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    slugs.into_iter().map(CompletionCandidate::new).collect()
}

/// Every rule name, with its summary as the help some shells show.
pub fn rule_names() -> Vec<CompletionCandidate> {
    RULES
        .iter()
        .map(|rule| CompletionCandidate::new(rule.name).help(Some(rule.summary.into())))
        .collect()
}
