//! Proper names in prose: candidate tokens, spelling keys, and the names pack.
//!
//! The unit of comparison is one capitalised word of a name (`Piñera`, `Zelenskyy`), so
//! that the full name and the surname alone both count as occurrences. A name's
//! neighbours (`Sebastián` before `Piñera`) are kept to tell different people apart.
//!
//! `tokens` finds the name words of a document (`not_names` and `data` say which
//! capitalised words are not), `spelling` compares two spellings, and `pack` holds the
//! known names; this module puts the pack to work on a document.

mod data;
mod not_names;
mod pack;
mod spelling;
mod tokens;

use rustc_hash::FxHashMap as HashMap;

use super::lang::{Lang, passage_language};
use super::{BlockKind, Document, Span};

pub use pack::{NamePack, PackEntry, PackMatch};
pub use spelling::{Likeness, SpellingKey, fold, is_english_word, likeness};
pub use tokens::{NameToken, name_tokens};

/// Options for the `name` family; filled from the config file.
#[derive(Debug, Clone, Default)]
pub struct NamesOptions {
    /// Extra names packs (TOML text in the format of `rules/names.toml`), added to the
    /// built-in pack.
    pub packs: Vec<String>,
    /// Leave out the built-in pack.
    pub no_builtin_pack: bool,
}

/// Whether `word` occurs in lower case as a whole word anywhere in the prose: then it is
/// a common word (`Lighting`, `Morale`), not a name.
pub fn occurs_lowercase(document: &Document<'_>, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower == word {
        return false;
    }
    let text = document.text;
    // One search over the whole text; each hit is then checked against the prose runs.
    text.match_indices(lower.as_str()).any(|(i, m)| {
        let span = Span::new(i, i + m.len());
        let run = document.text_runs.partition_point(|r| r.span.start <= i);
        let in_prose = run
            .checked_sub(1)
            .and_then(|r| document.text_runs.get(r))
            .is_some_and(|r| r.span.contains(span));
        in_prose
            && !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && !text[span.end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            && !in_link(document, span)
    })
}

/// The pack the rules use: the built-in one, or it merged with the user's packs.
#[derive(Debug)]
pub enum ActivePack {
    Builtin(&'static NamePack),
    Custom(Box<NamePack>),
}

impl std::ops::Deref for ActivePack {
    type Target = NamePack;

    fn deref(&self) -> &NamePack {
        match self {
            ActivePack::Builtin(pack) => pack,
            ActivePack::Custom(pack) => pack,
        }
    }
}

/// The pack for these options. A user pack that fails to parse is left out (the config
/// loader reports it); the built-in pack is parsed once per process.
pub fn active_pack(options: &NamesOptions) -> ActivePack {
    if options.packs.is_empty() && !options.no_builtin_pack {
        return ActivePack::Builtin(NamePack::builtin());
    }
    let builtin = (!options.no_builtin_pack).then_some(pack::BUILTIN);
    let texts: Vec<&str> = builtin
        .into_iter()
        .chain(options.packs.iter().map(String::as_str))
        .filter(|t| NamePack::from_toml([*t]).is_ok())
        .collect();
    match NamePack::from_toml(texts) {
        Ok(pack) => ActivePack::Custom(Box::new(pack)),
        Err(_) => ActivePack::Builtin(NamePack::builtin()),
    }
}

/// Whether `span` lies inside a URL.
fn in_link(document: &Document<'_>, span: Span) -> bool {
    let index = document
        .links
        .partition_point(|l| l.span.start <= span.start);
    index
        .checked_sub(1)
        .and_then(|i| document.links.get(i))
        .is_some_and(|l| l.span.end > span.start)
}

/// The language of the prose around `run`: its note's body when it sits in a note (titles
/// keep their source's language), else its block.
fn scope_of(document: &Document<'_>, run: &super::TextRun) -> Span {
    let block = document.blocks.get(run.block).map_or(run.span, |b| b.span);
    document
        .note_at(run.span)
        .and_then(|n| document.note_defs.get(n))
        .map_or(block, |d| d.body)
}

/// Pack variants in the document's prose that should be corrected: not in URLs, in prose
/// of the entry's language, and (for capitals alone) not in headings, capitals or the
/// first word of the name.
pub fn variant_matches(document: &Document<'_>, pack: &NamePack) -> Vec<PackMatch> {
    let text = document.text;
    let mut langs: HashMap<Span, Lang> = HashMap::default();
    let mut found = Vec::new();
    for run in &document.text_runs {
        let heading = document
            .blocks
            .get(run.block)
            .is_some_and(|b| b.kind == BlockKind::Heading);
        for m in pack.find(text, run.span) {
            if in_link(document, m.span) {
                continue;
            }
            let scope = scope_of(document, run);
            let lang = *langs
                .entry(scope)
                .or_insert_with(|| passage_language(scope.text(text)));
            if !pack.applies(m.entry, lang) {
                continue;
            }
            if m.case_only {
                let shouting = !m.span.text(text).chars().any(char::is_lowercase);
                let first_word = m
                    .edits
                    .first()
                    .is_some_and(|(s, _)| s.start == m.span.start);
                if heading || shouting || first_word {
                    continue;
                }
            }
            found.push(m);
        }
    }
    found
}
