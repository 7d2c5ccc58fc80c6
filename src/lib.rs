//! copydesk: an editorial fact-check linter for articles with notes, links, dates and names.
//!
//! The library never prints: [`check`] returns diagnostics and [`render`] turns them into
//! text; the binary decides where that text goes.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod render;
pub mod rules;
pub mod settings;
pub mod source;
pub mod suppression;
pub mod user_rules;
pub mod word_list;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use document::{Document, Format};
pub use settings::Settings;
pub use source::{Source, SourceError};

/// Parses `source` and runs every enabled rule, returning findings in text order.
pub fn check(source: &Source, settings: &Settings) -> Vec<Diagnostic> {
    let document = Document::parse(&source.text, Format::from_path(&source.path));
    let mut diagnostics = check_document(&document, settings);
    diagnostics.retain(|d| !settings.is_ignored_for(d.rule, &source.path));
    diagnostics
}

/// Runs every enabled rule and the user-defined rules over a parsed document, then
/// applies the document's suppression comments.
pub fn check_document(document: &Document<'_>, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for user_rule in &settings.user_rules {
        user_rule.check(document, &mut diagnostics);
    }
    for rule in rules::REGISTRY.iter().filter(|r| settings.is_enabled(r)) {
        let first = diagnostics.len();
        (rule.check)(document, settings, &mut diagnostics);
        let severity = settings.severity(rule);
        for diagnostic in &mut diagnostics[first..] {
            diagnostic.severity = severity;
        }
    }
    suppression::apply(document, settings, &mut diagnostics);
    diagnostics.sort_by(|a, b| (a.span.start, a.rule.code).cmp(&(b.span.start, b.rule.code)));
    diagnostics
}
