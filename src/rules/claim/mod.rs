use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::sentence::{self, Sentence};
use crate::document::{BlockKind, Document, Span};
use crate::rules::settings::Settings;
use crate::rules::{counted_note_refs, declare_rule};

mod options;
pub mod scorer;
pub(super) use options::configure;

declare_rule! {
    /// ## What it does
    /// Flags a sentence that makes a factual claim when no note marker or link covers it.
    /// Claim signals, weighted in `rules/claims-en.toml` and `rules/claims-es.toml`:
    /// statistics (a number with `%`, a currency, a unit or `million`), years and dates,
    /// superlatives and rankings (`the largest`, `el mayor`, `segundo exportador`),
    /// attributions (`according to` a source, `stated that`, `afirmó que`) and quotations
    /// of four or more words. A sentence is a claim when its signals reach the threshold:
    /// one signal about a named who or what (a capitalised word past the first, or a
    /// first word the article also capitalises mid-sentence), or two signals. Words of the
    /// writer's own experience (`I`, `our`, `you`) and of what could or will be (`if`,
    /// `would`, `will`, `plan`) lower the score. In an article whose notes mostly carry a
    /// URL (a sourced notes apparatus, at least three notes) one signal is enough, counts
    /// written in digits (`37 days`, `fell by 1,100`) and shares (`four of the twelve
    /// years`) are figures, and a quotation of six words or more needs its own note. A
    /// document that cites nothing at all gets one summary finding instead of one per
    /// sentence.
    ///
    /// Not claims: headings, questions, hedged opinion ("it is hard to say"),
    /// meta-sentences ("we could not reach the ministry for comment", "this dataset"),
    /// labels of four words or fewer, captions (a paragraph all in emphasis, or led by
    /// HTML), sentences that open in lower case after code (`` `x.csv` contains… ``),
    /// TeX, table cells, block quotes (a quotation's source is the sentence that
    /// introduces it), note definitions (they are the citations), whatever follows a
    /// heading such as `References`, `Further reading` or `Notas` (the section lists
    /// sources), recommendations in list items (`- extend the period…`, `- publicar…`),
    /// dated list fragments (`- the 2025 budget vote;`), sentences with inline code, and
    /// the title block of a plain-text article. Prose in a language with no lexicon is not
    /// judged.
    ///
    /// List items are checked like paragraphs, each item on its own. A sentence cut in two
    /// by a page of notes (its paragraph ends without a full stop and the next paragraph
    /// goes on in lower case) is read as one sentence, covered by a citation in either
    /// part.
    ///
    /// A note marker right after the full stop (`…in 2019.[^4]`) belongs to the sentence
    /// before it, and so does a citation in parentheses after it (`… ([report][r])`).
    ///
    /// A citation is a note marker (`[^1]`, or `¹` in documents that define superscript
    /// notes), a Markdown link of any kind (also `[text][label]` whose definition the
    /// parser cannot see), a URL in the text, or a wikitext `<ref>…</ref>` or
    /// `<ref name="x" />`, which counts as a note. Wikitext template and table lines
    /// (`{{…}}`, `| field = …`) are not prose.
    ///
    /// ## Why is this bad
    /// "Where does this come from?" is the first question a fact-checker asks. A figure,
    /// a date or a "the largest" with no source cannot be checked by the editor or the
    /// reader, and is where errors hide.
    ///
    /// ## Example
    /// ```markdown
    /// Callao handles the largest share of the grain trade[^1]. Exports from Callao grew
    /// 45 % in 2019.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Callao handles the largest share of the grain trade[^1]. Exports from Callao grew
    /// 45 % in 2019[^2].
    /// ```
    ///
    /// ## Options
    /// - `claim-uncited.scope`: `"sentence"` (default) — a citation covers the sentence it
    ///   sits in; `"paragraph"` — a citation also covers the earlier sentences of its
    ///   paragraph or list item (sentences after the last citation are never covered).
    /// - `claim-uncited.language`: `"en"` or `"es"`; detected per document when unset.
    pub static CLAIM_UNCITED = {
        name: "claim-uncited",
        code: "CD601",
        severity: Warning,
        enabled_by_default: true,
        fixable: false,
        summary: "A factual sentence that no note or link supports",
        options: &["scope", "language"],
        check: check,
    };
}

/// Which sentences a citation covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CitationScope {
    /// The sentence the note marker or link sits in.
    #[default]
    Sentence,
    /// Also the earlier sentences of the same paragraph or list item.
    Paragraph,
}

/// The language of the claim lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimLanguage {
    English,
    Spanish,
}

/// Options of the `claim` family.
#[derive(Debug, Clone, Default)]
pub struct ClaimOptions {
    pub scope: CitationScope,
    /// `None`: detect per document.
    pub language: Option<ClaimLanguage>,
    /// The built-in lexicons extended by the config's `[packs] claims`; `None`: the
    /// built-in ones.
    pub lexicons: Option<std::sync::Arc<Lexicons>>,
}

/// Whether a capitalised word that opens a sentence is a name: it is when the document
/// also writes it capitalised in mid-sentence (after a lower-case word or a comma). The
/// set of such words is gathered in one pass, the first time it is needed.
struct Names<'a> {
    text: &'a str,
    runs: &'a [crate::document::TextRun],
    mid_sentence: Option<HashSet<&'a str>>,
}

impl<'a> Names<'a> {
    fn new(document: &'a Document<'a>) -> Self {
        Names {
            text: document.text,
            runs: &document.text_runs,
            mid_sentence: None,
        }
    }

    fn is_name(&mut self, word: &str) -> bool {
        let (text, runs) = (self.text, self.runs);
        self.mid_sentence
            .get_or_insert_with(|| {
                let mut set = HashSet::default();
                for run in runs {
                    let source = run.span.text(text);
                    let bytes = source.as_bytes();
                    for at in memchr::memchr_iter(b' ', bytes) {
                        let before = at.checked_sub(1).map(|i| bytes[i]);
                        if !before.is_some_and(|b| b.is_ascii_lowercase() || b == b',') {
                            continue;
                        }
                        let Some(rest) = source.get(at + 1..) else {
                            continue;
                        };
                        if !rest.chars().next().is_some_and(char::is_uppercase) {
                            continue;
                        }
                        let length = rest
                            .find(|c: char| !c.is_alphanumeric())
                            .unwrap_or(rest.len());
                        set.insert(&rest[..length]);
                    }
                }
                set
            })
            .contains(word)
    }
}

/// What makes a sentence a claim, in the order messages prefer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SignalKind {
    Superlative,
    Ranking,
    Statistic,
    Quotation,
    Attribution,
    Date,
    Year,
    WeakRanking,
}

impl SignalKind {
    const ALL: [SignalKind; 8] = [
        SignalKind::Superlative,
        SignalKind::Ranking,
        SignalKind::Statistic,
        SignalKind::Quotation,
        SignalKind::Attribution,
        SignalKind::Date,
        SignalKind::Year,
        SignalKind::WeakRanking,
    ];

    fn noun(self) -> &'static str {
        match self {
            SignalKind::Superlative => "superlative",
            SignalKind::Ranking | SignalKind::WeakRanking => "ranking",
            SignalKind::Statistic => "statistic",
            SignalKind::Quotation => "quotation",
            SignalKind::Attribution => "attribution",
            SignalKind::Date => "date",
            SignalKind::Year => "year",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Signal {
    kind: SignalKind,
    span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Weights {
    statistic: f32,
    year: f32,
    date: f32,
    superlative: f32,
    ranking: f32,
    weak_ranking: f32,
    attribution: f32,
    quotation: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Numbers {
    magnitudes: Vec<String>,
    units: Vec<String>,
    currencies: Vec<String>,
    /// Numbers in words, for shares such as `four of the twelve years`.
    words: Vec<String>,
    /// What joins the two numbers of a share: `of the`, `de los`.
    share_of: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dates {
    months: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Phrases {
    statistic: Vec<String>,
    superlative: Vec<String>,
    /// Regexes for rankings that phrases cannot list (`la provincia más endeudada`).
    #[serde(default)]
    weak_ranking_patterns: Vec<String>,
    /// Regexes for attributions that phrases cannot list (`as the IMF recommended`).
    #[serde(default)]
    attribution_patterns: Vec<String>,
    ranking: Vec<String>,
    weak_ranking: Vec<String>,
    attribution: Vec<String>,
    source_nouns: Vec<String>,
    reporting: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Modifiers {
    named: f32,
    personal: f32,
    hypothetical: f32,
    sourced_notes: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Words {
    /// Verbs that open a recommendation in a list item (`- extend the period…`).
    imperatives: Vec<String>,
    /// Endings of the infinitives that open a recommendation (`- publicar los…`).
    #[serde(default)]
    infinitive_endings: Vec<String>,
    /// Articles and determiners: a list item's first word followed by one is a verb…
    #[serde(default)]
    articles: Vec<String>,
    /// …unless it is one of these.
    #[serde(default)]
    not_verbs: Vec<String>,
    personal: Vec<String>,
    hypothetical: Vec<String>,
    conditional: Vec<String>,
    discourse: Vec<String>,
    idioms: Vec<String>,
    not_named: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotClaims {
    hedges: Vec<String>,
    meta: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sections {
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Pack {
    /// Read from the table by `Lexicons::with_packs`, which routes each pack.
    #[serde(rename = "language")]
    _language: String,
    stopwords: Vec<String>,
    threshold: f32,
    weights: Weights,
    modifiers: Modifiers,
    numbers: Numbers,
    dates: Dates,
    phrases: Phrases,
    words: Words,
    not_claims: NotClaims,
    sections: Sections,
}

/// What a phrase of the lexicon says about a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PhraseKind {
    Signal(SignalKind),
    /// A reporting verb: an attribution when `that`, `que`, a quotation or a colon follows.
    Reporting,
    NotClaim,
    Discourse,
    /// An idiom that holds a signal word without making a claim (`at first sight`).
    Idiom,
}

/// One language's compiled lexicon.
struct Lexicon {
    threshold: f32,
    weights: Weights,
    modifiers: Modifiers,
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
    source_nouns: HashSet<String>,
    /// Lower-cased headings of sections that list sources (`references`, `notas`).
    source_sections: HashSet<String>,
    statistic: Regex,
    /// `four of the twelve years`, `3 of the 5 banks`.
    share: Regex,
    /// What joins a share's numbers (`of the`): a block without one has no share.
    share_of: Vec<String>,
    date: Regex,
    weak_ranking: Option<Regex>,
    attribution: Option<Regex>,
    phrases: AhoCorasick,
    phrase_kinds: Vec<PhraseKind>,
}

impl Lexicon {
    /// What the words of a sentence add to its score: a named who or what, the author's
    /// or reader's own experience, a hypothesis.
    fn modifier(
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
    fn recommends(&self, sentence: &str) -> bool {
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

    fn weight(&self, kind: SignalKind) -> f32 {
        let w = &self.weights;
        match kind {
            SignalKind::Superlative => w.superlative,
            SignalKind::Ranking => w.ranking,
            SignalKind::WeakRanking => w.weak_ranking,
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

fn compile(pack: Pack) -> Result<(Lexicon, HashSet<String>), String> {
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
    let months: Vec<String> = pack
        .dates
        .months
        .iter()
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
    Ok((lexicon, pack.stopwords.into_iter().collect()))
}

/// The compiled English and Spanish lexicons.
pub struct Lexicons {
    english: Lexicon,
    spanish: Lexicon,
    /// Sets, not lists: language detection looks up every short word of the document.
    english_stopwords: HashSet<String>,
    spanish_stopwords: HashSet<String>,
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
        Ok(Lexicons {
            english,
            spanish,
            english_stopwords,
            spanish_stopwords,
        })
    }
}

static LEXICONS: LazyLock<Lexicons> =
    LazyLock::new(|| Lexicons::with_packs(&[]).expect("the built-in claim packs are valid"));

/// A count: a number of two digits or more (or with thousands separators), then a plural
/// word, perhaps after a participle (`37 days`, `90 loaded vessels`, `40 días`); or a
/// number with thousands separators on its own (`fell by about 1,100`).
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(\d{1,3}(?:[.,]\d{3})+|\d{2,})(?-u:\b)(?:\s+\p{Ll}{3,}(?:ed|ado|ados|ada|adas|ido|idos))?\s+\p{Ll}{2,}s(?-u:\b)|(?-u:\b)(\d{1,3}(?:,\d{3})+)(?:[^.,\d]|[.,](?:\D|$)|$)",
    )
    .expect("count")
});

/// The publication line of a bibliography entry: `Paris: Éditions du Seuil, 1974.`
static PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L} .]{1,40}:\s[^.:]{2,80},\s(?:1[5-9]|20)\d\d\.?\s*$")
        .expect("publication")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:1[6-9]\d\d|20[0-4]\d)(?-u:\b)").expect("year"));

/// The language of the document's prose, from its commonest words; `None` when neither
/// lexicon's common words make up a tenth of the short words (German, Afrikaans…): the
/// rule does not judge prose it has no lexicon for.
fn detect_language(document: &Document<'_>, lexicons: &Lexicons) -> Option<ClaimLanguage> {
    let (mut english, mut spanish, mut short) = (0usize, 0usize, 0usize);
    let mut seen = 0usize;
    let mut buffer = String::new();
    for run in &document.text_runs {
        let text = document.slice(run.span);
        for word in alphabetic_words(text) {
            if word.len() > 5 {
                continue;
            }
            short += 1;
            let lower = lower_case(word, &mut buffer);
            english += usize::from(lexicons.english_stopwords.contains(lower));
            spanish += usize::from(lexicons.spanish_stopwords.contains(lower));
        }
        seen += text.len();
        if seen > 20_000 {
            break;
        }
    }
    if english.max(spanish) * 10 < short {
        None
    } else if spanish > english {
        Some(ClaimLanguage::Spanish)
    } else {
        Some(ClaimLanguage::English)
    }
}

/// The runs of alphabetic characters of `text`: `text.split(|c| !c.is_alphabetic())`
/// without its empty pieces, but judging ASCII bytes without decoding them, since
/// language detection reads most of every document.
fn alphabetic_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (alphabetic, width) = if bytes[at].is_ascii() {
                (bytes[at].is_ascii_alphabetic(), 1)
            } else {
                let c = text[at..].chars().next()?;
                (c.is_alphabetic(), c.len_utf8())
            };
            match (alphabetic, start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => return Some(&text[from..at]),
                _ => {}
            }
            at += width;
        }
        start.map(|from| &text[from..])
    })
}

/// `word` in lower case, borrowed when it already is and written into `buffer` (reused
/// across words) when not: lexicon lookups run once per word and should not allocate.
/// ASCII is the common case; anything else takes `str::to_lowercase`, so the result is
/// always exactly `word.to_lowercase()`.
fn lower_case<'w>(word: &'w str, buffer: &'w mut String) -> &'w str {
    buffer.clear();
    if !word.is_ascii() {
        buffer.push_str(&word.to_lowercase());
        return buffer;
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return word;
    }
    buffer.push_str(word);
    buffer.make_ascii_lowercase();
    buffer
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// `source` with each run of whitespace made one space, and where bytes were dropped:
/// `(offset in the copy, bytes dropped before it)`, ascending (`None`: the copy is
/// `source` itself).
fn compact_whitespace(source: &str) -> (std::borrow::Cow<'_, str>, Option<Vec<(usize, usize)>>) {
    let bytes = source.as_bytes();
    if memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none()
    {
        return (std::borrow::Cow::Borrowed(source), None);
    }
    let mut compact = String::with_capacity(source.len());
    let mut shifts = Vec::new();
    let (mut at, mut copied, mut dropped) = (0, 0, 0);
    while at < bytes.len() {
        if !bytes[at].is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        compact.push_str(&source[copied..start]);
        compact.push(' ');
        copied = at;
        if at - start > 1 {
            dropped += at - start - 1;
            shifts.push((compact.len(), dropped));
        }
    }
    compact.push_str(&source[copied..]);
    (std::borrow::Cow::Owned(compact), Some(shifts))
}

/// The offset in the source of byte `at` of its compacted copy.
fn uncompact(shifts: Option<&[(usize, usize)]>, at: usize) -> usize {
    let Some(shifts) = shifts else {
        return at;
    };
    let index = shifts.partition_point(|&(from, _)| from <= at);
    at + index.checked_sub(1).map_or(0, |i| shifts[i].1)
}

/// Whether `span` of `text` starts and ends on word boundaries.
fn on_word_boundaries(text: &str, span: Span) -> bool {
    let before = text
        .get(..span.start)
        .and_then(|t| t.chars().next_back())
        .is_some_and(is_word_char);
    let after = text
        .get(span.end..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_word_char);
    !before && !after
}

/// Whether a four-digit match reads as a year rather than part of a larger number, a
/// version or an identifier.
fn is_year(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let mut back = before.chars().rev();
    let previous = back.next();
    let previous_2 = back.next();
    if let Some(p) = previous
        && (matches!(
            p,
            '.' | ',' | '#' | '$' | '€' | '£' | '/' | '_' | ':' | '+' | '=' | '-'
        ) && previous_2.is_some_and(|c| c.is_ascii_alphanumeric())
            || matches!(p, '#' | '$' | '€' | '£' | '_' | '=' | '+' | '\''))
    {
        return false;
    }
    // `2000 ETH`, `1738 MB`: an amount in a unit written as a code.
    let code = after
        .strip_prefix(' ')
        .map(|rest| {
            rest.split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
        })
        .unwrap_or("");
    if (2..=5).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let mut ahead = after.chars();
    let next = ahead.next();
    let next_2 = ahead.next();
    !(matches!(next, Some('.' | ',' | ':' | '/' | '_' | '×' | 'x'))
        && next_2.is_some_and(|c| c.is_ascii_digit())
        || matches!(next, Some('%' | '_' | '-' | '°'))
            && next_2.is_none_or(|c| !c.is_ascii_digit()))
}

/// Whether `according to` or `según` is followed by a source: a name or figure, or a
/// source noun (`the latest information`), skipping articles and adjectives.
fn names_a_source(text: &str, span: Span, nouns: &HashSet<String>) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    for raw in after.split_whitespace().take(3) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_ascii_digit() || nouns.contains(word) {
            return true;
        }
        // The phrase ends at a comma: `according to him, …`.
        if raw.ends_with([',', ';', '.']) {
            break;
        }
    }
    false
}

/// Whether a reporting verb introduces what was said: `that` or `que` within the next four
/// words (`said in a statement that`), a pronoun and its verb (`said it would`), or a
/// quotation or colon right after it.
fn reports_speech(text: &str, span: Span) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    let start = after.trim_start_matches([' ', ',', '\n']);
    if start.starts_with(['"', '“', '«', ':']) || after.starts_with(':') {
        return true;
    }
    let words: Vec<&str> = after
        .split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .collect();
    // `said it would`, `said they will`: the clause reported, without its `that`.
    let pronoun_clause = matches!(
        words.as_slice(),
        [pronoun, modal, ..]
            if matches!(*pronoun, "it" | "they" | "he" | "she")
                && matches!(*modal, "would" | "will" | "had" | "has" | "was" | "is" | "could")
    );
    pronoun_clause || words.iter().any(|w| matches!(*w, "that" | "que"))
}

/// Whether a reporting verb is used as an adjective or an idiom rather than to report:
/// `the intention declared by`, `the arguments indicated.`, `That said,`.
fn is_participle(text: &str, span: Span) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    let next = after.chars().next();
    if matches!(next, Some('.' | ',' | ';' | ':' | ')' | '*')) || next.is_none() {
        return true;
    }
    let next_word = after
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next();
    if matches!(
        next_word,
        Some("by" | "above" | "below" | "earlier" | "before" | "por")
    ) {
        return true;
    }
    let before = text.get(..span.start).unwrap_or("").trim_end();
    let previous_word = before
        .rsplit(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    let passive = matches!(previous_word, "been" | "be" | "being" | "as" | "As")
        && !after.trim_start().starts_with("that");
    passive
        || before.ends_with("'s")
        || before.ends_with("’s")
        || (before.ends_with("That") || before.ends_with("that")) && after.starts_with(',')
}

/// Whether a `$` figure is TeX (`$2^{32}$`, `$15 * 2^{27}$`) rather than money.
fn is_math(text: &str, span: Span) -> bool {
    let source = span.text(text);
    if !source.starts_with('$') {
        return false;
    }
    let before = text.get(..span.start).and_then(|t| t.chars().next_back());
    if matches!(before, Some('$' | '\\')) {
        return true;
    }
    let after = text.get(span.end..).unwrap_or("");
    let head: String = after.chars().take(4).collect();
    head.contains(['^', '\\', '{', '}', '$', '=', '*', '_'])
}

/// Opening quotation marks and the mark that closes each.
fn closing_quote(open: char) -> Option<char> {
    Some(match open {
        '"' => '"',
        '“' => '”',
        '«' => '»',
        _ => return None,
    })
}

/// Quotations of four or more words in `span`.
fn quotations(text: &str, span: Span, out: &mut Vec<Signal>) {
    let Some(source) = text.get(span.start..span.end) else {
        return;
    };
    let bytes = source.as_bytes();
    let mut at = 0;
    // `"`, and the lead bytes of `“` (E2 80 9C) and `«` (C2 AB).
    while let Some(offset) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[at..]) {
        let start = at + offset;
        let Some(open) = source.get(start..).and_then(|t| t.chars().next()) else {
            at = start + 1;
            continue;
        };
        let Some(close) = closing_quote(open) else {
            at = start + open.len_utf8();
            continue;
        };
        let inner_start = start + open.len_utf8();
        let Some(length) = source[inner_start..].find(close) else {
            break;
        };
        let end = inner_start + length + close.len_utf8();
        if source[..start].ends_with('=') {
            at = end;
            continue;
        }
        let inner = &source[inner_start..inner_start + length];
        let words = inner
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if words >= 4 && !is_title(inner) {
            out.push(Signal {
                kind: SignalKind::Quotation,
                span: Span::new(span.start + start, span.start + end),
            });
        }
        at = end;
    }
}

/// Whether quoted words are a title (`“A Civic Technologist’s Practice Guide,”`): every
/// word of four letters or more is capitalised. Titles name a work; they quote no one.
fn is_title(quoted: &str) -> bool {
    let mut long = quoted
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .peekable();
    long.peek().is_some() && long.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Everything a block's prose says, found in one pass over its text.
struct Findings {
    signals: Vec<Signal>,
    not_claims: Vec<Span>,
    discourse: Vec<Span>,
}

fn scan(text: &str, region: Span, lexicon: &Lexicon, counts: bool) -> Findings {
    let mut signals = Vec::new();
    let mut not_claims = Vec::new();
    let mut discourse = Vec::new();
    let Some(source) = text.get(region.start..region.end) else {
        return Findings {
            signals,
            not_claims,
            discourse,
        };
    };
    let absolute = |start: usize, end: usize| Span::new(region.start + start, region.start + end);
    // Statistics, dates and years all hold a digit.
    let digits = source.bytes().any(|b| b.is_ascii_digit());
    let numbers = if digits { source } else { "" };
    for found in lexicon.statistic.find_iter(numbers) {
        let span = absolute(found.start(), found.end());
        if is_math(text, span) {
            continue;
        }
        if on_word_boundaries(text, span) || found.as_str().ends_with('%') {
            signals.push(Signal {
                kind: SignalKind::Statistic,
                span,
            });
        }
    }
    // Counts written in digits (`37 days`, `90 loaded vessels`, `212 votos`): a number of
    // two digits or more before a plural word. Years are not counts.
    // The statistics so far, in text order: a count inside one (`45 million people`) is
    // found by binary search, so that a long paragraph stays linear.
    let statistics: Vec<Span> = signals.iter().map(|s| s.span).collect();
    for found in COUNT.captures_iter(if counts { numbers } else { "" }) {
        let (Some(whole), Some(number)) = (found.get(0), found.get(1).or(found.get(2))) else {
            continue;
        };
        let span = absolute(whole.start(), whole.end());
        let before = statistics.partition_point(|s| s.start < span.end);
        let overlaps = before > 0 && statistics[before - 1].end > span.start;
        // `#3027 adds`, `v12 builds`, `ISO 26262 lens`, `Clang 17 prints`: identifiers
        // and versions, not counts.
        let before = &source[..number.start()];
        let code = before
            .strip_suffix(' ')
            .map(|b| {
                b.rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("")
            })
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let identifier = code
            || before
                .chars()
                .next_back()
                .is_some_and(|c| c == '#' || c.is_alphabetic());
        if overlaps || identifier || is_math(text, span) || YEAR.is_match(number.as_str()) {
            continue;
        }
        signals.push(Signal {
            kind: SignalKind::Statistic,
            span,
        });
    }
    // Shares are looked for only around their joining words (`of the`), which most
    // sentences hold without any share.
    let connectors = if counts {
        lexicon.share_of.as_slice()
    } else {
        &[]
    };
    let mut shares: Vec<Span> = Vec::new();
    for connector in connectors {
        for at in memchr::memmem::find_iter(source.as_bytes(), connector.as_bytes()) {
            let mut from = at.saturating_sub(24);
            while !source.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (at + connector.len() + 24).min(source.len());
            while !source.is_char_boundary(to) {
                to += 1;
            }
            for found in lexicon.share.find_iter(&source[from..to]) {
                let span = absolute(from + found.start(), from + found.end());
                if on_word_boundaries(text, span) && !shares.contains(&span) {
                    shares.push(span);
                }
            }
        }
    }
    signals.extend(shares.into_iter().map(|span| Signal {
        kind: SignalKind::Statistic,
        span,
    }));
    // `as the Forum recommended` adds to a block's other signals; the pattern is not run
    // over blocks that have none, which is most prose.
    let attribution = if signals.is_empty() && !YEAR.is_match(numbers) {
        &None
    } else {
        &lexicon.attribution
    };
    let patterned = [
        (&lexicon.weak_ranking, SignalKind::WeakRanking),
        (attribution, SignalKind::Attribution),
    ];
    for (pattern, kind) in patterned {
        for found in pattern.iter().flat_map(|p| p.find_iter(source)) {
            signals.push(Signal {
                kind,
                span: absolute(found.start(), found.end()),
            });
        }
    }
    for found in lexicon.date.find_iter(numbers) {
        signals.push(Signal {
            kind: SignalKind::Date,
            span: absolute(found.start(), found.end()),
        });
    }
    let dates: Vec<Span> = signals
        .iter()
        .filter(|s| s.kind == SignalKind::Date)
        .map(|s| s.span)
        .collect();
    for found in YEAR.find_iter(numbers) {
        let span = absolute(found.start(), found.end());
        // The year of `July 20, 2023` belongs to the date.
        let in_date = dates
            .iter()
            .any(|d| d.end <= span.start && span.start <= d.end + 4);
        if !in_date && is_year(text, span) {
            signals.push(Signal {
                kind: SignalKind::Year,
                span,
            });
        }
    }
    // Phrases match across line breaks and runs of spaces: they are matched in a copy
    // with every run of whitespace made one space, mapped back byte by byte.
    let (compact, origin) = compact_whitespace(source);
    for found in lexicon.phrases.find_iter(&*compact) {
        let start = uncompact(origin.as_deref(), found.start());
        let last = uncompact(origin.as_deref(), found.end() - 1);
        let span = absolute(start, last + 1);
        if !on_word_boundaries(text, span) {
            continue;
        }
        match lexicon.phrase_kinds[found.pattern().as_usize()] {
            PhraseKind::Reporting if is_participle(text, span) || !reports_speech(text, span) => {}
            PhraseKind::Reporting => signals.push(Signal {
                kind: SignalKind::Attribution,
                span,
            }),
            PhraseKind::Signal(SignalKind::Attribution)
                if !names_a_source(text, span, &lexicon.source_nouns) => {}
            PhraseKind::Signal(kind) => signals.push(Signal { kind, span }),
            PhraseKind::NotClaim => not_claims.push(span),
            PhraseKind::Discourse => discourse.push(span),
            PhraseKind::Idiom => {}
        }
    }
    quotations(text, region, &mut signals);
    Findings {
        signals,
        not_claims,
        discourse,
    }
}

/// A sentence, or a sentence cut in two by a page of notes.
#[derive(Debug, Clone)]
struct Unit {
    parts: Vec<Span>,
    /// The block it starts in, for paragraph scope.
    block: usize,
}

/// The items of `sorted` (by `key`) that start inside `part`.
fn starting_in<T>(sorted: &[T], key: impl Fn(&T) -> usize, part: Span) -> &[T] {
    let first = sorted.partition_point(|x| key(x) < part.start);
    let end = sorted.partition_point(|x| key(x) < part.end).max(first);
    &sorted[first..end]
}

/// Whether `at` falls inside one of `spans` (sorted, not overlapping).
fn within(spans: &[Span], at: usize) -> bool {
    let index = spans.partition_point(|s| s.start <= at);
    index > 0 && at < spans[index - 1].end
}

/// Whether a block is (part of) a note definition. The block's own span may run past the
/// trimmed definition, so its first prose run decides.
fn in_note(document: &Document<'_>, block: usize, runs: &[Span]) -> bool {
    document.blocks[block].note.is_some()
        || runs
            .first()
            .is_some_and(|r| document.note_at(Span::new(r.start, r.start)).is_some())
}

/// Whether a block holds prose that can make claims.
fn is_checked(document: &Document<'_>, block: usize) -> bool {
    let Some(b) = document.blocks.get(block) else {
        return false;
    };
    if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
        return false;
    }
    // Wikitext templates and tables (`{{Infobox …}}`, `{| … |}`, `| field = …`), and
    // layout written in HTML (`<center>`, `<img>`), which holds captions, not prose.
    let source = document.slice(b.span).trim();
    if matches!(source.chars().next(), Some('{' | '|' | '}' | '!' | '<')) {
        return false;
    }
    // A paragraph inside layout HTML (`<small><i>` on the line before) is a caption.
    let before = document.text[..b.span.start].trim_end();
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    if b.kind == BlockKind::Paragraph && opens_html_only(line.trim()) {
        return false;
    }
    // A paragraph that is all emphasis (`*Map of the region, 2020.*`) is a caption.
    let caption = |mark: &str| {
        source.len() > 2 * mark.len() && source.starts_with(mark) && source.ends_with(mark)
    };
    b.kind != BlockKind::Paragraph || !(caption("*") || caption("_") || is_speaker_turn(source))
}

/// A heading's level (`#` or `=` marks, else 1) and its title in lower case, without
/// marks, emphasis or a closing colon.
fn heading_title(document: &Document<'_>, block: usize) -> (usize, String) {
    let span = document.blocks[block].span;
    let line_start = document.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line = document.text[line_start..span.end].trim();
    // `===Novels===<!-- a note to editors -->`
    let line = line.split("<!--").next().unwrap_or(line).trim_end();
    let marks = line.chars().take_while(|c| matches!(c, '#' | '=')).count();
    let title = line
        .trim_matches(|c: char| matches!(c, '#' | '=' | '*' | '_' | ':') || c.is_whitespace())
        .to_lowercase();
    (marks.max(1), title)
}

/// A turn of a transcript (`**Mike Schmidt**: "Why is…"`): spoken, not written, and
/// sourced by the recording it transcribes.
fn is_speaker_turn(paragraph: &str) -> bool {
    let Some(rest) = paragraph.strip_prefix("**") else {
        return false;
    };
    let Some(end) = rest.find("**") else {
        return false;
    };
    let speaker = &rest[..end];
    let words = speaker.split_whitespace().count();
    rest[end + 2..].starts_with(':')
        && (1..=4).contains(&words)
        && speaker
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether `line` is nothing but opening HTML tags (`<small><i>`, `<figcaption>`).
fn opens_html_only(line: &str) -> bool {
    let mut rest = line;
    if !rest.starts_with('<') {
        return false;
    }
    while let Some(tag) = rest.strip_prefix('<') {
        let Some(end) = tag.find('>') else {
            return false;
        };
        let name = &tag[..end];
        if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) || name.ends_with('/') {
            return false;
        }
        rest = tag[end + 1..].trim_start();
    }
    rest.is_empty()
}

/// Whether a sentence writes a Markdown link that the parser did not resolve: a
/// `[text][label]` whose definition sits where CommonMark cannot see it (after a template
/// line, in an included file), or a `[text](url)` in a block the parser did not read as
/// Markdown. The writer meant a citation either way.
fn has_link_syntax(text: &str, unit: &Unit) -> bool {
    unit.parts.iter().any(|p| {
        let source = p.text(text).as_bytes();
        memchr::memmem::find(source, b"][").is_some()
            || memchr::memmem::find_iter(source, b"](")
                .any(|at| source.get(at + 2).is_some_and(|b| !b.is_ascii_whitespace()))
    })
}

/// A sentence that asks rather than tells.
fn is_question(text: &str, span: Span) -> bool {
    let source = span.text(text);
    let trimmed = source.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_')
            || crate::document::notes::superscript_value(c).is_some()
    });
    trimmed.ends_with('?') || source.trim_start().starts_with('¿')
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let options = &settings.claims;
    let lexicons = options.lexicons.as_deref().unwrap_or(&LEXICONS);
    let Some(language) = options
        .language
        .or_else(|| detect_language(document, lexicons))
    else {
        return;
    };
    let lexicon = match language {
        ClaimLanguage::English => &lexicons.english,
        ClaimLanguage::Spanish => &lexicons.spanish,
    };
    let text = document.text;

    // Runs per block, in order.
    let mut runs: Vec<Vec<Span>> = vec![Vec::new(); document.blocks.len()];
    for run in &document.text_runs {
        if let Some(list) = runs.get_mut(run.block) {
            list.push(run.span);
        }
    }

    // Citations: note markers, links, URLs and wikitext refs.
    let mut citations: Vec<Span> = counted_note_refs(document).map(|r| r.span).collect();
    citations.extend(
        document
            .links
            .iter()
            .filter(|l| l.note.is_none())
            .map(|l| l.span),
    );
    citations.extend(document.link_sites.iter().copied());
    let mut refs_by_block: Vec<Vec<Span>> = vec![Vec::new(); document.blocks.len()];
    for (block, block_runs) in runs.iter().enumerate() {
        for run in block_runs {
            refs_by_block[block].extend(sentence::inline_refs(text, *run));
        }
        citations.extend(refs_by_block[block].iter().copied());
    }
    let cites_nothing =
        citations.is_empty() && document.note_defs.is_empty() && document.links.is_empty();

    let link_spans: Vec<Span> = document.links.iter().map(|l| l.span).collect();

    // An article whose notes are mostly sourced (a URL in the note) holds itself to a
    // note per claim: one signal is enough there, and counts (`37 days`) are figures.
    let sourced_notes = document
        .links
        .iter()
        .filter_map(|l| l.note)
        .collect::<HashSet<usize>>()
        .len();
    let apparatus =
        if document.note_defs.len() >= 3 && sourced_notes * 2 >= document.note_defs.len() {
            lexicon.modifiers.sourced_notes
        } else {
            0.0
        };

    // Sentences, with a sentence cut by a page of notes joined back together.
    let mut units: Vec<Unit> = Vec::new();
    let mut findings: Vec<Findings> = Vec::new();
    let mut open_tail: Option<usize> = None;
    // The level of the heading of the sources section the walk is in (`## References`).
    let mut sources_section: Option<usize> = None;
    for block in 0..document.blocks.len() {
        if document.blocks[block].kind == BlockKind::Heading {
            let (level, title) = heading_title(document, block);
            if sources_section.is_some_and(|l| level <= l) {
                sources_section = None;
            }
            if sources_section.is_none() && lexicon.source_sections.contains(&title) {
                sources_section = Some(level);
            }
        }
        if sources_section.is_some() || in_note(document, block, &runs[block]) {
            continue;
        }
        let tail = open_tail.take();
        if !is_checked(document, block) || runs[block].is_empty() {
            continue;
        }
        let block_runs = &runs[block];
        let region = Span::new(block_runs[0].start, block_runs[block_runs.len() - 1].end);
        let refs = &refs_by_block[block];
        let sentences: Vec<Sentence> = sentence::split(text, block_runs, refs);
        for (index, s) in sentences.iter().enumerate() {
            let continues = index == 0
                && document.blocks[block].kind == BlockKind::Paragraph
                && text
                    .get(s.span.start..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_lowercase);
            match tail {
                Some(previous) if continues => units[previous].parts.push(s.span),
                _ => units.push(Unit {
                    parts: vec![s.span],
                    block,
                }),
            }
        }
        if sentences.last().is_some_and(|s| !s.terminated)
            && document.blocks[block].kind == BlockKind::Paragraph
        {
            open_tail = Some(units.len() - 1);
        }
        let mut found = scan(text, region, lexicon, apparatus > 0.0);
        // Signals count only in prose: not in code, markup, URLs or `<ref>` citations.
        found.signals.retain(|s| {
            let at = s.span.start;
            within(block_runs, at) && !within(refs, at) && !within(&link_spans, at)
        });
        findings.push(found);
    }
    // Everything sorted by start, so that each sentence finds its own by binary search.
    let mut signals: Vec<Signal> = findings.iter().flat_map(|f| f.signals.clone()).collect();
    signals.sort_by_key(|s| s.span.start);
    let mut not_claims: Vec<Span> = findings.iter().flat_map(|f| f.not_claims.clone()).collect();
    not_claims.sort_by_key(|s| s.start);
    let mut discourse: Vec<Span> = findings.iter().flat_map(|f| f.discourse.clone()).collect();
    discourse.sort_by_key(|s| s.start);
    citations.sort_by_key(|s| s.start);
    // The furthest end among the citations up to each one: a link that starts before a
    // sentence can still reach into it.
    let reach: Vec<usize> = citations
        .iter()
        .scan(0, |furthest, c| {
            *furthest = c.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    let cites = |part: Span| {
        let first = citations.partition_point(|c| c.start < part.start);
        let inside = citations.get(first).is_some_and(|c| c.start < part.end);
        // A marker after the full stop (`…season.[^2]`, `…season. <ref>`) is the
        // sentence's own, even where the prose runs end before it.
        let after = citations[first..]
            .iter()
            .find(|c| c.start >= part.end)
            .is_some_and(|c| {
                text.get(part.end..c.start)
                    .is_some_and(|gap| gap.len() <= 3 && gap.trim().is_empty())
            });
        inside || after || first > 0 && reach[first - 1] > part.start
    };

    let cited: Vec<bool> = units
        .iter()
        .map(|u| u.parts.iter().any(|p| cites(*p)) || has_link_syntax(text, u))
        .collect();
    // A citation in parentheses after the full stop (`… hashing.  ([transcript][t])`)
    // covers the sentence before it.
    let mut cited = cited;
    for index in 1..units.len() {
        let opens_parenthesis = text
            .get(units[index].parts[0].start..)
            .is_some_and(|t| t.starts_with('('));
        if cited[index] && opens_parenthesis && units[index - 1].block == units[index].block {
            cited[index - 1] = true;
        }
    }
    // A quotation of several sentences, cited where it closes (`“In the placebo group…
    // With the spray…,” she said.[^3]`): its opening sentences share the citation.
    for index in (0..units.len().saturating_sub(1)).rev() {
        let source = units[index].parts[0].text(text);
        let opens_quote = source
            .trim_start_matches(['*', '_'])
            .starts_with(['"', '“', '«']);
        if opens_quote
            && !source.chars().skip(1).any(|c| matches!(c, '"' | '”' | '»'))
            && cited[index + 1]
            && units[index + 1].block == units[index].block
        {
            cited[index] = true;
        }
    }
    let cites_nothing = cites_nothing && !cited.iter().any(|c| *c);
    // Whether a later sentence of the same block carries a citation (paragraph scope).
    let mut cited_later = vec![false; units.len()];
    for index in (0..units.len().saturating_sub(1)).rev() {
        if units[index + 1].block == units[index].block {
            cited_later[index] = cited[index + 1] || cited_later[index + 1];
        }
    }
    let mut claims: Vec<(usize, Signal)> = Vec::new();
    let mut names = Names::new(document);
    for (index, unit) in units.iter().enumerate() {
        let covered =
            cited[index] || options.scope == CitationScope::Paragraph && cited_later[index];
        if covered && !cites_nothing {
            continue;
        }
        let mine: Vec<&Signal> = unit
            .parts
            .iter()
            .flat_map(|p| starting_in(&signals, |s| s.span.start, *p))
            .collect();
        if mine.is_empty() {
            continue;
        }
        // A sentence that opens in lower case after code (`` `x.csv` contains…``)
        // describes the article's own files.
        let opens_lower = text
            .get(unit.parts[0].start..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_lowercase);
        // Wikitext rows and headings (`| year = 2006`, `! Name`, `==History==`), indented
        // quotations (`:"It was…"`), templates in list items (`* {{Citation`) and image
        // captions (`[[File:…|thumb|…]]`).
        let opening = text.get(unit.parts[0].start..).unwrap_or("");
        let item = opening.trim_start_matches(['*', '#', ';', ' ']);
        let opens_markup = opening
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '|' | '!' | '{' | '}' | '=' | ':' | '<'))
            || PUBLICATION.is_match(item)
            || item.starts_with("{{")
            || ["[[File:", "[[Image:", "[[Archivo:", "[[Imagen:"]
                .iter()
                .any(|p| item.starts_with(p));
        // TeX (`$2^{27}$`) and attribute strings (`a1="…"`) are not prose, and a sentence
        // with inline code documents software or data files, whose source is the author.
        let markup_inside = unit.parts.iter().any(|p| {
            let source = p.text(text);
            source.contains("=\"")
                || source.contains('$') && source.contains(['^', '\\'])
                || source.contains('`') && document.format == crate::document::Format::Markdown
        });
        // Four words or fewer (`At RustConf 2025:`, `2023 Rust Survey`) is a label.
        let short = unit
            .parts
            .iter()
            .map(|p| p.text(text).split_whitespace().count())
            .sum::<usize>()
            < 5;
        // A short line with no closing punctuation is a title or a caption
        // (`Estimates of the strongest teams, 1933-2015`), not a sentence.
        let words: usize = unit
            .parts
            .iter()
            .map(|p| p.text(text).split_whitespace().count())
            .sum();
        let untitled = unit.parts.last().is_some_and(|p| {
            let last = p.text(text).trim_end().chars().next_back();
            !matches!(
                last,
                Some('.' | '!' | '?' | '…' | '"' | '”' | '»' | ')' | ':' | ';' | ',')
            ) && !last
                .is_some_and(|c| crate::document::notes::superscript_value(c).is_some() || c == ']')
        }) && words <= 12;
        // A list item that is a fragment (`- the 2025 budget vote;`) names a date, it does
        // not claim one.
        let dated_fragment = document.blocks[unit.block].kind == BlockKind::ListItem
            && mine
                .iter()
                .all(|s| matches!(s.kind, SignalKind::Year | SignalKind::Date))
            && unit.parts.last().is_some_and(|p| {
                !p.text(text)
                    .trim_end()
                    .ends_with(['.', '!', '?', '…', '"', '”', '»', ')'])
            });
        // A list item that opens with a verb in the imperative or the infinitive
        // (`- extend the period from 120 days`, `- publicar los contratos`) recommends.
        let recommends = document.blocks[unit.block].kind == BlockKind::ListItem
            && lexicon.recommends(text.get(unit.parts[0].start..).unwrap_or(""));
        if opens_lower
            || short
            || untitled
            || dated_fragment
            || recommends
            || opens_markup
            || markup_inside
            || unit.parts.iter().any(|p| is_question(text, *p))
            || unit
                .parts
                .iter()
                .any(|p| !starting_in(&not_claims, |n| n.start, *p).is_empty())
        {
            continue;
        }
        // In an article with a notes apparatus, a quotation of someone's words needs its
        // note like a figure; a short one (`"we will just review harder"`) may be a phrase.
        let quotes_at_length = mine.iter().any(|s| {
            s.kind == SignalKind::Quotation && s.span.text(text).split_whitespace().count() >= 6
        });
        let weight = |kind: SignalKind| match kind {
            SignalKind::Quotation if apparatus > 0.0 && quotes_at_length => {
                lexicon.weight(SignalKind::Statistic)
            }
            _ => lexicon.weight(kind),
        };
        let score: f32 = SignalKind::ALL
            .iter()
            .filter(|k| mine.iter().any(|s| s.kind == **k))
            .map(|k| weight(*k))
            .sum::<f32>()
            + if mine.is_empty() {
                0.0
            } else {
                let leads = unit
                    .parts
                    .iter()
                    .any(|p| !starting_in(&discourse, |d| d.start, *p).is_empty());
                // `stated that the border would stay open` reports, it does not suppose, and
                // `would cost about £180` or `plans to recruit 9,000 people` forecasts a
                // figure someone can be held to; only `if` and `suppose` make it a
                // hypothesis.
                let reports = mine.iter().any(|s| {
                    matches!(
                        s.kind,
                        SignalKind::Attribution | SignalKind::Quotation | SignalKind::Statistic
                    )
                });
                lexicon.modifier(text, unit, leads, reports, &mut names)
            };
        if score + apparatus < lexicon.threshold {
            continue;
        }
        let Some(strongest) = mine.iter().min_by_key(|s| (s.kind, s.span.start)).copied() else {
            continue;
        };
        claims.push((index, *strongest));
    }
    if cites_nothing {
        let Some(&(index, signal)) = claims.first() else {
            return;
        };
        diagnostics.push(
            Diagnostic::new(
                &CLAIM_UNCITED,
                units[index].parts[0],
                format!(
                    "document cites no source for its {} {}",
                    claims.len(),
                    if claims.len() == 1 { "claim" } else { "claims" }
                ),
            )
            .with_label(signal.span, describe(text, signal)),
        );
        return;
    }
    for (index, signal) in claims {
        let unit = &units[index];
        let mut diagnostic = Diagnostic::new(
            &CLAIM_UNCITED,
            unit.parts[0],
            format!("{} has no source", describe(text, signal)),
        );
        diagnostic = diagnostic.with_label(signal.span, signal.kind.noun());
        for part in &unit.parts[1..] {
            diagnostic = diagnostic.with_label(*part, "the sentence goes on here");
        }
        diagnostics.push(diagnostic);
    }
}

/// "superlative `the largest`", with long quotations shortened.
fn describe(text: &str, signal: Signal) -> String {
    let quoted = signal
        .span
        .text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let quoted: String = if quoted.chars().count() > 40 {
        let head: String = quoted.chars().take(37).collect();
        format!("{}…", head.trim_end())
    } else {
        quoted
    };
    format!("{} `{quoted}`", signal.kind.noun())
}

#[cfg(test)]
mod tests {
    use super::CLAIM_UNCITED;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    fn md(text: &str) -> Vec<String> {
        flagged(&CLAIM_UNCITED, text, Format::Markdown)
    }

    const SOURCED: &str = "\n\nSee [the source](https://example.org/a).\n";

    #[test]
    fn alphabetic_words_match_splitting_on_non_letters() {
        for text in [
            "",
            "  ",
            "The 2023 año, más-o-menos.",
            "déjà vu…ñ",
            "x",
            "a1b2 ¿qué?",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                super::alphabetic_words(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn flags_each_signal() {
        let text = format!(
            "Exports from Chile grew 45 % last year. The port of Callao is the largest in the region. \
             The treaty with Peru was signed in 2015. It was signed in Lima on March 3. \
             According to the Ministry of Trade, the plan works. \
             She said \"we will not sign this deal\" at the summit.{SOURCED}"
        );
        assert_eq!(
            md(&text),
            [
                "Exports from Chile grew 45 % last year.",
                "The port of Callao is the largest in the region.",
                "The treaty with Peru was signed in 2015.",
                "It was signed in Lima on March 3.",
                "According to the Ministry of Trade, the plan works.",
                "She said \"we will not sign this deal\" at the summit."
            ]
        );
    }

    #[test]
    fn a_quoted_title_is_no_quotation() {
        let text = format!(
            "In \u{201c}A Practical Guide To Harbour Dredging,\u{201d} Ana Ruiz describes the work. \
             Ana Ruiz wrote that \u{201c}dredging is a slow and costly business\u{201d} in Peru.{SOURCED}"
        );
        assert_eq!(
            md(&text),
            ["Ana Ruiz wrote that \u{201c}dredging is a slow and costly business\u{201d} in Peru."]
        );
    }

    #[test]
    fn a_caption_inside_layout_html_is_no_claim() {
        let text = format!(
            "![](chart.png)\n\n<small><i>\n\nExports by port, data from Peru's customs office, 2019.\n\n</i></small>\n\n\
             Callao shipped 45 % of the copper in 2019.{SOURCED}"
        );
        assert_eq!(md(&text), ["Callao shipped 45 % of the copper in 2019."]);
    }

    #[test]
    fn a_citation_in_parentheses_covers_the_sentence_before() {
        let text = format!(
            "Callao shipped 45 % of the copper in 2019.  ([port data](https://example.org/port), \
             [customs](https://example.org/customs))\n\nChile exported 30 % more in 2020.{SOURCED}"
        );
        assert_eq!(md(&text), ["Chile exported 30 % more in 2020."]);
    }

    #[test]
    fn a_transcript_turn_is_no_written_claim() {
        let text = format!(
            "**Ana Ruiz**: Callao shipped 45 % of the copper in 2019.\n\n\
             **Summary:** Callao shipped 45 % of the copper in 2019.{SOURCED}"
        );
        assert_eq!(
            md(&text),
            ["Summary:** Callao shipped 45 % of the copper in 2019."]
        );
    }

    #[test]
    fn as_a_named_source_said_attributes() {
        let text = format!(
            "Ports should waive the fee, as the Andean Customs Forum recommended in 2019. \
             Ports should waive the fee, as expected in 2019.{SOURCED}"
        );
        assert_eq!(
            md(&text),
            ["Ports should waive the fee, as the Andean Customs Forum recommended in 2019."]
        );
    }

    #[test]
    fn a_lone_signal_needs_a_named_subject() {
        let text = format!("The market grew 45 % last year. It was signed in 2015.{SOURCED}");
        assert!(md(&text).is_empty(), "{:?}", md(&text));
    }

    #[test]
    fn reported_speech_excuses_modals_not_conditions() {
        let text = format!(
            "The minister of Peru said that the border would stay open. \
             If Alice says that Peru won, Bob pays.{SOURCED}"
        );
        assert_eq!(
            md(&text),
            ["The minister of Peru said that the border would stay open."]
        );
    }

    #[test]
    fn personal_and_hypothetical_sentences_are_not_claims() {
        let text = format!(
            "If Alice pays $100, Bob gets 45 %. I moved to Lima in 2015. \
             Suppose Chile is the largest buyer.{SOURCED}"
        );
        assert!(md(&text).is_empty(), "{:?}", md(&text));
    }

    #[test]
    fn cited_sentences_are_silent() {
        let text = "Exports grew 45 %[^1]. The port is the largest ([report](https://a.org)).\n\n[^1]: Ministry, 2023.\n";
        assert!(md(text).is_empty());
    }

    #[test]
    fn not_claims_stay_silent() {
        let text = format!(
            "Was it the largest deal of 2015? It is hard to say whether 45 % is right. \
             We could not reach the ministry for comment in 2023. He is first in line. \
             Version 1.2015 shipped.{SOURCED}"
        );
        assert!(md(&text).is_empty(), "{:?}", md(&text));
    }

    #[test]
    fn paragraph_scope() {
        use crate::document::{Document, Format};
        use crate::rules::settings::Settings;
        let text = "Sales in Peru grew 45 % in 2015. It is the largest[^1]. Sales in Peru fell in 2019.\n\n[^1]: Source.\n";
        let document = Document::parse(text, Format::Markdown);
        let mut settings = Settings::default();
        settings.claims.scope = super::CitationScope::Paragraph;
        let mut diagnostics = Vec::new();
        super::check(&document, &settings, &mut diagnostics);
        let flagged: Vec<_> = diagnostics.iter().map(|d| document.slice(d.span)).collect();
        assert_eq!(flagged, ["Sales in Peru fell in 2019."]);
        assert_eq!(
            md(text),
            [
                "Sales in Peru grew 45 % in 2015.",
                "Sales in Peru fell in 2019."
            ]
        );
    }

    #[test]
    fn uncited_document_gets_one_summary() {
        let text = "Peru grew 45 % in 2015. It is the largest. It fell in 2019.\n";
        assert_eq!(md(text), ["Peru grew 45 % in 2015."]);
    }

    #[test]
    fn spanish_signals() {
        let text = "Bolivia es el segundo exportador de la región. Según el ministerio, \
                    las ventas subieron 12 por ciento. Es difícil decir si fue en 2015. \
                    ¿Cuántos millones hubo en 2020?\n\nVer [fuente sobre Bolivia](https://a.org).\n";
        assert_eq!(
            md(text),
            [
                "Bolivia es el segundo exportador de la región.",
                "Según el ministerio, las ventas subieron 12 por ciento."
            ]
        );
    }

    #[test]
    fn sentence_cut_by_notes_is_joined() {
        let text = "Prices rose¹. According to the ministry, the\n\n¹ Source, 2023.\n\nplan worked².\n\n² Other source.\n";
        assert!(
            flagged(&CLAIM_UNCITED, text, Format::Plain).is_empty(),
            "{:?}",
            flagged(&CLAIM_UNCITED, text, Format::Plain)
        );
    }

    #[test]
    fn reporting_verbs_need_what_was_said() {
        let text = format!(
            "The minister of Peru stated that exports grew. The stated aim of Peru is growth. \
             Peru reported record rains in the south.{SOURCED}"
        );
        assert_eq!(
            md(&text),
            ["The minister of Peru stated that exports grew."]
        );
    }

    #[test]
    fn according_to_needs_a_source() {
        let text = format!(
            "According to Zawy, Peru mined 45 tonnes. Peru works according to a plan from \
             Lima. According to the latest information, Peru will sign. According to the \
             ministry data, Chile lost.{SOURCED}"
        );
        assert_eq!(
            md(&text),
            [
                "According to Zawy, Peru mined 45 tonnes.",
                "According to the latest information, Peru will sign.",
                "According to the ministry data, Chile lost."
            ]
        );
    }

    #[test]
    fn phrases_match_across_line_breaks() {
        let text = format!(
            "- The port of Callao is the\n  largest in Peru. We could not\n    reach the ministry of Peru for comment in 2023.{SOURCED}"
        );
        assert_eq!(md(&text), ["The port of Callao is the\n  largest in Peru."]);
    }

    #[test]
    fn sourced_notes_lower_the_bar() {
        let notes = "\n\n[^1]: A, <https://a.org/1>\n\n[^2]: B, <https://a.org/2>\n\n[^3]: C, <https://a.org/3>\n";
        let text = format!(
            "Sales fell[^1]. Trade grew[^2]. Ports opened[^3]. The port grew in 2015. \
             The treaty, at first sight, is fair.{notes}"
        );
        assert_eq!(md(&text), ["The port grew in 2015."]);
        let unsourced = text.replace("<https://a.org/", "page ");
        assert!(md(&unsourced).is_empty(), "{:?}", md(&unsourced));
    }

    #[test]
    fn prose_in_other_languages_is_not_judged() {
        let text = "Im Juni 1943 waren die Tests in Berlin abgeschlossen. Die Waffe wurde 1944 \
                    an die Truppen geliefert, und das war der größte Erfolg.\n\n[Quelle](https://a.org)\n";
        assert!(md(text).is_empty(), "{:?}", md(text));
    }

    #[test]
    fn wikitext_refs_are_notes() {
        let text =
            "He was born in 1968.<ref>{{cite web|date=2010}}</ref> He won the Open in 1990.\n";
        assert_eq!(
            flagged(&CLAIM_UNCITED, text, Format::Plain),
            ["He won the Open in 1990."]
        );
    }

    #[test]
    fn wikitext_captions_lists_of_works_and_source_sections_are_not_prose() {
        let text = "He was born in 1968.<ref>{{cite web|date=2010}}</ref> He won the Open in 1990.\n\
                    [[File:Final 2011.jpg|thumb|The oldest final, played in Lima in 2011]]\n\
                    :\"It was the largest crowd I ever saw in Lima,\" he said.\n\
                    ==Works==\n\
                    * Ruiz, Ana (1870) ''History of the Port of Callao''.\n\
                    ===Novels===\n\
                    * ''The Harbour'' (2006), his largest book, sold in Peru.\n\
                    ==Later life==\n\
                    In 2007 Ruiz married Jose Nunes in Lima.\n";
        assert_eq!(
            flagged(&CLAIM_UNCITED, text, Format::Plain),
            [
                "He won the Open in 1990.",
                "In 2007 Ruiz married Jose Nunes in Lima."
            ]
        );
    }

    #[test]
    fn a_note_after_the_full_stop_at_the_end_of_a_paragraph_cites_the_sentence() {
        let text = format!(
            "The treaty with Peru was signed in 2015 in Lima.[^1]\n\n\
             The treaty with Chile was signed in 2016 in Lima. [^2]\n\n\
             The treaty with Bolivia was signed in 2017 in Lima.\n\n\
             [^1]: A.\n[^2]: B.\n{SOURCED}"
        );
        assert_eq!(
            md(&text),
            ["The treaty with Bolivia was signed in 2017 in Lima."]
        );
    }
}
