//! Core and query data → protocol types: URIs, ranges, diagnostics,
//! edits, and every answer of `gloss_ide`.

use crate::pos_conv::Lines;
use gloss_core::{Diagnostic, Encoding, Severity, TermFile, TextRange};
use gloss_ide::code_actions::ActionKind;
use gloss_ide::completion::{CompletionKind, Completions};
use gloss_ide::symbols::SymbolKind as IdeSymbolKind;
use gloss_ide::{FileEdits, FileRange, SourceChange};
use gloss_workspace::{DocBody, DocText, Glossary};
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::{
    self as lsp, CodeActionKind, CodeActionOrCommand, CompletionItemKind, CompletionResponse,
    CompletionTextEdit, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentChangeOperation,
    DocumentChanges, Documentation, HoverContents, Location, MarkupContent, MarkupKind,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range, RenameFile,
    ResourceOp, SymbolKind, TextDocumentEdit, Uri, WorkspaceEdit,
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

pub fn doc_lines(doc: &DocBody) -> Lines<'_> {
    Lines {
        text: &doc.text,
        index: &doc.line_index,
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
/// (A doc no editor has open is read for it: to convert many ranges of one
/// file, read it once with [`DocText`] and [`range_of`].)
pub fn range_in(ws: &Glossary, path: &Path, range: TextRange, encoding: Encoding) -> Range {
    range_of(ws.doc_text(path).as_ref(), range, encoding)
}

/// The range of `range` in `doc`: the start of the file when there is none.
pub fn range_of(doc: Option<&DocText>, range: TextRange, encoding: Encoding) -> Range {
    match doc {
        Some(doc) => Lines {
            text: doc.text(),
            index: doc.line_index(),
        }
        .range(range, encoding),
        None => Range::new(Position::new(0, 0), Position::new(0, 0)),
    }
}

/// A core diagnostic of the document at `path` (whose text and lines are
/// `lines`: a term file or a doc) as the protocol's: code = rule name,
/// source = `gloss`.
pub fn diagnostic(
    ws: &Glossary,
    path: &Path,
    lines: Lines<'_>,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let (target, range) = match related.file {
                Some(id) => {
                    let target = ws.resolve_display(ws.index.path(id)?);
                    let range = range_in(ws, &target, related.range, encoding);
                    (target, range)
                }
                None => (path.to_path_buf(), lines.range(related.range, encoding)),
            };
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri_of(&target)?, range),
                message: related.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(diagnostic.range, encoding),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.to_owned())),
        code_description: None,
        source: Some("gloss".to_owned()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: diagnostic
            .data
            .as_ref()
            .and_then(|data| serde_json::to_value(data).ok()),
    }
}

/// A range in a file the workspace knows.
pub fn location(ws: &Glossary, at: &FileRange, encoding: Encoding) -> Option<Location> {
    Some(Location::new(
        uri_of(&at.path)?,
        range_in(ws, &at.path, at.range, encoding),
    ))
}

/// Ranges in files the workspace knows, each file's text taken once for
/// its run of ranges (a doc on disk is read once, not once per range; sort
/// by path to read each file once).
pub fn locations(ws: &Glossary, found: &[FileRange], encoding: Encoding) -> Vec<Location> {
    let mut out = Vec::with_capacity(found.len());
    let mut current: Option<(&Path, Option<DocText>)> = None;
    for at in found {
        let doc = match &current {
            Some((path, doc)) if *path == at.path.as_path() => doc,
            _ => &current.insert((at.path.as_path(), ws.doc_text(&at.path))).1,
        };
        if let Some(uri) = uri_of(&at.path) {
            out.push(Location::new(
                uri,
                range_of(doc.as_ref(), at.range, encoding),
            ));
        }
    }
    out
}

/// A Markdown hover over `range`.
pub fn hover(markdown: String, range: Range) -> lsp::Hover {
    lsp::Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range),
    }
}

fn text_edits(ws: &Glossary, file: &FileEdits, encoding: Encoding) -> Vec<lsp::TextEdit> {
    // The file's text once for all its edits (a doc on disk is read).
    let doc = ws.doc_text(&file.path);
    file.edits
        .iter()
        .map(|e| {
            lsp::TextEdit::new(
                range_of(doc.as_ref(), e.range, encoding),
                e.new_text.clone(),
            )
        })
        .collect()
}

/// A change as a workspace edit: plain `changes` when it only edits text;
/// versioned document edits, then the rename, when it renames a file.
/// `None` when a renamed path cannot be written as a URI.
pub fn workspace_edit(
    ws: &Glossary,
    change: &SourceChange,
    encoding: Encoding,
) -> Option<WorkspaceEdit> {
    let Some(rename) = &change.rename else {
        return Some(WorkspaceEdit {
            changes: Some(
                change
                    .edits
                    .iter()
                    .filter_map(|file| Some((uri_of(&file.path)?, text_edits(ws, file, encoding))))
                    .collect(),
            ),
            document_changes: None,
            change_annotations: None,
        });
    };
    let mut operations: Vec<DocumentChangeOperation> = change
        .edits
        .iter()
        .filter(|file| !file.edits.is_empty())
        .filter_map(|file| {
            Some(DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri_of(&file.path)?,
                    version: ws.open.get(&file.path).map(|d| d.version),
                },
                edits: text_edits(ws, file, encoding)
                    .into_iter()
                    .map(OneOf::Left)
                    .collect(),
            }))
        })
        .collect();
    operations.push(DocumentChangeOperation::Op(ResourceOp::Rename(
        RenameFile {
            old_uri: uri_of(&rename.from)?,
            new_uri: uri_of(&rename.to)?,
            options: None,
            annotation_id: None,
        },
    )));
    Some(WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Operations(operations)),
        change_annotations: None,
    })
}

/// Completions in the document at `path`.
pub fn completion(
    ws: &Glossary,
    path: &Path,
    completions: Completions,
    encoding: Encoding,
) -> CompletionResponse {
    let items = completions
        .items
        .into_iter()
        .map(|item| lsp::CompletionItem {
            label: item.label,
            kind: Some(match item.kind {
                CompletionKind::Slug => CompletionItemKind::REFERENCE,
                CompletionKind::Category => CompletionItemKind::ENUM_MEMBER,
                CompletionKind::ChallengeWord => CompletionItemKind::VALUE,
            }),
            detail: item.detail,
            documentation: item.documentation.map(|value| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                })
            }),
            text_edit: Some(CompletionTextEdit::Edit(lsp::TextEdit::new(
                range_in(ws, path, item.replace, encoding),
                item.insert_text,
            ))),
            ..lsp::CompletionItem::default()
        })
        .collect();
    CompletionResponse::List(lsp::CompletionList {
        is_incomplete: completions.is_incomplete,
        items,
    })
}

fn symbol_kind(kind: IdeSymbolKind) -> SymbolKind {
    match kind {
        IdeSymbolKind::Term => SymbolKind::CLASS,
        IdeSymbolKind::Alias => SymbolKind::CONSTANT,
        IdeSymbolKind::Faq => SymbolKind::FIELD,
        IdeSymbolKind::Challenge => SymbolKind::EVENT,
    }
}

/// A symbol of the document at `path`, with its children.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out.
pub fn document_symbol(
    ws: &Glossary,
    path: &Path,
    symbol: gloss_ide::symbols::DocumentSymbol,
    encoding: Encoding,
) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: symbol.name,
        detail: symbol.detail,
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: range_in(ws, path, symbol.range, encoding),
        selection_range: range_in(ws, path, symbol.selection, encoding),
        children: symbol.children.map(|children| {
            children
                .into_iter()
                .map(|child| document_symbol(ws, path, child, encoding))
                .collect()
        }),
    }
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be spelled out.
pub fn workspace_symbol(
    ws: &Glossary,
    symbol: gloss_ide::symbols::WorkspaceSymbol,
    encoding: Encoding,
) -> Option<lsp::SymbolInformation> {
    Some(lsp::SymbolInformation {
        location: Location::new(
            uri_of(&symbol.path)?,
            range_in(ws, &symbol.path, symbol.range, encoding),
        ),
        name: symbol.name,
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        container_name: symbol.container,
    })
}

/// A code action on the term file `file` at `path`, whose findings are
/// `diagnostics` (the ones the action was computed from).
pub fn code_action(
    ws: &Glossary,
    path: &Path,
    lines: Lines<'_>,
    diagnostics: &[Diagnostic],
    action: gloss_ide::code_actions::CodeAction,
    encoding: Encoding,
) -> Option<CodeActionOrCommand> {
    let fixed = match action.fixes {
        Some(index) => Some(diagnostics.get(index)?),
        None => None,
    };
    Some(CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: action.title,
        kind: Some(match action.kind {
            ActionKind::QuickFix => CodeActionKind::QUICKFIX,
            ActionKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
            ActionKind::Source => CodeActionKind::SOURCE,
        }),
        diagnostics: fixed.map(|d| vec![diagnostic(ws, path, lines, d, encoding)]),
        edit: Some(workspace_edit(ws, &action.change, encoding)?),
        is_preferred: action.preferred.then_some(true),
        ..lsp::CodeAction::default()
    }))
}

/// A lens at `range` (its `range` converted while the document was at
/// hand: the preview is computed without the workspace).
pub fn code_lens(lens: gloss_ide::lens::CodeLens, range: Range) -> lsp::CodeLens {
    lsp::CodeLens {
        range,
        command: Some(lsp::Command {
            title: lens.title,
            command: lens.command,
            arguments: None,
        }),
        data: None,
    }
}
