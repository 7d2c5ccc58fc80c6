//! The capitalised words of a document's prose that may be (part of) a proper name,
//! each with the words of the same name beside it.

use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::char::is_combining_mark;

use super::data::is_data;
use super::not_names::is_not_name;
use super::{in_link, scope_of};
use crate::document::lang::{Lang, passage_language};
use crate::document::{BlockKind, Document, Span};

/// One capitalised word that may be (part of) a proper name.
#[derive(Debug, Clone)]
pub struct NameToken<'a> {
    /// The word without a possessive `'s`.
    pub span: Span,
    pub text: &'a str,
    /// First word of a sentence or block: its capital proves nothing.
    pub initial: bool,
    pub heading: bool,
    pub lang: Lang,
    /// The capitalised words just before and after it in the same name, if any.
    pub prev: Option<usize>,
    pub next: Option<usize>,
    /// The initial written just before it (`H` in `D. H. Lawrence`).
    pub after_initial: Option<&'a str>,
    /// Set off as a word rather than used: `*Bodmyn*`, `''Bodmyn''`, `"Bodmyn"`.
    pub mentioned: bool,
}

/// Lower-case words that may sit inside a name (`Juan de la Cruz`, `Mohammed bin Salman`).
const PARTICLES: &[&str] = &[
    "al", "bin", "bint", "ibn", "da", "das", "de", "del", "della", "der", "den", "di", "do", "dos",
    "du", "el", "la", "le", "van", "von", "y", "e", "ul", "ur", "ad", "ash", "as",
];

/// Whether a lower-case word may sit inside a name; the length test skips the list for
/// most words.
fn is_particle(word: &str) -> bool {
    word.len() <= 4 && PARTICLES.contains(&word)
}

/// Markup characters that may sit between the words of one name in the source.
fn is_markup(c: char) -> bool {
    matches!(c, '*' | '_' | '~')
}

/// Characters that may open a sentence before its first word.
fn is_opener(c: char) -> bool {
    is_markup(c)
        || c.is_whitespace()
        || crate::document::notes::superscript_value(c).is_some()
        || matches!(
            c,
            '"' | '\''
                | '“'
                | '‘'
                | '«'
                | '('
                | '['
                | '¡'
                | '¿'
                | '>'
                | '-'
                | '–'
                | '—'
                | '•'
                | '#'
        )
}

/// Whether the word at `start` opens a sentence: only openers lie between it and the start
/// of its block or the previous sentence end.
fn opens_sentence(text: &str, block_start: usize, start: usize) -> bool {
    let Some(before) = text.get(block_start..start) else {
        return true;
    };
    match before.chars().rev().find(|&c| !is_opener(c)) {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';' | '…'),
    }
}

/// Whether `word` is capitalised mixed case (`Piñera`, `GitHub`) rather than an acronym
/// (`ISW`) or a lower-case word.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase() && chars.any(|c| c.is_lowercase())
}

/// The capitalised words of `run`: letters (with combining marks and inner apostrophes)
/// starting with an upper-case letter. Hyphens and digits end a word; lower-case words
/// are left out, since the caller reads the gaps between names as text.
fn words(text: &str, run: Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let Some(slice) = text.get(run.start..run.end) else {
        return spans;
    };
    let bytes = slice.as_bytes();
    let is_letter = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            c.is_alphabetic() || is_combining_mark(c)
        }
    };
    // Where the word that holds the letter at `i` ends.
    let word_end = |mut i: usize| {
        while let Some(c) = slice[i..].chars().next() {
            let inner_apostrophe = matches!(c, '\'' | '’')
                && slice[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic);
            if !(is_letter(c) || inner_apostrophe) {
                break;
            }
            i += c.len_utf8();
        }
        i
    };
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next byte that could open a capitalised word: lower-case ASCII and
        // punctuation, most of the text, are skipped in a tight loop.
        let Some(skip) = bytes[i..]
            .iter()
            .position(|b| b.is_ascii_uppercase() || *b >= 0x80)
        else {
            break;
        };
        i += skip;
        let Some(c) = slice[i..].chars().next() else {
            break;
        };
        let previous = slice[..i].chars().next_back();
        if previous.is_some_and(is_letter) || !c.is_alphabetic() {
            // Inside a word (`GitHub`, `está`) or not a letter: move past it.
            i = if c.is_alphabetic() {
                word_end(i)
            } else {
                i + c.len_utf8()
            };
            continue;
        }
        let end = word_end(i);
        // A word glued to digits (`TB2`) is a model, not a name word.
        let glued = previous.is_some_and(|p| p.is_ascii_digit())
            || slice[end..].starts_with(|n: char| n.is_ascii_digit());
        if c.is_uppercase() && !glued {
            spans.push(Span::new(run.start + i, run.start + end));
        }
        i = end.max(i + c.len_utf8());
    }
    spans
}

/// Drops a possessive ending: `Morales's`, `Piñera’s`, `Reyes'`.
fn strip_possessive(text: &str, span: Span) -> Span {
    let word = span.text(text);
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(rest) = word.strip_suffix(suffix) {
            return Span::new(span.start, span.start + rest.len());
        }
    }
    span
}

/// `H.` in `D. H. Lawrence`.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Whether only name glue (spaces, one hyphen, markup, particles, initials) lies between
/// two words.
fn joined(gap: &str) -> bool {
    if gap.is_empty() || gap.len() > 16 || gap.matches('-').count() > 1 {
        return false;
    }
    gap.split(|c: char| c.is_whitespace() || c == '-' || is_markup(c))
        .all(|w| w.is_empty() || is_particle(w) || is_initial(w))
}

/// Whether the word is wrapped alone in emphasis or quotes, as a word under discussion.
fn is_mentioned(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => {
            (b == a && matches!(b, '*' | '_' | '\'' | '"'))
                || (b == '“' && a == '”')
                || (b == '‘' && a == '’')
        }
        _ => false,
    }
}

/// Capitalised words of the document's prose, in text order.
pub fn name_tokens<'a>(document: &Document<'a>) -> Vec<NameToken<'a>> {
    let text = document.text;
    let mut tokens: Vec<NameToken<'a>> = Vec::new();
    let mut langs: HashMap<Span, Lang> = HashMap::default();
    // The previous capitalised word and where it ended, within the current block.
    let mut last: Option<(usize, usize)> = None;
    let mut last_block = usize::MAX;
    // The last initial (`H.`) and where its period ends.
    let mut initial_before: Option<(&'a str, usize)> = None;
    for run in &document.text_runs {
        let Some(block) = document.blocks.get(run.block) else {
            continue;
        };
        if run.block != last_block {
            last = None;
            last_block = run.block;
        }
        // Notes are often titles in the source's language; judge them on their own.
        let scope = scope_of(document, run);
        let heading = block.kind == BlockKind::Heading;
        let words = words(text, run.span);
        if words.is_empty() {
            continue;
        }
        let lang = *langs
            .entry(scope)
            .or_insert_with(|| passage_language(scope.text(text)));
        for word in words {
            let raw = word.text(text);
            if in_link(document, word) {
                last = None;
                continue;
            }
            if !is_capitalised(raw) {
                let initial = raw.chars().count() == 1
                    && raw.chars().all(char::is_uppercase)
                    && text[word.end..].starts_with('.');
                if initial {
                    initial_before = Some((raw, word.end + 1));
                } else if !is_particle(raw) {
                    last = None;
                }
                continue;
            }
            let span = strip_possessive(text, word);
            let word_text = span.text(text);
            // `RNLI's` is an acronym with a possessive, not a capitalised word.
            if !is_capitalised(word_text) {
                last = None;
                continue;
            }
            if is_not_name(word_text) || is_data(text, word, block.kind == BlockKind::TableCell) {
                last = None;
                initial_before = None;
                continue;
            }
            let after_initial = initial_before
                .take()
                .filter(|&(_, end)| {
                    text.get(end..span.start)
                        .is_some_and(|g| g.trim().is_empty())
                })
                .map(|(letter, _)| letter);
            let initial = opens_sentence(text, scope.start.max(block.span.start), span.start);
            let index = tokens.len();
            let prev = last
                .filter(|&(_, end)| text.get(end..span.start).is_some_and(joined))
                .map(|(i, _)| i);
            if let Some(p) = prev {
                tokens[p].next = Some(index);
            }
            tokens.push(NameToken {
                span,
                text: word_text,
                initial,
                heading,
                lang,
                prev,
                next: None,
                after_initial,
                mentioned: is_mentioned(text, span),
            });
            last = (span == word).then_some((index, word.end));
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn tokens_know_neighbours_and_sentence_starts() {
        let text =
            "President Sebastián Piñera spoke. Piñera's office and Juan de la Cruz agreed.\n";
        let document = Document::parse(text, Format::Markdown);
        let tokens = name_tokens(&document);
        let words: Vec<_> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Sebastián", "Piñera", "Piñera", "Juan", "Cruz"]);
        assert_eq!(tokens[1].prev, Some(0));
        assert!(tokens[2].initial);
        assert!(!tokens[1].initial);
        assert_eq!(tokens[3].next, Some(4));
    }
}
