//! `claim-uncited`: a factual sentence that no note or link covers. The rule reads the
//! prose into sentences ([`units`]), finds the signals of a claim in it ([`signals`],
//! weighed by the packs' [`lexicon`]), decides which sentences a citation covers
//! ([`coverage`]) and which are no claims at all ([`prose`]), and scores the rest.

use crate::diagnostic::{Diagnostic, Score};
use crate::document::Document;
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

mod coverage;
mod features;
mod lexicon;
mod named;
mod options;
mod pack;
mod phrasing;
mod practice;
mod prose;
mod reading;
pub mod scorer;
mod signals;
mod units;
pub(super) use options::configure;

pub use coverage::Source;
pub use lexicon::Lexicons;
pub use practice::Practice;
use reading::read;
pub use reading::{Claim, ClaimReading, read_claims};

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

#[cfg(test)]
mod tests;
