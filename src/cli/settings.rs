//! The settings of each input: its config file (the nearest `copydesk.toml`, or
//! `--config`) resolved once per run, then the command line's overrides.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use copydesk::Settings;
use copydesk::config::ConfigFile;
use copydesk::render;

/// Settings for each config file, resolved once per run.
pub struct SettingsCache<F> {
    /// `--config`: one config for every input instead of the nearest one.
    config: Option<PathBuf>,
    /// The command line's overrides; an error is printed and the config is unusable.
    adjust: F,
    resolved: HashMap<Option<PathBuf>, Option<usize>>,
    /// The settings index found for each directory: files of one directory share their
    /// config, so its lookup (a walk up the tree, two stats per level) runs once.
    by_directory: HashMap<PathBuf, Option<usize>>,
    pub settings: Vec<Settings>,
    color: bool,
    max_file_size: u64,
}

impl<F: Fn(&mut Settings) -> Result<(), String>> SettingsCache<F> {
    pub fn new(config: Option<PathBuf>, color: bool, max_file_size: u64, adjust: F) -> Self {
        SettingsCache {
            config,
            adjust,
            resolved: HashMap::new(),
            by_directory: HashMap::new(),
            settings: Vec::new(),
            color,
            max_file_size,
        }
    }

    /// The index of the settings for a file: its config (or `--config`), then the command
    /// line. `None` when the config is invalid; the error is printed once.
    pub fn for_file(&mut self, file: &Path) -> Option<usize> {
        if let Some(path) = &self.config {
            return self.for_config(Some(path.clone()));
        }
        let start = if file.as_os_str() == "-" {
            Path::new(".")
        } else {
            file.parent().unwrap_or(Path::new("."))
        };
        if let Some(&index) = self.by_directory.get(start) {
            return index;
        }
        let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let index = self.for_config(ConfigFile::find_from(&absolute));
        self.by_directory.insert(start.to_path_buf(), index);
        index
    }

    /// The index of the settings for a config file (or none).
    fn for_config(&mut self, config_path: Option<PathBuf>) -> Option<usize> {
        if let Some(&index) = self.resolved.get(&config_path) {
            return index;
        }
        let index = self.resolve(config_path.as_deref()).map(|settings| {
            self.settings.push(settings);
            self.settings.len() - 1
        });
        self.resolved.insert(config_path, index);
        index
    }

    fn resolve(&self, config_path: Option<&Path>) -> Option<Settings> {
        let loaded = match config_path {
            None => Ok(Settings::default()),
            Some(path) => ConfigFile::read(path, self.max_file_size)
                .map_err(|error| vec![error])
                .and_then(|file| file.settings()),
        };
        let mut settings = match loaded {
            Ok(settings) => settings,
            Err(errors) => {
                let mut stderr = std::io::stderr().lock();
                for error in &errors {
                    let _ = stderr.write_all(&render::config_error(error, self.color));
                }
                return None;
            }
        };
        if let Err(message) = (self.adjust)(&mut settings) {
            eprintln!("error: {message}");
            return None;
        }
        Some(settings)
    }
}
