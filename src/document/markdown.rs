//! Markdown structure from pulldown-cmark's offset iterator.
//!
//! Old-style footnotes are enabled on purpose: with `ENABLE_FOOTNOTES` pulldown-cmark turns
//! an undefined `[^3]` into plain text, and copydesk must report it.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::notes::{bracket_definition, bracket_id, close_definition};
use super::{
    Block, BlockKind, Document, Link, LinkStyle, NoteDef, NoteRef, NoteSyntax, Span, TextRun,
};

fn options() -> Options {
    Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// What an open container contributes to the kind of the prose inside it.
fn block_kind(tag: &Tag<'_>) -> Option<BlockKind> {
    Some(match tag {
        Tag::Paragraph => BlockKind::Paragraph,
        Tag::Heading { .. } => BlockKind::Heading,
        Tag::Item => BlockKind::ListItem,
        Tag::TableCell => BlockKind::TableCell,
        _ => return None,
    })
}

pub(super) fn parse(document: &mut Document<'_>) {
    let text = document.text;
    let mut parser = Parser::new_ext(text, options()).into_offset_iter();
    // Open prose blocks, innermost last: (index into document.blocks, is a paragraph).
    let mut open_blocks: Vec<(usize, bool)> = Vec::new();
    let mut quote_depth = 0usize;
    let mut excluded_depth = 0usize;
    let mut excluded_start = 0usize;
    let mut open_note: Option<(usize, String)> = None;
    let mut runs: Vec<TextRun> = Vec::new();

    for (event, range) in parser.by_ref() {
        let span = Span::new(range.start, range.end);
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                if excluded_depth == 0 {
                    excluded_start = span.start;
                }
                excluded_depth += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                excluded_depth = excluded_depth.saturating_sub(1);
                if excluded_depth == 0 {
                    document.excluded.push(Span::new(excluded_start, span.end));
                }
            }
            _ if excluded_depth > 0 => {}
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {
                document.excluded.push(span);
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                open_note = Some((span.start, label.to_string()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((start, label)) = open_note.take() {
                    push_bracket_definition(document, Span::new(start, span.end), &label);
                }
            }
            Event::FootnoteReference(label) => document.note_refs.push(NoteRef {
                id: bracket_id(&label),
                span,
                syntax: NoteSyntax::Bracket,
                exponent_like: false,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                document.link_sites.push(span);
                if let Some(link) = link_from_markdown(text, span, link_type, &dest_url) {
                    document.links.push(link);
                }
            }
            Event::Start(tag) => {
                if let Some(kind) = block_kind(&tag) {
                    let kind = if quote_depth > 0 && kind == BlockKind::Paragraph {
                        BlockKind::BlockQuote
                    } else if kind == BlockKind::Paragraph
                        && open_blocks
                            .last()
                            .is_some_and(|&(i, _)| document.blocks[i].kind == BlockKind::ListItem)
                    {
                        BlockKind::ListItem
                    } else {
                        kind
                    };
                    open_blocks.push((document.blocks.len(), matches!(tag, Tag::Paragraph)));
                    document.blocks.push(Block {
                        kind,
                        span,
                        note: None,
                    });
                }
            }
            Event::End(end) => {
                let closes_block = matches!(
                    end,
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell
                );
                if closes_block && let Some((index, is_paragraph)) = open_blocks.pop() {
                    document.blocks[index].span.end =
                        span.end.max(document.blocks[index].span.start);
                    let outside_notes = open_note.is_none();
                    if is_paragraph && outside_notes {
                        document.split_superscript_definitions(document.blocks[index].span);
                    }
                }
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => {
                let Some(&(block, _)) = open_blocks.last() else {
                    continue;
                };
                let is_text = !matches!(event, Event::SoftBreak | Event::HardBreak);
                match runs.last_mut() {
                    Some(last) if last.block == block && last.span.end == span.start => {
                        last.span.end = span.end;
                    }
                    _ if is_text => runs.push(TextRun { span, block }),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    for (_, definition) in parser.reference_definitions().iter() {
        let span = Span::new(definition.span.start, definition.span.end);
        if let Some(url_span) = find_destination(text, span, &definition.dest) {
            document.links.push(Link {
                url: definition.dest.to_string(),
                span: url_span,
                style: LinkStyle::ReferenceDefinition,
                note: None,
            });
        }
    }
    for mut run in runs {
        // Trailing line breaks are not prose.
        run.span.end = run.span.start + run.span.text(text).trim_end().len();
        if !run.span.is_empty() {
            document.scan_text_run(run);
        }
    }
}

/// Records `[^id]: …`, finding the label in the source.
fn push_bracket_definition(document: &mut Document<'_>, span: Span, label: &str) {
    let source = span.text(document.text);
    let label_len = match bracket_definition(source) {
        Ok((rest, _)) => source.len() - rest.len(),
        Err(_) => 0,
    };
    let mut def = NoteDef {
        id: bracket_id(label),
        syntax: NoteSyntax::Bracket,
        span,
        label: Span::new(span.start, span.start + label_len),
        body: span,
    };
    close_definition(document.text, &mut def, span.end);
    document.note_defs.push(def);
}

/// A link whose URL is written at this spot: autolinks and inline links.
fn link_from_markdown(text: &str, span: Span, link_type: LinkType, dest: &str) -> Option<Link> {
    let (url_span, style) = match link_type {
        LinkType::Autolink if span.len() >= 2 => {
            (Span::new(span.start + 1, span.end - 1), LinkStyle::Angle)
        }
        LinkType::Inline => (find_destination(text, span, dest)?, LinkStyle::Inline),
        _ => return None,
    };
    Some(Link {
        url: url_span.text(text).to_string(),
        span: url_span,
        style,
        note: None,
    })
}

/// The span of a link destination inside the source of its link or definition.
fn find_destination(text: &str, span: Span, dest: &str) -> Option<Span> {
    if dest.is_empty() {
        return None;
    }
    let source = span.text(text);
    let at = source.rfind(dest)?;
    Some(Span::new(span.start + at, span.start + at + dest.len()))
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format, LinkStyle};

    fn parse(text: &str) -> Document<'_> {
        Document::parse(text, Format::Markdown)
    }

    #[test]
    fn undefined_bracket_reference_is_kept() {
        let doc = parse("Text[^3] here.\n");
        assert_eq!(doc.note_refs.len(), 1);
        assert_eq!(doc.note_refs[0].id, "3");
        assert!(doc.note_defs.is_empty());
    }

    #[test]
    fn reference_followed_by_colon_mid_line_is_a_reference() {
        let doc = parse("Launching Pad[^1]: Jonathan wrote.\n\n[^1]: Source.\n");
        assert_eq!(doc.note_refs.len(), 1);
        assert_eq!(doc.note_defs.len(), 1);
        assert_eq!(doc.slice(doc.note_defs[0].body), "Source.");
    }

    #[test]
    fn code_and_comments_hide_notes() {
        let doc = parse("Prose.\n\n```\n[^9] and ¹\n```\n\n`[^8]` <!-- [^7] -->\n");
        assert!(doc.note_refs.is_empty());
        assert!(doc.excluded.len() >= 3);
    }

    #[test]
    fn superscript_definitions_and_links() {
        let text = "Claim¹.\n\n¹ *Title*. 2023. <https://a.org/x>\n\n[r]: https://b.org/y\n\nSee [it](https://c.org/z).\n";
        let doc = parse(text);
        assert_eq!(doc.note_refs.len(), 1);
        assert_eq!(doc.note_defs.len(), 1);
        assert_eq!(doc.note_defs[0].id, "1");
        let links: Vec<_> = doc
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.style, l.note))
            .collect();
        assert_eq!(
            links,
            [
                ("https://a.org/x", LinkStyle::Angle, Some(0)),
                ("https://b.org/y", LinkStyle::ReferenceDefinition, None),
                ("https://c.org/z", LinkStyle::Inline, None),
            ]
        );
        for link in &doc.links {
            assert_eq!(doc.slice(link.span), link.url);
        }
    }

    #[test]
    fn front_matter_is_excluded() {
        let doc = parse("---\ntitle: a[^1]\ndate: 2020-01-01\n---\nBody.\n");
        assert!(doc.note_refs.is_empty());
        assert!(doc.front_matter.is_some());
    }
}
