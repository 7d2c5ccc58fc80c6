//! Baselines: record today's findings so that a gate reports only new ones.
//!
//! A finding is fingerprinted by its rule, its file and a hash of the offending text and
//! the sentence around it, never by line numbers, so edits elsewhere in the file keep the
//! baseline valid.
//!
//! Version 2 stores each path relative to the baseline file's directory, so a baseline
//! works from any working directory. Version 1 stored paths as the command line named
//! them (relative to the working directory) and hashed the path into the fingerprint; it
//! is still read, its paths resolved against the working directory as before.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::document::Span;
use crate::source::Source;

/// The baseline format written by this version.
const CURRENT_VERSION: u32 = 2;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// On disk: relative to the baseline file's directory (version 2) or to the working
    /// directory (version 1). Recorded in this run and not yet written: absolute.
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
    /// The directory the entries' relative paths are resolved against.
    #[serde(skip)]
    root: PathBuf,
    /// The entries of each file (by [`file_key`]), built on first use, so that hiding
    /// stays linear in the number of files and entries.
    #[serde(skip)]
    by_file: std::sync::OnceLock<HashMap<PathBuf, Vec<usize>>>,
}

/// What hiding did for one checked file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Findings removed.
    pub hidden: usize,
    /// The file's entries that matched no finding: fixed, or their text was edited.
    pub stale: usize,
}

/// `path` made absolute and free of `.` and `..`, with its directory resolved through
/// symbolic links where it exists, so that every way of naming a file gives one key.
fn file_key(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    match (lexical.parent(), lexical.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|parent| parent.join(name))
            .unwrap_or(lexical),
        _ => lexical,
    }
}

/// The key of a directory: like [`file_key`], resolved through symbolic links entirely.
fn directory_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| file_key(path))
}

/// `file` relative to `directory` (both keys), with forward slashes; absolute when they
/// share no root (another drive on Windows).
fn relative_path(file: &Path, directory: &Path) -> String {
    let file_parts: Vec<Component> = file.components().collect();
    let directory_parts: Vec<Component> = directory.components().collect();
    let common = file_parts
        .iter()
        .zip(&directory_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return normalise_path(&file.to_string_lossy());
    }
    let ups = directory_parts.len() - common;
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), ups)
        .chain(
            file_parts[common..]
                .iter()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        )
        .collect();
    parts.join("/")
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

/// The fingerprint of one finding: its rule, offending text and sentence. The file is
/// not part of it (the entry names the file), so that moving the baseline file or
/// checking from another directory leaves fingerprints unchanged.
pub fn fingerprint(source: &Source, diagnostic: &Diagnostic) -> String {
    fingerprint_with(source, &SentenceEnds::new(&source.text), diagnostic, None)
}

/// With `version_1_path`, the version 1 fingerprint, which also hashed the path as
/// recorded.
fn fingerprint_with(
    source: &Source,
    ends: &SentenceEnds<'_>,
    diagnostic: &Diagnostic,
    version_1_path: Option<&str>,
) -> String {
    let text = &source.text;
    let span = diagnostic.span;
    let offending = text.get(span.start..span.end).unwrap_or("");
    let sentence = ends.around(span);
    let hash = match version_1_path {
        Some(path) => fnv1a(&[diagnostic.rule.name, path, offending, sentence]),
        None => fnv1a(&[diagnostic.rule.name, offending, sentence]),
    };
    format!("{hash:016x}")
}

impl Baseline {
    /// An empty baseline of the current version.
    pub fn new() -> Self {
        Baseline {
            version: CURRENT_VERSION,
            ..Baseline::default()
        }
    }

    /// Records the findings of the file at `location` (where it lives on disk, or the
    /// name given to standard input).
    pub fn record(&mut self, location: &Path, source: &Source, diagnostics: &[Diagnostic]) {
        let ends = SentenceEnds::new(&source.text);
        let path = file_key(location).to_string_lossy().into_owned();
        for diagnostic in diagnostics {
            self.entries.push(Entry {
                path: path.clone(),
                rule: diagnostic.rule.name.to_string(),
                fingerprint: fingerprint_with(source, &ends, diagnostic, None),
                message: diagnostic.message.clone(),
            });
        }
    }

    pub fn read(path: &Path, limit: u64) -> Result<Baseline, String> {
        let text = crate::files::read_regular_text(path, limit)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let mut baseline: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a copydesk baseline: {e}", path.display()))?;
        baseline.root = match baseline.version {
            1 => file_key(Path::new(".")),
            CURRENT_VERSION => directory_key(
                path.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new(".")),
            ),
            other => {
                return Err(format!(
                    "{}: baseline version {other} is not one this copydesk reads (1 or \
                     {CURRENT_VERSION}); write it again with --write-baseline",
                    path.display()
                ));
            }
        };
        Ok(baseline)
    }

    /// Writes the baseline at `path` in the current version, each entry's path relative
    /// to the directory of `path`.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let failed = |e: std::io::Error| format!("{}: {e}", path.display());
        let directory = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let directory_key = directory_key(directory);
        let written = Baseline {
            version: CURRENT_VERSION,
            entries: self
                .entries
                .iter()
                .map(|entry| Entry {
                    path: relative_path(&self.file_of(entry), &directory_key),
                    ..entry.clone()
                })
                .collect(),
            ..Baseline::default()
        };
        let mut text = serde_json::to_string_pretty(&written).map_err(|e| e.to_string())?;
        text.push('\n');
        let mut temporary = tempfile::Builder::new()
            .prefix(".copydesk-baseline-")
            .tempfile_in(directory)
            .map_err(failed)?;
        std::io::Write::write_all(&mut temporary, text.as_bytes()).map_err(failed)?;
        temporary.persist(path).map_err(|e| failed(e.error))?;
        Ok(())
    }

    /// The key of the file an entry names.
    fn file_of(&self, entry: &Entry) -> PathBuf {
        file_key(&self.root.join(normalise_path(&entry.path)))
    }

    /// Removes the findings this baseline records for the file at `location` (each
    /// entry hides one finding), and counts what was hidden and which of the file's
    /// entries matched nothing.
    pub fn hide(
        &self,
        location: &Path,
        source: &Source,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Hidden {
        let by_file = self.by_file.get_or_init(|| {
            let mut by_file: HashMap<PathBuf, Vec<usize>> = HashMap::new();
            for (index, entry) in self.entries.iter().enumerate() {
                by_file.entry(self.file_of(entry)).or_default().push(index);
            }
            by_file
        });
        let entries = by_file
            .get(&file_key(location))
            .map_or(&[][..], Vec::as_slice);
        if entries.is_empty() {
            return Hidden::default();
        }
        let mut remaining: HashMap<(&str, String), usize> = HashMap::new();
        // Version 1 hashed the path as recorded: one fingerprint per spelling of it.
        let mut version_1_paths: Vec<&str> = Vec::new();
        for entry in entries.iter().map(|&i| &self.entries[i]) {
            *remaining
                .entry((entry.rule.as_str(), entry.fingerprint.clone()))
                .or_default() += 1;
            if self.version == 1 && !version_1_paths.contains(&entry.path.as_str()) {
                version_1_paths.push(&entry.path);
            }
        }
        let before = diagnostics.len();
        let ends = SentenceEnds::new(&source.text);
        diagnostics.retain(|d| {
            let fingerprints: Vec<String> = if self.version == 1 {
                version_1_paths
                    .iter()
                    .map(|path| fingerprint_with(source, &ends, d, Some(path)))
                    .collect()
            } else {
                vec![fingerprint_with(source, &ends, d, None)]
            };
            for fingerprint in fingerprints {
                if let Some(count) = remaining.get_mut(&(d.rule.name, fingerprint))
                    && *count > 0
                {
                    *count -= 1;
                    return false;
                }
            }
            true
        });
        let hidden = before - diagnostics.len();
        Hidden {
            hidden,
            stale: entries.len() - hidden,
        }
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

    /// A version 1 baseline (paths as named on the command line, hashed into the
    /// fingerprints) still hides its findings.
    #[test]
    fn version_1_baselines_are_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.md");
        let text = "It voted twice.[^2]\n\n[^1]: Minutes.\n[^1]: Minutes again.\n";
        std::fs::write(&article, text).unwrap();
        let named = article.to_string_lossy().into_owned();
        let source = Source::new(named.clone(), text);
        let mut diagnostics = crate::check(&source, &crate::Settings::default());
        assert!(diagnostics.len() >= 2, "{diagnostics:?}");
        let ends = SentenceEnds::new(text);
        let entries: Vec<Entry> = diagnostics
            .iter()
            .map(|d| Entry {
                path: named.clone(),
                rule: d.rule.name.to_string(),
                fingerprint: fingerprint_with(&source, &ends, d, Some(&named)),
                message: d.message.clone(),
            })
            .collect();
        let file = dir.path().join("old.json");
        let json = serde_json::json!({ "version": 1, "entries": entries });
        std::fs::write(&file, json.to_string()).unwrap();
        let baseline = Baseline::read(&file, 1 << 20).unwrap();
        let count = diagnostics.len();
        let hidden = baseline.hide(&article, &source, &mut diagnostics);
        assert_eq!(
            hidden,
            Hidden {
                hidden: count,
                stale: 0
            }
        );
        assert!(diagnostics.is_empty());
    }

    #[test]
    #[cfg(unix)]
    fn relative_paths_climb_out_of_the_directory() {
        let relative =
            |file: &str, directory: &str| relative_path(Path::new(file), Path::new(directory));
        assert_eq!(relative("/p/docs/a.md", "/p"), "docs/a.md");
        assert_eq!(relative("/p/docs/a.md", "/p/gate"), "../docs/a.md");
        assert_eq!(relative("/a.md", "/p/q"), "../../a.md");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["a", "b"]), fnv1a(&["ab"]));
    }
}
