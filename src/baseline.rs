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

/// The sentence (or line) around a span: from the previous sentence end to the next.
fn sentence_around(text: &str, span: Span) -> &str {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let start = text[..span.start.min(text.len())]
        .rfind(is_end)
        .map_or(0, |i| i + 1);
    let end = text[span.end.min(text.len())..]
        .find(is_end)
        .map_or(text.len(), |i| span.end + i);
    text.get(start..end.max(start)).unwrap_or("").trim()
}

/// A path as recorded: forward slashes, no leading `./`.
pub fn normalise_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_string()
}

/// The fingerprint of one finding.
pub fn fingerprint(source: &Source, diagnostic: &Diagnostic) -> String {
    let text = &source.text;
    let span = diagnostic.span;
    let offending = text.get(span.start..span.end).unwrap_or("");
    let path = normalise_path(&source.path);
    format!(
        "{:016x}",
        fnv1a(&[
            diagnostic.rule.name,
            &path,
            offending,
            sentence_around(text, span)
        ])
    )
}

impl Baseline {
    pub fn record(&mut self, source: &Source, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            self.entries.push(Entry {
                path: normalise_path(&source.path),
                rule: diagnostic.rule.name.to_string(),
                fingerprint: fingerprint(source, diagnostic),
                message: diagnostic.message.clone(),
            });
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a copydesk baseline: {e}", path.display()))
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Removes the findings this baseline records (each entry hides one finding) and
    /// returns how many were hidden.
    pub fn hide(&self, source: &Source, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let path = normalise_path(&source.path);
        let mut remaining: HashMap<(String, String), usize> = HashMap::new();
        for entry in self.entries.iter().filter(|e| e.path == path) {
            *remaining
                .entry((entry.rule.clone(), entry.fingerprint.clone()))
                .or_default() += 1;
        }
        if remaining.is_empty() {
            return 0;
        }
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            let key = (d.rule.name.to_string(), fingerprint(source, d));
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
        assert_eq!(
            sentence_around(text, Span::new(at, at + 4)),
            "The second[^2] sentence"
        );
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["a", "b"]), fnv1a(&["ab"]));
    }
}
