//! Citations: each note definition split into outlet or author, title, date and URL, with
//! the span of every field, so that the citation rules can compare notes and point at the
//! exact field.
//!
//! The grammar is small and forgiving, written with nom: a title is `*…*`, `_…_`, `"…"`,
//! `“…”` or the text of a Markdown link; without one, `Outlet: Title.` is recognised; a
//! date is read by the date grammar's note productions ([`super::date::lenient_dates`]:
//! `20/7/2023`, `23//2023`, `2023-07-20`, `July 2023`, `26 de julio de 2023`); the URL is
//! the first link the document model found inside the note.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_until};
use nom::character::complete::{char, space1};
use nom::sequence::delimited;
use nom::{IResult, Parser};

/// A date in a citation, read part by part by the date grammar's note productions.
pub use super::date::PartialDate as CitationDate;
/// The dates written inside a span of a note, in order.
pub use super::date::lenient_dates as find_dates;
use super::{Document, LinkStyle, Span};

/// Options of the `url` and `citation` rule families.
#[derive(Debug, Clone)]
pub struct SourcesOptions {
    /// Extra known sections per host (without `www.`), added to `rules/sources.toml`.
    pub known_sections: Vec<(String, Vec<String>)>,
    /// `citation-incomplete`: every citing note needs a URL.
    pub require_url: bool,
    /// `citation-incomplete`: every citing note needs a date.
    pub require_date: bool,
    /// The built-in sources pack extended by the config's `[packs] sources`; `None`: the
    /// built-in one.
    pub pack: Option<std::sync::Arc<crate::packs::sources::SourcePack>>,
}

impl Default for SourcesOptions {
    fn default() -> Self {
        SourcesOptions {
            known_sections: Vec::new(),
            require_url: true,
            require_date: true,
            pack: None,
        }
    }
}

/// One note definition read as a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Index into [`Document::note_defs`].
    pub note: usize,
    pub outlet: Option<Span>,
    pub title: Option<Span>,
    /// The first date outside the title and the URL.
    pub date: Option<CitationDate>,
    /// A date written inside the title (`Iran Update, July 26, 2023`).
    pub title_date: Option<CitationDate>,
    /// Index into [`Document::links`] of the first URL in the note.
    pub url: Option<usize>,
}

impl Citation {
    pub fn has_date(&self) -> bool {
        self.date.is_some() || self.title_date.is_some()
    }
}

/// Every note definition of `document` as a citation, in note order; read once per
/// document and shared by the rules that need it.
pub fn citations<'d>(document: &'d Document<'_>) -> &'d [Citation] {
    document.citations.get_or_init(|| read_citations(document))
}

fn read_citations(document: &Document<'_>) -> Vec<Citation> {
    let text = document.text;
    let mut link_index = 0;
    let mut found = Vec::with_capacity(document.note_defs.len());
    for (note, def) in document.note_defs.iter().enumerate() {
        while link_index < document.links.len()
            && document.links[link_index].span.end <= def.span.start
        {
            link_index += 1;
        }
        let url = document.links[link_index..]
            .iter()
            .position(|l| l.note == Some(note) && def.body.contains(l.span))
            .map(|i| i + link_index);
        // Fields are read from the text before the URL (and its `<` or `](`).
        let fields_end = url.map_or(def.body.end, |i| {
            let link = &document.links[i];
            match link.style {
                LinkStyle::Angle => link.span.start.saturating_sub(1),
                LinkStyle::Inline => {
                    inline_link_start(text, link.span.start).unwrap_or(link.span.start)
                }
                _ => link.span.start,
            }
            .max(def.body.start)
        });
        let fields = Span::new(def.body.start, fields_end);
        let mut citation = Citation {
            note,
            outlet: None,
            title: None,
            date: None,
            title_date: None,
            url,
        };
        read_fields(text, fields, &mut citation);
        if citation.title.is_none()
            && let Some(i) = url
            && document.links[i].style == LinkStyle::Inline
        {
            citation.title = inline_link_text(text, document.links[i].span.start);
        }
        if let Some(title) = citation.title {
            citation.title_date = find_dates(text, title).into_iter().next();
        }
        // A date may also follow the URL: `[Title](url), 2024-06-12.`
        if citation.date.is_none()
            && let Some(i) = url
        {
            let after = Span::new(document.links[i].span.end.min(def.body.end), def.body.end);
            citation.date = find_dates(text, after).into_iter().next();
        }
        found.push(citation);
    }
    found
}

/// Reads outlet, title and date from the part of a note before its URL.
fn read_fields(text: &str, fields: Span, citation: &mut Citation) {
    let Some(source) = text.get(fields.start..fields.end) else {
        return;
    };
    if let Some((start, end)) = marked_title(source) {
        let title = trim_span(text, Span::new(fields.start + start, fields.start + end));
        // `*Title.*` and `"Title,"`: the closing punctuation belongs to the sentence.
        let kept = title
            .text(text)
            .trim_end_matches(['.', ',', ';', ':'])
            .len();
        let title = Span::new(title.start, title.start + kept);
        citation.title = (!title.is_empty()).then_some(title);
        let before = trim_span(text, Span::new(fields.start, fields.start + start));
        let before_text = before
            .text(text)
            .trim_end_matches(['*', '_', '"', '“'])
            .trim_end()
            .trim_end_matches([':', ',', '.', ';', '–', '-'])
            .trim_end();
        if !before_text.is_empty() && before_text.split_whitespace().count() <= 12 {
            citation.outlet = Some(Span::new(before.start, before.start + before_text.len()));
        }
    } else if let Ok((rest, outlet)) = outlet_prefix(source) {
        citation.outlet = Some(Span::new(fields.start, fields.start + outlet.len()));
        let title_start = fields.start + (source.len() - rest.len());
        let title_len = rest.find(". ").unwrap_or(rest.len());
        let title = trim_span(text, Span::new(title_start, title_start + title_len));
        let title = Span::new(
            title.start,
            title.start + title.text(text).trim_end_matches(['.', ',']).len(),
        );
        citation.title = (!title.is_empty()).then_some(title);
    }
    let dates = find_dates(text, fields);
    citation.date = dates
        .iter()
        .copied()
        .find(|d| !citation.title.is_some_and(|t| t.contains(d.span)));
    if citation.outlet.is_none()
        && let Some(title) = citation.title
    {
        citation.outlet = outlet_after_title(text, Span::new(title.end, fields.end), &dates);
    }
}

/// `*Title*. Sputnik News. 7/1/2020.` or `*Title*. La Razón, 2/08/2023.`: the first short
/// piece after the title that is not a date, without words such as `Nota de`.
fn outlet_after_title(text: &str, after: Span, dates: &[CitationDate]) -> Option<Span> {
    let source = text.get(after.start..after.end)?;
    let mut offset = 0;
    for piece in source.split_inclusive(['.', ',']) {
        let piece_start = after.start + offset;
        offset += piece.len();
        let span = trim_span(text, Span::new(piece_start, piece_start + piece.len()));
        let written = span
            .text(text)
            .trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace() || c == '–');
        let is_date = dates
            .iter()
            .any(|d| d.span.start < span.end && span.start < d.span.end);
        if is_date || !written.chars().any(char::is_alphabetic) {
            continue;
        }
        if written.split_whitespace().count() > 6 {
            return None;
        }
        let lead = ["Nota de ", "Note from ", "Nota del "]
            .iter()
            .find(|p| written.starts_with(*p))
            .map_or(0, |p| p.len());
        let start = span.start + span.text(text).find(written)? + lead;
        return Some(Span::new(start, start + written.len() - lead));
    }
    None
}

/// The first `*title*`, `_title_`, `"title"` or `“title”` in a note: (start, end) of the
/// title text inside `source`.
fn marked_title(source: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    while at < source.len() {
        let rest = source.get(at..)?;
        let next = rest.find(['*', '_', '"', '“'])?;
        let start = at + next;
        let tail = source.get(start..)?;
        if let Ok((_, inner)) = emphasis_or_quote(tail) {
            // `inner` borrows from `source`: its offset is where it starts.
            let inner_start = inner.as_ptr() as usize - source.as_ptr() as usize;
            // A quoted single word inside a sentence is a scare quote, not a title.
            let words = inner.split_whitespace().count();
            let leads = source[..start].trim().is_empty();
            if inner.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && (words >= 2 || leads) {
                return Some((inner_start, inner_start + inner.len()));
            }
        }
        at = start + tail.chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn emphasis_or_quote(input: &str) -> IResult<&str, &str> {
    alt((
        delimited(tag("**"), take_until("**"), tag("**")),
        delimited(tag("__"), take_until("__"), tag("__")),
        delimited(char('*'), take_until("*"), char('*')),
        delimited(char('_'), take_until("_"), char('_')),
        delimited(char('"'), take_until("\""), char('"')),
        delimited(char('“'), take_until("”"), char('”')),
    ))
    .parse(input)
}

/// `ISW: ` — a short outlet or author name and a colon starting the note.
fn outlet_prefix(input: &str) -> IResult<&str, &str> {
    let (rest, outlet) = take_until(": ").parse(input)?;
    let words = outlet.split_whitespace().count();
    if words == 0 || words > 6 || outlet.contains(['.', '<', '(', '[']) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, _) = (tag(":"), space1).parse(rest)?;
    Ok((rest, outlet.trim_end()))
}

/// Where the `[` of an inline link whose URL starts at `url_start` is.
fn inline_link_start(text: &str, url_start: usize) -> Option<usize> {
    let before = text.get(..url_start)?;
    let close = before.strip_suffix("](")?;
    let open = close.rfind('[')?;
    Some(open)
}

/// The text of the inline link whose URL starts at `url_start`.
fn inline_link_text(text: &str, url_start: usize) -> Option<Span> {
    let open = inline_link_start(text, url_start)?;
    let span = trim_span(text, Span::new(open + 1, url_start - 2));
    (span
        .text(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count()
        >= 3)
        .then_some(span)
}

/// `span` without surrounding whitespace and separators.
fn trim_span(text: &str, span: Span) -> Span {
    let Some(source) = text.get(span.start..span.end) else {
        return span;
    };
    let trimmed_start = source.trim_start_matches(|c: char| c.is_whitespace() || c == '.');
    let start = span.start + (source.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end();
    Span::new(start, start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    type Fields = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn fields(text: &str) -> Vec<Fields> {
        let doc = Document::parse(text, Format::Plain);
        citations(&doc)
            .iter()
            .map(|c| {
                (
                    c.outlet.map(|s| doc.slice(s).to_string()),
                    c.title.map(|s| doc.slice(s).to_string()),
                    c.date.map(|d| doc.slice(d.span).to_string()),
                    c.url.map(|i| doc.links[i].url.clone()),
                )
            })
            .collect()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn superscript_notes() {
        let text = "Claim¹ and² and³ and⁴.\n\n\
            ¹ Agency: *A long title here*. 20/7/2023. <https://a.org/x>\n\n\
            ² Outlet: Report on things, July 26, 2023. <https://b.org/y>\n\n\
            ³ *Title of it*. La Gaceta, 2/08/2023. https://c.org/z\n\n\
            ⁴ *Another title*. 7/1/2020. Nota de Diario Uno, Chile. <https://d.org/w>\n";
        assert_eq!(
            fields(text),
            [
                (
                    s("Agency"),
                    s("A long title here"),
                    s("20/7/2023"),
                    s("https://a.org/x")
                ),
                (
                    s("Outlet"),
                    s("Report on things, July 26, 2023"),
                    None,
                    s("https://b.org/y")
                ),
                (
                    s("La Gaceta"),
                    s("Title of it"),
                    s("2/08/2023"),
                    s("https://c.org/z")
                ),
                (
                    s("Diario Uno"),
                    s("Another title"),
                    s("7/1/2020"),
                    s("https://d.org/w")
                ),
            ]
        );
    }

    #[test]
    fn markdown_notes_with_links() {
        let text = "A[^a] b[^b].\n\n[^a]: Jane Roe, \"The Quoted Title,\" 3 March 2021.\n\n[^b]: [Linked Title](https://d.org/p), 2020-01-02.\n";
        let doc = Document::parse(text, Format::Markdown);
        let found = citations(&doc);
        assert_eq!(found.len(), 2);
        assert_eq!(doc.slice(found[0].title.unwrap()), "The Quoted Title");
        assert_eq!(doc.slice(found[0].outlet.unwrap()), "Jane Roe");
        assert_eq!(doc.slice(found[0].date.unwrap().span), "3 March 2021");
        assert_eq!(doc.slice(found[1].title.unwrap()), "Linked Title");
        assert!(found[1].url.is_some());
    }
}
