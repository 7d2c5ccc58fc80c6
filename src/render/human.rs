//! rustc-style output through codespan-reporting, in a compact layout: the path once per
//! file, then about three lines a finding (`line:col: severity[rule]: message`, the
//! quoted line, its carets), because an article's report has dozens of findings on a few
//! paragraphs and rustc's blank and gutter-only lines tripled its length.

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};

use super::excerpt::{self, Excerpt, Wanted, escape_controls};
use crate::config::ConfigError;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::source::Source;

fn severity(severity: Severity) -> CsSeverity {
    match severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Width when the output is not a terminal and no `--width` is given.
pub const DEFAULT_WIDTH: usize = 100;

/// Words of unchanged text kept on each side of a fix's change.
const CONTEXT_WORDS: usize = 3;
/// Columns of unchanged text kept at most on each side of a fix's change.
const CONTEXT_COLUMNS: usize = 30;
/// Bytes of a line read on each side of an edit: enough for the context words, and a
/// bound that keeps a fix on a paragraph of megabytes cheap.
const CONTEXT_BYTES: usize = 256;

/// A piece of one edited line: unchanged text, or what an edit replaced and with what.
enum Piece {
    Same(String),
    Changed(String, String),
}

/// The edited stretches of a fix, each as pieces: edits close together on one line
/// share a stretch. Each change is narrowed to the characters that differ, then widened
/// to whole words, so that `Shaheed` → `Shahed` reads as a word and `<…>` around a URL
/// as two marks.
fn stretches(source: &Source, fix: &Fix) -> Vec<Vec<Piece>> {
    let text = source.text.as_str();
    let is_word = |c: char| c.is_alphanumeric();
    let mut stretches: Vec<Vec<Piece>> = Vec::new();
    let mut cursor: Option<usize> = None;
    let mut line_end = 0;
    for edit in &fix.edits {
        let end = text.floor_char_boundary(edit.span.end.min(text.len()));
        let start = text.floor_char_boundary(edit.span.start.min(end));
        if start < cursor.unwrap_or(0) {
            continue;
        }
        let (mut before, mut after) = (&text[start..end], edit.content.as_str());
        let prefix: usize = before
            .chars()
            .zip(after.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let suffix: usize = before[prefix..]
            .chars()
            .rev()
            .zip(after[prefix..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        before = &before[prefix..before.len() - suffix];
        after = &after[prefix..after.len() - suffix];
        let (mut from, mut to) = (start + prefix, end - suffix);
        let line = source.line_content(from);
        let floor = cursor.filter(|&c| c >= line.start).unwrap_or(line.start);
        let mut head = String::new();
        let mut tail = String::new();
        // A change of punctuation inside a word (`e-mail` → `email`) shows the word too,
        // not a lone `[---]`.
        let inside_word = text[floor..from].chars().next_back().is_some_and(is_word)
            && text[to..].chars().next().is_some_and(is_word);
        if inside_word || before.chars().chain(after.chars()).any(is_word) {
            while let Some(c) = text[floor..from]
                .chars()
                .next_back()
                .filter(|&c| is_word(c))
            {
                from -= c.len_utf8();
                head.insert(0, c);
                if head.len() > CONTEXT_BYTES {
                    break;
                }
            }
            let limit = line.end.max(to);
            while let Some(c) = text[to..limit].chars().next().filter(|&c| is_word(c)) {
                to += c.len_utf8();
                tail.push(c);
                if tail.len() > CONTEXT_BYTES {
                    break;
                }
            }
        }
        // Text wrapped in new marks (`<…>` around a URL) shows as the marks alone.
        let wrapped = (!before.is_empty() && head.is_empty() && tail.is_empty())
            .then(|| {
                after
                    .find(before)
                    .map(|at| (&after[..at], &after[at + before.len()..]))
            })
            .flatten();
        let changed = match wrapped {
            Some((open, close)) => vec![
                Piece::Changed(String::new(), open.to_string()),
                Piece::Same(before.to_string()),
                Piece::Changed(String::new(), close.to_string()),
            ],
            None => vec![Piece::Changed(
                format!("{head}{before}{tail}"),
                format!("{head}{after}{tail}"),
            )],
        };
        match (cursor, stretches.last_mut()) {
            (Some(c), Some(pieces))
                if from <= c + CONTEXT_BYTES && c >= line.start && from >= c =>
            {
                pieces.push(Piece::Same(text[c..from].to_string()));
                pieces.extend(changed);
            }
            _ => {
                if let (Some(c), Some(pieces)) = (cursor, stretches.last_mut()) {
                    pieces.push(Piece::Same(text[c..line_end.max(c)].to_string()));
                }
                let lead =
                    text.floor_char_boundary(from.saturating_sub(CONTEXT_BYTES).max(line.start));
                let mut pieces = vec![Piece::Same(text[lead..from].to_string())];
                pieces.extend(changed);
                stretches.push(pieces);
            }
        }
        cursor = Some(to);
        let end_line = source.line_content(to);
        line_end = text.floor_char_boundary((to + CONTEXT_BYTES).min(end_line.end.max(to)));
    }
    if let (Some(c), Some(pieces)) = (cursor, stretches.last_mut()) {
        pieces.push(Piece::Same(text[c..line_end.max(c)].to_string()));
    }
    stretches
}

/// The last `words` words of `text`, at most `columns` wide, and whether text was cut.
fn last_words(text: &str, words: usize, columns: usize) -> (&str, bool) {
    let pieces: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    let kept: usize = pieces.iter().rev().take(words + 1).map(|p| p.len()).sum();
    let mut from = text.len() - kept;
    while excerpt::width_of(&text[from..]) > columns {
        from += text[from..].chars().next().map_or(1, char::len_utf8);
    }
    (&text[from..], from > 0)
}

/// The first `words` words of `text`, at most `columns` wide, and whether text was cut.
fn first_words(text: &str, words: usize, columns: usize) -> (&str, bool) {
    let lead = text.len() - text.trim_start().len();
    let kept: usize = text[lead..]
        .split_inclusive(char::is_whitespace)
        .take(words)
        .map(|p| p.len())
        .sum();
    let mut to = lead + kept;
    while to > 0 && excerpt::width_of(&text[..to]) > columns {
        to = text.floor_char_boundary(to - 1);
    }
    let shown = text[..to].trim_end();
    (shown, shown.len() < text.trim_end().len())
}

/// `text` cut to `columns` by leaving out its middle.
fn middle_cut(text: &str, columns: usize) -> String {
    if excerpt::width_of(text) <= columns {
        return text.to_string();
    }
    let half = columns.saturating_sub(1) / 2;
    let (head, _) = first_chars(text, half);
    let tail_start = text.len() - last_chars(text, half).len();
    format!(
        "{head}{}{}",
        excerpt::ELLIPSIS,
        &text[tail_start.max(head.len())..]
    )
}

fn first_chars(text: &str, columns: usize) -> (&str, bool) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += excerpt::width_of(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            return (&text[..i], true);
        }
    }
    (text, false)
}

fn last_chars(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices().rev() {
        used += excerpt::width_of(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            return &text[i + c.len_utf8()..];
        }
    }
    text
}

/// Which text of a stretch a line shows.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// What the fix replaces, changes marked `[-…-]`.
    Before,
    /// What the fix writes, changes marked `{+…+}`.
    After,
    /// Both in one line, `[-old-]{+new+}`: a short fix reads in one line, and its context
    /// is printed once instead of twice.
    Both,
}

/// One line of a stretch: the changes marked `[-…-]` / `{+…+}` (bold, underlined and
/// coloured with `color`) as `shown` asks, in a few words of context. Also its width
/// without colour escapes, and whether a change had its middle left out.
fn side(
    pieces: &[Piece],
    shown: Side,
    color: bool,
    words: usize,
    context: usize,
    changed_columns: usize,
) -> (String, usize, bool) {
    let mut plain = String::new();
    let mut change_cut = false;
    let mut styled = String::new();
    let last = pieces.len().saturating_sub(1);
    for (index, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Same(same) => {
                let same = escape_controls(same);
                let shown = if index == 0 {
                    let (kept, cut) = last_words(&same, words, context);
                    format!("{}{kept}", if cut { "… " } else { "" })
                } else if index == last {
                    let (kept, cut) = first_words(same.trim_start(), words, context);
                    let lead = &same[..same.len() - same.trim_start().len()];
                    let lead = if lead.is_empty() { "" } else { " " };
                    let mark = match (cut, kept.is_empty()) {
                        (false, _) => "",
                        (true, false) => " …",
                        (true, true) => "…",
                    };
                    format!("{lead}{kept}{mark}")
                } else if excerpt::width_of(&same) > 2 * context {
                    let (head, _) = first_words(&same, words.max(1), context);
                    let (tail, _) = last_words(&same, words.max(1), context);
                    format!("{head} … {tail}")
                } else {
                    same.into_owned()
                };
                plain.push_str(&shown);
                styled.push_str(&shown);
            }
            Piece::Changed(before, after) => {
                let marks = [
                    (Side::Before, before, "[-", "-]", "\x1b[1;4;31m"),
                    (Side::After, after, "{+", "+}", "\x1b[1;4;32m"),
                ];
                for (side, mine, open, close, on) in marks {
                    if mine.is_empty() || (shown != side && shown != Side::Both) {
                        continue;
                    }
                    let escaped = escape_controls(mine);
                    let mine = middle_cut(&escaped, changed_columns);
                    change_cut |= mine.len() != escaped.len();
                    plain.push_str(&format!("{open}{mine}{close}"));
                    if color {
                        styled.push_str(&format!("{on}{open}{mine}{close}\x1b[0m"));
                    } else {
                        styled.push_str(&format!("{open}{mine}{close}"));
                    }
                }
            }
        }
    }
    let width = excerpt::width_of(&plain);
    (styled, width, change_cut)
}

/// Contexts tried for a fix line, widest first: words and columns of context kept on each
/// side of a change, and columns of changed text kept. The context shrinks before the
/// changed words are cut.
const FIX_CONTEXTS: [(usize, usize, usize); 6] = [
    (CONTEXT_WORDS, CONTEXT_COLUMNS, 48),
    (1, 24, 24),
    (1, 12, 24),
    (0, 12, 12),
    (0, 6, 6),
    (0, 0, 5),
];

/// The fix as a note, fitted to `columns` when it can be: a fix of one short stretch is
/// one line, `fix: … the *[-Shaheed-]{+Shahed+}* 136 …`, the diff saying what its title
/// would; otherwise its title, then each edited stretch in one line or, when that is too
/// wide, before and after on lines of their own.
fn fix_note(source: &Source, fix: &Fix, color: bool, columns: usize) -> String {
    let safety = match fix.applicability {
        Applicability::Safe => "fix",
        Applicability::Unsafe => "fix (unsafe)",
    };
    let stretches = stretches(source, fix);
    if let [pieces] = stretches.as_slice() {
        let room = columns.saturating_sub(safety.len() + 2);
        // Without its title only when the changed words show whole: `[-As…ni-]{+As…ni+}`
        // would say nothing.
        for (words, context, changed) in FIX_CONTEXTS {
            let (both, width, cut) = side(pieces, Side::Both, color, words, context, changed);
            if width <= room && !cut {
                return format!("{safety}: {}", both.trim_end());
            }
        }
    }
    let mut note = wrap(
        &format!("{safety}: {}", escape_controls(&fix.title)),
        columns,
        columns,
        "",
    );
    let columns = columns.saturating_sub(2);
    for pieces in &stretches {
        let one_line = FIX_CONTEXTS.iter().find_map(|&(words, context, changed)| {
            let (both, width, cut) = side(pieces, Side::Both, color, words, context, changed);
            (width <= columns && !cut).then_some(both)
        });
        if let Some(both) = one_line {
            note.push_str(&format!("\n  {}", both.trim_end()));
            continue;
        }
        let mut chosen = None;
        for (words, context, changed) in FIX_CONTEXTS {
            let (before, before_width, _) =
                side(pieces, Side::Before, color, words, context, changed);
            let (after, after_width, _) = side(pieces, Side::After, color, words, context, changed);
            let fits = before_width.max(after_width) <= columns;
            chosen = Some((before, after));
            if fits {
                break;
            }
        }
        if let Some((before, after)) = chosen {
            note.push_str(&format!(
                "\n- {}\n+ {}",
                before.trim_end(),
                after.trim_end()
            ));
        }
    }
    note
}

/// `text` broken at spaces into lines of at most `first` columns, then `rest` columns
/// after `indent`; a word longer than a line is broken where it must.
fn wrap(text: &str, first: usize, rest: usize, indent: &str) -> String {
    let indent_width = excerpt::width_of(indent);
    let mut out = String::with_capacity(text.len() + 8);
    let mut limit = first.max(8);
    // Columns used on this line, indent included, and whether a word is on it yet.
    let mut used = 0;
    let mut empty = true;
    for word in text.split(' ') {
        let mut word = word;
        loop {
            let width = excerpt::width_of(word);
            let gap = usize::from(!empty);
            if used + gap + width <= limit {
                if gap == 1 {
                    out.push(' ');
                }
                out.push_str(word);
                used += gap + width;
                empty = false;
                break;
            }
            if !empty {
                out.push('\n');
                out.push_str(indent);
                used = indent_width;
                limit = rest.max(8) + indent_width;
                empty = true;
                continue;
            }
            // A word wider than a whole line: what fits here, the rest on the next.
            let (head, _) = first_chars(word, limit.saturating_sub(used).max(1));
            let head = if head.is_empty() {
                &word[..word.chars().next().map_or(0, char::len_utf8)]
            } else {
                head
            };
            out.push_str(head);
            used += excerpt::width_of(head);
            empty = false;
            word = &word[head.len()..];
            if word.is_empty() {
                break;
            }
        }
    }
    out
}

/// The labels a finding shows. A finding with a primary label (a claim's signal) has
/// that underlined, its message telling the extent of the finding's own span (the
/// sentence) once, instead of carets under the whole sentence; otherwise the finding's
/// span is the primary label.
fn wanted_labels(source: &Source, diagnostic: &Diagnostic) -> Vec<Wanted> {
    let mut wanted = Vec::with_capacity(diagnostic.labels.len() + 1);
    let focused = diagnostic.labels.iter().any(|l| l.primary);
    if !focused {
        wanted.push(Wanted {
            span: diagnostic.span,
            message: String::new(),
            primary: true,
        });
    }
    let text = source.text.as_str();
    let span = diagnostic.span;
    let end = text.floor_char_boundary(span.end.min(text.len()));
    let start = text.floor_char_boundary(span.start.min(end));
    let (first, last) = (
        source.location(start),
        source.location(text.floor_char_boundary(end.saturating_sub(1)).max(start)),
    );
    let extent = format!(
        "in {}:{}–{}:{}",
        first.line, first.column, last.line, last.column
    );
    wanted.extend(diagnostic.labels.iter().map(|l| {
        let message = escape_controls(&l.message);
        Wanted {
            span: l.span,
            message: if l.primary {
                format!("{message}, {extent}")
            } else {
                message.into_owned()
            },
            primary: l.primary,
        }
    }));
    wanted
}

/// Lines that say nothing on a report of short excerpts: the gutter alone (`  │`),
/// which codespan prints around every snippet, and the `·` between two lines far apart,
/// whose line numbers already tell the gap.
fn is_bare_gutter(plain: &str) -> bool {
    matches!(plain.trim(), "│" | "·")
}

/// `text` without ANSI colour escapes.
fn strip_escapes(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// `line` (which may hold colour escapes) cut to `width` columns with `…` at the cut: the
/// last guard that no printed line is wider than the width, for the few layouts (a long
/// rule code at a tiny width) the rest cannot shorten.
fn fit_line(line: &str, plain: &str, width: usize) -> String {
    if excerpt::width_of(plain) <= width {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut used = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            out.push(c);
            for c in chars.by_ref() {
                out.push(c);
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        let columns = excerpt::width_of(c.encode_utf8(&mut [0; 4]));
        if used + columns + 1 > width {
            break;
        }
        used += columns;
        out.push(c);
    }
    out.push_str(excerpt::ELLIPSIS);
    if line.contains('\x1b') {
        out.push_str("\x1b[0m");
    }
    out
}

/// `text` wrapped at spaces to `width` columns (at least [`MIN_WIDTH`]), later lines
/// indented by two: for the lines printed after a human report, such as its summary.
pub fn wrap_to_width(text: &str, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    wrap(text, width, width - 2, "  ")
}

/// Renders one file's findings at the default width; `color` adds ANSI escapes.
pub fn human(source: &Source, diagnostics: &[Diagnostic], color: bool) -> Vec<u8> {
    human_at_width(source, diagnostics, color, DEFAULT_WIDTH)
}

/// Narrowest layout: below it a line cannot hold a gutter, a few words and their carets.
/// A smaller `--width` renders at this one.
pub const MIN_WIDTH: usize = 20;

/// Renders one file's findings with every line bounded by `width` columns (at least
/// [`MIN_WIDTH`]); `color` adds ANSI escapes.
///
/// The file's path heads its findings once (cut in the middle when it is too wide), as a
/// prose linter's report does; each finding then starts with its `line:col`, its severity
/// and message, and shows its excerpt without the blank and gutter-only lines around it,
/// so that a report stays about three lines a finding. A blank line ends the file.
///
/// Each diagnostic renders on its own excerpt (see [`Excerpt`]): groups of them render
/// side by side on the rayon pool and are joined in order.
pub fn human_at_width(
    source: &Source,
    diagnostics: &[Diagnostic],
    color: bool,
    width: usize,
) -> Vec<u8> {
    use rayon::prelude::*;
    const GROUP: usize = 8;
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let width = width.max(MIN_WIDTH);
    let mut out = heading(source, color, width);
    if diagnostics.len() <= GROUP {
        out.extend(human_group(source, diagnostics, color, width));
    } else {
        let groups: Vec<Vec<u8>> = diagnostics
            .par_chunks(GROUP)
            .map(|group| human_group(source, group, color, width))
            .collect();
        out.extend(groups.concat());
    }
    out.push(b'\n');
    out
}

/// The file's path, bold, its middle left out when it is wider than `width`.
fn heading(source: &Source, color: bool, width: usize) -> Vec<u8> {
    let path = middle_cut(&escape_controls(&source.path), width);
    if color {
        format!("\x1b[1m{path}\x1b[0m\n").into_bytes()
    } else {
        format!("{path}\n").into_bytes()
    }
}

/// A finding's first line(s): `line:col: severity[code]: message`, wrapped to `width`,
/// styled as codespan styles its headers.
fn header(
    diagnostic: &Diagnostic,
    at: crate::source::Location,
    color: bool,
    width: usize,
) -> Vec<u8> {
    use std::io::Write;
    use termcolor::WriteColor;
    let location = format!("{}:{}:", at.line, at.column);
    let code = format!("{}[{}]", diagnostic.severity.as_str(), diagnostic.rule.name);
    let plain = format!(
        "{location} {code}: {}",
        escape_controls(&diagnostic.message)
    );
    let wrapped = wrap(&plain, width, width.saturating_sub(2), "  ");
    if !color {
        let mut out = wrapped.into_bytes();
        out.push(b'\n');
        return out;
    }
    let styles = Styles::default();
    let mut buffer = termcolor::Buffer::ansi();
    let bold = termcolor::ColorSpec::new().set_bold(true).clone();
    let severity_style = styles.header(severity(diagnostic.severity));
    for (index, line) in wrapped.lines().enumerate() {
        if index > 0 {
            let _ = writeln!(buffer);
        }
        // The code is coloured where the first line holds it whole.
        let split = (index == 0)
            .then(|| line.find(&code).map(|at| (at, at + code.len())))
            .flatten();
        let _ = buffer.set_color(&bold);
        match split {
            Some((from, to)) => {
                let _ = write!(buffer, "{}", &line[..from]);
                let _ = buffer.set_color(severity_style);
                let _ = write!(buffer, "{}", &line[from..to]);
                let _ = buffer.set_color(&styles.header_message);
                let _ = write!(buffer, "{}", &line[to..]);
            }
            None => {
                let _ = buffer.set_color(&styles.header_message);
                let _ = write!(buffer, "{line}");
            }
        }
        let _ = buffer.reset();
    }
    let _ = writeln!(buffer);
    buffer.into_inner()
}

fn human_group(source: &Source, diagnostics: &[Diagnostic], color: bool, width: usize) -> Vec<u8> {
    // Only the lines a label starts and ends on: the excerpt holds nothing else.
    let config = Config {
        start_context_lines: 0,
        end_context_lines: 0,
        ..Config::default()
    };
    let styles = Styles::default();
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let wanted = wanted_labels(source, diagnostic);
        let (excerpt, placed) = Excerpt::new(source, &wanted, width);
        let max_line = wanted
            .iter()
            .map(|w| source.location(w.span.start).line)
            .max()
            .unwrap_or(1);
        let note_columns = width.saturating_sub(excerpt::gutter(max_line));
        let mut notes = Vec::new();
        for overflow in placed.iter().filter_map(|p| p.overflow.as_deref()) {
            notes.push(wrap(overflow, note_columns, note_columns, ""));
        }
        let labels: Vec<_> = placed
            .into_iter()
            .map(|p| {
                let label = if p.primary {
                    CsLabel::primary((), p.range)
                } else {
                    CsLabel::secondary((), p.range)
                };
                label.with_message(p.message)
            })
            .collect();
        if let Some(fix) = &diagnostic.fix {
            notes.push(fix_note(source, fix, color, note_columns));
        }
        // Where codespan's `┌─` line would point: the first primary label.
        let at = wanted
            .iter()
            .find(|w| w.primary)
            .map_or(diagnostic.span.start, |w| w.span.start);
        let at = source.location(source.text.floor_char_boundary(at.min(source.text.len())));
        let rendered = CsDiagnostic::new(severity(diagnostic.severity))
            .with_labels(labels)
            .with_notes(notes);
        let mut one = if color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        let mut writer = StylesWriter::new(&mut one, &styles);
        // Spans always come from this source, so rendering cannot fail on a missing file;
        // a failure would only drop this one diagnostic from the output.
        if term::emit_to_write_style(&mut writer, &config, &excerpt, &rendered).is_err() {
            continue;
        }
        out.extend(header(diagnostic, at, color, width));
        let rendered = one.into_inner();
        let text = String::from_utf8_lossy(&rendered);
        // codespan's own header and `┌─ path:line:col` come first: the header above says
        // both.
        let skip = text
            .lines()
            .take(4)
            .position(|l| strip_escapes(l).trim_start().starts_with('┌'))
            .unwrap_or(0);
        for line in text.lines().skip(skip + 1) {
            let plain = strip_escapes(line);
            if plain.trim().is_empty() || is_bare_gutter(&plain) {
                continue;
            }
            out.extend_from_slice(fit_line(line, &plain, width).as_bytes());
            out.push(b'\n');
        }
    }
    out
}

/// A config error, pointed at in the TOML file itself.
pub fn config_error(error: &ConfigError, color: bool) -> Vec<u8> {
    let file = SimpleFile::new(error.path.as_str(), error.text.as_str());
    let mut diagnostic =
        CsDiagnostic::error().with_message(format!("invalid config: {}", error.message));
    if let Some(span) = &error.span {
        let end = span.end.min(error.text.len());
        diagnostic = diagnostic.with_labels(vec![CsLabel::primary((), span.start.min(end)..end)]);
    } else {
        diagnostic = diagnostic.with_notes(vec![format!("in {}", error.path)]);
    }
    if let Some(help) = &error.help {
        diagnostic.notes.push(format!("help: {help}"));
    }
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let styles = Styles::default();
    let mut writer = StylesWriter::new(&mut buffer, &styles);
    let _ = term::emit_to_write_style(&mut writer, &Config::default(), &file, &diagnostic);
    buffer.into_inner()
}
