//! `claim-uncited`: a factual sentence that no note or link covers. The rule reads the
//! prose into sentences ([`units`]), finds the signals of a claim in it ([`signals`],
//! weighed by the packs' [`lexicon`]), decides which sentences a citation covers
//! ([`coverage`]) and which are no claims at all ([`prose`]), and scores the rest.

use rustc_hash::FxHashSet as HashSet;

use crate::diagnostic::{Diagnostic, Score};
use crate::document::{Document, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

mod coverage;
mod lexicon;
mod named;
mod options;
mod pack;
mod phrasing;
mod practice;
mod prose;
pub mod scorer;
mod signals;
mod units;
pub(super) use options::configure;

pub use coverage::Source;
use coverage::{Citations, Cover, Reach};
pub use lexicon::Lexicons;
use lexicon::{LEXICONS, Lexicon};
use named::Names;
pub use practice::Practice;
use scorer::ClaimModel;
use signals::{Signal, SignalKind};
use units::{Unit, starting_in};

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
    /// What needs a source follows the document's citation practice
    /// (the `practice` option, decided per document by default):
    /// - `notes`: three notes or more (`[^1]`, `¹`, wikitext `<ref>`), more notes than
    ///   links, or no citation at all — a policy article, a wiki page, a draft. Every
    ///   claim needs its own citation.
    /// - `links`: a blog or report that cites by inline links. A link covers the whole
    ///   paragraph or list item it sits in, and only figures (not counts under a thousand,
    ///   `3 speakers`), superlatives and rankings need one: a blog's dates, attributions and
    ///   quotations tell its own story.
    /// - `documentation`: inline code throughout (five spans or more, eight per thousand words)
    ///   or two code blocks — the README of a dataset, release notes, a tutorial. Not
    ///   judged: the source of documentation is the data or the code it documents.
    ///
    /// A list item that opens with a citation is covered by it in every sentence, and so
    /// are the items of a list whose cited lead-in ends in a colon.
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
    /// ```toml
    /// [rules.claim-uncited]
    /// scope = "sentence"     # or "paragraph"
    /// language = "auto"      # or "en", "es"
    /// practice = "auto"      # or "notes", "links", "documentation"
    /// threshold = 0.5        # 0 to 1; default 0.2 with notes, 0.5 with links
    /// ```
    /// - `scope`: `"sentence"` (default): a citation covers the sentence it sits in;
    ///   `"paragraph"`: a citation also covers the earlier sentences of its paragraph or list
    ///   item (sentences after the last citation are never covered).
    /// - `language`: detected per document when `"auto"` or unset.
    /// - `practice`: how the articles cite, decided per document by default; set it for a
    ///   desk whose articles all cite one way.
    /// - `threshold`: the check-worthiness score below which figures, dates and rankings
    ///   are not reported; reported speech and quotations are always judged.
    ///
    /// Claim lexicon additions (`language = "en"` or `"es"` in each) go under `[packs]`:
    /// ```toml
    /// [packs]
    /// claims = ["house-claims-en.toml"]
    /// ```
    /// `copydesk claims FILE…` lists every claim with its score and what covers it.
    pub static CLAIM_UNCITED = {
        name: "claim-uncited",
        code: "CD601",
        severity: Warning,
        enabled_by_default: true,
        fixes: None,
        summary: "A factual sentence that no note or link supports",
        options: &["scope", "language", "practice", "threshold"],
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
    /// `None`: decide per document from how it cites.
    pub practice: Option<Practice>,
    /// The learned score from which a sentence with claim signals is reported; `None`:
    /// the practice's default.
    pub threshold: Option<f32>,
    /// The built-in lexicons extended by the config's `[packs] claims`; `None`: the
    /// built-in ones.
    pub lexicons: Option<std::sync::Arc<Lexicons>>,
}

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
    signal_description: String,
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
fn read(document: &Document<'_>, settings: &Settings, covered_too: bool) -> Option<ClaimReading> {
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

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let Some(reading) = read(document, settings, false) else {
        return;
    };
    let claims = reading.claims;
    if reading.cites_nothing {
        let Some(first) = claims.first() else {
            return;
        };
        diagnostics.push(
            Diagnostic::new(
                &CLAIM_UNCITED,
                first.parts[0],
                format!(
                    "document cites no source for its {} {}",
                    claims.len(),
                    if claims.len() == 1 { "claim" } else { "claims" }
                ),
            )
            .with_primary_label(first.signal, first.signal_description.clone())
            .with_score(Score {
                value: first.score,
                signal: first.signal_kind,
            }),
        );
        return;
    }
    for claim in claims.into_iter().filter(|c| c.cover.is_none()) {
        let mut diagnostic = Diagnostic::new(
            &CLAIM_UNCITED,
            claim.parts[0],
            format!("{} has no source", claim.signal_description),
        )
        .with_primary_label(claim.signal, claim.signal_kind)
        .with_score(Score {
            value: claim.score,
            signal: claim.signal_kind,
        });
        for part in &claim.parts[1..] {
            diagnostic = diagnostic.with_label(*part, "the sentence goes on here");
        }
        diagnostics.push(diagnostic);
    }
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

#[cfg(test)]
mod tests;
