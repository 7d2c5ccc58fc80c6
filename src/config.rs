//! `copydesk.toml`: raw options (every field optional, unknown keys rejected) resolved
//! into [`Settings`]. Precedence: command line > file > defaults.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules;
use crate::rules::selector::{self, closest};
use crate::rules::settings::PerFileIgnore;
use crate::rules::settings::Settings;
use crate::rules::user::UserRuleOptions;

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
    /// Online link verification: `[online]`, or `online = true` for its defaults.
    #[serde(default, deserialize_with = "online_table_or_switch")]
    pub online: Option<Online>,
}

/// `online = true` is `[online] enabled = true`; a table is read as it stands, through the
/// same map so that its errors keep their place in the file.
fn online_table_or_switch<'de, D>(deserializer: D) -> Result<Option<Online>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct OnlineVisitor;

    impl<'de> serde::de::Visitor<'de> for OnlineVisitor {
        type Value = Option<Online>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("`true`, `false` or an `[online]` table")
        }

        fn visit_bool<E: serde::de::Error>(self, enabled: bool) -> Result<Self::Value, E> {
            Ok(Some(Online {
                enabled: Some(enabled),
                ..Online::default()
            }))
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Online::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }

    deserializer.deserialize_any(OnlineVisitor)
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

/// `[online]`: link verification (`copydesk explain url-broken`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Online {
    /// Check links online without `--online`.
    pub enabled: Option<bool>,
    /// Seconds per request (a number, or a duration such as `"30s"`).
    pub timeout: Option<Spanned<toml::Value>>,
    /// Seconds, or a duration such as `"12h"` or `"1d"`.
    pub max_cache_age: Option<Spanned<toml::Value>>,
    pub max_redirects: Option<u32>,
    pub max_concurrency: Option<Spanned<u32>>,
    pub max_per_host: Option<Spanned<u32>>,
    pub max_retries: Option<u32>,
    /// Regexes of URLs never requested.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Status codes or ranges (`"400..=403"`) that count as success besides 2xx.
    pub accept: Option<Vec<Spanned<toml::Value>>>,
    pub allow_private_hosts: Option<bool>,
    /// `HOST` or `HOST:PORT` whose internal addresses may be requested.
    pub allow_hosts: Option<Vec<Spanned<String>>>,
    pub archive: Option<bool>,
    pub archive_endpoint: Option<Spanned<String>>,
    #[serde(rename = "soft-404-phrases")]
    pub soft_404_phrases: Option<Vec<String>>,
    /// Relative to the config file.
    pub cache_dir: Option<String>,
    pub user_agent: Option<String>,
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
    /// The size bound for the packs this file names.
    pub max_file_size: u64,
}

impl ConfigFile {
    /// Reads a config file of at most `limit` bytes; packs it names get the same bound.
    pub fn read(path: &Path, limit: u64) -> Result<ConfigFile, ConfigError> {
        crate::files::read_regular_text(path, limit)
            .map(|text| ConfigFile {
                path: path.to_path_buf(),
                text,
                max_file_size: limit,
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
        toml::from_str(&self.text).map_err(|error| self.parse_error(&error))
    }

    /// Parses and resolves the file, reporting every problem. A schema error on a
    /// `key = value` line of its own is kept and the line set aside, so that parsing goes
    /// on and two mistyped keys are both reported; any other parse error ends the list.
    pub fn settings(&self) -> Result<Settings, Vec<ConfigError>> {
        let mut errors = Vec::new();
        let mut text = self.text.clone();
        loop {
            match toml::from_str::<Options>(&text) {
                Ok(options) => {
                    match resolve(self, options) {
                        Ok(settings) if errors.is_empty() => return Ok(settings),
                        Ok(_) => {}
                        Err(more) => errors.extend(more),
                    }
                    break;
                }
                Err(error) => {
                    let line = error.span().and_then(|span| own_line(&text, span));
                    errors.push(self.parse_error(&error));
                    match line {
                        // Blanks keep every later offset, so spans stay true.
                        Some(line) if errors.len() < MAX_ERRORS => {
                            let blanks = " ".repeat(line.len());
                            text.replace_range(line, &blanks);
                        }
                        _ => break,
                    }
                }
            }
        }
        // In the order of the file, as a reader goes through it.
        errors.sort_by_key(|error| error.span.as_ref().map_or(0, |span| span.start));
        Err(errors)
    }

    fn parse_error(&self, error: &toml::de::Error) -> ConfigError {
        let message = error.message().trim().to_string();
        ConfigError {
            path: self.path.display().to_string(),
            text: self.text.clone(),
            span: error.span(),
            help: unknown_field_help(&message),
            message,
        }
    }
}

/// Errors reported for one config file at most; parsing again after each is linear in
/// the file for each.
const MAX_ERRORS: usize = 50;

/// The line holding `span` when it is a complete `key = value` of its own, which can be
/// set aside without changing what the rest of the file means.
fn own_line(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let start = text.get(..span.start)?.rfind('\n').map_or(0, |at| at + 1);
    let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    let line = &text[start..end];
    let complete = span.end <= end
        && !line.trim_start().starts_with('[')
        && toml::from_str::<toml::Table>(line).is_ok_and(|table| !table.is_empty());
    complete.then_some(start..end)
}

/// "did you mean" for serde's `unknown field `x`, expected one of `a`, `b``.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    closest(field, candidates.iter().copied()).map(|c| format!("did you mean `{c}`?"))
}

/// Checks that each selector names a rule, code or family, built-in or of this config's
/// `[[rule]]` tables; each that does not is an error.
fn check_selectors(
    config: &ConfigFile,
    settings: &Settings,
    selectors: &[Spanned<String>],
    errors: &mut Vec<ConfigError>,
) {
    for selector in selectors {
        if !settings.knows(selector.get_ref()) {
            errors.push(ConfigError::at(
                config,
                selector.span(),
                format!("unknown rule `{}`", selector.get_ref()),
                selector::suggestion(selector.get_ref(), settings.user_rule_ids()),
            ));
        }
    }
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

/// Resolves a config file into settings on top of the defaults. Every problem is
/// reported, not only the first, as a compiler does.
pub fn resolve(config: &ConfigFile, options: Options) -> Result<Settings, Vec<ConfigError>> {
    let mut errors = Vec::new();
    let mut settings = Settings::default();
    settings.config_dir = Some(config.directory().to_path_buf());
    let user_rules = options.rule.unwrap_or_default();
    if user_rules.len() > crate::rules::user::MAX_USER_RULES {
        return Err(vec![ConfigError::at(
            config,
            0..0,
            format!(
                "{} `[[rule]]` tables; at most {} user rules are allowed",
                user_rules.len(),
                crate::rules::user::MAX_USER_RULES
            ),
            None,
        )]);
    }
    // First, so that selectors, severities and ignores can name them.
    for user_rule in user_rules {
        let name = user_rule.name.clone();
        let compiled = match user_rule.compile() {
            Ok(compiled) => compiled,
            Err((span, message)) => {
                errors.push(ConfigError::at(config, span, message, None));
                continue;
            }
        };
        if settings.knows(name.get_ref()) {
            errors.push(ConfigError::at(
                config,
                name.span(),
                format!(
                    "rule name `{}` is already taken by a rule, family or code",
                    name.get_ref()
                ),
                None,
            ));
            continue;
        }
        settings.add_user_rule(compiled);
    }
    let names =
        |list: &[Spanned<String>]| list.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
    for list in [&options.select, &options.extend_select, &options.ignore]
        .into_iter()
        .flatten()
    {
        check_selectors(config, &settings, list, &mut errors);
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
    if let Some(fail_on) = &options.fail_on
        && let Some(fail_on) = noted(&mut errors, parse_severity(config, fail_on, true))
    {
        settings.fail_on = fail_on;
    }
    for (name, value) in options.severity.iter().flatten() {
        let rule = noted(&mut errors, find_rule(config, &settings, name));
        let severity = noted(&mut errors, parse_severity(config, value, false));
        if let (Some(rule), Some(Some(severity))) = (rule, severity) {
            settings.set_severity(rule.id(), severity);
        }
    }
    for (pattern, selectors) in options.per_file_ignores.iter().flatten() {
        check_selectors(config, &settings, selectors, &mut errors);
        match globset::Glob::new(pattern) {
            Ok(glob) => settings.per_file_ignores.push(PerFileIgnore {
                glob: glob.compile_matcher(),
                selectors: selectors.iter().map(|s| s.get_ref().clone()).collect(),
            }),
            Err(error) => errors.push(ConfigError {
                path: config.path.display().to_string(),
                text: config.text.clone(),
                span: config
                    .text
                    .find(pattern.as_str())
                    .map(|at| at..at + pattern.len()),
                message: format!("invalid glob `{pattern}`: {error}"),
                help: None,
            }),
        }
    }
    if let Some(require_reason) = options.require_reason {
        settings.require_reason = require_reason;
        if require_reason {
            settings.set_enabled(&crate::rules::suppression::SUPPRESSION_REASON, true);
        }
    }
    for (name, table) in options.rules.into_iter().flatten() {
        let rule = match noted(&mut errors, find_rule(config, &settings, &name)) {
            None => continue,
            Some(NamedRule::Builtin(rule)) => rule,
            Some(NamedRule::User(rule)) => {
                errors.push(ConfigError::at(
                    config,
                    name.span(),
                    format!(
                        "`{}` is a `[[rule]]` rule: its options go in its own `[[rule]]` table",
                        rule.name
                    ),
                    None,
                ));
                continue;
            }
        };
        if let Err((key, message)) = settings.configure_rule(rule, table) {
            let span = key
                .as_deref()
                .and_then(|k| {
                    config.text[name.span().end..]
                        .find(k)
                        .map(|at| name.span().end + at..name.span().end + at + k.len())
                })
                .unwrap_or(name.span());
            errors.push(ConfigError::at(config, span, message, None));
        }
    }
    if let Some(packs) = &options.packs {
        for pack in packs.names.iter().flatten() {
            let text = read_pack(config, pack, "names", |text| {
                crate::document::names::NamePack::from_toml([text]).map(drop)
            });
            if let Some(text) = noted(&mut errors, text) {
                settings.names.packs.push(text);
            }
        }
        settings.names.no_builtin_pack = packs.no_builtin_names.unwrap_or(false);
        let claims = extended_pack(
            config,
            packs.claims.as_deref(),
            "claims",
            crate::rules::claim::Lexicons::with_packs,
        );
        settings.claims.lexicons = noted(&mut errors, claims).flatten();
        let sources = extended_pack(
            config,
            packs.sources.as_deref(),
            "sources",
            crate::packs::sources::SourcePack::with_packs,
        );
        settings.sources.pack = noted(&mut errors, sources).flatten();
    }
    settings.online.cache_dir = config.directory().join(".copydesk-cache");
    if let Some(online) = &options.online {
        resolve_online(config, online, &mut settings.online, &mut errors);
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

/// The value of `result`, or `None` with its error kept in `errors`.
fn noted<T>(errors: &mut Vec<ConfigError>, result: Result<T, ConfigError>) -> Option<T> {
    result.map_err(|error| errors.push(error)).ok()
}

/// A rule a config key names: built in, or one of the config's `[[rule]]` tables.
enum NamedRule {
    Builtin(&'static rules::Rule),
    User(crate::diagnostic::RuleId),
}

impl NamedRule {
    fn id(&self) -> crate::diagnostic::RuleId {
        match self {
            NamedRule::Builtin(rule) => rule.id(),
            NamedRule::User(rule) => *rule,
        }
    }
}

/// The rule a config key names, or an error pointing at the key with a suggestion.
fn find_rule(
    config: &ConfigFile,
    settings: &Settings,
    name: &Spanned<String>,
) -> Result<NamedRule, ConfigError> {
    if let Some(rule) = rules::find(name.get_ref()) {
        return Ok(NamedRule::Builtin(rule));
    }
    if let Some(rule) = settings.user_rule_ids().find(|r| r.name == name.get_ref()) {
        return Ok(NamedRule::User(rule));
    }
    Err(ConfigError::at(
        config,
        name.span(),
        format!("unknown rule `{}`", name.get_ref()),
        selector::suggestion(name.get_ref(), settings.user_rule_ids()),
    ))
}

/// Applies `[online]` on top of the defaults; each bad value is an error in `errors`.
fn resolve_online(
    config: &ConfigFile,
    online: &Online,
    options: &mut crate::online::OnlineOptions,
    errors: &mut Vec<ConfigError>,
) {
    use crate::online::{parse_accept, parse_duration, safety::AllowedHost};
    let error = |span: Range<usize>, message: String| ConfigError::at(config, span, message, None);
    let duration = |value: &Spanned<toml::Value>, positive: bool| {
        let parsed = match value.get_ref() {
            toml::Value::Integer(i) if *i >= 0 => Ok(std::time::Duration::from_secs(*i as u64)),
            toml::Value::Float(f) => std::time::Duration::try_from_secs_f64(*f)
                .map_err(|_| format!("`{f}` is not a number of seconds")),
            toml::Value::String(text) => parse_duration(text),
            _ => Err("expected a number of seconds or a duration such as `\"1d\"`".to_string()),
        };
        match parsed {
            Ok(d) if positive && d.is_zero() => {
                Err(error(value.span(), "must be more than zero".to_string()))
            }
            Ok(d) => Ok(d),
            Err(message) => Err(error(value.span(), message)),
        }
    };
    if let Some(enabled) = online.enabled {
        options.enabled = enabled;
    }
    if let Some(timeout) = &online.timeout
        && let Some(timeout) = noted(errors, duration(timeout, true))
    {
        options.timeout = timeout;
    }
    if let Some(age) = &online.max_cache_age
        && let Some(age) = noted(errors, duration(age, false))
    {
        options.max_cache_age = age;
    }
    if let Some(max) = online.max_redirects {
        options.max_redirects = max;
    }
    if let Some(max) = online.max_retries {
        options.max_retries = max;
    }
    for (value, target) in [
        (&online.max_concurrency, &mut options.max_concurrency),
        (&online.max_per_host, &mut options.max_per_host),
    ] {
        if let Some(value) = value {
            if *value.get_ref() == 0 {
                errors.push(error(value.span(), "must be at least 1".to_string()));
            } else {
                *target = *value.get_ref() as usize;
            }
        }
    }
    for pattern in online.exclude.iter().flatten() {
        match regex::Regex::new(pattern.get_ref()) {
            Ok(regex) => options.exclude.push(regex),
            Err(e) => errors.push(error(pattern.span(), format!("invalid regex: {e}"))),
        }
    }
    for entry in online.accept.iter().flatten() {
        let parsed = match entry.get_ref() {
            toml::Value::Integer(code) => parse_accept(&code.to_string()),
            toml::Value::String(text) => parse_accept(text),
            _ => Err("expected a status code or a range such as `\"400..=403\"`".to_string()),
        };
        match parsed {
            Ok(range) => options.accept.push(range),
            Err(message) => errors.push(error(entry.span(), message)),
        }
    }
    if let Some(allow) = online.allow_private_hosts {
        options.allow_private_hosts = allow;
    }
    for host in online.allow_hosts.iter().flatten() {
        match AllowedHost::parse(host.get_ref()) {
            Ok(parsed) => options.allow_hosts.push(parsed),
            Err(message) => errors.push(error(host.span(), message)),
        }
    }
    if let Some(archive) = online.archive {
        options.archive = archive;
    }
    if let Some(endpoint) = &online.archive_endpoint {
        match url::Url::parse(endpoint.get_ref()) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => {
                options.archive_endpoint = endpoint.get_ref().clone();
            }
            _ => errors.push(error(
                endpoint.span(),
                format!("`{}` is not an http(s) URL", endpoint.get_ref()),
            )),
        }
    }
    if let Some(phrases) = &online.soft_404_phrases {
        options.soft_404_phrases = phrases.iter().map(|p| p.to_lowercase()).collect();
    }
    if let Some(dir) = &online.cache_dir {
        options.cache_dir = config.directory().join(dir);
    }
    if let Some(agent) = &online.user_agent {
        options.user_agent = agent.clone();
    }
}

/// A built-in pack extended by the pack files named in `[packs]`, built once; `None` when
/// no file is named. Each file is checked on its own first, so that an error names it.
fn extended_pack<T>(
    config: &ConfigFile,
    names: Option<&[Spanned<String>]>,
    kind: &str,
    build: impl Fn(&[&str]) -> Result<T, String>,
) -> Result<Option<std::sync::Arc<T>>, ConfigError> {
    let texts: Vec<String> = names
        .unwrap_or_default()
        .iter()
        .map(|pack| read_pack(config, pack, kind, |text| build(&[text]).map(drop)))
        .collect::<Result<_, _>>()?;
    if texts.is_empty() {
        return Ok(None);
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let pack = build(&texts).map_err(|message| ConfigError::at(config, 0..0, message, None))?;
    Ok(Some(std::sync::Arc::new(pack)))
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
    let text = crate::files::read_regular_text(&path, config.max_file_size).map_err(|error| {
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

# Rules, codes (CD101) or families (footnote, url, citation, date, claim, name, fact) to run
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

# Online link verification (`copydesk check --online`; see `copydesk explain url-broken`).
# Requests never go to loopback, private, link-local or metadata addresses unless allowed.
# [online]
# enabled = false            # check links on every run, as if with --online
# timeout = 20               # seconds per request
# max-cache-age = "1d"       # reuse results this long (failures: 1/24 of it)
# max-concurrency = 16
# max-per-host = 2
# exclude = ['^https://intranet\.example\.org/']
# accept = [403]             # status codes counted as success besides 2xx
# allow-hosts = ["staging.example.org:8080"]
# archive-endpoint = "https://archive.org/wayback/available"

# A user-defined rule: `substitution`, `existence` or `consistency`.
# [[rule]]
# name = "house-email"
# kind = "substitution"
# severity = "warning"
# message = "house style is `{right}`, not `{wrong}`"
# scope = ["prose", "notes"]
# swap = { "e-mail" = "email", "web site" = "website" }
"#;
