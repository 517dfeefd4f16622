//! The end-to-end tests: one binary, a module per area.

mod bad_inputs;
mod challenge;
mod cli;
mod closed_pipe;
mod completions;
mod editors;
mod editors_emacs;
mod editors_nvim;
mod fix;
mod import;
mod lsp;
mod lsp_layouts;
mod lsp_stdio;
mod lsp_support;
mod matching_eval;
mod new_placeholders;
mod new_user;
mod one_file;
mod parity;
mod preview_e2e;
mod robust_lsp;
mod robust_outputs;
mod sarif;
mod schema;
