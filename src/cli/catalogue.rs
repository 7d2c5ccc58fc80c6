//! `copydesk rules` and `copydesk explain`: the built-in rules and the `[[rule]]` rules of
//! the config that applies here, listed and explained alike.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copydesk::config::ConfigFile;
use copydesk::rules::{self, Fixes, selector};
use copydesk::{Settings, files};

use super::settings::SettingsCache;

/// The settings of the current directory (its nearest config, or `--config`) and the
/// config's path; `None` when the config is invalid (the errors are printed).
fn settings_here(config: Option<PathBuf>) -> Option<(Settings, Option<PathBuf>)> {
    let path = config.clone().or_else(|| {
        let here = std::path::absolute(".").unwrap_or_else(|_| PathBuf::from("."));
        ConfigFile::find_from(&here)
    });
    let mut cache = SettingsCache::new(config, false, files::DEFAULT_MAX_FILE_SIZE, |_| Ok(()));
    let index = cache.for_file(Path::new("-"))?;
    Some((cache.settings.swap_remove(index), path))
}

/// One row of `copydesk rules`.
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    default: &'a str,
    fixes: Fixes,
    summary: &'a str,
}

/// Every rule, by code; user rules (all `CD000`) first, by name.
pub fn list(config: Option<PathBuf>) -> ExitCode {
    let Some((settings, _)) = settings_here(config) else {
        return ExitCode::from(2);
    };
    let mut rows: Vec<Row> = rules::REGISTRY
        .iter()
        .map(|rule| Row {
            code: rule.code,
            name: rule.name,
            severity: rule.severity.as_str(),
            default: if rule.enabled_by_default { "on" } else { "off" },
            fixes: rule.fixes,
            summary: rule.summary,
        })
        .chain(settings.user_rules.iter().map(|rule| Row {
            code: rule.rule.code,
            name: rule.rule.name,
            severity: rule.rule.severity.as_str(),
            default: "on",
            fixes: rule.fixes,
            summary: &rule.summary,
        }))
        .collect();
    rows.sort_by(|a, b| (a.code, a.name).cmp(&(b.code, b.name)));
    let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(4).max(4);
    say!(
        "{:<6} {:<name_width$} {:<8} {:<7} {:<11} summary",
        "code",
        "name",
        "severity",
        "default",
        "fix"
    );
    for row in rows {
        say!(
            "{:<6} {:<name_width$} {:<8} {:<7} {:<11} {}",
            row.code,
            row.name,
            row.severity,
            row.default,
            row.fixes.as_str(),
            row.summary
        );
    }
    ExitCode::SUCCESS
}

/// A rule's documentation, built-in or user-defined; a mistyped name gets a suggestion.
pub fn explain(name: &str, config: Option<PathBuf>) -> ExitCode {
    if let Some(rule) = rules::find(name) {
        say!("# {} ({})\n\n{}", rule.name, rule.code, rule.explanation());
        return ExitCode::SUCCESS;
    }
    let Some((settings, path)) = settings_here(config) else {
        return ExitCode::from(2);
    };
    if let Some(rule) = settings.user_rules.iter().find(|r| r.rule.name == name) {
        let path = path.unwrap_or_else(|| PathBuf::from("copydesk.toml"));
        say!(
            "# {} ({})\n\n{}",
            rule.rule.name,
            rule.rule.code,
            rule.explanation(&path)
        );
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "error: {}",
        selector::unknown(name, settings.user_rule_ids())
    );
    ExitCode::from(2)
}
