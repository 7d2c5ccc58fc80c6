//! Baselines: record today's findings so that a gate reports only new ones.
//!
//! A finding is fingerprinted by its rule, its file and a hash of the offending text and
//! the sentence around it, never by line numbers, so edits elsewhere in the file keep the
//! baseline valid.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::document::Span;
use crate::source::Source;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// For people reading the file; not used for matching.
    pub message: String,
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
    /// The entries of each path, built on first use, so that hiding stays linear in the
    /// number of files and entries.
    #[serde(skip)]
    by_path: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
}

/// 64-bit FNV-1a: stable across runs and releases, unlike the standard library's hasher.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The sentence (or line) around a span: from the previous sentence end to the next. The
/// sentence ends of a text are found once, so that fingerprinting many findings on one
/// long line stays linear.
struct SentenceEnds<'t> {
    text: &'t str,
    ends: Vec<usize>,
}

impl<'t> SentenceEnds<'t> {
    fn new(text: &'t str) -> Self {
        let ends = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| matches!(b, b'.' | b'!' | b'?' | b'\n'))
            .map(|(i, _)| i)
            .collect();
        SentenceEnds { text, ends }
    }

    fn around(&self, span: Span) -> &'t str {
        let text = self.text;
        let (from, to) = (span.start.min(text.len()), span.end.min(text.len()));
        let before = self.ends.partition_point(|&i| i < from);
        let start = if before == 0 {
            0
        } else {
            self.ends[before - 1] + 1
        };
        let after = self.ends.partition_point(|&i| i < to);
        let end = self.ends.get(after).copied().unwrap_or(text.len());
        text.get(start..end.max(start)).unwrap_or("").trim()
    }
}

/// A path as recorded: forward slashes, no leading `./`.
pub fn normalise_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_string()
}

/// The fingerprint of one finding.
pub fn fingerprint(source: &Source, diagnostic: &Diagnostic) -> String {
    fingerprint_with(source, &SentenceEnds::new(&source.text), diagnostic)
}

fn fingerprint_with(source: &Source, ends: &SentenceEnds<'_>, diagnostic: &Diagnostic) -> String {
    let text = &source.text;
    let span = diagnostic.span;
    let offending = text.get(span.start..span.end).unwrap_or("");
    let path = normalise_path(&source.path);
    format!(
        "{:016x}",
        fnv1a(&[diagnostic.rule.name, &path, offending, ends.around(span)])
    )
}

impl Baseline {
    /// An empty baseline of the current version.
    pub fn new() -> Self {
        Baseline {
            version: 1,
            ..Baseline::default()
        }
    }

    pub fn record(&mut self, source: &Source, diagnostics: &[Diagnostic]) {
        let ends = SentenceEnds::new(&source.text);
        for diagnostic in diagnostics {
            self.entries.push(Entry {
                path: normalise_path(&source.path),
                rule: diagnostic.rule.name.to_string(),
                fingerprint: fingerprint_with(source, &ends, diagnostic),
                message: diagnostic.message.clone(),
            });
        }
    }

    pub fn read(path: &Path, limit: u64) -> Result<Baseline, String> {
        let text = crate::files::read_regular_text(path, limit)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a copydesk baseline: {e}", path.display()))
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        text.push('\n');
        let failed = |e: std::io::Error| format!("{}: {e}", path.display());
        let directory = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut temporary = tempfile::Builder::new()
            .prefix(".copydesk-baseline-")
            .tempfile_in(directory)
            .map_err(failed)?;
        std::io::Write::write_all(&mut temporary, text.as_bytes()).map_err(failed)?;
        temporary.persist(path).map_err(|e| failed(e.error))?;
        Ok(())
    }

    /// Removes the findings this baseline records (each entry hides one finding) and
    /// returns how many were hidden.
    pub fn hide(&self, source: &Source, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let path = normalise_path(&source.path);
        let by_path = self.by_path.get_or_init(|| {
            let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
            for (index, entry) in self.entries.iter().enumerate() {
                by_path.entry(entry.path.clone()).or_default().push(index);
            }
            by_path
        });
        let mut remaining: HashMap<(String, String), usize> = HashMap::new();
        let entries = by_path.get(&path).map_or(&[][..], Vec::as_slice);
        for entry in entries.iter().map(|&i| &self.entries[i]) {
            *remaining
                .entry((entry.rule.clone(), entry.fingerprint.clone()))
                .or_default() += 1;
        }
        if remaining.is_empty() {
            return 0;
        }
        let before = diagnostics.len();
        let ends = SentenceEnds::new(&source.text);
        diagnostics.retain(|d| {
            let key = (d.rule.name.to_string(), fingerprint_with(source, &ends, d));
            match remaining.get_mut(&key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        });
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_is_bounded_by_punctuation() {
        let text = "First one. The second[^2] sentence! Third.";
        let at = text.find("[^2]").unwrap();
        let ends = SentenceEnds::new(text);
        assert_eq!(
            ends.around(Span::new(at, at + 4)),
            "The second[^2] sentence"
        );
        assert_eq!(ends.around(Span::new(0, 5)), "First one");
        let third = text.find("Third").unwrap();
        assert_eq!(ends.around(Span::new(third, third + 3)), "Third");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["a", "b"]), fnv1a(&["ab"]));
    }
}
