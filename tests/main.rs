//! The end-to-end tests: one binary, a module per area.

mod bad_inputs;
mod challenge;
mod cli;
mod closed_pipe;
mod editors;
mod editors_nvim;
mod fix;
mod lsp;
mod lsp_stdio;
mod lsp_support;
mod new_placeholders;
mod one_file;
mod parity;
mod robust_lsp;
mod robust_outputs;
mod sarif;
mod schema;
