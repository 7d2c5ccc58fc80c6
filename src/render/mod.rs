//! Turning findings into text: human (codespan-reporting), JSON, SARIF, GitHub workflow
//! commands, JUnit XML and one-line concise output.
//!
//! Each format renders one file at a time ([`FilePart`]), so files can be checked in
//! parallel and printed in order, and [`assemble`] wraps the parts of a whole run.

mod concise;
pub mod diff;
mod excerpt;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod sarif;
pub mod worksheet;

pub use human::{DEFAULT_WIDTH, MIN_WIDTH, config_error, human, human_at_width, wrap_to_width};

use crate::diagnostic::RuleId;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// An output format (a `--format` value of the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Concise,
    /// One self-contained HTML page for editors
    Html,
}

impl Format {
    /// Formats whose per-file parts can be printed as soon as they are ready.
    pub fn streams(self) -> bool {
        matches!(self, Format::Human | Format::Github | Format::Concise)
    }
}

/// Columns of the terminal on standard output, else standard error, else `COLUMNS`.
pub fn terminal_width() -> Option<usize> {
    #[cfg(unix)]
    for fd in [libc::STDOUT_FILENO, libc::STDERR_FILENO] {
        // SAFETY: TIOCGWINSZ fills the winsize it is given and reads nothing else.
        let mut size: libc::winsize = unsafe { std::mem::zeroed() };
        if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } == 0 && size.ws_col > 0 {
            return Some(usize::from(size.ws_col));
        }
    }
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&w| w > 0)
}

/// One file's share of the output.
#[derive(Debug, Default)]
pub struct FilePart {
    /// Text to print (or to put inside the wrapper) in file order.
    pub text: Vec<u8>,
    /// JSON values: diagnostics for JSON, results for SARIF.
    pub values: Vec<serde_json::Value>,
}

/// Renders one file's findings, human output at the default width.
pub fn file_part(
    format: Format,
    source: &Source,
    diagnostics: &[Diagnostic],
    color: bool,
) -> FilePart {
    file_part_at_width(
        format,
        source,
        diagnostics,
        color,
        DEFAULT_WIDTH,
        Some(Severity::Warning),
    )
}

/// Renders one file's findings, human output bounded by `width` columns; JUnit marks as
/// failures the findings at or above `fail_on`.
pub fn file_part_at_width(
    format: Format,
    source: &Source,
    diagnostics: &[Diagnostic],
    color: bool,
    width: usize,
    fail_on: Option<Severity>,
) -> FilePart {
    let text = |t: String| FilePart {
        text: t.into_bytes(),
        values: Vec::new(),
    };
    match format {
        Format::Human => FilePart {
            text: human_at_width(source, diagnostics, color, width),
            values: Vec::new(),
        },
        Format::Concise => text(concise::concise(source, diagnostics)),
        Format::Html => text(html::file_section(source, diagnostics, next_section())),
        Format::Github => text(github::github(source, diagnostics)),
        Format::Junit => text(junit::testsuite(source, diagnostics, fail_on)),
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
    extra_rules: &[RuleId],
) -> Vec<u8> {
    match format {
        Format::Json => json::assemble(&text, summary),
        // Ends with a newline, as JSON's tail does: text files and POSIX tools expect it.
        Format::Sarif => {
            let mut sarif = sarif::assemble(values, extra_rules).into_bytes();
            sarif.push(b'\n');
            sarif
        }
        Format::Junit => {
            let findings = summary.errors + summary.warnings + summary.infos;
            junit::assemble(&text, findings + summary.clean_files, summary.failing)
        }
        Format::Html => html::assemble(&text, summary),
        Format::Human | Format::Github | Format::Concise => Vec::new(),
    }
}

/// A number for each HTML section of a run, so that finding ids differ across files.
fn next_section() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spilled to a file or not, the assembled output is the same bytes.
    #[test]
    fn collected_text_spills_to_a_file_unchanged() {
        let summary = Summary {
            files: 3,
            errors: 1,
            warnings: 2,
            infos: 0,
            fixable: 1,
            fixable_unsafe: 0,
            clean_files: 1,
            failing: 2,
        };
        let parts: [&[u8]; 4] = [
            b",\n    {\"a\": 1}",
            b"",
            b",\n    {\"b\": 2}",
            b",\n    {}",
        ];
        for format in [Format::Json, Format::Junit] {
            for parts in [&parts[..], &parts[1..], &parts[1..2], &[][..]] {
                let whole: Vec<u8> = parts.concat();
                let expected = assemble(format, whole, Vec::new(), summary, &[]);
                for spill_at in [0, 1, 5, 1 << 20] {
                    let mut collected = Collected::spilling_at(spill_at);
                    for part in parts {
                        collected.push(FilePart {
                            text: part.to_vec(),
                            values: Vec::new(),
                        });
                    }
                    let mut out = Vec::new();
                    collected.write_to(&mut out, format, summary, &[]).unwrap();
                    assert_eq!(
                        String::from_utf8_lossy(&out),
                        String::from_utf8_lossy(&expected),
                        "{format:?}, spill at {spill_at}"
                    );
                }
            }
        }
    }
}

/// The file parts of a format that does not stream, gathered in file order for
/// [`Collected::write_to`]. Text past a few megabytes moves to a temporary file, so that
/// memory does not grow with the number of files checked.
#[derive(Debug)]
pub struct Collected {
    text: Vec<u8>,
    values: Vec<serde_json::Value>,
    /// The text gathered so far once it outgrew `spill_at`, and whether it starts with a
    /// comma (a JSON entry).
    spill: Option<(std::io::BufWriter<std::fs::File>, bool)>,
    spill_at: usize,
    error: Option<std::io::Error>,
}

impl Default for Collected {
    fn default() -> Self {
        Collected::spilling_at(8 << 20)
    }
}

impl Collected {
    /// Gathers text in memory up to `bytes`, then in a temporary file.
    pub fn spilling_at(bytes: usize) -> Collected {
        Collected {
            text: Vec::new(),
            values: Vec::new(),
            spill: None,
            spill_at: bytes,
            error: None,
        }
    }

    pub fn push(&mut self, part: FilePart) {
        use std::io::Write as _;
        self.values.extend(part.values);
        if self.error.is_some() {
            return;
        }
        if let Some((file, _)) = &mut self.spill {
            if let Err(error) = file.write_all(&part.text) {
                self.error = Some(error);
            }
            return;
        }
        self.text.extend_from_slice(&part.text);
        if self.text.len() < self.spill_at || self.text.is_empty() {
            return;
        }
        let spilled = tempfile::tempfile().and_then(|file| {
            let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
            file.write_all(&self.text)?;
            Ok(file)
        });
        match spilled {
            Ok(file) => {
                let comma = self.text.first() == Some(&b',');
                self.text = Vec::new();
                self.spill = Some((file, comma));
            }
            Err(error) => self.error = Some(error),
        }
    }

    /// Writes the whole run's output for `format` (nothing for formats that stream).
    /// Errors writing to `out` are ignored, as for streamed parts (a closed pipe); an error
    /// of the temporary file is returned.
    pub fn write_to(
        self,
        out: &mut dyn std::io::Write,
        format: Format,
        summary: Summary,
        extra_rules: &[RuleId],
    ) -> std::io::Result<()> {
        use std::io::Seek as _;
        if let Some(error) = self.error {
            return Err(error);
        }
        let Some((file, comma)) = self.spill else {
            let _ = out.write_all(&assemble(
                format,
                self.text,
                self.values,
                summary,
                extra_rules,
            ));
            return Ok(());
        };
        let mut file = file.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let copy = |file: &mut std::fs::File, out: &mut dyn std::io::Write| {
            let mut buffer = vec![0u8; 1 << 16];
            loop {
                let read = std::io::Read::read(file, &mut buffer)?;
                if read == 0 {
                    return Ok::<(), std::io::Error>(());
                }
                let _ = out.write_all(&buffer[..read]);
            }
        };
        match format {
            Format::Json => {
                let _ = out.write_all(&json::head(summary));
                if comma {
                    std::io::Read::read_exact(&mut file, &mut [0u8])?;
                    copy(&mut file, out)?;
                    let _ = out.write_all(json::TAIL);
                } else {
                    let _ = out.write_all(json::EMPTY_TAIL);
                }
            }
            Format::Junit => {
                let findings = summary.errors + summary.warnings + summary.infos;
                let _ = out.write_all(&junit::head(
                    findings + summary.clean_files,
                    summary.failing,
                ));
                copy(&mut file, out)?;
                let _ = out.write_all(junit::TAIL);
            }
            Format::Html => {
                let _ = out.write_all(html::head(summary).as_bytes());
                copy(&mut file, out)?;
                let _ = out.write_all(html::TAIL.as_bytes());
            }
            Format::Sarif | Format::Human | Format::Github | Format::Concise => {
                // Only text formats that do not stream gather text.
                let _ = out.write_all(&assemble(
                    format,
                    Vec::new(),
                    self.values,
                    summary,
                    extra_rules,
                ));
            }
        }
        Ok(())
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
    /// Of the fixable findings, those whose fix needs `--unsafe-fixes`.
    pub fixable_unsafe: usize,
    #[serde(skip)]
    pub clean_files: usize,
    /// Findings whose severity fails the run (`--fail-on`): JUnit's failures.
    #[serde(skip)]
    pub failing: usize,
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
            self.fixable_unsafe += usize::from(
                diagnostic
                    .fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability == crate::Applicability::Unsafe),
            );
        }
    }

    /// Adds the counts of another part of the run.
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.clean_files += other.clean_files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.fixable += other.fixable;
        self.fixable_unsafe += other.fixable_unsafe;
        self.failing += other.failing;
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
        if self.fixable_unsafe > 0 {
            text.push_str(&format!(
                " ({} fixable, {} of them with --unsafe-fixes)",
                self.fixable, self.fixable_unsafe
            ));
        } else if self.fixable > 0 {
            text.push_str(&format!(" ({} fixable)", self.fixable));
        }
        text
    }
}
