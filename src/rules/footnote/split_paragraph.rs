use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Block, BlockKind, Document, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a block of note definitions that cuts a paragraph in two mid-sentence, as
    /// happens when an article is pasted from the pages of a PDF: the paragraph before
    /// the notes stops without ending its sentence, and the text after them goes on.
    ///
    /// A paragraph that ends its sentence (`.`, `?`, `!`, `:`, `…`, a closing quotation
    /// mark or bracket) is never reported, nor a short line such as a label, nor notes
    /// followed by a heading, a list or code.
    ///
    /// ## Why is this bad
    /// The reader meets the notes in the middle of a sentence, and in print or on the web
    /// the two halves show as two paragraphs.
    ///
    /// ## Example
    /// ```markdown
    /// The minister said that the port would
    ///
    /// [^1]: Port authority, annual report, 2023.
    ///
    /// reopen in the spring.[^1]
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The minister said that the port would reopen in the spring.[^1]
    ///
    /// [^1]: Port authority, annual report, 2023.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix joins the two halves with a space and moves the notes, unchanged,
    /// after the joined paragraph. No word is changed.
    ///
    /// ## Options
    /// None.
    pub static FOOTNOTE_SPLIT_PARAGRAPH = {
        name: "footnote-split-paragraph",
        code: "CD105",
        severity: Warning,
        enabled_by_default: true,
        fixes: Safe,
        summary: "A block of notes that cuts a paragraph mid-sentence",
        check: check,
    };
}

/// Fewer words than this before the notes is a label or a line of its own, not a
/// sentence cut short.
const MIN_WORDS: usize = 6;

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let blocks = &document.blocks;
    let notes_of = note_of_each_block(document);
    let mut index = 0;
    while index < blocks.len() {
        let before = blocks[index];
        let notes_end = notes_of[index + 1..]
            .iter()
            .position(Option::is_none)
            .map_or(blocks.len(), |at| index + 1 + at);
        index += 1;
        if notes_end == index || notes_end == blocks.len() || notes_of[index - 1].is_some() {
            continue;
        }
        let after = blocks[notes_end];
        if !is_paragraph(before) || !is_paragraph(after) {
            continue;
        }
        // The definitions whole, labels included (a block holds only a note's text).
        let defs = notes_of[index..notes_end]
            .iter()
            .filter_map(|def| document.note_defs.get((*def)?));
        let Some(first) = defs.clone().min_by_key(|def| def.span.start) else {
            continue;
        };
        let notes = defs.fold(first.span, |all, def| {
            Span::new(all.start.min(def.span.start), all.end.max(def.span.end))
        });
        let Some(cut) = cut_sentence(document, before, notes, after) else {
            continue;
        };
        diagnostics.push(split(document, cut, notes, after));
    }
}

/// The note definition each block belongs to, if any: the parser marks some, and a
/// block inside a definition's span belongs to it.
fn note_of_each_block(document: &Document<'_>) -> Vec<Option<usize>> {
    let defs = &document.note_defs;
    let mut next = 0;
    document
        .blocks
        .iter()
        .map(|block| {
            while next < defs.len() && defs[next].span.end <= block.span.start {
                next += 1;
            }
            block.note.or_else(|| {
                defs.get(next)
                    .filter(|def| def.span.start <= block.span.start)
                    .map(|_| next)
            })
        })
        .collect()
}

fn is_paragraph(block: Block) -> bool {
    block.kind == BlockKind::Paragraph
}

/// The end of the text before the notes (note markers included), when its sentence is
/// cut by them: nothing but blank lines around the notes, and no sentence end.
fn cut_sentence(
    document: &Document<'_>,
    before: Block,
    notes: Span,
    after: Block,
) -> Option<usize> {
    let text = document.text;
    let gaps = [before.span.end..notes.start, notes.end..after.span.start];
    if gaps.iter().any(|gap| {
        text.get(gap.clone())
            .is_none_or(|between| !between.trim().is_empty())
    }) {
        return None;
    }
    let written = text[before.span.start..before.span.end].trim_end();
    let end = before.span.start + written.len();
    if written.split_whitespace().count() < MIN_WORDS {
        return None;
    }
    // The last character that is not a note marker.
    let markers_from = document
        .note_refs
        .iter()
        .filter(|r| r.span.end <= end && r.span.start >= before.span.start)
        .rev()
        .try_fold(end, |at, marker| {
            let between = text.get(marker.span.end..at)?;
            between.trim().is_empty().then_some(marker.span.start)
        })
        .unwrap_or(end);
    let last = text[before.span.start..markers_from]
        .trim_end()
        .chars()
        .next_back()?;
    let mid_sentence = last.is_alphanumeric() || matches!(last, ',' | ';' | '-' | '–' | '—');
    mid_sentence.then_some(end)
}

fn split(document: &Document<'_>, cut: usize, notes: Span, after: Block) -> Diagnostic {
    let text = document.text;
    let line_ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let last_word_start = text[..cut]
        .rfind(char::is_whitespace)
        .map_or(0, |at| at + 1);
    let after_text = text[after.span.start..after.span.end].trim_end();
    let after_end = after.span.start + after_text.len();
    let first_word_end = after_text
        .find(char::is_whitespace)
        .map_or(after_end, |at| after.span.start + at);
    let block = &text[notes.start..notes.end];
    let fix = Fix {
        title: "Join the paragraph and move the notes after it".to_string(),
        applicability: Applicability::Safe,
        edits: vec![
            Edit {
                span: Span::new(cut, after.span.start),
                content: " ".to_string(),
            },
            Edit {
                span: Span::new(after_end, after_end),
                content: format!("{line_ending}{line_ending}{}", block.trim_end()),
            },
        ],
    };
    Diagnostic::new(
        &FOOTNOTE_SPLIT_PARAGRAPH,
        Span::new(last_word_start, cut),
        "notes cut this paragraph mid-sentence: the sentence goes on after them",
    )
    .with_label(
        Span::new(after.span.start, first_word_end),
        "the sentence goes on here",
    )
    .with_fix(fix)
}

#[cfg(test)]
mod tests {
    use super::FOOTNOTE_SPLIT_PARAGRAPH;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_where_notes_cut_a_sentence() {
        let text = "The council voted on Tuesday to close the old bridge to\n\n\
                    ¹ Council minutes, 4 May 2021.\n\n² Road survey, 2020.\n\n\
                    lorries, citing its age.¹²\n";
        assert_eq!(
            flagged(&FOOTNOTE_SPLIT_PARAGRAPH, text, Format::Plain),
            ["to"]
        );
    }

    #[test]
    fn silent_where_the_sentence_ends_or_nothing_follows() {
        for text in [
            "The council voted on Tuesday to close the old bridge.¹\n\n\
             ¹ Council minutes, 4 May 2021.\n\nLorries now go round by the ring road.\n",
            "The council voted on Tuesday to close the bridge:\n\n\
             ¹ Council minutes.\n\nlorries, vans and buses.\n",
            "The council voted on Tuesday to close the old bridge to\n\n\
             ¹ Council minutes, 4 May 2021.\n",
            "Notes and sources\n\n¹ Council minutes, 4 May 2021.\n\nlater text here.\n",
        ] {
            assert!(
                flagged(&FOOTNOTE_SPLIT_PARAGRAPH, text, Format::Plain).is_empty(),
                "{text}"
            );
        }
        let heading_after = "The council voted on Tuesday to close the old bridge to\n\n\
                             [^1]: Council minutes.\n\n## Traffic\n\nLorries go round.\n";
        assert!(flagged(&FOOTNOTE_SPLIT_PARAGRAPH, heading_after, Format::Markdown).is_empty());
    }
}
