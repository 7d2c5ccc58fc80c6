//! Reading a document's claims: its sentences, their signals and scores, and what covers
//! each. The rule reports from this reading; the claims worksheet lists it whole.

use rustc_hash::FxHashSet as HashSet;

use super::coverage::{self, Citations, Cover, Reach, Source};
use super::lexicon::{LEXICONS, Lexicon};
use super::named::Names;
use super::practice::Practice;
use super::prose;
use super::scorer::ClaimModel;
use super::signals::{Signal, SignalKind};
use super::units;
use super::units::{Unit, starting_in};
use super::{CitationScope, ClaimLanguage};
use crate::document::{Document, Span};
use crate::rules::settings::Settings;

/// A sentence the rule reads as a claim, and what covers it.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The sentence (two parts when a page of notes cuts it).
    pub parts: Vec<Span>,
    /// The signal that drove the judgement, and its kind (`statistic`, `year`…).
    pub signal: Span,
    pub signal_kind: &'static str,
    /// How check-worthy the sentence is, from 0 to 1.
    pub score: f32,
    /// The citation that covers it; `None` when nothing does.
    pub cover: Option<Source>,
    pub(super) signal_description: String,
}

/// Every claim of a document, covered or not.
#[derive(Debug, Clone)]
pub struct ClaimReading {
    pub claims: Vec<Claim>,
    /// The document cites nothing at all: its claims get one summary finding.
    pub cites_nothing: bool,
    /// How the document cites, which decides what needs a source.
    pub practice: Practice,
}

/// The claims of `document` under `settings`; `None` when its prose is in a language the
/// rule has no lexicon for.
pub fn read_claims(document: &Document<'_>, settings: &Settings) -> Option<ClaimReading> {
    read(document, settings, true)
}

/// The claims of `document`; the covered ones only when `covered_too` (the worksheet
/// lists them, the rule reports only the uncovered ones of a document that cites).
pub(super) fn read(
    document: &Document<'_>,
    settings: &Settings,
    covered_too: bool,
) -> Option<ClaimReading> {
    let options = &settings.claims;
    let lexicons = options.lexicons.as_deref().unwrap_or(&LEXICONS);
    let language = options
        .language
        .or_else(|| lexicons.for_document(document))?;
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
    let citations = Citations::gather(document, &runs);

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

    let prose = units::read(document, lexicon, &runs, &citations, apparatus > 0.0);
    let units = &prose.units;
    let cited = citations.cited(document, units);
    let cites_nothing = citations.none_at_all && !cited.iter().any(Option::is_some);
    let practice = options
        .practice
        .unwrap_or_else(|| Practice::of(document, citations.wikitext_refs()));
    let reach = if practice.cites_by_paragraph() {
        Reach::WholeBlock
    } else if options.scope == CitationScope::Paragraph {
        Reach::EarlierInBlock
    } else {
        Reach::Sentence
    };
    let covered = coverage::with_reach(&cited, units, reach);
    let mut claims: Vec<Claim> = Vec::new();
    let mut names = Names::new(document);
    let model = ClaimModel::builtin(language).ok();
    let threshold = options
        .threshold
        .unwrap_or_else(|| practice.default_threshold());
    for (index, unit) in units.iter().enumerate() {
        if covered[index].is_some() && !covered_too && !cites_nothing {
            continue;
        }
        let mine: Vec<&Signal> = unit
            .parts
            .iter()
            .flat_map(|p| starting_in(&prose.signals, |s| s.span.start, *p))
            .collect();
        if mine.is_empty() {
            // In an article with a sourced notes apparatus, wording the scorer is sure of
            // is a claim even with no figure, date or ranking (`the average policy costs
            // about twelve thousand dollars`).
            let wording = (apparatus > 0.0 && practice == Practice::Notes)
                .then_some(model)
                .flatten()
                .filter(|_| {
                    !prose::is_not_a_claim(document, lexicon, unit, &mine, &prose.not_claims)
                })
                .map(|model| model.score(&sentence_text(text, &unit.parts)));
            if let Some(checkworthy) = wording.filter(|&p| p >= WORDING_ALONE) {
                let wording = Signal {
                    kind: SignalKind::Wording,
                    span: unit.parts[0],
                    count: false,
                };
                claims.push(Claim {
                    parts: unit.parts.clone(),
                    signal: wording.span,
                    signal_kind: wording.kind.noun(),
                    score: checkworthy,
                    cover: covered[index].map(|cover| cover_source(&citations, unit, cover)),
                    signal_description: "claim".to_string(),
                });
            }
            continue;
        }
        if !practice.asks_a_source(&mine, text)
            || prose::is_not_a_claim(document, lexicon, unit, &mine, &prose.not_claims)
        {
            continue;
        }
        let score = score(
            lexicon,
            text,
            unit,
            &mine,
            &prose.discourse,
            apparatus,
            &mut names,
        );
        if score + apparatus < lexicon.threshold {
            continue;
        }
        // The learned scorer has the last word on figures, dates and rankings: how
        // check-worthy the words are. Reported speech and quotations need their source
        // whatever the words (the scorer learned from debates, where a quotation is talk).
        let checkworthy = model.map(|model| model.score(&sentence_text(text, &unit.parts)));
        let reported = mine
            .iter()
            .any(|s| matches!(s.kind, SignalKind::Attribution | SignalKind::Quotation));
        if !reported && checkworthy.is_some_and(|p| p < threshold) {
            continue;
        }
        let Some(strongest) = mine.iter().min_by_key(|s| (s.kind, s.span.start)).copied() else {
            continue;
        };
        let cover = covered[index].map(|cover| cover_source(&citations, unit, cover));
        claims.push(Claim {
            parts: unit.parts.clone(),
            signal: strongest.span,
            signal_kind: strongest.kind.noun(),
            score: checkworthy
                .unwrap_or_else(|| signal_score(score + apparatus, lexicon.threshold)),
            cover,
            signal_description: describe(text, *strongest),
        });
    }
    Some(ClaimReading {
        claims,
        cites_nothing,
        practice,
    })
}

/// The learned score from which a sentence with no claim signal is a claim, in an article
/// with a sourced notes apparatus.
const WORDING_ALONE: f32 = 0.8;

/// What covers a sentence, for the worksheet.
fn cover_source(citations: &Citations, unit: &Unit, cover: Cover) -> Source {
    match cover {
        Cover::Citation(citation) => citations.source(citation).clone(),
        Cover::UnresolvedLink => Source::Written(unit.parts[0]),
    }
}

/// The words of a sentence in its parts, without the note markers and markup the model
/// never saw.
fn sentence_text(text: &str, parts: &[Span]) -> String {
    parts
        .iter()
        .map(|p| p.text(text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The signal score on a 0–1 scale: 0.5 at the pack's threshold, and 1 at twice it.
fn signal_score(score: f32, threshold: f32) -> f32 {
    if threshold <= 0.0 {
        return 1.0;
    }
    (score / threshold * 0.5).clamp(0.0, 1.0)
}

/// A sentence's score from its signals: the weight of each kind of signal it holds, and
/// what its words add (a named who or what) or take away (the writer's own experience, a
/// hypothesis).
fn score(
    lexicon: &Lexicon,
    text: &str,
    unit: &Unit,
    mine: &[&Signal],
    discourse: &[Span],
    apparatus: f32,
    names: &mut Names<'_>,
) -> f32 {
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
    SignalKind::ALL
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
                .any(|p| !starting_in(discourse, |d| d.start, *p).is_empty());
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
            lexicon.modifier(text, unit, leads, reports, names)
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
