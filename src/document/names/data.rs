//! Capitalised words that are data rather than prose: template and table values, file
//! names and identifiers, wiki link targets, authors in reference lists.

use crate::document::Span;

/// Whether the word at `span` is data rather than prose: a template or table value
/// (`|first=Martyn`), part of a file name or identifier (`Site_Unconf.jpg`), or an
/// author in a reference list (`Tsein RY,`).
pub(super) fn is_data(text: &str, span: Span, table_cell: bool) -> bool {
    let before = &text[..span.start];
    let after = &text[span.end..];
    if before.chars().next_back().is_some_and(|c| {
        matches!(c, '_' | '/' | '.' | '@' | '#' | '\\' | '=' | '$' | '>')
            || (c == '|' && !table_cell)
    }) {
        return true;
    }
    // A Markdown table cell starts after `| `; elsewhere a bar is template syntax.
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.ends_with('=') || (!table_cell && trimmed.ends_with('|')) {
        return true;
    }
    let mut next = after.chars();
    match next.next() {
        Some('_' | '=') => return true,
        Some('.') if next.next().is_some_and(char::is_alphanumeric) => return true,
        _ => {}
    }
    // `Muller S, Demotz S`: a surname and its initials in an author list.
    if let Some(rest) = after.strip_prefix(' ') {
        let caps = rest.bytes().take_while(u8::is_ascii_uppercase).count();
        if (1..=3).contains(&caps) && rest[caps..].starts_with([',', ';']) {
            return true;
        }
    }
    in_wiki_markup(text, span, table_cell)
}

/// Wiki-style markup around a word: a file name (`[[File:The Dun Laoghaire.jpg]]`), a link
/// target before its label (`[[Jean M'voto|…]]`), or a template field value
/// (`|title=Ibn Al-Haitham`). Only the last 200 bytes of the line are read.
fn in_wiki_markup(text: &str, span: Span, table_cell: bool) -> bool {
    let mut from = span.start.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = &text[from..span.start];
    // Most words have no bracket or bar before them on their line: answer fast.
    let Some(mark) = memchr::memrchr2(b'[', b'|', before.as_bytes()) else {
        return false;
    };
    if memchr::memchr(b'\n', &before.as_bytes()[mark..]).is_some() {
        return false;
    }
    let before = before.rsplit('\n').next().unwrap_or(before);
    let pair = |hay: &str, pat: &[u8; 2]| hay.as_bytes().windows(2).position(|w| w == pat);
    let last_open = before.as_bytes().windows(2).rposition(|w| w == b"[[");
    if let Some(open) = last_open
        && pair(&before[open..], b"]]").is_none()
    {
        let inside = &before[open + 2..];
        if inside.starts_with("File:") || inside.starts_with("Image:") {
            return true;
        }
        let mut to = (span.end + 200).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let rest = &text[span.end..to];
        let close = pair(rest, b"]]").unwrap_or(rest.len());
        if !inside.contains('|') && rest[..close].contains('|') {
            return true;
        }
    }
    if table_cell {
        return false;
    }
    // `|title=Ibn Al-Haitham`: the value of a template field.
    let Some(bar) = before.rfind('|') else {
        return false;
    };
    let field = before[bar + 1..].trim_start();
    let name_len = field
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b' '))
        .count();
    name_len > 0 && field[name_len..].starts_with('=')
}
