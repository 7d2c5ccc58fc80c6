//! Names packs: canonical spellings and their known variants, from TOML.
//!
//! All variants are found in one pass with aho-corasick on their first word; the rest of
//! a variant is then read word by word, so `Shaheed 136`, `Shaheed-136` and
//! `*Shaheed* 136` all match one entry.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::fold;
use crate::document::Span;
use crate::document::lang::Lang;

/// The built-in pack.
pub(super) const BUILTIN: &str = include_str!("../../../rules/names.toml");

/// The TOML layout of a pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    name: Vec<PackEntry>,
    /// Pairs of names that look alike but are different things (`Iran`, `Iraq`).
    #[serde(default)]
    distinct: Vec<Vec<String>>,
}

/// One name: its canonical spelling and the variants to correct.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackEntry {
    pub canonical: String,
    #[serde(default)]
    pub variants: Vec<String>,
    /// What the name is (`weapon`, `person`, `place`, `organisation`); documentation only.
    #[serde(default)]
    pub kind: Option<String>,
    /// When set, the variants are wrong only in prose of this language (`en`, `es`).
    #[serde(default)]
    pub lang: Option<String>,
    /// Shown with the finding: why the canonical spelling is right.
    #[serde(default)]
    pub note: Option<String>,
}

/// A spelling to look for: one of an entry's variants, or its canonical form (to catch
/// capitals inside the name).
#[derive(Debug, Clone)]
struct Pattern {
    entry: usize,
    words: Vec<String>,
}

/// A loaded pack with its automaton.
#[derive(Debug)]
pub struct NamePack {
    pub entries: Vec<PackEntry>,
    patterns: Vec<Pattern>,
    /// Patterns by the lower-cased first word, which the automaton finds.
    by_first: Vec<Vec<usize>>,
    automaton: Option<AhoCorasick>,
    distinct: Vec<(String, String)>,
    /// Folded last word of each canonical name → the canonical spelling of that word.
    canonical_words: HashMap<String, String>,
}

/// A variant found in the text.
#[derive(Debug, Clone)]
pub struct PackMatch {
    pub entry: usize,
    /// The whole match, first word to last.
    pub span: Span,
    /// Each word of the match and the canonical word it should be, where they differ.
    pub edits: Vec<(Span, String)>,
    /// The match differs from the canonical name only in capitals.
    pub case_only: bool,
}

/// Splits a name into words at spaces and hyphens.
fn split_words(name: &str) -> Vec<String> {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `word` (a model number such as `136` or `TB2`) carries digits.
fn is_model(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

impl NamePack {
    /// Parses one or more packs; errors name the pack that failed.
    pub fn from_toml<'s>(packs: impl IntoIterator<Item = &'s str>) -> Result<NamePack, String> {
        let mut entries = Vec::new();
        let mut distinct = Vec::new();
        for (index, text) in packs.into_iter().enumerate() {
            let raw: RawPack =
                toml::from_str(text).map_err(|e| format!("names pack {}: {e}", index + 1))?;
            entries.extend(raw.name);
            for pair in raw.distinct {
                for (i, a) in pair.iter().enumerate() {
                    for b in &pair[i + 1..] {
                        distinct.push((fold(a), fold(b)));
                    }
                }
            }
        }
        Ok(NamePack::build(entries, distinct))
    }

    fn build(entries: Vec<PackEntry>, distinct: Vec<(String, String)>) -> NamePack {
        let mut patterns = Vec::new();
        let mut canonical_words = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let canonical = split_words(&entry.canonical);
            if let Some(last) = canonical.iter().rev().find(|w| !is_model(w)) {
                canonical_words.insert(fold(last), last.clone());
            }
            for spelling in std::iter::once(&entry.canonical).chain(&entry.variants) {
                let words = split_words(spelling);
                if words.is_empty() {
                    continue;
                }
                patterns.push(Pattern {
                    entry: index,
                    words,
                });
            }
        }
        let mut firsts: Vec<String> = Vec::new();
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut by_first: Vec<Vec<usize>> = Vec::new();
        for (p, pattern) in patterns.iter().enumerate() {
            let key = pattern.words[0].to_lowercase();
            let slot = *index_of.entry(key.clone()).or_insert_with(|| {
                firsts.push(key);
                by_first.push(Vec::new());
                firsts.len() - 1
            });
            by_first[slot].push(p);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&firsts)
            .ok();
        NamePack {
            entries,
            patterns,
            by_first,
            automaton,
            distinct,
            canonical_words,
        }
    }

    /// The built-in pack, parsed once.
    pub fn builtin() -> &'static NamePack {
        static PACK: LazyLock<NamePack> = LazyLock::new(|| {
            NamePack::from_toml([BUILTIN]).unwrap_or_else(|_| NamePack::build(vec![], vec![]))
        });
        &PACK
    }

    /// Whether two folded spellings are listed as different names.
    pub fn are_distinct(&self, a: &str, b: &str) -> bool {
        self.distinct
            .iter()
            .any(|(x, y)| (x == a && y == b) || (x == b && y == a))
    }

    /// The canonical spelling of a surname or single-word name the pack knows.
    pub fn canonical_word(&self, folded: &str) -> Option<&str> {
        self.canonical_words.get(folded).map(String::as_str)
    }

    /// Whether the entry applies to prose in `lang`.
    pub fn applies(&self, entry: usize, lang: Lang) -> bool {
        self.entries
            .get(entry)
            .and_then(|e| e.lang.as_deref())
            .is_none_or(|l| l.eq_ignore_ascii_case(lang.code()))
    }

    /// Variants of pack names in `text[run]`, word-bounded, that differ from the canonical
    /// spelling.
    pub fn find(&self, text: &str, run: Span) -> Vec<PackMatch> {
        let mut found = Vec::new();
        let (Some(automaton), Some(slice)) = (&self.automaton, text.get(run.start..run.end)) else {
            return found;
        };
        for hit in automaton.find_iter(slice) {
            let start = run.start + hit.start();
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let candidates = &self.by_first[hit.pattern().as_usize()];
            let best = candidates
                .iter()
                .filter_map(|&p| self.read(text, start, &self.patterns[p]))
                .max_by_key(|m| (m.span.end, !m.edits.is_empty()));
            if let Some(m) = best
                && !m.edits.is_empty()
            {
                found.push(m);
            }
        }
        found
    }

    /// Reads `pattern` at `start`, word by word; the match with its edits to canonical.
    fn read(&self, text: &str, start: usize, pattern: &Pattern) -> Option<PackMatch> {
        let mut spans = Vec::with_capacity(pattern.words.len());
        let mut at = start;
        for (i, word) in pattern.words.iter().enumerate() {
            if i > 0 {
                at = skip_separator(text, at)?;
            }
            let end = at + word.len();
            let got = text.get(at..end)?;
            if !got.eq_ignore_ascii_case(word) {
                return None;
            }
            spans.push(Span::new(at, end));
            at = end;
        }
        if text[at..].chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let entry = &self.entries[pattern.entry];
        let canonical = split_words(&entry.canonical);
        let span = Span::new(start, at);
        let mut edits = Vec::new();
        let mut case_only = true;
        if canonical.len() == spans.len() {
            for (s, c) in spans.iter().zip(&canonical) {
                let got = s.text(text);
                if got != c {
                    case_only &= got.eq_ignore_ascii_case(c);
                    edits.push((*s, c.clone()));
                }
            }
        } else if spans.len() < canonical.len() {
            // A shorter variant (`Abdolahian`) stands for the last words of the name.
            let tail = &canonical[canonical.len() - spans.len()..];
            for (s, c) in spans.iter().zip(tail) {
                let got = s.text(text);
                if got != c {
                    case_only &= got.eq_ignore_ascii_case(c);
                    edits.push((*s, c.clone()));
                }
            }
        } else {
            case_only = false;
            edits.push((span, entry.canonical.clone()));
        }
        Some(PackMatch {
            entry: pattern.entry,
            span,
            edits,
            case_only,
        })
    }
}

/// Skips the glue between two words of a name: markup, then one space, hyphen or dash,
/// then markup. Returns where the next word starts.
fn skip_separator(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut separators = 0;
    let mut offset = 0;
    for c in rest.chars() {
        match c {
            '*' | '_' => {}
            ' ' | '-' | '\u{a0}' | '‐' | '‑' | '–' => separators += 1,
            _ => break,
        }
        offset += c.len_utf8();
    }
    (separators == 1).then_some(from + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> NamePack {
        NamePack::from_toml([r#"
            [[name]]
            canonical = "Shahed-136"
            variants = ["Shaheed-136"]

            [[name]]
            canonical = "Institute for the Study of War"

            [[name]]
            canonical = "French Guiana"
            variants = ["French Guyana"]
        "#])
        .unwrap()
    }

    fn edits(text: &str) -> Vec<(String, String)> {
        pack()
            .find(text, Span::new(0, text.len()))
            .into_iter()
            .flat_map(|m| m.edits)
            .map(|(s, c)| (s.text(text).to_string(), c))
            .collect()
    }

    #[test]
    fn keeps_the_documents_separator() {
        let expected = vec![("Shaheed".to_string(), "Shahed".to_string())];
        assert_eq!(edits("the *Shaheed* 136 drone"), expected);
        assert_eq!(edits("the Shaheed-136 drone"), expected);
        assert!(edits("the Shahed 136 and Shahed-136").is_empty());
    }

    #[test]
    fn multi_word_names() {
        assert_eq!(
            edits("in French Guyana."),
            [("Guyana".to_string(), "Guiana".to_string())]
        );
        assert_eq!(edits("the Institute For The Study Of War").len(), 3);
        assert!(edits("the Institute for the Study of Warfare").is_empty());
        assert!(edits("the Shaheed-1360").is_empty());
    }

    #[test]
    fn builtin_pack_parses() {
        let text = BUILTIN;
        assert!(NamePack::from_toml([text]).is_ok());
        assert!(!NamePack::builtin().entries.is_empty());
    }
}
