//! Core data → protocol types: URIs, ranges, diagnostics, edits.

use crate::pos_conv::Lines;
use gloss_core::{Diagnostic, Encoding, Severity, TermFile, TextRange};
use gloss_workspace::Glossary;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

/// The local path of a `file:` URI; `None` for any other scheme.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

pub fn lines(file: &TermFile) -> Lines<'_> {
    Lines {
        text: &file.text,
        index: &file.line_index,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The range of `range` in the file at `path`, when the workspace knows it.
pub fn range_in(ws: &Glossary, path: &Path, range: TextRange, encoding: Encoding) -> Range {
    match ws.doc_text(path) {
        Some(doc) => Lines {
            text: doc.text(),
            index: doc.line_index(),
        }
        .range(range, encoding),
        None => Range::new(Position::new(0, 0), Position::new(0, 0)),
    }
}

/// A core diagnostic of `file` (at `path`) as the protocol's: code = rule
/// name, source = `gloss`.
pub fn diagnostic(
    ws: &Glossary,
    path: &Path,
    file: &TermFile,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let (target, range) = match &related.path {
                Some(name) => {
                    let target = ws.resolve_display(name);
                    let range = range_in(ws, &target, related.range, encoding);
                    (target, range)
                }
                None => (
                    path.to_path_buf(),
                    lines(file).range(related.range, encoding),
                ),
            };
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri_of(&target)?, range),
                message: related.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: lines(file).range(diagnostic.range, encoding),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.to_owned())),
        code_description: None,
        source: Some("gloss".to_owned()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
