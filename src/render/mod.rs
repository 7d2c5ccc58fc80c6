//! Turning findings into text: human (codespan-reporting) and JSON.

pub mod diff;
mod human;
mod json;

pub use human::{config_error, human};
pub use json::json;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// The findings for one checked file.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub source: &'a Source,
    pub diagnostics: &'a [Diagnostic],
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixable: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
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
