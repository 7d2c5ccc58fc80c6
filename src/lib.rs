//! copydesk: an editorial fact-check linter for articles with notes, links, dates and names.
//!
//! The library never prints: [`check`] returns diagnostics and [`render`] turns them into
//! text; the binary decides where that text goes. Data flows one way:
//!
//! - [`source`] holds a file's text and its line index; [`files`] reads and writes files
//!   safely;
//! - [`document`] parses the text into a model (blocks, notes, links, dates, names) with
//!   the data [`packs`];
//! - [`rules`] read the model and the [`Settings`] and report [`Diagnostic`]s;
//! - [`fix`] applies their fixes, [`baseline`] hides known findings, [`render`] prints;
//! - [`config`] turns a `copydesk.toml` into settings; [`online`] verifies cited URLs.
//!
//! ```
//! use copydesk::{Settings, Source, check};
//!
//! let source = Source::new("story.md", "Exports grew 45% in 2019.[^1]\n");
//! for diagnostic in check(&source, &Settings::default()) {
//!     println!("{}: {}", diagnostic.rule.name, diagnostic.message);
//! }
//! # let found = check(&source, &Settings::default());
//! # assert!(found.iter().any(|d| d.rule.name == "footnote-undefined"));
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod files;
pub mod fix;
pub mod online;
pub mod packs;
pub mod render;
pub mod rules;
pub mod source;
pub mod span;
pub mod worksheet;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, RuleId, Severity};
pub use document::{Document, Format};
pub use rules::Settings;
pub use source::{Source, SourceError};

/// Parses `source` and runs every enabled rule, returning findings in text order.
pub fn check(source: &Source, settings: &Settings) -> Vec<Diagnostic> {
    check_source(source, settings, false)
}

/// [`check`] with the rules of the document run side by side on the rayon pool, for a run
/// with fewer files than cores: the findings are the same, in the same order. The rules
/// build their tables on first use, and the largest (the claim lexicons) would otherwise
/// keep every other rule of a lone file waiting.
pub fn check_rules_in_parallel(source: &Source, settings: &Settings) -> Vec<Diagnostic> {
    check_source(source, settings, true)
}

fn check_source(source: &Source, settings: &Settings, parallel: bool) -> Vec<Diagnostic> {
    let document = Document::parse(&source.text, Format::from_path(&source.path));
    let mut diagnostics = run_rules(&document, settings, parallel);
    diagnostics.retain(|d| !settings.is_ignored_for(d.rule, &source.path));
    diagnostics
}

/// Runs every enabled rule and the user-defined rules over a parsed document, then
/// applies the document's suppression comments.
pub fn check_document(document: &Document<'_>, settings: &Settings) -> Vec<Diagnostic> {
    run_rules(document, settings, false)
}

fn run_rules(document: &Document<'_>, settings: &Settings, parallel: bool) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for user_rule in settings
        .user_rules
        .iter()
        .filter(|rule| settings.is_user_rule_enabled(rule))
    {
        let first = diagnostics.len();
        user_rule.check(document, &mut diagnostics);
        let severity = settings.severity(user_rule.rule);
        for diagnostic in &mut diagnostics[first..] {
            diagnostic.severity = severity;
        }
    }
    let run = |rule: &rules::Rule, diagnostics: &mut Vec<Diagnostic>| {
        let first = diagnostics.len();
        (rule.check)(document, settings, diagnostics);
        let severity = settings.severity(rule);
        for diagnostic in &mut diagnostics[first..] {
            diagnostic.severity = severity;
        }
    };
    let enabled = rules::REGISTRY.iter().filter(|r| settings.is_enabled(r));
    if parallel {
        use rayon::prelude::*;
        let enabled: Vec<&rules::Rule> = enabled.copied().collect();
        let found: Vec<Vec<Diagnostic>> = enabled
            .par_iter()
            .with_max_len(1)
            .map(|rule| {
                let mut found = Vec::new();
                run(rule, &mut found);
                found
            })
            .collect();
        diagnostics.extend(found.into_iter().flatten());
    } else {
        for rule in enabled {
            run(rule, &mut diagnostics);
        }
    }
    rules::suppression::apply(document, settings, &mut diagnostics);
    diagnostics.sort_by(|a, b| (a.span.start, a.rule.code).cmp(&(b.span.start, b.rule.code)));
    diagnostics
}
