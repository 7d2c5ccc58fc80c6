//! Which blocks and sentences are prose that can make a claim, and which are captions,
//! markup, questions, transcripts or source lists.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::notes::superscript_value;
use crate::document::{BlockKind, Document, Format, Span};

use super::lexicon::Lexicon;
use super::signals::{Signal, SignalKind};
use super::units::{Unit, starting_in};

/// The publication line of a bibliography entry: `Paris: Éditions du Seuil, 1974.`
static PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L} .]{1,40}:\s[^.:]{2,80},\s(?:1[5-9]|20)\d\d\.?\s*$")
        .expect("publication")
});

/// Whether a block is (part of) a note definition. The block's own span may run past the
/// trimmed definition, so its first prose run decides.
pub(super) fn in_note(document: &Document<'_>, block: usize, runs: &[Span]) -> bool {
    document.blocks[block].note.is_some()
        || runs
            .first()
            .is_some_and(|r| document.note_at(Span::new(r.start, r.start)).is_some())
}

/// Whether a block holds prose that can make claims.
pub(super) fn is_checked(document: &Document<'_>, block: usize) -> bool {
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
pub(super) fn heading_title(document: &Document<'_>, block: usize) -> (usize, String) {
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

/// A sentence that asks rather than tells.
fn is_question(text: &str, span: Span) -> bool {
    let source = span.text(text);
    let trimmed = source.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_')
            || superscript_value(c).is_some()
    });
    trimmed.ends_with('?') || source.trim_start().starts_with('¿')
}

/// Whether a sentence with signals is still no claim: it opens in lower case after code,
/// is a label, title or caption, a dated list fragment, a recommendation, markup, TeX, a
/// question, or holds a phrase that says it is no claim (`it is hard to say`).
pub(super) fn is_not_a_claim(
    document: &Document<'_>,
    lexicon: &Lexicon,
    unit: &Unit,
    mine: &[&Signal],
    not_claims: &[Span],
) -> bool {
    let text = document.text;
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
            || source.contains('`') && document.format == Format::Markdown
    });
    // Four words or fewer (`At RustConf 2025:`, `2023 Rust Survey`) is a label.
    let words: usize = unit
        .parts
        .iter()
        .map(|p| p.text(text).split_whitespace().count())
        .sum();
    let short = words < 5;
    // A short line with no closing punctuation is a title or a caption
    // (`Estimates of the strongest teams, 1933-2015`), not a sentence.
    let untitled = unit.parts.last().is_some_and(|p| {
        let last = p.text(text).trim_end().chars().next_back();
        !matches!(
            last,
            Some('.' | '!' | '?' | '…' | '"' | '”' | '»' | ')' | ':' | ';' | ',')
        ) && !last.is_some_and(|c| superscript_value(c).is_some() || c == ']')
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
    opens_lower
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
            .any(|p| !starting_in(not_claims, |n| n.start, *p).is_empty())
}
