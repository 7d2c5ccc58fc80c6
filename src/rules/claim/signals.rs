//! The signals of a claim (statistics, years, dates, rankings, attributions, quotations)
//! found in one pass over a block's prose.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Span;

use super::lexicon::{Lexicon, PhraseKind};
use super::phrasing::{
    is_math, is_participle, is_year, names_a_source, on_word_boundaries, quotations, reports_speech,
};

/// What makes a sentence a claim, in the order messages prefer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum SignalKind {
    Superlative,
    Ranking,
    Statistic,
    Quotation,
    Attribution,
    Date,
    Year,
    WeakRanking,
    /// No signal of the lexicon, but wording the learned scorer reads as a claim.
    Wording,
}

impl SignalKind {
    pub(super) const ALL: [SignalKind; 8] = [
        SignalKind::Superlative,
        SignalKind::Ranking,
        SignalKind::Statistic,
        SignalKind::Quotation,
        SignalKind::Attribution,
        SignalKind::Date,
        SignalKind::Year,
        SignalKind::WeakRanking,
    ];

    pub(super) fn noun(self) -> &'static str {
        match self {
            SignalKind::Superlative => "superlative",
            SignalKind::Ranking | SignalKind::WeakRanking => "ranking",
            SignalKind::Wording => "claim",
            SignalKind::Statistic => "statistic",
            SignalKind::Quotation => "quotation",
            SignalKind::Attribution => "attribution",
            SignalKind::Date => "date",
            SignalKind::Year => "year",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Signal {
    pub(super) kind: SignalKind,
    pub(super) span: Span,
    /// A count in digits (`37 days`), not a figure with a unit, currency or percent.
    pub(super) count: bool,
}

/// A count: a number of two digits or more (or with thousands separators), then a plural
/// word, perhaps after a participle (`37 days`, `90 loaded vessels`, `40 días`); or a
/// number with thousands separators on its own (`fell by about 1,100`).
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(\d{1,3}(?:[.,]\d{3})+|\d{2,})(?-u:\b)(?:\s+\p{Ll}{3,}(?:ed|ado|ados|ada|adas|ido|idos))?\s+\p{Ll}{2,}s(?-u:\b)|(?-u:\b)(\d{1,3}(?:,\d{3})+)(?:[^.,\d]|[.,](?:\D|$)|$)",
    )
    .expect("count")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:1[6-9]\d\d|20[0-4]\d)(?-u:\b)").expect("year"));

/// `source` with each run of whitespace made one space, and where bytes were dropped:
/// `(offset in the copy, bytes dropped before it)`, ascending (`None`: the copy is
/// `source` itself).
fn compact_whitespace(source: &str) -> (Cow<'_, str>, Option<Vec<(usize, usize)>>) {
    let bytes = source.as_bytes();
    if memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none()
    {
        return (Cow::Borrowed(source), None);
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
    (Cow::Owned(compact), Some(shifts))
}

/// The offset in the source of byte `at` of its compacted copy.
fn uncompact(shifts: Option<&[(usize, usize)]>, at: usize) -> usize {
    let Some(shifts) = shifts else {
        return at;
    };
    let index = shifts.partition_point(|&(from, _)| from <= at);
    at + index.checked_sub(1).map_or(0, |i| shifts[i].1)
}

/// Everything a block's prose says, found in one pass over its text.
pub(super) struct Findings {
    pub(super) signals: Vec<Signal>,
    pub(super) not_claims: Vec<Span>,
    pub(super) discourse: Vec<Span>,
}

pub(super) fn scan(text: &str, region: Span, lexicon: &Lexicon, counts: bool) -> Findings {
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
                count: false,
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
            count: true,
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
        count: false,
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
                count: false,
            });
        }
    }
    for found in lexicon.date.find_iter(numbers) {
        signals.push(Signal {
            kind: SignalKind::Date,
            span: absolute(found.start(), found.end()),
            count: false,
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
                count: false,
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
                count: false,
            }),
            PhraseKind::Signal(SignalKind::Attribution)
                if !names_a_source(text, span, &lexicon.source_nouns) => {}
            PhraseKind::Signal(kind) => signals.push(Signal {
                kind,
                span,
                count: false,
            }),
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
