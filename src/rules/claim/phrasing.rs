//! What the words around a match say about it: a year or an identifier, a source named
//! after `according to`, speech reported after a verb, TeX, a quotation or a title.

use rustc_hash::FxHashSet as HashSet;

use crate::document::Span;

use super::signals::{Signal, SignalKind};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `span` of `text` starts and ends on word boundaries.
pub(super) fn on_word_boundaries(text: &str, span: Span) -> bool {
    let before = text
        .get(..span.start)
        .and_then(|t| t.chars().next_back())
        .is_some_and(is_word_char);
    let after = text
        .get(span.end..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_word_char);
    !before && !after
}

/// Whether a four-digit match reads as a year rather than part of a larger number, a
/// version or an identifier.
pub(super) fn is_year(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let mut back = before.chars().rev();
    let previous = back.next();
    let previous_2 = back.next();
    if let Some(p) = previous
        && (matches!(
            p,
            '.' | ',' | '#' | '$' | '€' | '£' | '/' | '_' | ':' | '+' | '=' | '-'
        ) && previous_2.is_some_and(|c| c.is_ascii_alphanumeric())
            || matches!(p, '#' | '$' | '€' | '£' | '_' | '=' | '+' | '\''))
    {
        return false;
    }
    // `2000 ETH`, `1738 MB`: an amount in a unit written as a code.
    let code = after
        .strip_prefix(' ')
        .map(|rest| {
            rest.split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
        })
        .unwrap_or("");
    if (2..=5).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let mut ahead = after.chars();
    let next = ahead.next();
    let next_2 = ahead.next();
    !(matches!(next, Some('.' | ',' | ':' | '/' | '_' | '×' | 'x'))
        && next_2.is_some_and(|c| c.is_ascii_digit())
        || matches!(next, Some('%' | '_' | '-' | '°'))
            && next_2.is_none_or(|c| !c.is_ascii_digit()))
}

/// Whether `according to` or `según` is followed by a source: a name or figure, or a
/// source noun (`the latest information`), skipping articles and adjectives.
pub(super) fn names_a_source(text: &str, span: Span, nouns: &HashSet<String>) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    for raw in after.split_whitespace().take(3) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_ascii_digit() || nouns.contains(word) {
            return true;
        }
        // The phrase ends at a comma: `according to him, …`.
        if raw.ends_with([',', ';', '.']) {
            break;
        }
    }
    false
}

/// Whether a reporting verb introduces what was said: `that` or `que` within the next four
/// words (`said in a statement that`), a pronoun and its verb (`said it would`), or a
/// quotation or colon right after it.
pub(super) fn reports_speech(text: &str, span: Span) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    let start = after.trim_start_matches([' ', ',', '\n']);
    if start.starts_with(['"', '“', '«', ':']) || after.starts_with(':') {
        return true;
    }
    let words: Vec<&str> = after
        .split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .collect();
    // `said it would`, `said they will`: the clause reported, without its `that`.
    let pronoun_clause = matches!(
        words.as_slice(),
        [pronoun, modal, ..]
            if matches!(*pronoun, "it" | "they" | "he" | "she")
                && matches!(*modal, "would" | "will" | "had" | "has" | "was" | "is" | "could")
    );
    pronoun_clause || words.iter().any(|w| matches!(*w, "that" | "que"))
}

/// Whether a reporting verb is used as an adjective or an idiom rather than to report:
/// `the intention declared by`, `the arguments indicated.`, `That said,`.
pub(super) fn is_participle(text: &str, span: Span) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    let next = after.chars().next();
    if matches!(next, Some('.' | ',' | ';' | ':' | ')' | '*')) || next.is_none() {
        return true;
    }
    let next_word = after
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next();
    if matches!(
        next_word,
        Some("by" | "above" | "below" | "earlier" | "before" | "por")
    ) {
        return true;
    }
    let before = text.get(..span.start).unwrap_or("").trim_end();
    let previous_word = before
        .rsplit(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    let passive = matches!(previous_word, "been" | "be" | "being" | "as" | "As")
        && !after.trim_start().starts_with("that");
    passive
        || before.ends_with("'s")
        || before.ends_with("’s")
        || (before.ends_with("That") || before.ends_with("that")) && after.starts_with(',')
}

/// Whether a `$` figure is TeX (`$2^{32}$`, `$15 * 2^{27}$`) rather than money.
pub(super) fn is_math(text: &str, span: Span) -> bool {
    let source = span.text(text);
    if !source.starts_with('$') {
        return false;
    }
    let before = text.get(..span.start).and_then(|t| t.chars().next_back());
    if matches!(before, Some('$' | '\\')) {
        return true;
    }
    let after = text.get(span.end..).unwrap_or("");
    let head: String = after.chars().take(4).collect();
    head.contains(['^', '\\', '{', '}', '$', '=', '*', '_'])
}

/// Opening quotation marks and the mark that closes each.
fn closing_quote(open: char) -> Option<char> {
    Some(match open {
        '"' => '"',
        '“' => '”',
        '«' => '»',
        _ => return None,
    })
}

/// Quotations of four or more words in `span`.
pub(super) fn quotations(text: &str, span: Span, out: &mut Vec<Signal>) {
    let Some(source) = text.get(span.start..span.end) else {
        return;
    };
    let bytes = source.as_bytes();
    let mut at = 0;
    // `"`, and the lead bytes of `“` (E2 80 9C) and `«` (C2 AB).
    while let Some(offset) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[at..]) {
        let start = at + offset;
        let Some(open) = source.get(start..).and_then(|t| t.chars().next()) else {
            at = start + 1;
            continue;
        };
        let Some(close) = closing_quote(open) else {
            at = start + open.len_utf8();
            continue;
        };
        let inner_start = start + open.len_utf8();
        let Some(length) = source[inner_start..].find(close) else {
            break;
        };
        let end = inner_start + length + close.len_utf8();
        if source[..start].ends_with('=') {
            at = end;
            continue;
        }
        let inner = &source[inner_start..inner_start + length];
        let words = inner
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if words >= 4 && !is_title(inner) {
            out.push(Signal {
                kind: SignalKind::Quotation,
                span: Span::new(span.start + start, span.start + end),
                count: false,
            });
        }
        at = end;
    }
}

/// Whether quoted words are a title (`“A Civic Technologist’s Practice Guide,”`): every
/// word of four letters or more is capitalised. Titles name a work; they quote no one.
fn is_title(quoted: &str) -> bool {
    let mut long = quoted
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .peekable();
    long.peek().is_some() && long.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}
