//! Turning findings into text: human (codespan-reporting), JSON, SARIF, GitHub workflow
//! commands, JUnit XML and one-line concise output.
//!
//! Each format renders one file at a time ([`FilePart`]), so files can be checked in
//! parallel and printed in order, and [`assemble`] wraps the parts of a whole run.

mod concise;
pub mod diff;
mod github;
mod human;
mod json;
mod junit;
mod sarif;

pub use human::{config_error, human};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Rule;
use crate::source::Source;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Concise,
}

impl Format {
    /// Formats whose per-file parts can be printed as soon as they are ready.
    pub fn streams(self) -> bool {
        matches!(self, Format::Human | Format::Github | Format::Concise)
    }
}

/// One file's share of the output.
#[derive(Debug, Default)]
pub struct FilePart {
    /// Text to print (or to put inside the wrapper) in file order.
    pub text: Vec<u8>,
    /// JSON values: diagnostics for JSON, results for SARIF.
    pub values: Vec<serde_json::Value>,
}

/// Renders one file's findings.
pub fn file_part(
    format: Format,
    source: &Source,
    diagnostics: &[Diagnostic],
    color: bool,
) -> FilePart {
    let text = |t: String| FilePart {
        text: t.into_bytes(),
        values: Vec::new(),
    };
    match format {
        Format::Human => FilePart {
            text: human(source, diagnostics, color),
            values: Vec::new(),
        },
        Format::Concise => text(concise::concise(source, diagnostics)),
        Format::Github => text(github::github(source, diagnostics)),
        Format::Junit => text(junit::testsuite(source, diagnostics)),
        Format::Json => text(json::file_text(source, diagnostics)),
        Format::Sarif => FilePart {
            text: Vec::new(),
            values: sarif::file_results(source, diagnostics),
        },
    }
}

/// The wrapper around every file's part, for formats that do not stream; empty for those
/// that do.
pub fn assemble(
    format: Format,
    text: Vec<u8>,
    values: Vec<serde_json::Value>,
    summary: Summary,
    extra_rules: &[&Rule],
) -> Vec<u8> {
    match format {
        Format::Json => json::assemble(&text, summary),
        Format::Sarif => sarif::assemble(values, extra_rules).into_bytes(),
        Format::Junit => {
            let findings = summary.errors + summary.warnings + summary.infos;
            junit::assemble(&text, findings + summary.clean_files, findings)
        }
        Format::Human | Format::Github | Format::Concise => Vec::new(),
    }
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixable: usize,
    #[serde(skip)]
    pub clean_files: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        self.clean_files += usize::from(diagnostics.is_empty());
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            self.fixable += usize::from(diagnostic.fix.is_some());
        }
    }

    /// `3 errors, 1 warning and 2 infos in 4 files`
    pub fn describe(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let files = plural(self.files, "file");
        if self.errors + self.warnings + self.infos == 0 {
            return format!("no findings in {files}");
        }
        let mut text = format!(
            "{}, {} and {} in {files}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info")
        );
        if self.fixable > 0 {
            text.push_str(&format!(" ({} fixable)", self.fixable));
        }
        text
    }
}
