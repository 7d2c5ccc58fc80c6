//! Plain text: paragraphs separated by blank lines.
//!
//! Plain articles still borrow a little Markdown (fenced code, `<!-- -->` comments,
//! `` `code` ``, `- ` list items, `[^id]` notes), and those are honoured so that code and
//! comments never produce prose findings.

use super::notes::{bracket_definition, bracket_id, bracket_ref, close_definition};
use super::{Block, BlockKind, Document, NoteDef, NoteRef, NoteSyntax, Span, TextRun};

pub(super) fn parse(document: &mut Document<'_>) {
    let text = document.text;
    let body_start = document.front_matter.as_ref().map_or(0, |f| f.span.end);
    if body_start > 0 {
        document.excluded.push(Span::new(0, body_start));
    }
    let mut comments_and_code = html_comments(text, body_start);
    let mut paragraph: Option<Span> = None;
    let mut fence: Option<(usize, &str)> = None;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let line_span = Span::new(offset, offset + line.len());
        offset += line.len();
        let trimmed = line.trim();
        if let Some((fence_start, marker)) = fence {
            if trimmed.starts_with(marker) {
                comments_and_code.push(Span::new(fence_start, line_span.end));
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if let Some(p) = paragraph.take() {
                push_paragraph(document, p, &comments_and_code);
            }
            fence = Some((line_span.start, &trimmed[..3]));
            continue;
        }
        // A line that is all comment (a suppression) parts paragraphs as a blank line
        // does, so that the note line under it still opens its definition.
        if trimmed.is_empty() || is_comment_line(line, line_span, &comments_and_code) {
            if let Some(p) = paragraph.take() {
                push_paragraph(document, p, &comments_and_code);
            }
            continue;
        }
        match paragraph.as_mut() {
            Some(p) => p.end = line_span.end,
            None => paragraph = Some(line_span),
        }
    }
    if let Some((fence_start, _)) = fence {
        comments_and_code.push(Span::new(fence_start, text.len()));
    }
    if let Some(p) = paragraph.take() {
        push_paragraph(document, p, &comments_and_code);
    }
    document.excluded.extend(comments_and_code);
}

/// Whether the line holds nothing but one comment.
fn is_comment_line(line: &str, span: Span, comments: &[Span]) -> bool {
    let start = span.start + (line.len() - line.trim_start().len());
    let end = span.start + line.trim_end().len();
    line.trim_start().starts_with("<!--")
        && comments.iter().any(|c| c.start <= start && end <= c.end)
}

/// `<!-- … -->` comments (an unclosed one runs to the end of the text).
fn html_comments(text: &str, from: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut at = from;
    while let Some(found) = text[at..].find("<!--") {
        let start = at + found;
        let end = text[start + 4..]
            .find("-->")
            .map_or(text.len(), |i| start + 4 + i + 3);
        spans.push(Span::new(start, end));
        at = end;
    }
    spans
}

/// `` `code` `` spans within one line.
fn inline_code(text: &str, line: Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let source = line.text(text);
    let mut at = 0;
    while let Some(open) = source[at..].find('`') {
        let start = at + open;
        let Some(close) = source[start + 1..].find('`') else {
            break;
        };
        let end = start + 1 + close + 1;
        spans.push(Span::new(line.start + start, line.start + end));
        at = end;
    }
    spans
}

fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits < 4
        && matches!(line.as_bytes().get(digits..digits + 2), Some(b". " | b") "))
}

/// A wikitext heading line: `==History==`, `=== Works ===`.
fn is_wiki_heading(line: &str) -> bool {
    let line = line.trim_end();
    line.len() > 4
        && line.len() <= 200
        && line.starts_with("==")
        && line.ends_with("==")
        && !line.trim_matches('=').trim().is_empty()
}

/// A heading in plain text: one short line, `#`-prefixed or mostly upper case, perhaps
/// followed by the lines of a title block (a subtitle, a byline, a dateline) that, like
/// the title, end without punctuation.
fn is_heading(paragraph: &str) -> bool {
    let mut lines = paragraph.lines();
    let Some(title) = lines.next() else {
        return false;
    };
    is_heading_line(title)
        && lines.all(|line| {
            let line = line.trim();
            line.len() <= 160
                && line.split_whitespace().count() <= 14
                && !line.ends_with(['.', '!', '?', ':', ';', ','])
                && !is_list_item(line)
        })
}

fn is_heading_line(paragraph: &str) -> bool {
    if paragraph.len() > 200 {
        return false;
    }
    if paragraph.starts_with('#') {
        return true;
    }
    let letters = paragraph.chars().filter(|c| c.is_alphabetic());
    let (upper, total) = letters.fold((0, 0), |(u, t), c| {
        (u + usize::from(c.is_uppercase()), t + 1)
    });
    total >= 4 && upper * 10 >= total * 8
}

fn push_paragraph(document: &mut Document<'_>, paragraph: Span, excluded: &[Span]) {
    let text = document.text;
    let paragraph = Span::new(
        paragraph.start,
        paragraph.start + paragraph.text(text).trim_end().len(),
    );
    if push_bracket_definitions(document, paragraph)
        || document.split_superscript_definitions(paragraph)
    {
        push_block(document, BlockKind::Paragraph, paragraph, excluded);
        return;
    }
    if is_heading(paragraph.text(text)) {
        push_block(document, BlockKind::Heading, paragraph, excluded);
        return;
    }
    // Each list item line starts a block of its own.
    let mut block: Option<(BlockKind, Span)> = None;
    let mut offset = paragraph.start;
    for line in paragraph.text(text).split_inclusive('\n') {
        let line_span = Span::new(offset, offset + line.len());
        offset += line.len();
        if is_wiki_heading(line) {
            if let Some((kind, span)) = block.take() {
                push_block(document, kind, span, excluded);
            }
            let heading = Span::new(line_span.start, line_span.start + line.trim_end().len());
            push_block(document, BlockKind::Heading, heading, excluded);
            continue;
        }
        match block.as_mut() {
            Some(_) if is_list_item(line) => {
                let (kind, span) = block.take().expect("checked above");
                push_block(document, kind, span, excluded);
                block = Some((BlockKind::ListItem, line_span));
            }
            Some((_, span)) => span.end = line_span.end,
            None => {
                let kind = if is_list_item(line) {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
                block = Some((kind, line_span));
            }
        }
    }
    if let Some((kind, span)) = block {
        push_block(document, kind, span, excluded);
    }
}

/// `[^id]: …` lines; a paragraph holds definitions only when its first line is one.
fn push_bracket_definitions(document: &mut Document<'_>, paragraph: Span) -> bool {
    let text = document.text;
    let mut defs: Vec<NoteDef> = Vec::new();
    let mut offset = paragraph.start;
    for line in paragraph.text(text).split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let Ok((rest, id)) = bracket_definition(line) else {
            if defs.is_empty() {
                return false;
            }
            continue;
        };
        if let Some(previous) = defs.last_mut() {
            close_definition(text, previous, line_start);
        }
        let label = Span::new(line_start, line_start + line.len() - rest.len());
        defs.push(NoteDef {
            id: bracket_id(id),
            syntax: NoteSyntax::Bracket,
            span: label,
            label,
            body: label,
        });
    }
    if let Some(last) = defs.last_mut() {
        close_definition(text, last, paragraph.end);
    }
    document.note_defs.extend(defs);
    true
}

/// Adds a block, and its prose as text runs with code and comments cut out.
fn push_block(document: &mut Document<'_>, kind: BlockKind, span: Span, excluded: &[Span]) {
    let text = document.text;
    let block = document.blocks.len();
    document.blocks.push(Block {
        kind,
        span,
        note: None,
    });
    let mut holes: Vec<Span> = excluded
        .iter()
        .filter(|e| e.start < span.end && e.end > span.start)
        .copied()
        .collect();
    let mut line_start = span.start;
    for line in span.text(text).split_inclusive('\n') {
        holes.extend(inline_code(
            text,
            Span::new(line_start, line_start + line.len()),
        ));
        line_start += line.len();
    }
    holes.sort_by_key(|h| h.start);
    document
        .excluded
        .extend(holes.iter().filter(|h| !excluded.contains(h)).copied());
    let mut cursor = span.start;
    for hole in holes
        .iter()
        .chain(std::iter::once(&Span::new(span.end, span.end)))
    {
        let end = hole.start.max(cursor).min(span.end);
        if end > cursor {
            push_run(
                document,
                TextRun {
                    span: Span::new(cursor, end),
                    block,
                },
            );
        }
        cursor = cursor.max(hole.end);
    }
}

fn push_run(document: &mut Document<'_>, run: TextRun) {
    let source = run.span.text(document.text);
    let mut at = 0;
    while let Some(found) = source[at..].find("[^") {
        let start = at + found;
        match bracket_ref(&source[start..]) {
            Ok((rest, id)) => {
                let end = source.len() - rest.len();
                document.note_refs.push(NoteRef {
                    id: bracket_id(id),
                    span: Span::new(run.span.start + start, run.span.start + end),
                    syntax: NoteSyntax::Bracket,
                    exponent_like: false,
                });
                at = end;
            }
            Err(_) => at = start + 2,
        }
    }
    document.scan_text_run(run);
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format, LinkStyle};

    fn parse(text: &str) -> Document<'_> {
        Document::parse(text, Format::Plain)
    }

    #[test]
    fn paragraphs_notes_and_links() {
        let text = "TITLE IN CAPITALS\n\nProse with a note¹ and [^a].\n\n¹ *Source*. 1/2/2023. <https://a.org/x>\n\n[^a]: Other, https://b.org/y\n";
        let doc = parse(text);
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading);
        let refs: Vec<_> = doc.note_refs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(refs, ["1", "a"]);
        let defs: Vec<_> = doc.note_defs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(defs, ["1", "a"]);
        assert_eq!(doc.links[0].style, LinkStyle::Angle);
        assert_eq!(doc.links[0].note, Some(0));
        assert_eq!(doc.links[1].style, LinkStyle::Bare);
        assert_eq!(doc.links[1].note, Some(1));
    }

    #[test]
    fn code_and_comments_are_not_prose() {
        let text =
            "Before.\n\n```\nnote¹ [^x]\n```\n\nA <!-- hidden [^y] --> and `code[^z]` here.\n";
        let doc = parse(text);
        assert!(doc.note_refs.is_empty());
        assert_eq!(doc.excluded.len(), 3);
    }

    #[test]
    fn unclosed_comment_before_a_definition_does_not_panic() {
        let doc = parse("Text <!-- open\n[^1]: x\n\nMore[^1].\n");
        assert!(doc.text_runs.iter().all(|r| r.span.start <= r.span.end));
    }

    #[test]
    fn a_suppression_above_a_note_line_leaves_it_a_note() {
        let text = "Rose¹ and fell².\n\n¹ One.\n<!-- copydesk-disable-next-line date -->\n² Two.\n";
        let document = parse(text);
        let ids: Vec<&str> = document.note_defs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["1", "2"]);
    }

    #[test]
    fn list_items_are_blocks() {
        let doc = parse("Intro line\n- first item\n- second item\n");
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
    }
}
