//! What the server holds: the open documents (their in-memory text, never the file on
//! disk) and the settings of each config file, resolved once and dropped when a config
//! changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use copydesk::config::{ConfigError, ConfigFile};
use copydesk::{Diagnostic, Document, Format, Settings, Source, files, online};
use lsp_types::Url;

/// The rule selection the client asked for in its initialization options, applied on
/// top of every config.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ClientOptions {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// An open document.
pub struct OpenDocument {
    pub text: String,
    pub version: i32,
    /// Changed since its findings were last published; when.
    pub changed: Option<Instant>,
    /// The findings of the last check, for code actions and hovers.
    pub diagnostics: Vec<Diagnostic>,
    /// The config these findings came from, `None` for the defaults.
    pub config: Option<PathBuf>,
}

/// The settings of a config file, or its errors.
pub enum Loaded {
    Settings(Arc<Settings>),
    Broken(Vec<ConfigError>),
}

#[derive(Default)]
pub struct Workspace {
    pub documents: HashMap<Url, OpenDocument>,
    /// By config path (`None`: no config file, the defaults).
    configs: HashMap<Option<PathBuf>, Loaded>,
    pub options: ClientOptions,
}

impl Workspace {
    pub fn new(options: ClientOptions) -> Self {
        Workspace {
            options,
            ..Workspace::default()
        }
    }

    /// Forgets every resolved config: the next check reads them again.
    pub fn reload_configs(&mut self) {
        self.configs.clear();
    }

    /// The config file that governs `path`, and what it resolved to.
    pub fn settings_for(&mut self, path: Option<&Path>) -> (Option<PathBuf>, &Loaded) {
        let config = path.and_then(Path::parent).and_then(ConfigFile::find_from);
        let options = &self.options;
        let loaded = self
            .configs
            .entry(config.clone())
            .or_insert_with(|| load(config.as_deref(), options));
        (config, loaded)
    }

    /// Checks the document at `uri` on its current text and keeps its findings; the
    /// config it used is returned with them, so that the caller can show its errors.
    pub fn check(&mut self, uri: &Url) -> Option<Option<PathBuf>> {
        let path = uri.to_file_path().ok();
        let text = self.documents.get(uri)?.text.clone();
        let (config, loaded) = self.settings_for(path.as_deref());
        let diagnostics = match loaded {
            Loaded::Settings(settings) => {
                let display = path
                    .as_deref()
                    .map_or_else(|| uri.path().to_string(), |p| p.display().to_string());
                check_text(&display, text, settings)
            }
            Loaded::Broken(_) => Vec::new(),
        };
        let document = self.documents.get_mut(uri)?;
        document.diagnostics = diagnostics;
        document.changed = None;
        document.config = config.clone();
        Some(config)
    }

    /// The errors of a config file, if it failed to resolve.
    pub fn config_errors(&self, config: &Path) -> Option<&[ConfigError]> {
        match self.configs.get(&Some(config.to_path_buf()))? {
            Loaded::Broken(errors) => Some(errors),
            Loaded::Settings(_) => None,
        }
    }
}

/// Resolves a config (or the defaults), with the client's selection on top.
fn load(config: Option<&Path>, options: &ClientOptions) -> Loaded {
    let resolved = match config {
        None => Ok(Settings::default()),
        Some(path) => ConfigFile::read(path, files::DEFAULT_MAX_FILE_SIZE)
            .map_err(|error| vec![error])
            .and_then(|file| file.settings()),
    };
    match resolved {
        Ok(mut settings) => {
            if options.select.is_some()
                || !options.extend_select.is_empty()
                || !options.ignore.is_empty()
            {
                settings.apply_selection(
                    options.select.as_deref(),
                    &options.extend_select,
                    &options.ignore,
                );
            }
            Loaded::Settings(Arc::new(settings))
        }
        Err(errors) => Loaded::Broken(errors),
    }
}

/// The findings of `text` as if it were the file `path`. Online rules read the link
/// cache only: an editor never waits on the network.
fn check_text(path: &str, text: String, settings: &Settings) -> Vec<Diagnostic> {
    let source = Source::new(path, text);
    if !settings.online.enabled {
        return copydesk::check(&source, settings);
    }
    let document = Document::parse(&source.text, Format::from_path(path));
    let requests: Vec<online::LinkRequest> = online::document_links(&document)
        .into_iter()
        .map(|link| online::LinkRequest {
            url: link.url,
            timestamps: [link.timestamp].into(),
        })
        .collect();
    let mut settings = settings.clone();
    settings.link_report = Some(Arc::new(online::from_cache(&requests, &settings.online)));
    copydesk::check(&source, &settings)
}
