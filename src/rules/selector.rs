//! Rule selection by name, code, family or `all`: one grammar shared by the config file,
//! the command line, per-file ignores and suppression comments.

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

/// Whether `selector` turns `rule` on: a name or code turns on any rule, a family or
/// `all` only the rules that are on by default.
pub fn enables(selector: &str, rule: &Rule) -> bool {
    selector == rule.name
        || rule.code.eq_ignore_ascii_case(selector)
        || (selects(selector, rule) && rule.enabled_by_default)
}

/// Whether `selector` names any built-in rule at all.
pub fn is_known(selector: &str) -> bool {
    REGISTRY.iter().any(|r| selects(selector, *r))
}

/// The candidate closest to `input`, if any is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `…`?" for a selector that names no rule.
pub fn suggestion(selector: &str) -> Option<String> {
    let names = REGISTRY.iter().flat_map(|r| [r.name, r.family()]);
    closest(selector, names).map(|c| format!("did you mean `{c}`?"))
}
