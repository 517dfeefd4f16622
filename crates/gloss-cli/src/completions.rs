//! `gloss completions SHELL`: a completion script for the shell, generated
//! from the same clap definition the binary parses with.

use crate::EXIT_OK;
use clap_complete::Shell;

pub fn run(shell: Shell, command: &mut clap::Command) -> anyhow::Result<u8> {
    let name = command.get_name().to_owned();
    clap_complete::generate(shell, command, name, &mut std::io::stdout());
    Ok(EXIT_OK)
}
