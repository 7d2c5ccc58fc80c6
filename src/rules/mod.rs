//! The rules, one per file, gathered in one alphabetical registry.
//!
//! Each rule is a pure function of the parsed [`Document`] and the [`Settings`]; its doc
//! comment (What it does / Why is this bad / Example / Use instead / Options) is what
//! `copydesk explain` prints.

use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::document::Document;

pub mod selector;
pub mod settings;
pub mod suppression;
pub mod user;

pub use settings::Settings;

mod citation;
pub mod claim;
mod date;
mod fact;
mod footnote;
mod name;
pub mod url;

/// Which fixes a rule offers: `--fix` applies the safe ones, `--unsafe-fixes` the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixes {
    None,
    Safe,
    Unsafe,
    /// Safe for some findings (an unambiguous repair), unsafe for others.
    SafeAndUnsafe,
}

impl Fixes {
    /// The word `copydesk rules` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Fixes::None => "-",
            Fixes::Safe => "safe",
            Fixes::Unsafe => "unsafe",
            Fixes::SafeAndUnsafe => "safe/unsafe",
        }
    }
}

/// A rule's metadata and entry point.
#[derive(Debug)]
pub struct Rule {
    /// Stable name; the part before the first `-` is the family.
    pub name: &'static str,
    /// Stable code, `CD` and three digits.
    pub code: &'static str,
    pub severity: Severity,
    pub enabled_by_default: bool,
    pub fixes: Fixes,
    /// One line for `copydesk rules`.
    pub summary: &'static str,
    /// The doc comment, in Markdown.
    pub docs: &'static str,
    /// Keys accepted in the rule's `[rules.NAME]` config table.
    pub options: &'static [&'static str],
    pub check: fn(&Document<'_>, &Settings, &mut Vec<Diagnostic>),
}

impl From<&Rule> for RuleId {
    fn from(rule: &Rule) -> RuleId {
        RuleId {
            name: rule.name,
            code: rule.code,
            severity: rule.severity,
        }
    }
}

impl Rule {
    /// The rule's identity, as its findings carry it.
    pub fn id(&self) -> RuleId {
        RuleId::from(self)
    }

    pub fn family(&self) -> &'static str {
        self.name.split('-').next().unwrap_or(self.name)
    }

    /// The docs with the doc-comment indentation removed.
    pub fn explanation(&self) -> String {
        self.docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Declares a rule: its doc comment becomes the explanation served by `copydesk explain`.
macro_rules! declare_rule {
    (@options) => { &[] };
    (@options $options:expr) => { $options };
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            name: $name:literal,
            code: $code:literal,
            severity: $severity:ident,
            enabled_by_default: $enabled:literal,
            fixes: $fixes:ident,
            summary: $summary:literal,
            $(options: $options:expr,)?
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            name: $name,
            code: $code,
            severity: $crate::diagnostic::Severity::$severity,
            enabled_by_default: $enabled,
            fixes: $crate::rules::Fixes::$fixes,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            options: $crate::rules::declare_rule!(@options $($options)?),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, sorted by name.
pub static REGISTRY: &[&Rule] = &[
    &citation::duplicate::CITATION_DUPLICATE,
    &citation::incomplete::CITATION_INCOMPLETE,
    &claim::CLAIM_UNCITED,
    &date::invalid::DATE_INVALID,
    &date::malformed::DATE_MALFORMED,
    &date::mismatch::DATE_MISMATCH,
    &date::style::DATE_STYLE,
    &fact::anniversary::FACT_ANNIVERSARY,
    &fact::weekday::FACT_WEEKDAY,
    &footnote::duplicate::FOOTNOTE_DUPLICATE,
    &footnote::order::FOOTNOTE_ORDER,
    &footnote::split_paragraph::FOOTNOTE_SPLIT_PARAGRAPH,
    &footnote::undefined::FOOTNOTE_UNDEFINED,
    &footnote::unused::FOOTNOTE_UNUSED,
    &name::inconsistent::NAME_INCONSISTENT,
    &name::variant::NAME_VARIANT,
    &suppression::SUPPRESSION_REASON,
    &suppression::SUPPRESSION_UNUSED,
    &url::broken::URL_BROKEN,
    &url::malformed::URL_MALFORMED,
    &url::path_typo::URL_PATH_TYPO,
    &url::redirected::URL_REDIRECTED,
    &url::style::URL_STYLE,
    &url::unchecked::URL_UNCHECKED,
];

/// Finds a rule by name or code.
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.name == name_or_code || r.code.eq_ignore_ascii_case(name_or_code))
}

/// Note references that count for note integrity. Superscripts count only in documents
/// that define superscript notes; elsewhere `x²` is mathematics, not a citation. A
/// superscript that could be an exponent (`2019²`, `km²`) counts only when its note exists.
pub(crate) fn counted_note_refs<'d>(
    document: &'d Document<'_>,
) -> impl Iterator<Item = &'d crate::document::NoteRef> {
    let superscripts = document.uses_superscript_notes();
    let defined: std::collections::HashSet<&str> = if superscripts {
        document.note_defs.iter().map(|d| d.id.as_str()).collect()
    } else {
        std::collections::HashSet::new()
    };
    document.note_refs.iter().filter(move |r| match r.syntax {
        crate::document::NoteSyntax::Bracket | crate::document::NoteSyntax::Numbered => true,
        crate::document::NoteSyntax::Superscript => {
            superscripts && (!r.exponent_like || defined.contains(r.id.as_str()))
        }
    })
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::document::{Document, Format};
    use crate::rules::settings::Settings;

    use super::Rule;

    /// Runs one rule over `text` and returns the flagged text of each finding.
    pub fn flagged(rule: &Rule, text: &str, format: Format) -> Vec<String> {
        let document = Document::parse(text, format);
        let mut diagnostics = Vec::new();
        (rule.check)(&document, &Settings::default(), &mut diagnostics);
        diagnostics
            .iter()
            .map(|d| document.slice(d.span).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::path::Path;

    #[test]
    fn registry_is_sorted_and_unique() {
        let names: Vec<_> = REGISTRY.iter().map(|r| r.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "registry must be alphabetical");
        let codes: HashSet<_> = REGISTRY.iter().map(|r| r.code).collect();
        assert_eq!(codes.len(), REGISTRY.len(), "codes must be unique");
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
    }

    #[test]
    fn every_rule_has_docs_and_fixtures() {
        let headings = [
            "## What it does",
            "## Why is this bad",
            "## Example",
            "## Use instead",
            "## Options",
        ];
        for rule in REGISTRY {
            let explanation = rule.explanation();
            for heading in headings {
                assert!(
                    explanation.contains(heading),
                    "{} lacks `{heading}`",
                    rule.name
                );
            }
            assert!(
                rule.code.starts_with("CD") && rule.code.len() == 5,
                "{}",
                rule.code
            );
            assert!(
                !rule.summary.ends_with('.'),
                "{} summary ends with a period",
                rule.name
            );
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures")
                .join(rule.name);
            let files: Vec<String> = std::fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{} has no fixtures", rule.name))
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(
                files.iter().any(|f| f.starts_with("fail")),
                "{} has no fail fixture",
                rule.name
            );
            assert!(
                files.iter().any(|f| f.starts_with("pass")),
                "{} has no pass fixture",
                rule.name
            );
        }
    }

    #[test]
    fn find_by_name_or_code() {
        assert_eq!(find("footnote-undefined").map(|r| r.code), Some("CD101"));
        assert_eq!(find("cd101").map(|r| r.name), Some("footnote-undefined"));
        assert!(find("nope").is_none());
    }
}
