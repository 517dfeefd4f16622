//! The language features, over the workspace model. Each function takes the
//! model and the request's data and returns protocol values; none of them
//! walks the glossary except references, rename, symbols and completion,
//! which must.

use crate::markdown::{code_span, escape, fenced};
use crate::pos_conv::Lines;
use crate::to_proto::{self, lines, uri_of};
use gloss_core::challenge::ChallengePreview;
use gloss_core::{Diagnostic, Encoding, FileId, TermFile, TextRange};
use gloss_workspace::{DocText, Glossary};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeLens, Command,
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit,
    DocumentChangeOperation, DocumentChanges, DocumentSymbol, Hover, HoverContents, Location,
    MarkupContent, MarkupKind, OneOf, OptionalVersionedTextDocumentIdentifier, Position,
    PrepareRenameResponse, Range, RenameFile, ResourceOp, SymbolInformation, SymbolKind,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

/// What the cursor is on.
#[derive(Debug, Clone)]
pub enum Hit {
    /// A mention of a term or alias, resolved to the files defining it.
    Mention {
        range: TextRange,
        files: Vec<FileId>,
    },
    /// An entry of `related`.
    Related { range: TextRange, slug: String },
    /// The file's own `term` or an alias.
    OwnName {
        range: TextRange,
        file: Option<FileId>,
    },
    /// The `challenge` key or its `word`.
    Challenge { range: TextRange },
}

/// The thing under protocol position `pos` of the document at `path`.
pub fn hit_at(ws: &mut Glossary, path: &Path, pos: Position, encoding: Encoding) -> Option<Hit> {
    let offset = offset(ws, path, pos, encoding)?;
    let doc = ws.doc_text(path)?;
    match doc {
        DocText::Term(file) => {
            let term = file.term();
            if let Some(challenge) = &term.challenge {
                let on_word = challenge
                    .word
                    .as_ref()
                    .is_some_and(|w| w.range.contains(offset));
                if challenge.key_range.contains(offset) || on_word {
                    let range = match &challenge.word {
                        Some(word) if on_word => word.range,
                        _ => challenge.key_range,
                    };
                    return Some(Hit::Challenge { range });
                }
            }
            if let Some(entry) = term.related.iter().find(|r| r.range.contains(offset)) {
                return Some(Hit::Related {
                    range: entry.range,
                    slug: entry.value.trim().to_owned(),
                });
            }
            if let Some(name) = term.names().find(|n| n.range.contains(offset)) {
                return Some(Hit::OwnName {
                    range: name.range,
                    file: ws.id_of(path),
                });
            }
            let prose = term.prose().find(|p| p.range.contains(offset))?.range;
            let mentions = ws.mentions();
            let mention = mentions.at(&file.text, offset, prose)?;
            Some(Hit::Mention {
                range: mention.range,
                files: mentions.files(&mention).to_vec(),
            })
        }
        DocText::Doc(doc) => {
            let mentions = ws.mentions();
            let mention = mentions.at(&doc.text, offset, TextRange::new(0, doc.text.len()))?;
            Some(Hit::Mention {
                range: mention.range,
                files: mentions.files(&mention).to_vec(),
            })
        }
    }
}

/// The term files a hit points at.
pub fn targets(ws: &Glossary, hit: &Hit) -> Vec<FileId> {
    match hit {
        Hit::Mention { files, .. } => files.clone(),
        Hit::Related { slug, .. } => ws.index.files_by_slug(slug).to_vec(),
        Hit::OwnName { file, .. } => file.iter().copied().collect(),
        Hit::Challenge { .. } => Vec::new(),
    }
}

pub fn offset(ws: &Glossary, path: &Path, pos: Position, encoding: Encoding) -> Option<usize> {
    let doc = ws.doc_text(path)?;
    Some(
        Lines {
            text: doc.text(),
            index: doc.line_index(),
        }
        .offset(pos, encoding),
    )
}

fn doc_range(ws: &Glossary, path: &Path, range: TextRange, encoding: Encoding) -> Range {
    to_proto::range_in(ws, path, range, encoding)
}

/// The hover card of a term: name, category, aliases, definition, file;
/// every piece of term text escaped.
pub fn term_card(ws: &Glossary, id: FileId) -> Option<String> {
    let slot = ws.slot(id)?;
    let term = slot.file.term();
    let name = term
        .term
        .as_ref()
        .map_or(slot.file.stem.as_str(), |t| t.value.trim());
    let mut out = format!("**{}**", escape(name));
    if let Some(category) = term
        .category
        .as_ref()
        .filter(|c| !c.value.trim().is_empty())
    {
        out.push_str(&format!(" · *{}*", escape(category.value.trim())));
    }
    if !term.aliases.is_empty() {
        let aliases: Vec<String> = term
            .aliases
            .iter()
            .map(|a| escape(a.value.trim()))
            .collect();
        out.push_str(&format!("\n\nAlso: {}", aliases.join(", ")));
    }
    if let Some(definition) = &term.definition {
        out.push_str(&format!("\n\n{}", escape(&definition.value)));
    }
    out.push_str(&format!("\n\n{}", code_span(&ws.display(&slot.path))));
    Some(out)
}

/// What a hover needs; the challenge preview is computed by the caller,
/// outside the workspace lock.
pub enum HoverPlan {
    Ready(Hover),
    Challenge(ChallengeRequest),
}

/// The challenge of one term file.
pub struct ChallengeRequest {
    pub range: Range,
    pub term: String,
    pub word: String,
    pub hint: Option<String>,
    /// The file's challenge findings, as `rule: message`.
    pub findings: Vec<String>,
}

pub fn hover(
    ws: &mut Glossary,
    path: &Path,
    pos: Position,
    encoding: Encoding,
) -> Option<HoverPlan> {
    let hit = hit_at(ws, path, pos, encoding)?;
    match &hit {
        Hit::Challenge { range } => {
            let (id, file) = ws.term_file(path)?;
            let mut request = challenge_request(ws, id, &file)?;
            request.range = lines(&file).range(*range, encoding);
            Some(HoverPlan::Challenge(request))
        }
        Hit::Mention { range, .. } | Hit::Related { range, .. } | Hit::OwnName { range, .. } => {
            let cards: Vec<String> = targets(ws, &hit)
                .into_iter()
                .filter_map(|id| term_card(ws, id))
                .collect();
            if cards.is_empty() {
                return None;
            }
            Some(HoverPlan::Ready(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: cards.join("\n\n---\n\n"),
                }),
                range: Some(doc_range(ws, path, *range, encoding)),
            }))
        }
    }
}

pub fn challenge_request(
    ws: &Glossary,
    id: Option<FileId>,
    file: &TermFile,
) -> Option<ChallengeRequest> {
    let term = file.term();
    let challenge = term.challenge.as_ref()?;
    let word = challenge.word.as_ref()?.value.trim().to_owned();
    if word.is_empty() {
        return None;
    }
    let name = term
        .term
        .as_ref()
        .map_or(file.stem.as_str(), |t| t.value.trim())
        .to_owned();
    let findings = file
        .check(id.unwrap_or(usize::MAX), &ws.index, &ws.env)
        .into_iter()
        .filter(|d| d.rule.starts_with("challenge") || d.rule == "missing-challenge")
        .map(|d| format!("{} ({}): {}", d.severity, d.rule, d.message))
        .collect();
    Some(ChallengeRequest {
        range: Range::default(),
        term: name,
        word,
        hint: challenge.hint.as_ref().map(|h| h.value.trim().to_owned()),
        findings,
    })
}

/// The challenge hover: the preview in a code block (term text cannot
/// escape it), then the findings, escaped.
pub fn challenge_hover(request: &ChallengeRequest, preview: &ChallengePreview) -> Hover {
    let mut value = fenced("text", &preview.render_text(false));
    if request.findings.is_empty() {
        value.push_str("\n\nNo challenge findings.");
    } else {
        value.push_str("\n\nChallenge findings:\n");
        for finding in &request.findings {
            value.push_str(&format!("\n- {}", escape(finding)));
        }
    }
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(request.range),
    }
}

fn location(ws: &Glossary, path: &Path, range: TextRange, encoding: Encoding) -> Option<Location> {
    Some(Location::new(
        uri_of(path)?,
        doc_range(ws, path, range, encoding),
    ))
}

/// Where a term is defined: its `term` value (or the file's start).
fn definition_location(ws: &Glossary, id: FileId, encoding: Encoding) -> Option<Location> {
    let slot = ws.slot(id)?;
    let range = slot
        .file
        .term()
        .term
        .as_ref()
        .map_or(TextRange::empty(0), |t| t.range);
    Some(Location::new(
        uri_of(&slot.path)?,
        lines(&slot.file).range(range, encoding),
    ))
}

pub fn definition(
    ws: &mut Glossary,
    path: &Path,
    pos: Position,
    encoding: Encoding,
) -> Vec<Location> {
    let Some(hit) = hit_at(ws, path, pos, encoding) else {
        return Vec::new();
    };
    targets(ws, &hit)
        .into_iter()
        .filter_map(|id| definition_location(ws, id, encoding))
        .collect()
}

/// Every mention and `related` entry of term `id` across the glossary and
/// the docs, in a stable order.
pub fn references_of(
    ws: &mut Glossary,
    id: FileId,
    include_declaration: bool,
    encoding: Encoding,
) -> Vec<Location> {
    let Some(slot) = ws.slot(id) else {
        return Vec::new();
    };
    let slug = slot.file.stem.clone();
    let mentions = ws.mentions();
    let ws_ref: &Glossary = ws;
    let mut found: Vec<(PathBuf, TextRange)> = ws_ref
        .slots()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|(_, slot)| {
            let term = slot.file.term();
            let mut here: Vec<(PathBuf, TextRange)> = term
                .related
                .iter()
                .filter(|r| r.value.trim() == slug)
                .map(|r| (slot.path.clone(), r.range))
                .collect();
            for prose in term.prose() {
                for mention in mentions.find_in(&slot.file.text, prose.range) {
                    if mentions.files(&mention).contains(&id) {
                        here.push((slot.path.clone(), mention.range));
                    }
                }
            }
            here
        })
        .collect();
    found.extend(
        ws_ref
            .docs
            .par_iter()
            .flat_map_iter(|(path, doc)| {
                mentions
                    .find_all(&doc.text)
                    .into_iter()
                    .filter(|m| mentions.files(m).contains(&id))
                    .map(|m| (path.clone(), m.range))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>(),
    );
    found.sort();
    let mut locations = Vec::new();
    if include_declaration && let Some(declaration) = definition_location(ws_ref, id, encoding) {
        locations.push(declaration);
    }
    locations.extend(
        found
            .iter()
            .filter_map(|(path, range)| location(ws_ref, path, *range, encoding)),
    );
    locations
}

pub fn references(
    ws: &mut Glossary,
    path: &Path,
    pos: Position,
    include_declaration: bool,
    encoding: Encoding,
) -> Vec<Location> {
    let Some(hit) = hit_at(ws, path, pos, encoding) else {
        return Vec::new();
    };
    let mut locations = Vec::new();
    for id in targets(ws, &hit) {
        locations.extend(references_of(ws, id, include_declaration, encoding));
    }
    locations
}

/// Rename works on slugs only: a `related` entry, or the file's own term.
pub fn prepare_rename(
    ws: &mut Glossary,
    path: &Path,
    pos: Position,
    encoding: Encoding,
) -> Option<PrepareRenameResponse> {
    match hit_at(ws, path, pos, encoding)? {
        Hit::Related { range, slug } if !ws.index.files_by_slug(&slug).is_empty() => {
            Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: doc_range(ws, path, range, encoding),
                placeholder: slug,
            })
        }
        Hit::OwnName {
            range,
            file: Some(id),
        } => {
            let file = &ws.slot(id)?.file;
            let is_term = file.term().term.as_ref().is_some_and(|t| t.range == range);
            is_term.then(|| PrepareRenameResponse::RangeWithPlaceholder {
                range: lines(file).range(range, encoding),
                placeholder: file.stem.clone(),
            })
        }
        _ => None,
    }
}

/// Why a rename cannot be done.
pub type RenameError = String;

pub fn rename(
    ws: &mut Glossary,
    path: &Path,
    pos: Position,
    new_name: &str,
    encoding: Encoding,
) -> Result<WorkspaceEdit, RenameError> {
    let Some(PrepareRenameResponse::RangeWithPlaceholder {
        placeholder: old_slug,
        ..
    }) = prepare_rename(ws, path, pos, encoding)
    else {
        return Err(
            "only a term's slug can be renamed: put the cursor on a `related` entry or on `term`"
                .to_owned(),
        );
    };
    let new_slug = new_name.trim();
    if new_slug.is_empty() || gloss_core::slug(new_slug) != new_slug {
        return Err(format!(
            "`{new_slug}` is not a slug: use lowercase words joined by hyphens, e.g. `{}`",
            gloss_core::slug(new_slug)
        ));
    }
    if !ws.index.files_by_slug(new_slug).is_empty() {
        return Err(format!("a term file with slug `{new_slug}` already exists"));
    }
    let Some(&target) = ws.index.files_by_slug(&old_slug).first() else {
        return Err(format!("no term file has slug `{old_slug}`"));
    };
    let mut operations = Vec::new();
    let mut edits_by_file: Vec<(PathBuf, Vec<TextEdit>)> = Vec::new();
    for (_, slot) in ws.slots() {
        let edits: Vec<TextEdit> = slot
            .file
            .term()
            .related
            .iter()
            .filter(|r| r.value.trim() == old_slug)
            .map(|r| {
                TextEdit::new(
                    lines(&slot.file).range(r.range, encoding),
                    new_slug.to_owned(),
                )
            })
            .collect();
        if !edits.is_empty() {
            edits_by_file.push((slot.path.clone(), edits));
        }
    }
    edits_by_file.sort_by(|a, b| a.0.cmp(&b.0));
    for (file_path, edits) in edits_by_file {
        let Some(uri) = uri_of(&file_path) else {
            continue;
        };
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri,
                version: ws.open.get(&file_path).map(|d| d.version),
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }));
    }
    let slot = ws
        .slot(target)
        .ok_or_else(|| format!("no term file has slug `{old_slug}`"))?;
    let extension = slot
        .path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("yaml");
    let new_path = slot.path.with_file_name(format!("{new_slug}.{extension}"));
    let (Some(old_uri), Some(new_uri)) = (uri_of(&slot.path), uri_of(&new_path)) else {
        return Err("the term file's path cannot be written as a URI".to_owned());
    };
    operations.push(DocumentChangeOperation::Op(ResourceOp::Rename(
        RenameFile {
            old_uri,
            new_uri,
            options: None,
            annotation_id: None,
        },
    )));
    Ok(WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Operations(operations)),
        change_annotations: None,
    })
}

/// Where in a term file the cursor is, for completion.
enum CompletionSite {
    Related { prefix: TextRange },
    Category { prefix: TextRange },
}

fn completion_site(file: &TermFile, offset: usize) -> Option<CompletionSite> {
    // Judged on the text, not the parse: while an entry is being typed the
    // YAML is often broken (`related: [product-ma`).
    let text = &file.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = file.line_index.line_range_at(text, offset).start;
    let before = &text[line_start..offset];
    let word_start = offset
        - before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .map(char::len_utf8)
            .sum::<usize>();
    let prefix = TextRange::new(word_start, offset);
    // The top-level key whose value the cursor is in: this line's, or the
    // nearest line above that starts at column 0 (not a list item or comment).
    let mut key_line = before;
    let mut cursor_line_is_key = true;
    if !starts_top_level(before) {
        cursor_line_is_key = false;
        key_line = text[..line_start]
            .lines()
            .rev()
            .find(|line| starts_top_level(line))?;
    }
    let key = key_line.split(':').next()?.trim_end();
    let after_colon = !cursor_line_is_key || before.contains(':');
    match key {
        "related" if after_colon => Some(CompletionSite::Related { prefix }),
        "category" if cursor_line_is_key && after_colon => {
            Some(CompletionSite::Category { prefix })
        }
        _ => None,
    }
}

fn starts_top_level(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#')
}

const MAX_COMPLETIONS: usize = 200;

pub fn completion(
    ws: &Glossary,
    path: &Path,
    pos: Position,
    encoding: Encoding,
) -> Option<CompletionResponse> {
    let (_, file) = ws.term_file(path)?;
    let offset = lines(&file).offset(pos, encoding);
    let site = completion_site(&file, offset)?;
    let (prefix, candidates, kind): (TextRange, Vec<String>, CompletionItemKind) = match site {
        CompletionSite::Related { prefix } => {
            let own = file.stem.as_str();
            let listed: Vec<&str> = file.term().related.iter().map(|r| r.value.trim()).collect();
            let slugs = ws
                .sorted_slugs()
                .into_iter()
                .filter(|s| *s != own && !listed.contains(s))
                .map(str::to_owned)
                .collect();
            (prefix, slugs, CompletionItemKind::REFERENCE)
        }
        CompletionSite::Category { prefix } => {
            (prefix, ws.categories(), CompletionItemKind::ENUM_MEMBER)
        }
    };
    let typed = file.text[prefix.start..prefix.end].to_lowercase();
    let mut matching: Vec<String> = candidates
        .into_iter()
        .filter(|c| c.to_lowercase().contains(&typed))
        .collect();
    let is_incomplete = matching.len() > MAX_COMPLETIONS;
    matching.truncate(MAX_COMPLETIONS);
    let range = lines(&file).range(prefix, encoding);
    let items = matching
        .into_iter()
        .map(|candidate| {
            let detail = match kind {
                CompletionItemKind::REFERENCE => ws
                    .index
                    .term_by_slug(&candidate)
                    .and_then(|id| ws.slot(id))
                    .and_then(|s| {
                        s.file
                            .term()
                            .term
                            .as_ref()
                            .map(|t| t.value.trim().to_owned())
                    }),
                _ => Some("category".to_owned()),
            };
            CompletionItem {
                label: candidate.clone(),
                kind: Some(kind),
                detail,
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, candidate))),
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(CompletionResponse::List(lsp::CompletionList {
        is_incomplete,
        items,
    }))
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    selection: Range,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: None,
    }
}

/// The term, its FAQs and its challenge.
pub fn document_symbols(
    ws: &Glossary,
    path: &Path,
    encoding: Encoding,
) -> Option<Vec<DocumentSymbol>> {
    let (_, file) = ws.term_file(path)?;
    let lines = lines(&file);
    let term = file.term();
    let whole = lines.range(TextRange::new(0, file.text.len()), encoding);
    let name_range = term.term.as_ref().map_or(TextRange::empty(0), |t| t.range);
    let mut children = Vec::new();
    for (faq_idx, faq) in term.faqs.iter().enumerate() {
        let question = faq.question.as_ref();
        let end = faq
            .answer
            .as_ref()
            .or(question)
            .map_or(faq.range.end, |t| t.range.end)
            .max(faq.range.end);
        let name = question
            .map(|q| q.value.trim().to_owned())
            .filter(|q| !q.is_empty())
            .unwrap_or_else(|| format!("FAQ {}", faq_idx + 1));
        let selection = question.map_or(faq.range, |q| q.range);
        children.push(symbol(
            name,
            Some(format!("FAQ {}", faq_idx + 1)),
            SymbolKind::FIELD,
            lines.range(TextRange::new(faq.range.start, end), encoding),
            lines.range(selection, encoding),
        ));
    }
    if let Some(challenge) = &term.challenge {
        let word = challenge.word.as_ref();
        let end = [challenge.hint.as_ref(), word]
            .into_iter()
            .flatten()
            .map(|t| t.range.end)
            .max()
            .unwrap_or(challenge.key_range.end);
        children.push(symbol(
            "challenge".to_owned(),
            word.map(|w| w.value.trim().to_uppercase()),
            SymbolKind::EVENT,
            lines.range(TextRange::new(challenge.key_range.start, end), encoding),
            lines.range(word.map_or(challenge.key_range, |w| w.range), encoding),
        ));
    }
    let name = term
        .term
        .as_ref()
        .map(|t| t.value.trim().to_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| file.stem.clone());
    let mut root = symbol(
        name,
        term.category.as_ref().map(|c| c.value.trim().to_owned()),
        SymbolKind::CLASS,
        whole,
        lines.range(name_range, encoding),
    );
    root.children = Some(children);
    Some(vec![root])
}

/// Fuzzy score of `query` against `candidate` (both lowercase): `None` when
/// the query's characters do not all appear in order; lower is better.
fn fuzzy_score(query: &str, candidate: &str) -> Option<usize> {
    if query.is_empty() {
        return Some(candidate.len());
    }
    if let Some(at) = candidate.find(query) {
        return Some(at);
    }
    let mut chars = candidate.char_indices();
    let mut first = None;
    let mut last = 0;
    for q in query.chars() {
        let (i, _) = chars.find(|(_, c)| *c == q)?;
        first.get_or_insert(i);
        last = i;
    }
    Some(1000 + last - first.unwrap_or(0))
}

const MAX_WORKSPACE_SYMBOLS: usize = 100;

#[allow(deprecated)] // `SymbolInformation::deprecated` must be spelled out.
pub fn workspace_symbols(ws: &Glossary, query: &str, encoding: Encoding) -> Vec<SymbolInformation> {
    let query = query.trim().to_lowercase();
    let mut scored: Vec<(usize, String, FileId, TextRange, bool)> = ws
        .slots()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|(id, slot)| {
            let term = slot.file.term();
            let query = &query;
            term.names()
                .enumerate()
                .filter_map(move |(i, name)| {
                    let value = name.value.trim();
                    let score = fuzzy_score(query, &value.to_lowercase())?;
                    Some((score, value.to_owned(), *id, name.range, i > 0))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    scored.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    scored.truncate(MAX_WORKSPACE_SYMBOLS);
    scored
        .into_iter()
        .filter_map(|(_, name, id, range, is_alias)| {
            let slot = ws.slot(id)?;
            let container = is_alias.then(|| {
                slot.file
                    .term()
                    .term
                    .as_ref()
                    .map_or(slot.file.stem.clone(), |t| t.value.trim().to_owned())
            });
            Some(SymbolInformation {
                name,
                kind: if is_alias {
                    SymbolKind::CONSTANT
                } else {
                    SymbolKind::CLASS
                },
                tags: None,
                deprecated: None,
                location: Location::new(
                    uri_of(&slot.path)?,
                    lines(&slot.file).range(range, encoding),
                ),
                container_name: container,
            })
        })
        .collect()
}

/// The edits of a lint fix as a workspace edit: text edits, then the file
/// rename when the fix has one.
fn fix_edit(
    ws: &Glossary,
    uri: &Uri,
    path: &Path,
    file: &TermFile,
    fix: &gloss_core::Fix,
    encoding: Encoding,
) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = fix
        .edits
        .iter()
        .map(|e| TextEdit::new(lines(file).range(e.range, encoding), e.new_text.clone()))
        .collect();
    let Some(new_name) = &fix.rename_to else {
        return WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            document_changes: None,
            change_annotations: None,
        };
    };
    let mut operations = Vec::new();
    if !edits.is_empty() {
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: ws.open.get(path).map(|d| d.version),
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }));
    }
    if let Some(new_uri) = uri_of(&path.with_file_name(new_name)) {
        operations.push(DocumentChangeOperation::Op(ResourceOp::Rename(
            RenameFile {
                old_uri: uri.clone(),
                new_uri,
                options: None,
                annotation_id: None,
            },
        )));
    }
    WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Operations(operations)),
        change_annotations: None,
    }
}

/// "Add FAQ for <topic>": a question/answer skeleton after the last FAQ.
fn add_faq_edit(file: &TermFile, topic: &str) -> Option<(TextRange, String)> {
    let term = file.term();
    let last = term.faqs.last()?;
    let text = &file.text;
    let item_line_start = file.line_index.line_range_at(text, last.range.start).start;
    let before_item = &text[item_line_start..last.range.start];
    // Block style only: `  - question: ...`.
    let dash = before_item.rfind('-')?;
    if !before_item[..dash].chars().all(|c| c == ' ') {
        return None;
    }
    let indent = &before_item[..dash];
    let mut end = [last.question.as_ref(), last.answer.as_ref()]
        .into_iter()
        .flatten()
        .map(|t| t.range.end)
        .max()
        .unwrap_or(last.range.end)
        .min(text.len());
    // A block scalar's range may run on over the line breaks after it; a
    // plain one may end in a non-ASCII blank (U+00A0) that YAML keeps.
    while let Some(c) = text[..end]
        .chars()
        .next_back()
        .filter(|c| c.is_whitespace())
    {
        end -= c.len_utf8();
    }
    let line_end = file.line_index.line_range_at(text, end).end;
    let name = term
        .term
        .as_ref()
        .map_or(file.stem.as_str(), |t| t.value.trim());
    let topic_words = topic.replace(['-', '_'], " ");
    let question = format!("What is the {topic_words} of a {name}?").replace('"', "'");
    let new_text =
        format!("\n{indent}- question: \"{question}\"\n{indent}  answer: \"TODO: answer\"");
    Some((TextRange::empty(line_end), new_text))
}

/// Quick fixes for the diagnostics of `path` overlapping `range`.
pub fn code_actions(
    ws: &Glossary,
    uri: &Uri,
    path: &Path,
    range: Range,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let Some((id, file)) = ws.term_file(path) else {
        return Vec::new();
    };
    let lines = lines(&file);
    let wanted = lines.range_to_bytes(range, encoding);
    let diagnostics: Vec<Diagnostic> = file.check(id.unwrap_or(usize::MAX), &ws.index, &ws.env);
    let mut actions = Vec::new();
    for diagnostic in &diagnostics {
        let overlaps = diagnostic.range.start <= wanted.end && wanted.start <= diagnostic.range.end;
        if !overlaps {
            continue;
        }
        let lsp_diagnostic = to_proto::diagnostic(ws, path, &file, diagnostic, encoding);
        if let Some(fix) = &diagnostic.fix
            && file.fixable()
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.description.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(fix_edit(ws, uri, path, &file, fix, encoding)),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        if diagnostic.rule == "missing-faq-topic"
            && let Some(topic) = diagnostic.message.split('`').nth(1)
            && let Some((at, new_text)) = add_faq_edit(&file, topic)
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("add FAQ for {topic}"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(
                        uri.clone(),
                        vec![TextEdit::new(lines.range(at, encoding), new_text)],
                    )])),
                    document_changes: None,
                    change_annotations: None,
                }),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// The code lens of a challenge: its line, and the words to show there.
pub fn challenge_lens(file: &TermFile, encoding: Encoding) -> Option<Range> {
    let challenge = file.term().challenge.as_ref()?;
    challenge.word.as_ref()?;
    Some(lines(file).range(challenge.key_range, encoding))
}

pub fn lens(range: Range, preview: &ChallengePreview) -> CodeLens {
    CodeLens {
        range,
        command: Some(Command {
            title: preview.summary(),
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_prefers_substrings_then_tight_subsequences() {
        assert_eq!(fuzzy_score("ops", "product ops manager"), Some(8));
        assert!(fuzzy_score("pom", "product operations manager").is_some());
        assert!(fuzzy_score("xyz", "product manager").is_none());
        let tight = fuzzy_score("pm", "pm lead");
        let loose = fuzzy_score("pm", "product manager");
        assert!(tight < loose);
    }

    #[test]
    fn add_faq_skeleton_follows_the_list_indent() {
        let text = "term: Owner\nfaqs:\n  - question: What?\n    answer: That.\nrelated: []\n";
        let file = TermFile::from_text("glossary/owner.yaml", text.to_owned());
        let Some((at, new_text)) = add_faq_edit(&file, "career-path") else {
            panic!("a block-style FAQ list takes a skeleton");
        };
        let mut edited = text.to_owned();
        edited.insert_str(at.start, &new_text);
        assert_eq!(
            edited,
            "term: Owner\nfaqs:\n  - question: What?\n    answer: That.\n  - question: \"What is the career path of a Owner?\"\n    answer: \"TODO: answer\"\nrelated: []\n"
        );
    }

    #[test]
    fn add_faq_after_an_answer_ending_in_a_non_ascii_blank() {
        // YAML keeps a trailing U+00A0 in a plain scalar; stepping back
        // over it byte by byte split the character.
        let text =
            "term: Owner\nfaqs:\n  - question: What?\n    answer: That.\u{a0}\nrelated: []\n";
        let file = TermFile::from_text("glossary/owner.yaml", text.to_owned());
        let Some((at, new_text)) = add_faq_edit(&file, "career-path") else {
            panic!("a block-style FAQ list takes a skeleton");
        };
        let mut edited = text.to_owned();
        edited.insert_str(at.start, &new_text);
        assert!(edited.contains("That.\u{a0}\n  - question:"), "{edited}");
    }

    #[test]
    fn completion_site_inside_related_only() {
        let text = "term: A\ncategory: ro\nrelated:\n  - b\n  - \nchallenge:\n  word: ABIDE\n";
        let broken = TermFile::from_text(
            "glossary/b.yaml",
            "term: B\nrelated: [product-ma\n".to_owned(),
        );
        assert!(matches!(
            completion_site(&broken, 27),
            Some(CompletionSite::Related { .. })
        ));
        let file = TermFile::from_text("glossary/a.yaml", text.to_owned());
        let in_list = text.find("  - \n").unwrap_or_default() + 4;
        assert!(matches!(
            completion_site(&file, in_list),
            Some(CompletionSite::Related { .. })
        ));
        let in_category = text.find("ro\n").unwrap_or_default() + 2;
        assert!(matches!(
            completion_site(&file, in_category),
            Some(CompletionSite::Category { .. })
        ));
        let in_challenge = text.find("ABIDE").unwrap_or_default();
        assert!(completion_site(&file, in_challenge).is_none());
    }
}
