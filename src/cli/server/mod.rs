//! `copydesk server`: the Language Server Protocol over stdio, so that findings show in
//! the editor while an article is written.
//!
//! Built on `lsp-server` (the synchronous transport of rust-analyzer and ruff): copydesk
//! checks a document in milliseconds, so one thread that answers in order is simpler
//! than an async runtime and never keeps a request waiting long. Changes are debounced:
//! a document is checked once no message has come for [`DEBOUNCE`], on its in-memory
//! text.

mod convert;
mod position;
mod workspace;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind, PositionEncodingKind,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, Url, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use position::{Encoding, LineIndex};
use workspace::{ClientOptions, OpenDocument, Workspace};

/// How long after the last change a document is checked: typing never waits on a check
/// of every keystroke, and a pause shows the findings at once.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// Serves on stdin and stdout until the client says `exit`.
pub fn run() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    let served = serve(&connection);
    drop(connection);
    let joined = io_threads.join();
    match served.and(joined.map_err(|e| e.to_string())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: copydesk server: {error}");
            ExitCode::from(2)
        }
    }
}

fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let encoding = negotiate_encoding(&params);
    let options: ClientOptions = params
        .initialization_options
        .clone()
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    let capabilities = ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(SaveOptions::default().into()),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(convert::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: None,
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "copydesk", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    watch_configs(connection, &params);
    let mut server = Server {
        connection,
        workspace: Workspace::new(options),
        encoding,
        config_errors_shown: HashSet::new(),
    };
    server.run()
}

/// UTF-8 when the client offers it (no conversion), else the protocol's UTF-16.
fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// Asks the client to report changes of config files, when it can watch them.
fn watch_configs(connection: &Connection, params: &InitializeParams) {
    let dynamic = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if !dynamic {
        return;
    }
    let watchers: Vec<serde_json::Value> = copydesk::config::CONFIG_FILE_NAMES
        .iter()
        .map(|name| serde_json::json!({ "globPattern": format!("**/{name}") }))
        .collect();
    let registration = serde_json::json!({
        "registrations": [{
            "id": "copydesk-configs",
            "method": DidChangeWatchedFiles::METHOD,
            "registerOptions": { "watchers": watchers },
        }],
    });
    let request = Request::new(
        "copydesk/register-watchers".to_string().into(),
        "client/registerCapability".to_string(),
        registration,
    );
    let _ = connection.sender.send(Message::Request(request));
}

struct Server<'c> {
    connection: &'c Connection,
    workspace: Workspace,
    encoding: Encoding,
    /// Config files whose errors are on show, to clear once they are fixed.
    config_errors_shown: HashSet<PathBuf>,
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), String> {
        loop {
            let waiting = self
                .workspace
                .documents
                .values()
                .filter_map(|d| d.changed)
                .min();
            let message = match waiting {
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                },
                Some(changed) => {
                    let left = DEBOUNCE.saturating_sub(changed.elapsed());
                    match self.connection.receiver.recv_timeout(left) {
                        Ok(message) => message,
                        Err(error) if error.is_timeout() => {
                            self.publish_changed();
                            continue;
                        }
                        Err(_) => return Ok(()),
                    }
                }
            };
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    self.request(request);
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, request: Request) {
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(request.params) {
                    Ok(params) => Response::new_ok(request.id, self.code_actions(params)),
                    Err(e) => invalid(request.id, e),
                }
            }
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => Response::new_ok(request.id, self.hover(params)),
                Err(e) => invalid(request.id, e),
            },
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("copydesk does not answer `{}`", request.method),
            ),
        };
        let _ = self.connection.sender.send(Message::Response(response));
    }

    fn notification(&mut self, notification: Notification) {
        let params = notification.params;
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    self.workspace.documents.insert(
                        uri.clone(),
                        OpenDocument {
                            text: p.text_document.text,
                            version: p.text_document.version,
                            changed: None,
                            diagnostics: Vec::new(),
                            config: None,
                        },
                    );
                    self.publish(&uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params)
                    && let Some(document) = self.workspace.documents.get_mut(&p.text_document.uri)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    // Full sync: the last change holds the whole text.
                    document.text = change.text;
                    document.version = p.text_document.version;
                    document.changed.get_or_insert_with(Instant::now);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    if is_config(&uri) {
                        self.reload();
                    } else if self.workspace.documents.contains_key(&uri) {
                        self.publish(&uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    self.workspace.documents.remove(&uri);
                    self.send_diagnostics(uri, Vec::new(), None);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(params)
                    && p.changes.iter().any(|change| is_config(&change.uri))
                {
                    self.reload();
                }
            }
            // Requests are answered in order as they come, each in milliseconds: there is
            // never one in flight to cancel.
            _ => {}
        }
    }

    /// A config changed: resolve configs again and check every open document.
    fn reload(&mut self) {
        self.workspace.reload_configs();
        let open: Vec<Url> = self.workspace.documents.keys().cloned().collect();
        for uri in &open {
            self.publish(uri);
        }
        // Errors of configs that no open document uses any more, or that are fixed.
        let shown: Vec<PathBuf> = self.config_errors_shown.iter().cloned().collect();
        for config in shown {
            if self.workspace.config_errors(&config).is_none() {
                self.config_errors_shown.remove(&config);
                if let Ok(uri) = Url::from_file_path(&config) {
                    self.send_diagnostics(uri, Vec::new(), None);
                }
            }
        }
    }

    fn publish_changed(&mut self) {
        let changed: Vec<Url> = self
            .workspace
            .documents
            .iter()
            .filter(|(_, d)| d.changed.is_some())
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in &changed {
            self.publish(uri);
        }
    }

    /// Checks a document and sends its findings; a broken config's errors go to the
    /// config file.
    fn publish(&mut self, uri: &Url) {
        let Some(config) = self.workspace.check(uri) else {
            return;
        };
        let mut unchecked = None;
        if let Some(config) = config
            && let Some(errors) = self.workspace.config_errors(&config)
        {
            unchecked = Some(convert::unchecked(&config, errors.len()));
            let shown = convert::config_diagnostics(errors, self.encoding);
            if let Ok(config_uri) = Url::from_file_path(&config) {
                self.send_diagnostics(config_uri, shown, None);
                self.config_errors_shown.insert(config);
            }
        }
        let Some(document) = self.workspace.documents.get(uri) else {
            return;
        };
        let index = LineIndex::new(&document.text);
        let shown = document
            .diagnostics
            .iter()
            .map(|d| convert::diagnostic(d, uri, &index, self.encoding))
            .chain(unchecked)
            .collect();
        let version = Some(document.version);
        self.send_diagnostics(uri.clone(), shown, version);
    }

    fn send_diagnostics(
        &self,
        uri: Url,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        let _ = self
            .connection
            .sender
            .send(Message::Notification(notification));
    }

    /// Findings of a document that changed since its last check are stale: check first.
    fn current(&mut self, uri: &Url) -> Option<&OpenDocument> {
        if self.workspace.documents.get(uri)?.changed.is_some() {
            self.publish(uri);
        }
        self.workspace.documents.get(uri)
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let encoding = self.encoding;
        let uri = params.text_document.uri;
        let Some(document) = self.current(&uri) else {
            return Vec::new();
        };
        let index = LineIndex::new(&document.text);
        let range = (
            index.offset(params.range.start, encoding),
            index.offset(params.range.end, encoding),
        );
        convert::code_actions(
            &document.text,
            &document.diagnostics,
            &uri,
            range,
            params.context.only.as_deref(),
            encoding,
        )
    }

    /// The explanation of the rules of the findings under the cursor.
    fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let encoding = self.encoding;
        let at = params.text_document_position_params;
        let document = self.current(&at.text_document.uri)?;
        let offset = LineIndex::new(&document.text).offset(at.position, encoding);
        let mut names: Vec<&str> = document
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= offset && offset <= d.span.end)
            .map(|d| d.rule.name)
            .collect();
        names.dedup();
        let explained: Vec<String> = names
            .iter()
            .filter_map(|name| copydesk::rules::find(name))
            .map(|rule| format!("# {} ({})\n\n{}", rule.name, rule.code, rule.explanation()))
            .collect();
        if explained.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: explained.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }
}

fn invalid(id: lsp_server::RequestId, error: serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())
}

fn is_config(uri: &Url) -> bool {
    uri.path_segments()
        .and_then(|mut segments| segments.next_back())
        .is_some_and(|name| copydesk::config::CONFIG_FILE_NAMES.contains(&name))
}
