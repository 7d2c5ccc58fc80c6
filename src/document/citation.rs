//! Citations: each note definition split into outlet or author, title, date and URL, with
//! the span of every field, so that the citation rules can compare notes and point at the
//! exact field.
//!
//! The grammar is small and forgiving, written with nom: a title is `*…*`, `_…_`, `"…"`,
//! `“…”` or the text of a Markdown link; without one, `Outlet: Title.` is recognised; a
//! date is numeric (`20/7/2023`, `23//2023`, `2023-07-20`) or written with an English or
//! Spanish month name; the URL is the first link the document model found inside the note.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_until, take_while_m_n};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{opt, recognize};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

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

/// A date in a citation; `None` parts were not written (or were left empty, as in
/// `23//2023`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CitationDate {
    pub span: Span,
    pub year: u32,
    pub month: Option<u32>,
    pub day: Option<u32>,
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

const MONTHS: [(&str, u32); 32] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
];

const SHORT_MONTHS: [(&str, u32); 5] = [
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The first letters of the month names, as bits (`a` is bit 0): a word that starts with
/// any other letter is no date, and is passed over without trying the grammar.
const MONTH_INITIALS: u32 = {
    let mut mask = 0u32;
    let mut i = 0;
    while i < MONTHS.len() + SHORT_MONTHS.len() {
        let name = if i < MONTHS.len() {
            MONTHS[i].0
        } else {
            SHORT_MONTHS[i - MONTHS.len()].0
        };
        mask |= 1 << (name.as_bytes()[0].to_ascii_lowercase() - b'a');
        i += 1;
    }
    mask
};

/// A month name (full, or a common three-letter abbreviation with an optional dot).
fn month(input: &str) -> IResult<&str, u32> {
    // Month names are ASCII: no allocation, no Unicode case folding; `María` is no `mar`.
    let letters = input
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(input.len());
    let whole_word = !input[letters..].starts_with(char::is_alphabetic);
    let word = &input[..letters];
    let Some(value) = (whole_word && (3..=10).contains(&letters))
        .then(|| {
            MONTHS
                .iter()
                .chain(SHORT_MONTHS.iter())
                .find(|(name, _)| name.eq_ignore_ascii_case(word))
                .map(|&(_, v)| v)
        })
        .flatten()
    else {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )));
    };
    let rest = &input[letters..];
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    Ok((rest, value))
}

fn number(max_digits: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |input| {
        let (rest, digits) =
            take_while_m_n(1, max_digits, |c: char| c.is_ascii_digit()).parse(input)?;
        Ok((rest, digits.parse().unwrap_or(0)))
    }
}

fn year(input: &str) -> IResult<&str, u32> {
    let (rest, digits) = recognize(digit1).parse(input)?;
    if digits.len() != 4 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, digits.parse().unwrap_or(0)))
}

/// `20/7/2023`, `2/08/2023`, `23//2023` (day, month, year; the month may be missing).
fn numeric_date(input: &str) -> IResult<&str, (u32, Option<u32>, Option<u32>)> {
    let (rest, day) = number(2)(input)?;
    let (rest, separator) = alt((char('/'), char('.'), char('-'))).parse(rest)?;
    let (rest, month) = opt(number(2)).parse(rest)?;
    let (rest, _) = char(separator).parse(rest)?;
    let (rest, year) = year(rest)?;
    Ok((rest, (year, month, Some(day))))
}

/// `2023-07-20`.
fn iso_date(input: &str) -> IResult<&str, (u32, Option<u32>, Option<u32>)> {
    let (rest, year) = year(input)?;
    let (rest, month) = preceded(char('-'), number(2)).parse(rest)?;
    let (rest, day) = preceded(char('-'), number(2)).parse(rest)?;
    Ok((rest, (year, Some(month), Some(day))))
}

/// `July 26, 2023` and `July 2023`.
fn month_first(input: &str) -> IResult<&str, (u32, Option<u32>, Option<u32>)> {
    let (rest, month) = month(input)?;
    let (rest, _) = space1(rest)?;
    let (rest, day) = opt((
        number(2),
        opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
        opt(char(',')),
        space1,
    ))
    .parse(rest)?;
    let (rest, year) = year(rest)?;
    Ok((rest, (year, Some(month), day.map(|d| d.0))))
}

/// `26 July 2023` and `26 de julio de 2023`.
fn day_first(input: &str) -> IResult<&str, (u32, Option<u32>, Option<u32>)> {
    let (rest, day) = number(2)(input)?;
    let (rest, _) = (space1, opt((tag_no_case("de"), space1))).parse(rest)?;
    let (rest, month) = month(rest)?;
    let (rest, _) = (
        opt(char(',')),
        space1,
        opt((tag_no_case("de"), space1)),
        space0,
    )
        .parse(rest)?;
    let (rest, year) = year(rest)?;
    Ok((rest, (year, Some(month), Some(day))))
}

fn date(input: &str) -> IResult<&str, (u32, Option<u32>, Option<u32>)> {
    // The first three start with digits and the last with letters: only one side can
    // match, so each input tries only its own.
    if input.starts_with(|c: char| c.is_ascii_digit()) {
        alt((iso_date, numeric_date, day_first)).parse(input)
    } else {
        month_first(input)
    }
}

/// The dates written inside `span`, in order.
pub fn find_dates(text: &str, span: Span) -> Vec<CitationDate> {
    let Some(source) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let bytes = source.as_bytes();
    let mut dates = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let starts_word = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        // A date starts with a digit or with a month name.
        let could_start = bytes[at].is_ascii_digit()
            || (bytes[at].is_ascii_alphabetic()
                && MONTH_INITIALS & (1 << (bytes[at].to_ascii_lowercase() - b'a')) != 0);
        if starts_word
            && could_start
            && source.is_char_boundary(at)
            && let Ok((rest, (year, month, day))) = date(&source[at..])
            && !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            let end = source.len() - rest.len();
            dates.push(CitationDate {
                span: Span::new(span.start + at, span.start + end),
                year,
                month,
                day,
            });
            at = end;
            continue;
        }
        at += 1;
    }
    dates
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

    #[test]
    fn dates() {
        let text = "on 23//2023, 2023-07-20, 26 de julio de 2023 and May 4, 2021; not 24/7 or 1/2";
        let found = find_dates(text, Span::new(0, text.len()));
        let values: Vec<_> = found.iter().map(|d| (d.year, d.month, d.day)).collect();
        assert_eq!(
            values,
            [
                (2023, None, Some(23)),
                (2023, Some(7), Some(20)),
                (2023, Some(7), Some(26)),
                (2021, Some(5), Some(4)),
            ]
        );
    }
}
