//! `copydesk.toml`: raw options (every field optional, unknown keys rejected) resolved
//! into [`Settings`]. Precedence: command line > file > defaults.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules::{self, Rule};
use crate::settings::Settings;
use crate::user_rules::UserRuleOptions;

/// File names looked for, in each directory from the checked file upwards.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["copydesk.toml", ".copydesk.toml"];

/// The raw contents of a config file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Rules, codes or families to run instead of the defaults.
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules, codes or families to run on top of the defaults (or of `select`).
    pub extend_select: Option<Vec<Spanned<String>>>,
    /// Rules, codes or families never to run.
    pub ignore: Option<Vec<Spanned<String>>>,
    /// `error`, `warning`, `info` or `never`.
    pub fail_on: Option<Spanned<String>>,
    /// Severity per rule.
    pub severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    /// Globs (relative to the config file) mapped to rules ignored in matching files.
    pub per_file_ignores: Option<BTreeMap<String, Vec<Spanned<String>>>>,
    /// Report suppression comments that give no reason.
    pub require_reason: Option<bool>,
    /// Per-rule options: `[rules.claim-uncited]`.
    pub rules: Option<BTreeMap<Spanned<String>, toml::Table>>,
    /// User-defined rules: `[[rule]]`.
    pub rule: Option<Vec<UserRuleOptions>>,
    /// Extra rule packs, as files relative to the config file.
    pub packs: Option<Packs>,
}

/// `[packs]`: extra data packs added to the built-in ones.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Packs {
    /// Names packs in the format of `rules/names.toml`.
    pub names: Option<Vec<Spanned<String>>>,
    /// Leave out the built-in names pack.
    pub no_builtin_names: Option<bool>,
    /// Claim lexicons in the format of `rules/claims-en.toml`, each naming its language.
    pub claims: Option<Vec<Spanned<String>>>,
    /// Source packs in the format of `rules/sources.toml`.
    pub sources: Option<Vec<Spanned<String>>>,
}

/// A config problem, with the span in the config text when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    fn at(config: &ConfigFile, span: Range<usize>, message: String, help: Option<String>) -> Self {
        ConfigError {
            path: config.path.display().to_string(),
            text: config.text.clone(),
            span: Some(span),
            message,
            help,
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A config file read from disk.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
}

impl ConfigFile {
    pub fn read(path: &Path) -> Result<ConfigFile, ConfigError> {
        std::fs::read_to_string(path)
            .map(|text| ConfigFile {
                path: path.to_path_buf(),
                text,
            })
            .map_err(|error| ConfigError {
                path: path.display().to_string(),
                text: String::new(),
                span: None,
                message: format!("cannot read config: {error}"),
                help: None,
            })
    }

    /// The nearest config file in `start` or one of its ancestors.
    pub fn find_from(start: &Path) -> Option<PathBuf> {
        start.ancestors().find_map(|dir| {
            CONFIG_FILE_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    }

    pub fn directory(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Parses the raw options, turning TOML and schema errors into spanned errors.
    pub fn options(&self) -> Result<Options, ConfigError> {
        toml::from_str(&self.text).map_err(|error| {
            let message = error.message().trim().to_string();
            ConfigError {
                path: self.path.display().to_string(),
                text: self.text.clone(),
                span: error.span(),
                help: unknown_field_help(&message),
                message,
            }
        })
    }
}

/// "did you mean" for serde's `unknown field `x`, expected one of `a`, `b``.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    closest(field, candidates.iter().copied()).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Whether `selector` (a rule name, code, family or `all`) picks `rule`.
pub fn selects(selector: &str, rule: &Rule) -> bool {
    selector == "all"
        || selector == rule.name
        || selector == rule.family()
        || rule.code.eq_ignore_ascii_case(selector)
}

/// Whether `selector` turns `rule` on: a name or code turns on any rule, a family or
/// `all` only the rules that are on by default.
pub fn enables(selector: &str, rule: &Rule) -> bool {
    selector == rule.name
        || rule.code.eq_ignore_ascii_case(selector)
        || (selects(selector, rule) && rule.enabled_by_default)
}

/// Whether `selector` names any rule at all.
pub fn is_known_selector(selector: &str) -> bool {
    rules::REGISTRY.iter().any(|r| selects(selector, r))
}

fn selector_help(selector: &str) -> Option<String> {
    let names = rules::REGISTRY.iter().flat_map(|r| [r.name, r.family()]);
    closest(selector, names).map(|c| format!("did you mean `{c}`?"))
}

/// Checks that each selector names a rule, code or family.
fn check_selectors(config: &ConfigFile, selectors: &[Spanned<String>]) -> Result<(), ConfigError> {
    for selector in selectors {
        if !is_known_selector(selector.get_ref()) {
            return Err(ConfigError::at(
                config,
                selector.span(),
                format!("unknown rule `{}`", selector.get_ref()),
                selector_help(selector.get_ref()),
            ));
        }
    }
    Ok(())
}

fn parse_severity(
    config: &ConfigFile,
    value: &Spanned<String>,
    allow_never: bool,
) -> Result<Option<Severity>, ConfigError> {
    if allow_never && value.get_ref() == "never" {
        return Ok(None);
    }
    Severity::parse(value.get_ref()).map(Some).ok_or_else(|| {
        let expected = if allow_never {
            "`error`, `warning`, `info` or `never`"
        } else {
            "`error`, `warning` or `info`"
        };
        ConfigError::at(
            config,
            value.span(),
            format!(
                "unknown severity `{}`, expected {expected}",
                value.get_ref()
            ),
            closest(
                value.get_ref(),
                ["error", "warning", "info", "never"].into_iter(),
            )
            .map(|c| format!("did you mean `{c}`?")),
        )
    })
}

/// A per-file ignore entry, resolved against the config file's directory.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub glob: globset::GlobMatcher,
    pub selectors: Vec<String>,
}

/// Resolves a config file into settings on top of the defaults.
pub fn resolve(config: &ConfigFile, options: Options) -> Result<Settings, ConfigError> {
    let mut settings = Settings::default();
    settings.config_dir = Some(config.directory().to_path_buf());
    let names =
        |list: &[Spanned<String>]| list.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
    for list in [&options.select, &options.extend_select, &options.ignore]
        .into_iter()
        .flatten()
    {
        check_selectors(config, list)?;
    }
    settings.apply_selection(
        options.select.as_deref().map(names).as_deref(),
        &options
            .extend_select
            .as_deref()
            .map(names)
            .unwrap_or_default(),
        &options.ignore.as_deref().map(names).unwrap_or_default(),
    );
    if let Some(fail_on) = &options.fail_on {
        settings.fail_on = parse_severity(config, fail_on, true)?;
    }
    for (name, value) in options.severity.iter().flatten() {
        let Some(rule) = rules::find(name.get_ref()) else {
            return Err(ConfigError::at(
                config,
                name.span(),
                format!("unknown rule `{}`", name.get_ref()),
                selector_help(name.get_ref()),
            ));
        };
        if let Some(severity) = parse_severity(config, value, false)? {
            settings.set_severity(rule, severity);
        }
    }
    for (pattern, selectors) in options.per_file_ignores.iter().flatten() {
        check_selectors(config, selectors)?;
        let glob = globset::Glob::new(pattern).map_err(|error| ConfigError {
            path: config.path.display().to_string(),
            text: config.text.clone(),
            span: config
                .text
                .find(pattern.as_str())
                .map(|at| at..at + pattern.len()),
            message: format!("invalid glob `{pattern}`: {error}"),
            help: None,
        })?;
        settings.per_file_ignores.push(PerFileIgnore {
            glob: glob.compile_matcher(),
            selectors: selectors.iter().map(|s| s.get_ref().clone()).collect(),
        });
    }
    if let Some(require_reason) = options.require_reason {
        settings.require_reason = require_reason;
        if require_reason {
            settings.set_enabled(&crate::suppression::SUPPRESSION_REASON, true);
        }
    }
    for (name, table) in options.rules.into_iter().flatten() {
        let Some(rule) = rules::find(name.get_ref()) else {
            return Err(ConfigError::at(
                config,
                name.span(),
                format!("unknown rule `{}`", name.get_ref()),
                selector_help(name.get_ref()),
            ));
        };
        settings
            .configure_rule(rule, table)
            .map_err(|(key, message)| {
                let span = key
                    .as_deref()
                    .and_then(|k| {
                        config.text[name.span().end..]
                            .find(k)
                            .map(|at| name.span().end + at..name.span().end + at + k.len())
                    })
                    .unwrap_or(name.span());
                ConfigError::at(config, span, message, None)
            })?;
    }
    if let Some(packs) = &options.packs {
        for pack in packs.names.iter().flatten() {
            let text = read_pack(config, pack, "names", |text| {
                crate::document::names::NamePack::from_toml([text]).map(drop)
            })?;
            settings.names.packs.push(text);
        }
        settings.names.no_builtin_pack = packs.no_builtin_names.unwrap_or(false);
        let claims: Vec<String> = packs
            .claims
            .iter()
            .flatten()
            .map(|pack| {
                read_pack(config, pack, "claims", |text| {
                    crate::rules::claim_uncited::Lexicons::with_packs(&[text]).map(drop)
                })
            })
            .collect::<Result<_, _>>()?;
        if !claims.is_empty() {
            let texts: Vec<&str> = claims.iter().map(String::as_str).collect();
            let lexicons = crate::rules::claim_uncited::Lexicons::with_packs(&texts)
                .map_err(|message| ConfigError::at(config, 0..0, message, None))?;
            settings.claims.lexicons = Some(std::sync::Arc::new(lexicons));
        }
        let sources: Vec<String> = packs
            .sources
            .iter()
            .flatten()
            .map(|pack| {
                read_pack(config, pack, "sources", |text| {
                    crate::rules::url_path_typo::SourcePack::with_packs(&[text]).map(drop)
                })
            })
            .collect::<Result<_, _>>()?;
        if !sources.is_empty() {
            let texts: Vec<&str> = sources.iter().map(String::as_str).collect();
            let pack = crate::rules::url_path_typo::SourcePack::with_packs(&texts)
                .map_err(|message| ConfigError::at(config, 0..0, message, None))?;
            settings.sources.pack = Some(std::sync::Arc::new(pack));
        }
    }
    for user_rule in options.rule.into_iter().flatten() {
        let compiled = user_rule
            .compile()
            .map_err(|(span, message)| ConfigError::at(config, span, message, None))?;
        settings.user_rules.push(compiled);
    }
    Ok(settings)
}

/// Reads a pack file named in `[packs]` (relative to the config file) and checks it with
/// `validate`; a pack that cannot be read or is invalid is an error at its name.
fn read_pack(
    config: &ConfigFile,
    pack: &Spanned<String>,
    kind: &str,
    validate: impl FnOnce(&str) -> Result<(), String>,
) -> Result<String, ConfigError> {
    let path = config.directory().join(pack.get_ref());
    let text = std::fs::read_to_string(&path).map_err(|error| {
        ConfigError::at(
            config,
            pack.span(),
            format!("cannot read {kind} pack {}: {error}", path.display()),
            None,
        )
    })?;
    validate(&text).map_err(|error| {
        ConfigError::at(
            config,
            pack.span(),
            format!("invalid {kind} pack {}: {error}", path.display()),
            None,
        )
    })?;
    Ok(text)
}

/// The commented starter file that `copydesk init` writes.
pub const STARTER: &str = r#"# copydesk configuration. Every key is optional; the command line overrides this file.

# Rules, codes (CD101) or families (footnote, url, citation, date, claim, name) to run
# instead of the defaults; `extend-select` adds to them, `ignore` removes.
# select = ["footnote", "url", "date"]
# extend-select = ["citation-incomplete"]
# ignore = ["date-style"]

# Lowest severity that fails the run: "error", "warning", "info" or "never".
# fail-on = "warning"

# Require a reason in every suppression comment (`<!-- copydesk-disable-next-line
# url-path-typo -- the old path is quoted on purpose -->`).
# require-reason = false

# [severity]
# date-style = "warning"

# [per-file-ignores]
# "drafts/**" = ["claim"]

# Per-rule options.
# [rules.claim-uncited]
# scope = "paragraph"        # a note at the end of a paragraph covers the paragraph
# language = "es"            # "en", "es" or "auto"
# [rules.date-style]
# day-first = true           # read 5/9/2022 as 5 September (the whole date family)
# [rules.citation-incomplete]
# require-url = true
# require-date = false
# [rules.url-path-typo]
# known-sections = { "example-institute.org" = ["research", "commentary"] }

# Extra packs, in the format of the built-in ones (rules/names.toml, rules/sources.toml,
# rules/claims-en.toml): lists are added to the built-in lists. A claims pack names its
# `language` ("en" or "es") and may set any key of the built-in lexicon.
# [packs]
# names = ["house-names.toml"]
# sources = ["house-sources.toml"]
# claims = ["house-claims-en.toml"]

# A user-defined rule: `substitution`, `existence` or `consistency`.
# [[rule]]
# name = "house-email"
# kind = "substitution"
# severity = "warning"
# message = "house style is `{right}`, not `{wrong}`"
# scope = ["prose", "notes"]
# swap = { "e-mail" = "email", "web site" = "website" }
"#;
