//! Endnotes as think tanks, newsletters and papers turned into Markdown write them: `[1]`
//! markers in the text and a numbered list under a `Notes` (`References`, `Endnotes`,
//! `Notas`, `Referencias`…) heading, as `1. …`, `1) …` or `[1] …` lines.
//!
//! A `[1]` in prose is a note marker only in a document with such a section, so that
//! `[1]` in a quotation, `[sic]` or a link label elsewhere is never taken for one. Code
//! and comments are not prose, so an array index never reaches here.

use super::{BlockKind, Document, NoteDef, NoteRef, NoteSyntax, Span};

/// Headings that open an endnotes section, lower-cased, in English and Spanish.
const SECTION_HEADINGS: [&str; 12] = [
    "notes",
    "endnotes",
    "footnotes",
    "references",
    "sources",
    "notes and references",
    "notas",
    "notas al pie",
    "referencias",
    "fuentes",
    "notas y referencias",
    "bibliografía y notas",
];

/// The longest note number read: `[2019]` is a year, not note two thousand and nineteen.
const MAX_DIGITS: usize = 3;

/// Reads the endnote section and the `[n]` markers that point into it.
pub(super) fn read(document: &mut Document<'_>) {
    let Some(section) = section(document) else {
        return;
    };
    let defs = definitions(document.text, section);
    if defs.is_empty() {
        return;
    }
    let markers = markers(document, section.start);
    document.note_defs.extend(defs);
    document.note_refs.extend(markers);
}

/// The text under the last endnotes heading, to the next heading or the end. In plain
/// text the heading is any line of its own that reads `Notes`, `Notas`…
fn section(document: &Document<'_>) -> Option<Span> {
    let blocks = &document.blocks;
    let is_title = |i: usize| {
        let block = blocks[i];
        if !matches!(block.kind, BlockKind::Heading | BlockKind::Paragraph) {
            return false;
        }
        let title = document
            .slice(block.span)
            .trim()
            .trim_start_matches('#')
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_lowercase();
        SECTION_HEADINGS.contains(&title.as_str())
    };
    let title = (0..blocks.len()).rev().find(|&i| is_title(i))?;
    let start = blocks[title].span.end;
    let end = blocks[title + 1..]
        .iter()
        .find(|b| b.kind == BlockKind::Heading)
        .map_or(document.text.len(), |b| b.span.start);
    (start < end).then(|| Span::new(start, end))
}

/// The number and the label's length of a line that opens a note: `1. `, `1) `, `[1] `.
fn note_label(line: &str) -> Option<(&str, usize)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let (number, after) = if let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        (&inner[..close], &inner[close + 1..])
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = rest[digits..].strip_prefix(['.', ')'])?;
        (&rest[..digits], after)
    };
    let is_number = !number.is_empty()
        && number.len() <= MAX_DIGITS
        && number.bytes().all(|b| b.is_ascii_digit());
    let spaced = after.starts_with([' ', '\t']) && !after.trim().is_empty();
    (is_number && spaced).then(|| (number, line.len() - after.len()))
}

/// One definition per numbered line of the section; a definition runs on to the next
/// numbered line, a blank line or the section's end.
fn definitions(text: &str, section: Span) -> Vec<NoteDef> {
    let mut defs: Vec<NoteDef> = Vec::new();
    let mut open = false;
    let mut at = section.start;
    for line in text[section.start..section.end].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() {
            open = false;
            continue;
        }
        if let Some((number, label_len)) = note_label(content) {
            let indent = content.len() - content.trim_start().len();
            let label = Span::new(start + indent, start + label_len);
            let end = start + content.len();
            defs.push(NoteDef {
                id: number.trim_start_matches('0').to_string(),
                syntax: NoteSyntax::Numbered,
                span: Span::new(label.start, end),
                label,
                body: Span::new(start + label_len, end),
            });
            open = true;
        } else if open && let Some(def) = defs.last_mut() {
            let end = start + content.len();
            def.span.end = end;
            def.body.end = end;
        }
    }
    defs
}

/// `[n]` in the prose before the section, outside links (`[1](https://…)` is a link).
fn markers(document: &Document<'_>, before: usize) -> Vec<NoteRef> {
    let text = document.text;
    let mut found = Vec::new();
    for run in document.text_runs.iter().filter(|r| r.span.end <= before) {
        let run_text = run.span.text(text);
        let mut from = 0;
        while let Some(open) = run_text[from..].find('[').map(|at| from + at) {
            from = open + 1;
            let inner = &run_text[open + 1..];
            let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > MAX_DIGITS || !inner[digits..].starts_with(']') {
                continue;
            }
            let start = run.span.start + open;
            let span = Span::new(start, start + digits + 2);
            let follows = text[span.end..].chars().next();
            if matches!(follows, Some('(' | ':' | '[')) || in_link(document, span) {
                continue;
            }
            found.push(NoteRef {
                id: inner[..digits].trim_start_matches('0').to_string(),
                span,
                syntax: NoteSyntax::Numbered,
                exponent_like: false,
            });
        }
    }
    found
}

fn in_link(document: &Document<'_>, span: Span) -> bool {
    let sites = &document.link_sites;
    let after = sites.partition_point(|site| site.start <= span.start);
    after > 0 && sites[after - 1].contains(span)
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format, NoteSyntax};

    fn notes(text: &str, format: Format) -> (Vec<String>, Vec<String>) {
        let document = Document::parse(text, format);
        let numbered = |syntax| syntax == NoteSyntax::Numbered;
        (
            document
                .note_refs
                .iter()
                .filter(|r| numbered(r.syntax))
                .map(|r| r.id.clone())
                .collect(),
            document
                .note_defs
                .iter()
                .filter(|d| numbered(d.syntax))
                .map(|d| format!("{}={}", d.id, document.slice(d.body).trim()))
                .collect(),
        )
    }

    #[test]
    fn bracket_markers_and_a_numbered_notes_section() {
        let text = "Exports grew 45 % in 2019 [1]. Grain led [2]. Again [1].\n\n## Notes\n\n\
                    1. Trade office, *Exports*, 2020.\n2. Grain board,\n   *Annual report*, 2021.\n";
        let (refs, defs) = notes(text, Format::Markdown);
        assert_eq!(refs, ["1", "2", "1"]);
        assert_eq!(
            defs,
            [
                "1=Trade office, *Exports*, 2020.",
                "2=Grain board,\n   *Annual report*, 2021."
            ]
        );
    }

    #[test]
    fn bracketed_definitions_in_plain_text_and_spanish_headings() {
        let text = "Las exportaciones crecieron[1] y luego cayeron[2].\n\nNotas\n\n\
                    [1] Aduanas, informe anual, 2020.\n[2] Banco central, boletín, 2021.\n";
        let (refs, defs) = notes(text, Format::Plain);
        assert_eq!(refs, ["1", "2"]);
        assert_eq!(defs.len(), 2, "{defs:?}");
    }

    #[test]
    fn no_section_no_markers_and_traps_stay_prose() {
        let without = "A quote [1] and [sic] and [2019] here.\n";
        assert_eq!(notes(without, Format::Markdown), (vec![], vec![]));
        let with = "A [citation needed] and `a[1]` and [1](https://x.org) and [2019] but [3].\n\n\
                    ## References\n\n3. Source three, 2020.\n\n[1]: https://example.org/one\n";
        let (refs, defs) = notes(with, Format::Markdown);
        assert_eq!(refs, ["3"]);
        assert_eq!(defs, ["3=Source three, 2020."]);
    }
}
