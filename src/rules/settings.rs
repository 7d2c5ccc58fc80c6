//! Resolved settings that rules and the runner read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{RuleId, Severity};
use crate::document::citation::SourcesOptions;
use crate::document::date::DateOptions;
use crate::document::names::NamesOptions;
use crate::online::{LinkReport, OnlineOptions};
use crate::rules::user::UserRule;
use crate::rules::{self, Rule};

/// A per-file ignore entry, resolved against the config file's directory.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub glob: globset::GlobMatcher,
    pub selectors: Vec<String>,
}

/// A `[rules.NAME]` table that a family could not use: the key at fault, if known.
#[derive(Debug)]
pub struct OptionError {
    pub key: Option<String>,
    pub message: String,
}

/// Parses a family's options from its `[rules.NAME]` table with serde, turning the TOML
/// error into the key at fault and a message.
pub fn parse_options<T: serde::de::DeserializeOwned>(
    table: &toml::Table,
) -> Result<T, OptionError> {
    toml::Value::Table(table.clone())
        .try_into()
        .map_err(|error: toml::de::Error| {
            let text = error.to_string().trim().to_string();
            let quoted = |after: &str| {
                let start = text.find(after)? + after.len();
                let end = text[start..].find('`')? + start;
                Some(text[start..end].to_string())
            };
            let key = quoted("\nin `").or_else(|| quoted("unknown field `"));
            let message = text.split("\nin `").next().unwrap_or(&text).to_string();
            OptionError { key, message }
        })
}

/// Which rules run, at which severity, with which options, and what fails the run.
#[derive(Debug, Clone)]
pub struct Settings {
    enabled: Vec<&'static str>,
    severities: HashMap<&'static str, Severity>,
    /// Findings at or above this severity make the run exit with 1; `None` never fails.
    pub fail_on: Option<Severity>,
    /// The directory of the config file these settings came from.
    pub config_dir: Option<PathBuf>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// Suppression comments must give a reason.
    pub require_reason: bool,
    pub user_rules: Vec<UserRule>,
    /// Raw `[rules.NAME]` tables, read by the rules that take options.
    pub rule_options: HashMap<&'static str, toml::Table>,
    /// Options of the `url` and `citation` rules.
    pub sources: SourcesOptions,
    /// Options of the date rules.
    pub dates: DateOptions,
    /// Options of the `name` rules.
    pub names: NamesOptions,
    /// Options of the `claim` family.
    pub claims: rules::claim::ClaimOptions,
    /// `[online]` and the online command-line flags.
    pub online: OnlineOptions,
    /// What the online pass found, read by the online rules; `None` offline.
    pub link_report: Option<Arc<LinkReport>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: rules::REGISTRY
                .iter()
                .filter(|r| r.enabled_by_default)
                .map(|r| r.name)
                .collect(),
            severities: HashMap::new(),
            fail_on: Some(Severity::Warning),
            config_dir: None,
            per_file_ignores: Vec::new(),
            require_reason: false,
            user_rules: Vec::new(),
            rule_options: HashMap::new(),
            sources: SourcesOptions::default(),
            dates: DateOptions::default(),
            names: NamesOptions::default(),
            claims: rules::claim::ClaimOptions::default(),
            online: OnlineOptions::default(),
            link_report: None,
        }
    }
}

impl Settings {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.enabled.contains(&rule.name)
    }

    /// Turns a rule on or off.
    pub fn set_enabled(&mut self, rule: &'static Rule, on: bool) {
        self.enabled.retain(|name| *name != rule.name);
        if on {
            self.enabled.push(rule.name);
        }
    }

    /// Adds a `[[rule]]` rule of the config: on, like every user rule, until a selection
    /// turns it off.
    pub fn add_user_rule(&mut self, rule: UserRule) {
        self.enabled.push(rule.rule.name);
        self.user_rules.push(rule);
    }

    /// The identities of the config's `[[rule]]` rules, for selectors and suggestions.
    pub fn user_rule_ids(&self) -> impl Iterator<Item = RuleId> + '_ {
        self.user_rules.iter().map(|rule| rule.rule)
    }

    /// Whether a `[[rule]]` rule runs.
    pub fn is_user_rule_enabled(&self, rule: &UserRule) -> bool {
        self.enabled.contains(&rule.rule.name)
    }

    /// Whether `selector` names a built-in rule or one of this config's `[[rule]]` rules.
    pub fn knows(&self, selector: &str) -> bool {
        crate::rules::selector::is_known_among(selector, self.user_rule_ids())
    }

    /// `select` replaces the enabled set, `extend-select` adds to it, `ignore` removes from
    /// it; selectors are rule names, codes, families or `all`, of built-in and user rules.
    pub fn apply_selection(
        &mut self,
        select: Option<&[String]>,
        extend: &[String],
        ignore: &[String],
    ) {
        use crate::rules::selector::{enables, selects};
        let rules: Vec<(RuleId, bool)> = rules::REGISTRY
            .iter()
            .map(|rule| (rule.id(), rule.enabled_by_default))
            .chain(self.user_rule_ids().map(|id| (id, true)))
            .collect();
        for (rule, by_default) in rules {
            let mut on = self.enabled.contains(&rule.name);
            if let Some(select) = select {
                on = select.iter().any(|s| enables(s, rule, by_default));
            }
            on |= extend.iter().any(|s| enables(s, rule, by_default));
            on &= !ignore.iter().any(|s| selects(s, rule));
            self.enabled.retain(|name| *name != rule.name);
            if on {
                self.enabled.push(rule.name);
            }
        }
    }

    /// Overrides the severity of a rule, built-in or user, by name.
    pub fn set_severity(&mut self, rule: RuleId, severity: Severity) {
        self.severities.insert(rule.name, severity);
    }

    pub fn severity(&self, rule: impl Into<RuleId>) -> Severity {
        let rule = rule.into();
        self.severities
            .get(rule.name)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// Whether findings of this severity fail the run.
    pub fn fails(&self, severity: Severity) -> bool {
        self.fail_on.is_some_and(|level| severity >= level)
    }

    /// Applies a rule's `[rules.NAME]` table: each family parses its own options (serde,
    /// unknown keys refused). The error names the offending key, when there is one, and
    /// says what is wrong.
    pub fn configure_rule(
        &mut self,
        rule: &'static Rule,
        table: toml::Table,
    ) -> Result<(), (Option<String>, String)> {
        if rule.options.is_empty() {
            return Err((
                table.keys().next().cloned(),
                format!("rule `{}` takes no options", rule.name),
            ));
        }
        let applied = match rule.family() {
            "url" => super::url::configure(self, &table),
            "citation" => super::citation::configure(self, &table),
            "date" => super::date::configure(self, &table),
            "claim" => super::claim::configure(self, &table),
            _ => Err(OptionError {
                key: table.keys().next().cloned(),
                message: "takes no options".to_string(),
            }),
        };
        applied.map_err(|error| {
            let message = match &error.key {
                Some(key) => format!("`{key}` of `{}`: {}", rule.name, error.message),
                None => format!("`{}`: {}", rule.name, error.message),
            };
            (error.key, message)
        })?;
        self.rule_options.insert(rule.name, table);
        Ok(())
    }

    /// A rule's option value, if the config set one.
    pub fn rule_option(&self, rule: &Rule, key: &str) -> Option<&toml::Value> {
        self.rule_options.get(rule.name)?.get(key)
    }

    /// Whether `per-file-ignores` turns `rule` off for the file at `path`.
    pub fn is_ignored_for(&self, rule: crate::diagnostic::RuleId, path: &str) -> bool {
        if self.per_file_ignores.is_empty() {
            return false;
        }
        let path = Path::new(path);
        let relative = self
            .config_dir
            .as_ref()
            .and_then(|dir| {
                let dir = dir.canonicalize().ok()?;
                let file = path.canonicalize().ok()?;
                file.strip_prefix(dir).ok().map(Path::to_path_buf)
            })
            .unwrap_or_else(|| path.to_path_buf());
        self.per_file_ignores
            .iter()
            .filter(|entry| entry.glob.is_match(&relative))
            .any(|entry| {
                entry
                    .selectors
                    .iter()
                    .any(|s| crate::rules::selector::selects(s, rule))
            })
    }
}
