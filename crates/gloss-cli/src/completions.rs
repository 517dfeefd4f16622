//! `gloss completions SHELL`: a completion script for the shell, generated
//! from the same clap definition the binary parses with.

use crate::EXIT_OK;
use clap_complete::Shell;

pub fn run(shell: Shell, command: &mut clap::Command) -> anyhow::Result<u8> {
    let name = command.get_name().to_owned();
    // Generated into memory: clap_complete panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, command, name, &mut script);
    crate::out::print(&String::from_utf8_lossy(&script))?;
    Ok(EXIT_OK)
}
