//! A claim pack compiled for matching: phrase automaton, number and date patterns,
//! word sets and weights, one per language.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;

use crate::document::Document;
use crate::document::date;
use crate::document::lang::{Lang, StopWords};
use crate::document::words::lower_case;

use super::ClaimLanguage;
use super::named::Names;
use super::pack::{Modifiers, Pack, Weights};
use super::signals::SignalKind;
use super::units::Unit;

/// What a phrase of the lexicon says about a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PhraseKind {
    Signal(SignalKind),
    /// A reporting verb: an attribution when `that`, `que`, a quotation or a colon follows.
    Reporting,
    NotClaim,
    Discourse,
    /// An idiom that holds a signal word without making a claim (`at first sight`).
    Idiom,
}

/// One language's compiled lexicon.
pub(super) struct Lexicon {
    pub(super) threshold: f32,
    weights: Weights,
    pub(super) modifiers: Modifiers,
    imperatives: HashSet<String>,
    infinitive_endings: Vec<String>,
    articles: HashSet<String>,
    not_verbs: HashSet<String>,
    /// Lower-cased, except `I`.
    personal: HashSet<String>,
    hypothetical: HashSet<String>,
    /// The hypothetical words that set up a condition (`if`, `suppose`): reported speech
    /// does not excuse them, unlike a reported `would`.
    conditional: HashSet<String>,
    not_named: HashSet<String>,
    pub(super) source_nouns: HashSet<String>,
    /// Lower-cased headings of sections that list sources (`references`, `notas`).
    pub(super) source_sections: HashSet<String>,
    pub(super) statistic: Regex,
    /// `four of the twelve years`, `3 of the 5 banks`.
    pub(super) share: Regex,
    /// What joins a share's numbers (`of the`): a block without one has no share.
    pub(super) share_of: Vec<String>,
    pub(super) date: Regex,
    pub(super) weak_ranking: Option<Regex>,
    pub(super) attribution: Option<Regex>,
    pub(super) phrases: AhoCorasick,
    pub(super) phrase_kinds: Vec<PhraseKind>,
}

impl Lexicon {
    /// What the words of a sentence add to its score: a named who or what, the author's
    /// or reader's own experience, a hypothesis.
    pub(super) fn modifier(
        &self,
        text: &str,
        unit: &Unit,
        discourse: bool,
        reports: bool,
        names: &mut Names<'_>,
    ) -> f32 {
        let (mut named, mut personal, mut hypothetical, mut conditional) =
            (false, false, false, false);
        let mut buffer = String::new();
        for part in &unit.parts {
            // Words inside quotation marks are someone else's. Most sentences quote
            // nobody: they are read in place, without a copy.
            const QUOTES: [char; 5] = ['"', '“', '”', '«', '»'];
            let source = part.text(text);
            let own: std::borrow::Cow<'_, str> = if source.contains(QUOTES) {
                source
                    .split(QUOTES)
                    .step_by(2)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .into()
            } else {
                source.into()
            };
            // Apostrophes split too: `we're` holds `we`, `Iran's` holds `Iran`. A word
            // after a colon opens a clause, like the first word of a sentence.
            let mut opens = true;
            let mut words = Vec::new();
            for piece in own.split_inclusive(|c: char| !c.is_alphanumeric()) {
                let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
                if !word.is_empty() {
                    words.push((opens, word));
                }
                let tail = &piece[word.len()..];
                if !word.is_empty() || tail.contains(':') {
                    opens = tail.contains(':');
                }
            }
            for (opens, word) in words {
                let index = usize::from(!opens);
                let lower = lower_case(word, &mut buffer);
                if word == "I" || self.personal.contains(lower) && word != "US" {
                    personal = true;
                } else if self.hypothetical.contains(lower) && word != "May" {
                    hypothetical = true;
                    conditional |= self.conditional.contains(lower);
                } else if word.chars().next().is_some_and(char::is_uppercase)
                    && !self.not_named.contains(word)
                    && (index > 0 || names.is_name(word))
                {
                    named = true;
                }
            }
        }
        let m = &self.modifiers;
        f32::from(u8::from(named)) * m.named
            + f32::from(u8::from(personal && !discourse)) * m.personal
            + f32::from(u8::from(hypothetical && (conditional || !reports))) * m.hypothetical
    }

    /// Whether `sentence` opens with a verb that recommends: an imperative of the lexicon
    /// or an infinitive (`publicar`), after any list marker or emphasis.
    pub(super) fn recommends(&self, sentence: &str) -> bool {
        let sentence = sentence.trim_start_matches(|c: char| !c.is_alphabetic());
        let mut words = sentence
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase);
        let word = words.next().unwrap_or_default();
        let next = words.next().unwrap_or_default();
        // `restart a company`, `publish the data`: a verb, then its object's article.
        let verb_then_article = !self.not_verbs.contains(&word)
            && self.articles.contains(&next)
            && word.chars().count() > 2;
        self.imperatives.contains(&word)
            || verb_then_article
            || word.chars().count() > 3
                && self
                    .infinitive_endings
                    .iter()
                    .any(|e| word.ends_with(e.as_str()))
    }

    pub(super) fn weight(&self, kind: SignalKind) -> f32 {
        let w = &self.weights;
        match kind {
            SignalKind::Superlative => w.superlative,
            SignalKind::Ranking => w.ranking,
            SignalKind::WeakRanking => w.weak_ranking,
            SignalKind::Wording => 0.0,
            SignalKind::Statistic => w.statistic,
            SignalKind::Quotation => w.quotation,
            SignalKind::Attribution => w.attribution,
            SignalKind::Date => w.date,
            SignalKind::Year => w.year,
        }
    }
}

/// An alternation of literal words, longest first so that `millones` wins over `mil`.
fn alternation<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// One regex for a list of patterns, or `None` for an empty list.
fn one_regex(list: &[String], flags: &str) -> Result<Option<Regex>, regex::Error> {
    if list.is_empty() {
        return Ok(None);
    }
    let joined = list
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!("{flags}{joined}")).map(Some)
}

fn compile(pack: Pack) -> Result<(Lexicon, Vec<String>), String> {
    let number = r"\d[\d.,]*\d|\d";
    let words = alternation(
        pack.numbers
            .magnitudes
            .iter()
            .chain(&pack.numbers.units)
            .chain(&pack.numbers.currencies),
    );
    let magnitudes = alternation(pack.numbers.magnitudes.iter());
    let statistic = Regex::new(&format!(
        r"(?i)(?:US\$|\$|€|£|¥)\s?(?:{number})(?:\s+(?:{magnitudes}))?|(?-u:\b)(?:{number})(?:\s?%|\s?(?:{words}))"
    ))
    .map_err(|error| format!("invalid number lists: {error}"))?;
    let number_words = alternation(pack.numbers.words.iter());
    let share_of = alternation(pack.numbers.share_of.iter());
    let share = Regex::new(&format!(
        r"(?i)(?-u:\b)(?:\d+|{number_words})\s+(?:{share_of})\s+(?:\d+|{number_words})(?-u:\b)"
    ))
    .map_err(|error| format!("invalid number words: {error}"))?;
    let months: Vec<String> = date::languages()
        .iter()
        .filter(|l| l.code == pack.language)
        .flat_map(|l| &l.written)
        .flat_map(|m| {
            let mut chars = m.chars();
            let capitalised = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default();
            [m.clone(), capitalised]
        })
        .collect();
    let capitalised_months: Vec<String> = months
        .iter()
        .filter(|m| m.chars().next().is_some_and(char::is_uppercase))
        .map(|m| m.trim_end_matches('.').to_string())
        .collect();
    let months = alternation(months.iter());
    let date = Regex::new(&format!(
        r"(?:{months})\s+\d{{1,2}}(?-u:\b)|(?-u:\b)\d{{1,2}}\s+(?:de\s+)?(?:{months})"
    ))
    .expect("date pattern compiles");
    let mut patterns: Vec<&str> = Vec::new();
    let mut phrase_kinds = Vec::new();
    let weak_ranking = one_regex(&pack.phrases.weak_ranking_patterns, "(?i)")
        .map_err(|error| format!("invalid weak-ranking pattern: {error}"))?;
    // Case matters in attributions: the source is a name (`as the Regional Forum noted`).
    let attribution = one_regex(&pack.phrases.attribution_patterns, "")
        .map_err(|error| format!("invalid attribution pattern: {error}"))?;
    let groups = [
        (
            &pack.phrases.statistic,
            PhraseKind::Signal(SignalKind::Statistic),
        ),
        (
            &pack.phrases.superlative,
            PhraseKind::Signal(SignalKind::Superlative),
        ),
        (
            &pack.phrases.ranking,
            PhraseKind::Signal(SignalKind::Ranking),
        ),
        (
            &pack.phrases.weak_ranking,
            PhraseKind::Signal(SignalKind::WeakRanking),
        ),
        (
            &pack.phrases.attribution,
            PhraseKind::Signal(SignalKind::Attribution),
        ),
        (&pack.phrases.reporting, PhraseKind::Reporting),
        (&pack.not_claims.hedges, PhraseKind::NotClaim),
        (&pack.not_claims.meta, PhraseKind::NotClaim),
        (&pack.words.discourse, PhraseKind::Discourse),
        (&pack.words.idioms, PhraseKind::Idiom),
    ];
    for (list, kind) in groups {
        for phrase in list {
            patterns.push(phrase);
            phrase_kinds.push(kind);
        }
    }
    // A DFA: a few hundred phrases build in well under a millisecond, and the scan over
    // every block is where the time goes.
    let phrases = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&patterns)
        .map_err(|error| format!("the phrase lists do not build: {error}"))?;
    let lexicon = Lexicon {
        threshold: pack.threshold,
        weights: pack.weights,
        modifiers: pack.modifiers,
        imperatives: pack.words.imperatives.into_iter().collect(),
        infinitive_endings: pack.words.infinitive_endings,
        articles: pack.words.articles.into_iter().collect(),
        not_verbs: pack.words.not_verbs.into_iter().collect(),
        personal: pack.words.personal.into_iter().collect(),
        source_nouns: pack.phrases.source_nouns.iter().cloned().collect(),
        source_sections: pack
            .sections
            .sources
            .iter()
            .map(|s| s.to_lowercase())
            .collect(),
        hypothetical: pack.words.hypothetical.into_iter().collect(),
        conditional: pack.words.conditional.into_iter().collect(),
        not_named: pack
            .words
            .not_named
            .into_iter()
            .chain(capitalised_months.iter().cloned())
            .collect(),
        statistic,
        share,
        share_of: pack.numbers.share_of.clone(),
        date,
        weak_ranking,
        attribution,
        phrases,
        phrase_kinds,
    };
    Ok((lexicon, pack.stopwords))
}

/// The compiled English and Spanish lexicons.
pub struct Lexicons {
    pub(super) english: Lexicon,
    pub(super) spanish: Lexicon,
    /// The packs' common words, which tell the language of a document's prose.
    stop_words: StopWords,
}

impl std::fmt::Debug for Lexicons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lexicons { .. }")
    }
}

impl Lexicons {
    /// The built-in lexicons, each extended by the extra packs (TOML text) of its
    /// language ([`crate::packs::claims::merged`]).
    pub fn with_packs(extra: &[&str]) -> Result<Lexicons, String> {
        let (english, spanish) = crate::packs::claims::merged(extra)?;
        let read = |table: toml::Table| -> Result<Pack, String> {
            table
                .try_into()
                .map_err(|e: toml::de::Error| e.message().to_string())
        };
        let (english, english_stopwords) = compile(read(english)?)?;
        let (spanish, spanish_stopwords) = compile(read(spanish)?)?;
        let mut stop_words = StopWords::default();
        stop_words.add(Lang::English, english_stopwords.iter().map(String::as_str));
        stop_words.add(Lang::Spanish, spanish_stopwords.iter().map(String::as_str));
        Ok(Lexicons {
            english,
            spanish,
            stop_words,
        })
    }

    /// The lexicon for the language of the document's prose, from its commonest words;
    /// `None` when neither pack's common words make up a tenth of the short words
    /// (German, Afrikaans…): the rule does not judge prose it has no lexicon for.
    pub(super) fn for_document(&self, document: &Document<'_>) -> Option<ClaimLanguage> {
        match self.stop_words.prose_language(document)? {
            Lang::English => Some(ClaimLanguage::English),
            Lang::Spanish => Some(ClaimLanguage::Spanish),
            _ => None,
        }
    }
}

pub(super) static LEXICONS: LazyLock<Lexicons> =
    LazyLock::new(|| Lexicons::with_packs(&[]).expect("the built-in claim packs are valid"));
