//! Declarative rules written in config: `substitution`, `existence` and `consistency`,
//! in the style of Vale, in TOML.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{RuleId, Severity};

/// `[[rule]]` as written in config.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UserRuleOptions {
    pub name: Spanned<String>,
    pub kind: Spanned<String>,
    pub severity: Option<Spanned<String>>,
    /// Template: `{wrong}` and `{right}` for substitutions, `{match}` for existence,
    /// `{first}` and `{second}` for consistency.
    pub message: Option<String>,
    /// Where to look: `prose`, `notes`, `headings`. Defaults to prose and notes.
    pub scope: Option<Vec<Spanned<String>>>,
    /// substitution: wrong → right.
    pub swap: Option<BTreeMap<String, String>>,
    /// existence: words or phrases that should not appear.
    pub tokens: Option<Vec<String>>,
    /// existence: regular expressions that should not match.
    pub patterns: Option<Vec<Spanned<String>>>,
    /// consistency: pairs of which only one may appear in a document.
    pub pairs: Option<Vec<[String; 2]>>,
    pub ignore_case: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Substitution,
    Existence,
    Consistency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Prose,
    Notes,
    Headings,
}

/// A compiled user rule.
#[derive(Debug, Clone)]
pub struct UserRule {
    /// The rule's identity in findings: its name, code `CD000` and severity.
    pub rule: RuleId,
    /// Which fixes it offers: substitutions offer safe ones.
    pub fixes: crate::rules::Fixes,
    /// One line on what it flags, for `copydesk rules` and `copydesk explain`.
    pub summary: String,
    kind: Kind,
    message: String,
    scopes: Vec<Scope>,
    /// One alternation over every token; group 1 is the token.
    matcher: Regex,
    /// substitution: lower-cased wrong → right; consistency: lower-cased token → pair index.
    swaps: BTreeMap<String, String>,
    pairs: Vec<[String; 2]>,
    ignore_case: bool,
}

/// The name of a user-defined rule, as findings carry it (`&'static str`): interned, so
/// each distinct name is allocated once for the whole process however often configs are
/// loaded again (as the hook or a long editor session does).
fn interned_name(name: String) -> &'static str {
    static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = names.iter().find(|n| **n == name) {
        return known;
    }
    let name: &'static str = Box::leak(name.into_boxed_str());
    names.push(name);
    name
}

/// Bounds on what one config may ask for, so that a runaway or hostile config is an error
/// and not gigabytes of compiled automata.
pub const MAX_TOKENS_PER_RULE: usize = 10_000;
/// `[[rule]]` tables in one config.
pub const MAX_USER_RULES: usize = 100;
/// The compiled size of one rule's matcher.
pub const MAX_MATCHER_BYTES: usize = 1024 * 1024;

fn compile_matcher(pattern: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_MATCHER_BYTES)
        .dfa_size_limit(MAX_MATCHER_BYTES)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(_) => format!(
                "the rule's patterns compile to more than {} MB; use fewer or simpler \
                 patterns (an ASCII class such as `(?-u:\\w)` is far smaller than `\\w`)",
                MAX_MATCHER_BYTES >> 20
            ),
            other => other.to_string(),
        })
}

/// A chain of swaps that comes back to its start (`colour` → `color` → `colour`): fixing
/// would undo itself forever.
fn swap_cycle(swaps: &BTreeMap<String, String>, fold: impl Fn(&str) -> String) -> Option<String> {
    for start in swaps.keys() {
        let mut chain = vec![start.clone()];
        let mut current = start.clone();
        while let Some(next) = swaps.get(&current).map(|right| fold(right)) {
            if next == *start {
                chain.push(next);
                return Some(chain.join("` → `"));
            }
            if chain.contains(&next) || chain.len() > swaps.len() {
                break;
            }
            chain.push(next.clone());
            current = next;
        }
    }
    None
}

fn word_pattern(tokens: impl Iterator<Item = String>, ignore_case: bool) -> String {
    let mut tokens: Vec<String> = tokens.map(|t| regex::escape(&t)).collect();
    // Longest first, so `web site` wins over `web`.
    tokens.sort_by_key(|t| std::cmp::Reverse(t.len()));
    format!(
        "{}\\b({})\\b",
        if ignore_case { "(?i)" } else { "" },
        tokens.join("|")
    )
}

/// `a`, `b`, `c` and 4 more: a list short enough for one line.
fn listed(items: impl Iterator<Item = String>) -> String {
    const SHOWN: usize = 4;
    let mut shown: Vec<String> = Vec::new();
    let mut more = 0;
    for item in items {
        if shown.len() < SHOWN {
            shown.push(item);
        } else {
            more += 1;
        }
    }
    if more > 0 {
        shown.push(format!("{more} more"));
    }
    shown.join(", ")
}

impl UserRuleOptions {
    /// What the rule flags, in words: `replaces `e-mail` → `email``.
    fn summary(&self) -> String {
        match self.kind.get_ref().as_str() {
            "substitution" => format!(
                "replaces {}",
                listed(
                    self.swap
                        .iter()
                        .flatten()
                        .map(|(wrong, right)| format!("`{wrong}` → `{right}`"))
                )
            ),
            "existence" => format!(
                "flags {}",
                listed(
                    self.tokens
                        .iter()
                        .flatten()
                        .map(|t| format!("`{t}`"))
                        .chain(
                            self.patterns
                                .iter()
                                .flatten()
                                .map(|p| format!("/{}/", p.get_ref()))
                        )
                )
            ),
            _ => format!(
                "keeps one of each pair: {}",
                listed(
                    self.pairs
                        .iter()
                        .flatten()
                        .map(|[a, b]| format!("`{a}`/`{b}`"))
                )
            ),
        }
    }

    /// Checks and compiles the rule; errors carry the span to point at.
    pub fn compile(self) -> Result<UserRule, (Range<usize>, String)> {
        let name = self.name.get_ref().clone();
        if name.is_empty() || crate::rules::find(&name).is_some() {
            return Err((
                self.name.span(),
                format!("rule name `{name}` is empty or taken by a built-in rule"),
            ));
        }
        let kind = match self.kind.get_ref().as_str() {
            "substitution" => Kind::Substitution,
            "existence" => Kind::Existence,
            "consistency" => Kind::Consistency,
            other => {
                return Err((
                    self.kind.span(),
                    format!(
                        "unknown rule kind `{other}`, expected `substitution`, `existence` or `consistency`"
                    ),
                ));
            }
        };
        let severity = match &self.severity {
            None => Severity::Warning,
            Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
                (
                    s.span(),
                    format!(
                        "unknown severity `{}`, expected `error`, `warning` or `info`",
                        s.get_ref()
                    ),
                )
            })?,
        };
        let mut scopes = Vec::new();
        for scope in self.scope.iter().flatten() {
            scopes.push(match scope.get_ref().as_str() {
                "prose" => Scope::Prose,
                "notes" => Scope::Notes,
                "headings" => Scope::Headings,
                other => {
                    return Err((
                        scope.span(),
                        format!("unknown scope `{other}`, expected `prose`, `notes` or `headings`"),
                    ));
                }
            });
        }
        if scopes.is_empty() {
            scopes = vec![Scope::Prose, Scope::Notes];
        }
        let count = self.swap.as_ref().map_or(0, BTreeMap::len)
            + self.tokens.as_ref().map_or(0, Vec::len)
            + self.patterns.as_ref().map_or(0, Vec::len)
            + self.pairs.as_ref().map_or(0, Vec::len);
        if count > MAX_TOKENS_PER_RULE {
            return Err((
                self.kind.span(),
                format!(
                    "the rule lists {count} words, patterns or pairs; at most \
                     {MAX_TOKENS_PER_RULE} are allowed in one rule"
                ),
            ));
        }
        let ignore_case = self.ignore_case.unwrap_or(true);
        let fold = |s: &str| {
            if ignore_case {
                s.to_lowercase()
            } else {
                s.to_string()
            }
        };
        let missing = |what: &str| {
            (
                self.kind.span(),
                format!("a `{}` rule needs `{what}`", self.kind.get_ref()),
            )
        };
        let (pattern, swaps, pairs, default_message) = match kind {
            Kind::Substitution => {
                let swap = self
                    .swap
                    .clone()
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| missing("swap"))?;
                let pattern = word_pattern(swap.keys().cloned(), ignore_case);
                let swaps: BTreeMap<String, String> =
                    swap.into_iter().map(|(k, v)| (fold(&k), v)).collect();
                if let Some(cycle) = swap_cycle(&swaps, fold) {
                    return Err((
                        self.kind.span(),
                        format!(
                            "the swaps `{cycle}` go round in a circle: each fix would undo the \
                             last"
                        ),
                    ));
                }
                (
                    pattern,
                    swaps,
                    Vec::new(),
                    "use `{right}` instead of `{wrong}`",
                )
            }
            Kind::Existence => {
                let mut alternatives: Vec<String> = self
                    .tokens
                    .iter()
                    .flatten()
                    .map(|t| format!("\\b{}\\b", regex::escape(t)))
                    .collect();
                for pattern in self.patterns.iter().flatten() {
                    compile_matcher(pattern.get_ref())
                        .map_err(|e| (pattern.span(), format!("invalid regex: {e}")))?;
                    alternatives.push(format!("(?:{})", pattern.get_ref()));
                }
                if alternatives.is_empty() {
                    return Err(missing("tokens` or `patterns"));
                }
                let pattern = format!(
                    "{}({})",
                    if ignore_case { "(?i)" } else { "" },
                    alternatives.join("|")
                );
                (pattern, BTreeMap::new(), Vec::new(), "avoid `{match}`")
            }
            Kind::Consistency => {
                let pairs = self
                    .pairs
                    .clone()
                    .filter(|p| !p.is_empty())
                    .ok_or_else(|| missing("pairs"))?;
                let pattern = word_pattern(pairs.iter().flatten().cloned(), ignore_case);
                (
                    pattern,
                    BTreeMap::new(),
                    pairs,
                    "`{second}` and `{first}` are both used; keep one",
                )
            }
        };
        let matcher = compile_matcher(&pattern).map_err(|e| {
            (
                self.kind.span(),
                format!("cannot build the rule's matcher: {e}"),
            )
        })?;
        let message = self
            .message
            .clone()
            .unwrap_or_else(|| default_message.to_string());
        let summary = self.summary();
        let rule = RuleId {
            name: interned_name(name),
            code: "CD000",
            severity,
        };
        Ok(UserRule {
            rule,
            fixes: if kind == Kind::Substitution {
                crate::rules::Fixes::Safe
            } else {
                crate::rules::Fixes::None
            },
            summary,
            kind,
            message,
            scopes,
            matcher,
            swaps,
            pairs,
            ignore_case,
        })
    }
}

impl UserRule {
    /// What `copydesk explain` prints for the rule, given the config that defines it.
    pub fn explanation(&self, config: &std::path::Path) -> String {
        let scopes: Vec<&str> = self
            .scopes
            .iter()
            .map(|scope| match scope {
                Scope::Prose => "prose",
                Scope::Notes => "notes",
                Scope::Headings => "headings",
            })
            .collect();
        format!(
            "A user rule, defined by a `[[rule]]` table in {}.\n\n\
             ## What it does\n{}, in {}.\n\n\
             Message: {}\n\n\
             Severity: {} (change it in `[severity]`). Fixes: {}.\n\n\
             Select, ignore and suppress it by its name like any rule.",
            config.display(),
            capitalised(&self.summary),
            scopes.join(", "),
            self.message,
            self.rule.severity.as_str(),
            self.fixes.as_str().replace('-', "none"),
        )
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

mod check;

#[cfg(test)]
mod tests {
    /// Found by the config fuzz target (LeakSanitizer): every load of a config leaked a
    /// new rule. Loading the same rule again reuses the one made before.
    #[test]
    fn loading_a_rule_again_makes_no_new_rule() {
        let config = crate::config::ConfigFile {
            path: "fuzz-dir/copydesk.toml".into(),
            text: "[[rule]]\nname = \"house-email\"\nkind = \"substitution\"\n\
                   swap = { \"e-mail\" = \"email\" }\n"
                .to_string(),
            max_file_size: crate::files::DEFAULT_MAX_FILE_SIZE,
        };
        let load = || {
            let settings = config.settings().expect("resolves");
            (
                settings.user_rules[0].rule,
                settings.user_rules[0].fixes == crate::rules::Fixes::Safe,
            )
        };
        let ((first, fixable), (second, _)) = (load(), load());
        // The same interned name, not a second allocation.
        assert!(std::ptr::eq(first.name, second.name));
        assert_eq!(first.name, "house-email");
        assert!(fixable);
    }
}
