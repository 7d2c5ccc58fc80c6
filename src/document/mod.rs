//! The model of an article: prose, notes, links and the spans of everything.
//!
//! Markdown structure comes from pulldown-cmark ([`markdown`]); plain text is split into
//! paragraphs by blank lines ([`plain`]). Both produce the same [`Document`], so rules never
//! care which format they read.

pub mod citation;
pub mod date;
mod endnotes;
mod front_matter;
pub mod lang;
mod markdown;
pub mod names;
pub mod notes;
pub mod numbers;
mod plain;
pub mod sentence;
pub mod url;
pub mod words;

use std::path::Path;

pub use crate::span::Span;
pub use front_matter::FrontMatter;

/// How the article is written; chosen from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// `.txt` (and anything unknown that is not Markdown) is plain text.
    pub fn from_path(path: &str) -> Format {
        match Path::new(path).extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("text") => {
                Format::Plain
            }
            _ => Format::Markdown,
        }
    }
}

/// What kind of block a piece of prose sits in; rules treat headings and notes differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    BlockQuote,
    TableCell,
}

/// A block of prose, and the note definition it belongs to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    pub note: Option<usize>,
}

/// A stretch of literal prose text (no markup, code or comments) inside one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRun {
    pub span: Span,
    pub block: usize,
}

/// How a note marker or definition is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteSyntax {
    /// `[^id]`
    Bracket,
    /// `¹³`
    Superscript,
    /// `[1]` in the text and `1. …` or `[1] …` under a notes heading.
    Numbered,
}

/// A marker in the text pointing at a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRef {
    /// Normalised id: superscripts become ASCII digits, labels are lower-cased.
    pub id: String,
    pub span: Span,
    pub syntax: NoteSyntax,
    /// A superscript that could also be an exponent (`2019²`, `km²`): it counts only when a
    /// note with its id exists.
    pub exponent_like: bool,
}

/// A note definition: `[^id]: …` or a line starting with superscript digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteDef {
    pub id: String,
    pub syntax: NoteSyntax,
    /// The whole definition.
    pub span: Span,
    /// The `[^id]:` or `¹³` label.
    pub label: Span,
    /// The text after the label.
    pub body: Span,
}

impl NoteDef {
    /// The numeric value of the id, for ordering checks.
    pub fn number(&self) -> Option<u32> {
        note_number(&self.id)
    }
}

impl NoteRef {
    pub fn number(&self) -> Option<u32> {
        note_number(&self.id)
    }
}

fn note_number(id: &str) -> Option<u32> {
    if id.is_empty() || id.len() > 6 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok()
}

/// How a URL is written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStyle {
    /// `<https://…>`
    Angle,
    /// A URL written straight into the text.
    Bare,
    /// `[text](https://…)`
    Inline,
    /// `[id]: https://…`
    ReferenceDefinition,
}

/// A URL in the article, with the span of the URL text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub span: Span,
    pub style: LinkStyle,
    /// The note definition the URL sits in.
    pub note: Option<usize>,
}

/// The parsed article every rule reads.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub text: &'a str,
    pub format: Format,
    pub blocks: Vec<Block>,
    pub text_runs: Vec<TextRun>,
    pub note_refs: Vec<NoteRef>,
    pub note_defs: Vec<NoteDef>,
    pub links: Vec<Link>,
    /// Where each Markdown link sits in the prose (the whole `[text](url)`, `[text][id]` or
    /// `<url>`), whatever its kind: a link anywhere in a sentence is a citation for it.
    pub link_sites: Vec<Span>,
    /// Code, HTML comments and front matter: never prose.
    pub excluded: Vec<Span>,
    pub front_matter: Option<FrontMatter>,
    /// Dates in prose and notes (never in code, comments or URLs), in text order.
    pub dates: Vec<date::FoundDate>,
    /// The notes read as citations, built on first use by [`citation::citations`]: two
    /// rules read them, and reading them re-scans every note for dates and URLs.
    pub citations: std::sync::OnceLock<Vec<citation::Citation>>,
    /// Each link's URL parsed by the `url` crate, built on first use by
    /// [`Document::parsed_url`]: two rules read them, and parsing is the costly part.
    parsed_urls: std::sync::OnceLock<Vec<Result<::url::Url, ::url::ParseError>>>,
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str, format: Format) -> Document<'a> {
        let mut document = Document {
            text,
            format,
            blocks: Vec::new(),
            text_runs: Vec::new(),
            note_refs: Vec::new(),
            note_defs: Vec::new(),
            links: Vec::new(),
            link_sites: Vec::new(),
            excluded: Vec::new(),
            front_matter: FrontMatter::find(text),
            dates: Vec::new(),
            citations: std::sync::OnceLock::new(),
            parsed_urls: std::sync::OnceLock::new(),
        };
        match format {
            Format::Markdown => markdown::parse(&mut document),
            Format::Plain => plain::parse(&mut document),
        }
        document.finish();
        document
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// The URL of link `index` as the `url` crate parses it (`None` for no such link).
    pub fn parsed_url(&self, index: usize) -> Option<Result<&::url::Url, ::url::ParseError>> {
        let parsed = self.parsed_urls.get_or_init(|| {
            self.links
                .iter()
                .map(|link| ::url::Url::parse(&link.url))
                .collect()
        });
        parsed.get(index).map(|p| p.as_ref().map_err(|e| *e))
    }

    /// The note definition whose span contains `span`.
    pub fn note_at(&self, span: Span) -> Option<usize> {
        let index = self
            .note_defs
            .partition_point(|d| d.span.start <= span.start);
        let candidate = index.checked_sub(1)?;
        self.note_defs[candidate]
            .span
            .contains(span)
            .then_some(candidate)
    }

    /// Whether the document writes its notes as superscripts (`¹ Title…`).
    pub fn uses_superscript_notes(&self) -> bool {
        self.note_defs
            .iter()
            .any(|d| d.syntax == NoteSyntax::Superscript)
    }

    /// Shared post-processing: order everything by position and attach notes.
    fn finish(&mut self) {
        endnotes::read(self);
        self.note_defs.sort_by_key(|d| d.span.start);
        self.note_refs.sort_by_key(|r| r.span.start);
        self.note_refs.dedup_by_key(|r| r.span);
        // A definition's own label is not a reference to it.
        let defs = &self.note_defs;
        self.note_refs.retain(|r| {
            let after = defs.partition_point(|d| d.label.start <= r.span.start);
            after == 0 || !defs[after - 1].label.contains(r.span)
        });
        self.excluded.sort_by_key(|s| s.start);
        for block in 0..self.blocks.len() {
            self.blocks[block].note = self.note_at(self.blocks[block].span);
        }
        for link in 0..self.links.len() {
            self.links[link].note = self.note_at(self.links[link].span);
        }
        self.links.sort_by_key(|l| l.span.start);
        self.links.dedup_by_key(|l| l.span);
        self.dates = date::find_dates(self);
    }

    /// Adds superscript markers and bare or angle-bracket URLs found in one text run.
    fn scan_text_run(&mut self, run: TextRun) {
        let run_text = run.span.text(self.text);
        for marker in notes::superscript_markers(self.text, run.span) {
            self.note_refs.push(NoteRef {
                id: marker.id,
                span: marker.span,
                syntax: NoteSyntax::Superscript,
                exponent_like: marker.exponent_like,
            });
        }
        for found in url::find_urls(run_text) {
            self.links.push(Link {
                url: found.url.to_string(),
                span: Span::new(run.span.start + found.start, run.span.start + found.end),
                style: found.style,
                note: None,
            });
        }
        self.text_runs.push(run);
    }

    /// Splits a paragraph into superscript note definitions, one per line that starts with
    /// superscript digits. Returns false when the paragraph holds none.
    fn split_superscript_definitions(&mut self, paragraph: Span) -> bool {
        let defs = notes::superscript_definitions(self.text, paragraph);
        if defs.is_empty() {
            return false;
        }
        self.note_defs.extend(defs);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_extension() {
        assert_eq!(Format::from_path("a/b.txt"), Format::Plain);
        assert_eq!(Format::from_path("a/b.md"), Format::Markdown);
        assert_eq!(Format::from_path("-"), Format::Markdown);
    }

    #[test]
    fn note_numbers_are_plain_digits_only() {
        assert_eq!(note_number("12"), Some(12));
        assert_eq!(note_number("a1"), None);
        assert_eq!(note_number(""), None);
    }
}
