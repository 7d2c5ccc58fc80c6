//! Rule selection by name, code, family or `all`: one grammar shared by the config file,
//! the command line, per-file ignores and suppression comments. It covers built-in rules
//! and the `[[rule]]` rules of a config alike; the caller gives the rules it knows.

use super::{REGISTRY, Rule};
use crate::diagnostic::RuleId;

/// Whether `selector` (a rule name, code, family or `all`) picks `rule`.
pub fn selects(selector: &str, rule: impl Into<RuleId>) -> bool {
    let rule = rule.into();
    selector == "all"
        || selector == rule.name
        || selector == rule.family()
        || rule.code.eq_ignore_ascii_case(selector)
}

/// Whether `selector` turns on a rule: a name or code turns on any rule, a family or
/// `all` only the rules that are on by default.
pub fn enables(selector: &str, rule: RuleId, enabled_by_default: bool) -> bool {
    selector == rule.name
        || rule.code.eq_ignore_ascii_case(selector)
        || (selects(selector, rule) && enabled_by_default)
}

/// Whether `selector` names any built-in rule at all.
pub fn is_known(selector: &str) -> bool {
    REGISTRY.iter().any(|r| selects(selector, *r))
}

/// Whether `selector` names a built-in rule or one of `user_rules`.
pub fn is_known_among(selector: &str, user_rules: impl IntoIterator<Item = RuleId>) -> bool {
    is_known(selector) || user_rules.into_iter().any(|rule| selects(selector, rule))
}

/// The candidate closest to `input`, if any is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `…`?" for a selector that names no rule, among the built-in rules and
/// `user_rules`.
pub fn suggestion(selector: &str, user_rules: impl IntoIterator<Item = RuleId>) -> Option<String> {
    let user_rules: Vec<RuleId> = user_rules.into_iter().collect();
    let names = REGISTRY
        .iter()
        .map(|r: &&Rule| r.id())
        .chain(user_rules)
        .flat_map(|r| [r.name, r.family()]);
    closest(selector, names).map(|c| format!("did you mean `{c}`?"))
}

/// The error for a selector that names no rule: what was given, a suggestion when one is
/// close, and where the rules are listed.
pub fn unknown(selector: &str, user_rules: impl IntoIterator<Item = RuleId>) -> String {
    match suggestion(selector, user_rules) {
        Some(help) => format!("unknown rule `{selector}`; {help}"),
        None => format!("unknown rule `{selector}`; `copydesk rules` lists them"),
    }
}
