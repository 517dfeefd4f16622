//! The `LanguageServer` implementation: protocol in, workspace model,
//! protocol out.
//!
//! Ordering: tower-lsp runs up to four handlers concurrently, so a hover
//! sent after an edit could in principle run before it. Every handler here
//! takes the workspace lock and does its reading or writing before its first
//! `.await`; the transport starts handlers in arrival order, so an edit is
//! applied before any later request looks at the document. Diagnostics are
//! computed and published by one worker task, in order, always from the
//! latest text (bursts of edits coalesce).
//!
//! Glossaries: a document belongs to the glossary of the nearest
//! `gloss.toml` above it ([`Glossaries`]), whatever the client calls its
//! root; one server serves every glossary of every workspace folder, each
//! with its own config and index, and a document under no `gloss.toml` gets
//! no diagnostics and no answers.

use crate::to_proto::{self, path_of, uri_of};
use crate::{from_proto, pos_conv};
use gloss_core::challenge::ChallengePreview;
use gloss_core::lint::Env;
use gloss_core::mentions::MentionIndex;
use gloss_core::{Encoding, FileId};
use gloss_ide::hover::{self, HoverPlan};
use gloss_ide::rename;
use gloss_workspace::glossaries::{self, Glossaries};
use gloss_workspace::glossary::{DocBody, DocChecker, MdDoc};
use gloss_workspace::{Glossary, Kind, Slot, Target, UsageJob};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::Notify;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// A challenge preview depends on the term's name, the word, the hint and
/// the dictionary: the glossary's config file (the cache is cleared when a
/// config changes).
type PreviewKey = (PathBuf, String, String, Option<String>);

pub struct Shared {
    ws: Mutex<Glossaries>,
    utf8: AtomicBool,
    /// The client can watch files for us (dynamic `didChangeWatchedFiles`).
    watch_files: AtomicBool,
    wake: Notify,
    previews: Mutex<HashMap<PreviewKey, Arc<ChallengePreview>>>,
    shutdown: AtomicBool,
    worker_started: AtomicBool,
    /// A mention index is being built in the background.
    mentions_building: AtomicBool,
}

impl Shared {
    /// Build the mention index off the async threads and without the
    /// workspace lock, if it is missing (after indexing, after a name
    /// changed), so that the first hover does not build it.
    fn build_mentions_later(self: &Arc<Self>) {
        if self.mentions_building.swap(true, Ordering::SeqCst) {
            return;
        }
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            // One glossary at a time, each without the lock while it builds.
            let mut done: Vec<PathBuf> = Vec::new();
            loop {
                let job = shared.lock().iter().find_map(|g| {
                    if done.contains(&g.config_path) {
                        return None;
                    }
                    let job = g.mentions_job()?;
                    Some((g.config_path.clone(), job))
                });
                let Some((config, (names_generation, names))) = job else {
                    break;
                };
                let mentions =
                    MentionIndex::new(names.iter().map(|(name, file)| (name.as_str(), *file)));
                if let Some(g) = shared.lock().get_mut(&config) {
                    g.offer_mentions(names_generation, mentions);
                }
                done.push(config);
            }
            shared.mentions_building.store(false, Ordering::SeqCst);
            // The diagnostics worker may be waiting for it (docs).
            shared.wake.notify_one();
        });
    }

    fn lock(&self) -> MutexGuard<'_, Glossaries> {
        self.ws.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn encoding(&self) -> Encoding {
        if self.utf8.load(Ordering::Relaxed) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The preview of a challenge, computed once (the solver can take tens
    /// of milliseconds); never called with the workspace locked.
    fn preview(
        &self,
        (config, env): &(PathBuf, Arc<Env>),
        term: &str,
        word: &str,
        hint: Option<&str>,
    ) -> Arc<ChallengePreview> {
        let key = (
            config.clone(),
            term.to_owned(),
            word.to_owned(),
            hint.map(str::to_owned),
        );
        if let Some(preview) = self
            .previews
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Arc::clone(preview);
        }
        let preview = Arc::new(ChallengePreview::new(
            term,
            word,
            hint,
            &env.dictionary,
            env.config.challenge.max_guesses,
        ));
        self.previews
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, Arc::clone(&preview));
        preview
    }
}

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Self {
            client,
            shared: Arc::new(Shared {
                ws: Mutex::new(Glossaries::new()),
                utf8: AtomicBool::new(false),
                watch_files: AtomicBool::new(false),
                wake: Notify::new(),
                previews: Mutex::new(HashMap::new()),
                shutdown: AtomicBool::new(false),
                worker_started: AtomicBool::new(false),
                mentions_building: AtomicBool::new(false),
            }),
        }
    }

    fn start_worker(&self) {
        if self.shared.worker_started.swap(true, Ordering::SeqCst) {
            return;
        }
        let shared = Arc::clone(&self.shared);
        let client = self.client.clone();
        tokio::spawn(diagnostics_worker(shared, client));
    }

    /// Load the glossary of config file `config` again (it changed),
    /// keeping open documents; drop it when the file is gone, its open
    /// documents joining the glossary that governs them now, if any.
    async fn reload(&self, config: PathBuf) {
        if !config.is_file() {
            self.drop_glossary(&config).await;
            return;
        }
        let path = config.clone();
        // The glossary being replaced lends its parse of every unchanged
        // file, so that both are not held in full while the new one loads.
        let old = self.shared.lock().get(&config).map(Glossary::snapshot);
        let loaded =
            tokio::task::spawn_blocking(move || glossaries::reload_config(&path, old.as_ref()))
                .await;
        let Ok(mut fresh) = loaded else {
            return;
        };
        {
            let mut all = self.shared.lock();
            if let Some(old) = all.remove(&config) {
                fresh.keep_open_docs(old);
            }
            all.insert(fresh);
        }
        self.shared
            .previews
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.publish_config_diagnostics(&config).await;
        self.shared.build_mentions_later();
        self.shared.wake.notify_one();
    }

    /// The config of a glossary was deleted: clear what it published and
    /// place its open documents again.
    async fn drop_glossary(&self, config: &Path) {
        let cleared: Vec<PathBuf> = {
            let mut all = self.shared.lock();
            all.forget_discovery();
            match all.remove(config) {
                Some(old) => {
                    let mut cleared: Vec<PathBuf> = old.published.iter().cloned().collect();
                    cleared.push(old.config_path.clone());
                    for (path, doc) in old.open.iter() {
                        all.unrouted.insert(path.clone(), doc.clone());
                    }
                    cleared
                }
                None => Vec::new(),
            }
        };
        for path in cleared {
            if let Some(uri) = uri_of(&path) {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        self.place_open_docs().await;
    }

    /// After a `gloss.toml` appeared or vanished: every open document that
    /// now belongs to another glossary (or to one, or to none) moves there;
    /// what its old glossary published on it is cleared.
    async fn place_open_docs(&self) {
        let (cleared, loaded) = {
            let mut all = self.shared.lock();
            all.forget_discovery();
            let moved = all.take_misplaced();
            let mut cleared = Vec::new();
            let mut loaded = Vec::new();
            for m in moved {
                if m.from.is_some() {
                    cleared.push(m.path.clone());
                }
                let text = m.doc.rope.to_string();
                if let Some(config) = all.open_doc(&m.path, text, m.doc.version) {
                    loaded.push(config);
                }
            }
            for path in &cleared {
                for g in all.iter_mut() {
                    g.published.remove(path);
                }
            }
            (cleared, loaded)
        };
        for path in cleared {
            if let Some(uri) = uri_of(&path) {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        for config in loaded {
            self.publish_config_diagnostics(&config).await;
        }
        self.shared.build_mentions_later();
        self.shared.wake.notify_one();
    }

    /// The problem of a glossary's config file, shown on that file (or
    /// cleared).
    async fn publish_config_diagnostics(&self, config: &Path) {
        let diagnostics = {
            let all = self.shared.lock();
            let Some(ws) = all.get(config) else {
                return;
            };
            match &ws.config_problem {
                Some(problem) => {
                    let text = &problem.text;
                    let index = gloss_core::LineIndex::new(text);
                    let lines = pos_conv::Lines {
                        text,
                        index: &index,
                    };
                    let range = problem.range().unwrap_or_default();
                    vec![Diagnostic {
                        range: lines.range(range, self.shared.encoding()),
                        severity: Some(DiagnosticSeverity::ERROR),
                        code: Some(NumberOrString::String("invalid-config".to_owned())),
                        source: Some("gloss".to_owned()),
                        message: problem.editor_message(),
                        ..Diagnostic::default()
                    }]
                }
                None => Vec::new(),
            }
        };
        if let Some(uri) = uri_of(config) {
            self.client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
        }
    }

    /// Answer a request about a document given by URI from a snapshot of
    /// its glossary: the lock is held only to take it, so the writer (an
    /// edit, a re-index) and the diagnostics worker never wait on a request,
    /// and a request never waits on a check. `None` for a document under
    /// no loaded glossary.
    fn with_snapshot<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&mut Glossary, &Path, Encoding) -> T,
    ) -> Option<T> {
        let path = path_of(uri)?;
        let encoding = self.shared.encoding();
        let mut snapshot = self.shared.lock().glossary_of(&path)?.snapshot();
        Some(f(&mut snapshot, &path, encoding))
    }
}

/// A hover ready under the workspace lock, or a challenge whose preview is
/// computed (cached, off the async threads) after the lock is released.
enum HoverAnswer {
    Ready(Hover),
    Preview(
        gloss_ide::hover::ChallengeRequest,
        Range,
        (PathBuf, Arc<Env>),
    ),
}

/// File watchers for everything the workspace reads: term files, Markdown
/// docs and `gloss.toml` (the server sorts out which ones are its own).
fn watch_registration() -> Registration {
    let watchers = ["**/*.{yaml,yml}", "**/*.{md,mdx,markdown}", "**/gloss.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_owned()),
            kind: None,
        })
        .collect();
    Registration {
        id: "gloss-watched-files".to_owned(),
        method: "workspace/didChangeWatchedFiles".to_owned(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
            watchers,
        })
        .ok(),
    }
}

fn server_capabilities(utf8: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(if utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![
                "[".to_owned(),
                ",".to_owned(),
                " ".to_owned(),
                "-".to_owned(),
            ]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
            ]),
            ..CodeActionOptions::default()
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        ..ServerCapabilities::default()
    }
}

/// Every workspace folder, else the deprecated root URI.
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = params.workspace_folders.as_ref().filter(|f| !f.is_empty()) {
        return folders.iter().filter_map(|f| path_of(&f.uri)).collect();
    }
    #[allow(deprecated)] // Older clients only send `rootUri`.
    params
        .root_uri
        .as_ref()
        .and_then(path_of)
        .into_iter()
        .collect()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8));
        self.shared.utf8.store(utf8, Ordering::Relaxed);
        let watch_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.shared
            .watch_files
            .store(watch_files, Ordering::Relaxed);
        let configs = glossaries::folder_configs(&workspace_folders(&params));
        if !configs.is_empty() {
            let loaded = tokio::task::spawn_blocking(move || {
                configs
                    .iter()
                    .map(|config| glossaries::load_config(config))
                    .collect::<Vec<_>>()
            })
            .await;
            if let Ok(loaded) = loaded {
                let mut all = self.shared.lock();
                for glossary in loaded {
                    all.insert(glossary);
                }
            }
            self.shared.build_mentions_later();
        }
        Ok(InitializeResult {
            capabilities: server_capabilities(utf8),
            server_info: Some(ServerInfo {
                name: "gloss".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Started here, not in `initialize`: tower-lsp-server drops every
        // notification sent before the initialize response has gone out, so
        // a small glossary checked at once lost its first publications.
        self.start_worker();
        self.shared.wake.notify_one();
        if self.shared.watch_files.load(Ordering::Relaxed) {
            // Term files, docs and the config changed outside the editor (a
            // pull, a branch switch) reach us without any client setup. Not
            // awaited here: the client answers in its own time.
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(err) = client.register_capability(vec![watch_registration()]).await {
                    client
                        .log_message(
                            MessageType::WARNING,
                            format!("gloss: the editor did not take the file watchers: {err}"),
                        )
                        .await;
                }
            });
        }
        let configs = self.shared.lock().configs();
        for config in configs {
            self.publish_config_diagnostics(&config).await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        self.shared.wake.notify_one();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(path) = path_of(&doc.uri) else {
            return;
        };
        // The first document under a nested `gloss.toml` loads its
        // glossary here, under the lock: a later edit must find the
        // document open.
        let loaded = self.shared.lock().open_doc(&path, doc.text, doc.version);
        if let Some(config) = loaded {
            self.publish_config_diagnostics(&config).await;
            self.shared.build_mentions_later();
        }
        self.shared.wake.notify_one();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let encoding = self.shared.encoding();
        {
            let mut all = self.shared.lock();
            // Changes to a document that was never opened are ignored: the
            // client's positions would refer to a text we do not have.
            let Some((doc, routed)) = all.open_doc_mut(&path) else {
                return;
            };
            let text = pos_conv::apply_changes(&mut doc.rope, &params.content_changes, encoding);
            doc.version = params.text_document.version;
            if routed && let Some(ws) = all.glossary_of(&path) {
                ws.set_text(&path, text);
            }
        }
        self.shared.wake.notify_one();
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let is_config = self
            .shared
            .lock()
            .glossary_of(&path)
            .is_some_and(|ws| ws.kind(&path) == Kind::Config);
        if is_config {
            self.reload(path).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(path) = path_of(&uri) else {
            return;
        };
        let loose = {
            let mut all = self.shared.lock();
            let loose = all
                .glossary_of(&path)
                .is_some_and(|ws| ws.kind(&path) == Kind::LooseTerm);
            if let Some(ws) = all.close_doc(&path)
                && loose
            {
                ws.published.remove(&path);
            }
            loose
        };
        if loose {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
        self.shared.wake.notify_one();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut reload: Vec<PathBuf> = Vec::new();
        let mut configs_changed = false;
        {
            let mut all = self.shared.lock();
            for change in &params.changes {
                let Some(path) = path_of(&change.uri) else {
                    continue;
                };
                if path
                    .file_name()
                    .is_some_and(|n| n == gloss_core::config::FILE_NAME)
                {
                    if all.get(&path).is_some() {
                        reload.push(path);
                    } else {
                        // A new config (or one no glossary uses yet) can
                        // take documents from the glossary above it.
                        configs_changed = true;
                    }
                    continue;
                }
                // Each glossary takes the files of its own root and docs,
                // as its walk would.
                for ws in all.iter_mut() {
                    if ws.extra_words.as_deref() == Some(path.as_path()) {
                        reload.push(ws.config_path.clone());
                    } else {
                        ws.reload_from_disk(&path);
                    }
                }
            }
        }
        reload.sort();
        reload.dedup();
        for config in reload {
            self.reload(config).await;
        }
        if configs_changed {
            self.place_open_docs().await;
        }
        self.shared.wake.notify_one();
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let plan = self
            .with_snapshot(&position.text_document.uri, |ws, path, encoding| {
                let offset = from_proto::offset(ws, path, position.position, encoding)?;
                let mentions = ws.mentions();
                // Only the challenge hover shows findings: other hovers never
                // wait for a check the worker has not done yet.
                let diagnostics = if hover::is_on_challenge(ws, &mentions, path, offset) {
                    file_diagnostics(ws, path)
                } else {
                    Arc::from([])
                };
                let plan = match hover::hover(ws, &mentions, path, offset, &diagnostics)? {
                    HoverPlan::Ready(found) => {
                        let range = to_proto::range_in(ws, path, found.range, encoding);
                        HoverAnswer::Ready(to_proto::hover(found.markdown, range))
                    }
                    HoverPlan::Challenge(request) => {
                        let range = to_proto::range_in(ws, path, request.range, encoding);
                        HoverAnswer::Preview(
                            request,
                            range,
                            (ws.config_path.clone(), Arc::clone(&ws.env)),
                        )
                    }
                };
                Some(plan)
            })
            .flatten();
        match plan {
            None => Ok(None),
            Some(HoverAnswer::Ready(ready)) => Ok(Some(ready)),
            Some(HoverAnswer::Preview(request, range, env)) => {
                let shared = Arc::clone(&self.shared);
                let preview = tokio::task::spawn_blocking(move || {
                    let preview =
                        shared.preview(&env, &request.term, &request.word, request.hint.as_deref());
                    to_proto::hover(hover::challenge_hover(&request, &preview).markdown, range)
                })
                .await
                .map_err(|_| Error::internal_error())?;
                Ok(Some(preview))
            }
        }
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let locations = self
            .with_snapshot(&position.text_document.uri, |ws, path, encoding| {
                let offset = from_proto::offset(ws, path, position.position, encoding)?;
                let mentions = ws.mentions();
                let found = gloss_ide::goto::definition(ws, &mentions, path, offset);
                Some(to_proto::locations(ws, &found, encoding))
            })
            .flatten()
            .unwrap_or_default();
        Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let include_declaration = params.context.include_declaration;
        let locations = self
            .with_snapshot(&position.text_document.uri, |ws, path, encoding| {
                let offset = from_proto::offset(ws, path, position.position, encoding)?;
                let mentions = ws.mentions();
                let found = gloss_ide::references::references(
                    ws,
                    &mentions,
                    path,
                    offset,
                    include_declaration,
                );
                Some(to_proto::locations(ws, &found, encoding))
            })
            .flatten()
            .unwrap_or_default();
        Ok(Some(locations))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        Ok(self
            .with_snapshot(&params.text_document.uri, |ws, path, encoding| {
                let offset = from_proto::offset(ws, path, params.position, encoding)?;
                let mentions = ws.mentions();
                let prepared = rename::prepare_rename(ws, &mentions, path, offset)?;
                Some(PrepareRenameResponse::RangeWithPlaceholder {
                    range: to_proto::range_in(ws, path, prepared.range, encoding),
                    placeholder: prepared.placeholder,
                })
            })
            .flatten())
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position;
        let result = self.with_snapshot(&position.text_document.uri, |ws, path, encoding| {
            let mentions = ws.mentions();
            // A document the workspace does not know has nothing to rename.
            let offset = from_proto::offset(ws, path, position.position, encoding);
            let change = match offset {
                Some(offset) => rename::rename(ws, &mentions, path, offset, &params.new_name)?,
                None => return Err(rename::NOT_A_SLUG.to_owned()),
            };
            to_proto::workspace_edit(ws, &change, encoding)
                .ok_or_else(|| "the term file's path cannot be written as a URI".to_owned())
        });
        match result {
            Some(Ok(edit)) => Ok(Some(edit)),
            Some(Err(message)) => Err(Error::invalid_params(message)),
            None => Ok(None),
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        Ok(self
            .with_snapshot(&position.text_document.uri, |ws, path, encoding| {
                let offset = from_proto::offset(ws, path, position.position, encoding)?;
                let completions = gloss_ide::completion::completion(ws, path, offset)?;
                Some(to_proto::completion(ws, path, completions, encoding))
            })
            .flatten())
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self
            .with_snapshot(&params.text_document.uri, |ws, path, encoding| {
                let symbols = gloss_ide::symbols::document_symbols(ws, path)?;
                Some(
                    symbols
                        .into_iter()
                        .map(|symbol| to_proto::document_symbol(ws, path, symbol, encoding))
                        .collect(),
                )
            })
            .flatten()
            .map(DocumentSymbolResponse::Nested))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let encoding = self.shared.encoding();
        let snapshots: Vec<Glossary> = self.shared.lock().iter().map(Glossary::snapshot).collect();
        let symbols = snapshots
            .iter()
            .flat_map(|ws| {
                gloss_ide::symbols::workspace_symbols(ws, &params.query)
                    .into_iter()
                    .filter_map(|symbol| to_proto::workspace_symbol(ws, symbol, encoding))
            })
            .collect();
        Ok(Some(WorkspaceSymbolResponse::Flat(symbols)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        Ok(self.with_snapshot(&uri, |ws, path, encoding| {
            let Some(wanted) = from_proto::text_range(ws, path, params.range, encoding) else {
                return Vec::new();
            };
            let Some((_, file)) = ws.term_file(path) else {
                // A doc: the fixes of its docs findings.
                let Some(diagnostics) = ws.doc_diagnostics(path) else {
                    return Vec::new();
                };
                let Some(doc) = ws.docs.get(path).and_then(|doc| doc.body()) else {
                    return Vec::new();
                };
                let lines = to_proto::doc_lines(&doc);
                return gloss_ide::code_actions::doc_code_actions(path, wanted, &diagnostics)
                    .into_iter()
                    .filter_map(|action| {
                        to_proto::code_action(ws, path, lines, &diagnostics, action, encoding)
                    })
                    .collect();
            };
            let diagnostics = file_diagnostics(ws, path);
            gloss_ide::code_actions::code_actions(ws, path, wanted, &diagnostics)
                .into_iter()
                .filter_map(|action| {
                    to_proto::code_action(
                        ws,
                        path,
                        to_proto::lines(&file),
                        &diagnostics,
                        action,
                        encoding,
                    )
                })
                .collect()
        }))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let found = self
            .with_snapshot(&params.text_document.uri, |ws, path, encoding| {
                let request = gloss_ide::lens::challenge_lens(ws, path)?;
                let range = to_proto::range_in(ws, path, request.range, encoding);
                Some((
                    range,
                    request,
                    (ws.config_path.clone(), Arc::clone(&ws.env)),
                ))
            })
            .flatten();
        let Some((range, request, env)) = found else {
            return Ok(Some(Vec::new()));
        };
        let shared = Arc::clone(&self.shared);
        let lens = tokio::task::spawn_blocking(move || {
            let preview =
                shared.preview(&env, &request.term, &request.word, request.hint.as_deref());
            to_proto::code_lens(gloss_ide::lens::lens(&request, &preview), range)
        })
        .await
        .map_err(|_| Error::internal_error())?;
        Ok(Some(vec![lens]))
    }
}

/// The current findings of the term file at `path` (none for any other
/// document), for the queries that show or fix them: the workspace's per
/// version cache, computed here only if the worker has not yet.
fn file_diagnostics(ws: &Glossary, path: &Path) -> Arc<[gloss_core::Diagnostic]> {
    ws.diagnostics(path).unwrap_or_else(|| Arc::from([]))
}

/// How many backlog files one background round checks: small enough that an
/// edit's diagnostics never wait long behind it.
const BACKLOG_CHUNK: usize = 32;

/// Dirty files checked per turn of the worker (off the lock), between
/// publishes: an edit that affects a thousand files (a challenge word they
/// share) neither holds the lock nor delays its own file's diagnostics for
/// all of them.
const DIRTY_CHUNK: usize = 64;

/// The next dirty targets to check: the open documents among them alone
/// (the file being edited, whose diagnostics the author waits for), else
/// the others in order, at most [`DIRTY_CHUNK`].
fn is_open(ws: &Glossary, target: &Target) -> bool {
    match target {
        Target::Term(id) => ws.slot(*id).is_some_and(|s| ws.open.contains_key(&s.path)),
        Target::Loose(path) | Target::Doc(path) => ws.open.contains_key(path),
    }
}

/// The glossary to check next, and whether for an edit: one whose dirty
/// files include an open document, else any with dirty files, else any
/// with a backlog.
fn next_glossary(all: &Glossaries) -> Option<(PathBuf, bool)> {
    let with_open = all
        .iter()
        .find(|ws| ws.dirty.iter().any(|t| is_open(ws, t)));
    let dirty = with_open.or_else(|| all.iter().find(|ws| !ws.dirty.is_empty()));
    if let Some(ws) = dirty {
        return Some((ws.config_path.clone(), true));
    }
    all.iter()
        .find(|ws| {
            !ws.backlog.is_empty() || !ws.doc_backlog.is_empty() || !ws.usage.backlog.is_empty()
        })
        .map(|ws| (ws.config_path.clone(), false))
}

/// How many sources (docs and term files) one background round reads for
/// `unused-term`.
const USAGE_CHUNK: usize = 16;

/// What the worker does with a glossary's usage backlog, once everything
/// else is checked.
enum UsageNext {
    /// Nothing to read (or other work comes first).
    Nothing,
    Read(UsageJob),
    /// The mention index is missing: it is built off the worker first.
    WaitForMentions,
}

/// Read the next sources of `unused-term`'s usage off the lock, then take
/// the result in under it (the terms whose used-or-not changed become
/// dirty and are published by the next turns).
async fn read_usage(shared: &Arc<Shared>, config: &Path, job: UsageJob) {
    let done = tokio::task::spawn_blocking(move || job.run()).await;
    if let Some(ws) = shared.lock().get_mut(config) {
        match done {
            Ok(done) => ws.apply_usage(done),
            Err(_) => ws.usage_lost(),
        }
    }
}

fn take_dirty_chunk(ws: &mut Glossary) -> Vec<Target> {
    // The documents the user is looking at go out on their own, before the
    // files their edit affects.
    let mut chunk: Vec<Target> = ws
        .dirty
        .iter()
        .filter(|t| is_open(ws, t))
        .take(DIRTY_CHUNK)
        .cloned()
        .collect();
    if chunk.is_empty() {
        chunk = ws.dirty.iter().take(DIRTY_CHUNK).cloned().collect();
    }
    for target in &chunk {
        ws.dirty.remove(target);
    }
    chunk
}

/// One diagnostics publication.
struct Publish {
    uri: Uri,
    diagnostics: Vec<Diagnostic>,
    version: Option<i32>,
}

/// Convert and record the findings of one file; `None` when nothing needs
/// publishing (no findings now nor before, and the file is not open).
fn record(
    ws: &mut Glossary,
    id: Option<FileId>,
    path: &Path,
    lines: pos_conv::Lines<'_>,
    found: &[gloss_core::Diagnostic],
    encoding: Encoding,
) -> Option<Publish> {
    if let Some(id) = id {
        if found.iter().any(|d| d.rule == "unknown-related") {
            ws.unknown_related.insert(id);
        } else {
            ws.unknown_related.remove(&id);
        }
    }
    let open = ws.open.get(path).map(|d| d.version);
    let was_published = ws.published.contains(path);
    if found.is_empty() {
        ws.published.remove(path);
    } else {
        ws.published.insert(path.to_path_buf());
    }
    if found.is_empty() && !was_published && open.is_none() {
        return None;
    }
    let diagnostics = found
        .iter()
        .map(|d| to_proto::diagnostic(ws, path, lines, d, encoding))
        .collect();
    Some(Publish {
        uri: uri_of(path)?,
        diagnostics,
        version: open,
    })
}

/// Dirty files checked on the worker's own task rather than the blocking
/// pool.
const INLINE_CHECKS: usize = 2;

/// How many backlog docs one background round checks (a doc is longer than
/// a term file).
const DOC_BACKLOG_CHUNK: usize = 8;

/// A doc as checked, with its findings.
/// A doc checked: the doc (to tell whether it is still current), the body
/// its findings were computed on (for their positions) and the findings.
type CheckedDoc = (
    PathBuf,
    Option<Arc<MdDoc>>,
    Option<Arc<DocBody>>,
    Arc<[gloss_core::Diagnostic]>,
);

/// Docs to check off the lock: each with the doc as it is now (`None`: it
/// vanished, or the docs rules do not check it, so it has no findings).
struct DocJob {
    checker: DocChecker,
    mentions: Arc<MentionIndex>,
    /// Each doc, and whether to keep its findings (an open doc's, for its
    /// code actions; the others' are published and dropped).
    docs: Vec<(PathBuf, Option<Arc<MdDoc>>, bool)>,
}

/// The doc at `path` as the docs rules see it: `None` when they do not
/// check it.
fn linted_doc(ws: &Glossary, path: &Path) -> Option<Arc<MdDoc>> {
    ws.is_linted_doc(path)
        .then(|| ws.docs.get(path).cloned())
        .flatten()
}

/// What to do with the docs of a chunk.
enum DocsNext {
    Nothing,
    Check(DocJob),
    /// The mention index is missing (a name just changed): the docs went
    /// back to their queue, to wait until it is built off the worker,
    /// which meanwhile keeps serving edits.
    WaitForMentions,
}

/// Whether `GLOSS_LSP_TRACE` is set: the server then reports on stderr
/// where the time of its work goes (docs/performance.md).
fn tracing() -> bool {
    static TRACING: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACING.get_or_init(|| std::env::var_os("GLOSS_LSP_TRACE").is_some())
}

/// Prepare the check of `docs` (taken from the dirty set when `edit`, else
/// from the doc backlog) under the lock.
fn prepare_docs(
    ws: &mut Glossary,
    docs: Vec<(PathBuf, Option<Arc<MdDoc>>, bool)>,
    edit: bool,
) -> DocsNext {
    if docs.is_empty() {
        return DocsNext::Nothing;
    }
    let Some(mentions) = ws.built_mentions() else {
        for (path, _, _) in docs {
            if edit {
                ws.dirty.insert(Target::Doc(path));
            } else {
                ws.doc_backlog.insert(path);
            }
        }
        return DocsNext::WaitForMentions;
    };
    DocsNext::Check(DocJob {
        checker: ws.doc_checker(),
        mentions,
        docs,
    })
}

/// Check the docs of `job` (off the lock), then record what is still
/// current under it; a result computed for an older doc or glossary is
/// dropped (the change that made it stale queued the doc again).
async fn check_docs(
    shared: &Arc<Shared>,
    config: &Path,
    job: DocJob,
    encoding: Encoding,
) -> Vec<Publish> {
    let DocJob {
        checker,
        mentions,
        docs,
    } = job;
    let generation = checker.generation;
    let check = move || {
        docs.into_iter()
            .map(|(path, doc, keep)| {
                // A doc only on disk is read here, off the lock.
                let body = doc.as_ref().and_then(|doc| doc.body());
                let found = match (&doc, &body) {
                    (Some(doc), Some(body)) => checker.check(&path, doc, body, &mentions, keep),
                    _ => Arc::from([]),
                };
                (path, doc, body, found)
            })
            .collect::<Vec<CheckedDoc>>()
    };
    let Ok(found) = tokio::task::spawn_blocking(check).await else {
        return Vec::new();
    };
    let mut all = shared.lock();
    let Some(ws) = all.get_mut(config) else {
        return Vec::new();
    };
    if ws.docs_generation != generation {
        return Vec::new();
    }
    let empty = gloss_core::LineIndex::new("");
    found
        .into_iter()
        .filter_map(|(path, doc, body, found)| {
            let now = linted_doc(ws, &path);
            let current = match (&now, &doc) {
                (Some(now), Some(then)) => Arc::ptr_eq(now, then),
                (None, None) => true,
                _ => false,
            };
            if !current {
                return None;
            }
            let lines = match &body {
                Some(body) => to_proto::doc_lines(body),
                None => pos_conv::Lines {
                    text: "",
                    index: &empty,
                },
            };
            record(ws, None, &path, lines, &found, encoding)
        })
        .collect()
}

/// Checks dirty files first (an edit and what it affects, open documents
/// first), then the backlog, in small chunks off the async threads and off
/// the lock: requests are answered meanwhile. A file's findings are computed
/// into its slot's cache cell, so a hover or a code action later reads them
/// instead of checking again; a result whose cell was replaced meanwhile (the
/// file, or a file it depends on, changed) is dropped, and the file is
/// checked again since it is dirty again.
async fn diagnostics_worker(shared: Arc<Shared>, client: Client) {
    loop {
        if shared.shutdown.load(Ordering::SeqCst) {
            return;
        }
        let encoding = shared.encoding();
        let next = next_glossary(&shared.lock());
        let Some((config, edit)) = next else {
            // Nothing to do: wait for an edit.
            shared.wake.notified().await;
            continue;
        };
        let usage_next = {
            let mut all = shared.lock();
            match all.get_mut(&config) {
                Some(ws)
                    if !edit
                        && ws.backlog.is_empty()
                        && ws.doc_backlog.is_empty()
                        && !ws.usage.backlog.is_empty() =>
                {
                    match ws.usage_job(USAGE_CHUNK) {
                        Some(job) => UsageNext::Read(job),
                        None => UsageNext::WaitForMentions,
                    }
                }
                _ => UsageNext::Nothing,
            }
        };
        match usage_next {
            UsageNext::Nothing => {}
            UsageNext::Read(job) => {
                read_usage(&shared, &config, job).await;
                continue;
            }
            UsageNext::WaitForMentions => {
                shared.build_mentions_later();
                shared.wake.notified().await;
                continue;
            }
        }
        let (chunk, docs_next) = {
            let mut all = shared.lock();
            let Some(ws) = all.get_mut(&config) else {
                continue;
            };
            let targets: Vec<Target> = if edit {
                take_dirty_chunk(ws)
            } else if !ws.backlog.is_empty() {
                let n = BACKLOG_CHUNK.min(ws.backlog.len());
                ws.backlog.drain(..n).map(Target::Term).collect()
            } else {
                let paths: Vec<PathBuf> = ws
                    .doc_backlog
                    .iter()
                    .take(DOC_BACKLOG_CHUNK)
                    .cloned()
                    .collect();
                for path in &paths {
                    ws.doc_backlog.remove(path);
                }
                paths.into_iter().map(Target::Doc).collect()
            };
            let mut docs: Vec<(PathBuf, Option<Arc<MdDoc>>, bool)> = Vec::new();
            let slots: Vec<(FileId, Slot)> = targets
                .into_iter()
                .filter_map(|target| match target {
                    Target::Term(id) => Some((id, ws.slot(id)?.clone())),
                    Target::Loose(path) => Some((usize::MAX, ws.loose.get(&path)?.clone())),
                    Target::Doc(path) => {
                        let doc = linted_doc(ws, &path);
                        let keep = ws.open.contains_key(&path);
                        docs.push((path, doc, keep));
                        None
                    }
                })
                .collect();
            (
                (!slots.is_empty()).then(|| (config.clone(), ws.checker(), slots, edit)),
                prepare_docs(ws, docs, edit),
            )
        };
        let wait_for_mentions = matches!(docs_next, DocsNext::WaitForMentions);
        match docs_next {
            DocsNext::Nothing => {}
            DocsNext::WaitForMentions => shared.build_mentions_later(),
            DocsNext::Check(job) => {
                if tracing() {
                    // The wall clock, to line up with a memory timeline
                    // (scripts/rss-timeline.py).
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap_or_default();
                    eprintln!(
                        "gloss lsp: at {:.3} s, checking {} docs",
                        now.as_secs_f64(),
                        job.docs.len()
                    );
                }
                let timer = std::time::Instant::now();
                let publishes = check_docs(&shared, &config, job, encoding).await;
                let checked = timer.elapsed();
                let findings: usize = publishes.iter().map(|p| p.diagnostics.len()).sum();
                for publish in publishes {
                    client
                        .publish_diagnostics(publish.uri, publish.diagnostics, publish.version)
                        .await;
                }
                if edit && tracing() {
                    eprintln!(
                        "gloss lsp: edited docs checked in {checked:.1?}, {findings} findings published in {:.1?}",
                        timer.elapsed() - checked
                    );
                }
            }
        }
        let chunk_len = chunk.as_ref().map_or(0, |(_, _, slots, _)| slots.len());
        let Some((config, checker, slots, edit)) = chunk else {
            if wait_for_mentions {
                shared.wake.notified().await;
            }
            continue;
        };
        if edit {
            // An edit may have changed names: rebuild the mention index now
            // rather than in the next hover.
            shared.build_mentions_later();
        }
        let check = move || {
            use rayon::prelude::*;
            slots
                .into_par_iter()
                .map(|(id, slot)| {
                    let found = checker.diagnostics_of(id, &slot);
                    (id, slot, found)
                })
                .collect::<Vec<_>>()
        };
        // A keystroke re-checks one file (or a few): a hop to the blocking
        // pool would cost more than the check, which takes well under a
        // millisecond.
        let checked = if edit && chunk_len <= INLINE_CHECKS {
            check()
        } else {
            tokio::task::spawn_blocking(check).await.unwrap_or_default()
        };
        let publishes: Vec<Publish> = {
            let mut all = shared.lock();
            // A glossary dropped meanwhile publishes nothing.
            let Some(ws) = all.get_mut(&config) else {
                continue;
            };
            checked
                .into_iter()
                .filter_map(|(id, slot, found)| {
                    let current = if id == usize::MAX {
                        ws.loose.get(&slot.path)
                    } else {
                        ws.slot(id)
                    };
                    let current =
                        current.is_some_and(|c| Arc::ptr_eq(&c.diagnostics, &slot.diagnostics));
                    let id = (id != usize::MAX).then_some(id);
                    current
                        .then(|| {
                            record(
                                ws,
                                id,
                                &slot.path,
                                to_proto::lines(&slot.file),
                                &found,
                                encoding,
                            )
                        })
                        .flatten()
                })
                .collect()
        };
        for publish in publishes {
            client
                .publish_diagnostics(publish.uri, publish.diagnostics, publish.version)
                .await;
        }
    }
}
