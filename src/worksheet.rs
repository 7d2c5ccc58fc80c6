//! The claims worksheet: every sentence `claim-uncited` reads as a claim, with its score
//! and what covers it (the note, its URL and date, or the link), cited or not. A
//! fact-checker works down this list before publication.

use serde::Serialize;

use crate::document::{Document, Format, citation};
use crate::rules::Settings;
use crate::rules::claim::{self, Source as Cover};
use crate::source::Source;

/// One claim of an article.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRow {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The sentence, with runs of whitespace made one space.
    pub sentence: String,
    /// How check-worthy the sentence is, from 0 to 1.
    pub score: f32,
    /// What drove the score: `statistic`, `year`, `attribution`…
    pub signal: &'static str,
    /// `note`, `link`, `citation` (a wikitext ref, a bare URL, an unresolved link) or
    /// `none`.
    pub covered_by: &'static str,
    /// The note's id, the link's URL or the citation as written.
    pub citation: Option<String>,
    /// The first URL of the covering note.
    pub note_url: Option<String>,
    /// The covering note's date as written.
    pub note_date: Option<String>,
}

/// The claims of one article under `settings`; empty when its prose is in a language
/// the rule has no lexicon for.
pub fn claims(source: &Source, settings: &Settings) -> Vec<ClaimRow> {
    let document = Document::parse(&source.text, Format::from_path(&source.path));
    let Some(reading) = claim::read_claims(&document, settings) else {
        return Vec::new();
    };
    let text = document.text;
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    reading
        .claims
        .iter()
        .map(|found| {
            let location = source.location(found.parts[0].start);
            let sentence = found
                .parts
                .iter()
                .map(|p| collapse(p.text(text)))
                .collect::<Vec<_>>()
                .join(" ");
            let (covered_by, citation, note_url, note_date) = match &found.cover {
                None => ("none", None, None, None),
                Some(Cover::Link(url)) => ("link", Some(url.clone()), None, None),
                Some(Cover::Written(span)) => {
                    ("citation", Some(collapse(span.text(text))), None, None)
                }
                Some(Cover::Note(id)) => {
                    let (url, date) = note_source(&document, id);
                    ("note", Some(id.clone()), url, date)
                }
            };
            ClaimRow {
                path: source.path.clone(),
                line: location.line,
                column: location.column,
                sentence,
                score: found.score,
                signal: found.signal_kind,
                covered_by,
                citation,
                note_url,
                note_date,
            }
        })
        .collect()
}

/// The first URL and the date of the note with id `id`.
fn note_source(document: &Document<'_>, id: &str) -> (Option<String>, Option<String>) {
    let Some(note) = document.note_defs.iter().position(|d| d.id == id) else {
        return (None, None);
    };
    let Some(read) = citation::citations(document)
        .iter()
        .find(|c| c.note == note)
    else {
        return (None, None);
    };
    let url = read.url.map(|link| document.links[link].url.clone());
    let date = read
        .date
        .as_ref()
        .or(read.title_date.as_ref())
        .map(|d| d.span.text(document.text).to_string());
    (url, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_cited_and_uncited_claims_with_their_notes() {
        let text = "# Port report\n\nExports from Callao grew 45 % in 2019.[^1] \
            Imports from Chile fell 12 % in 2020.\n\n\
            [^1]: Port Authority, \"Annual report\", 3 March 2020, https://example.org/report\n";
        let source = Source::new("report.md", text);
        let rows = claims(&source, &Settings::default());
        assert_eq!(rows.len(), 2, "{rows:#?}");
        assert_eq!(rows[0].covered_by, "note");
        assert_eq!(rows[0].citation.as_deref(), Some("1"));
        assert_eq!(
            rows[0].note_url.as_deref(),
            Some("https://example.org/report")
        );
        assert_eq!(rows[0].note_date.as_deref(), Some("3 March 2020"));
        assert_eq!(rows[1].covered_by, "none");
        assert!(rows[1].sentence.starts_with("Imports from Chile"));
        assert!(rows.iter().all(|r| (0.0..=1.0).contains(&r.score)));
    }

    #[test]
    fn prose_in_another_language_has_no_claims() {
        let source = Source::new(
            "de.md",
            "Die Exporte stiegen 2019 um 45 Prozent und mehr.\n",
        );
        assert!(claims(&source, &Settings::default()).is_empty());
    }
}
