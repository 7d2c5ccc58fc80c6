//! rustc-style output through codespan-reporting.

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};

use similar::{ChangeTag, TextDiff};

use super::excerpt::{self, Excerpt, escape_controls};
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

/// One side of a word-level diff, with the changed words emphasised when `color` is on.
fn emphasised(before: &str, after: &str, side: ChangeTag, color: bool) -> String {
    if !color {
        return if side == ChangeTag::Delete {
            before
        } else {
            after
        }
        .to_string();
    }
    let (on, off) = if side == ChangeTag::Delete {
        ("\x1b[1;4;31m", "\x1b[0m")
    } else {
        ("\x1b[1;4;32m", "\x1b[0m")
    };
    let mut text = String::new();
    for change in TextDiff::from_words(before, after).iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => text.push_str(change.value()),
            tag if tag == side => {
                text.push_str(on);
                text.push_str(change.value());
                text.push_str(off);
            }
            _ => {}
        }
    }
    text
}

/// The fix as a note: its title, then each edited line before and after, cut to a window
/// around the edit on a long line.
fn fix_note(source: &Source, fix: &Fix, color: bool) -> String {
    let safety = match fix.applicability {
        Applicability::Safe => "fix",
        Applicability::Unsafe => "fix (unsafe)",
    };
    let mut note = format!("{safety}: {}", escape_controls(&fix.title));
    let text = source.text.as_str();
    for edit in &fix.edits {
        let end = text.floor_char_boundary(edit.span.end);
        let start = text.floor_char_boundary(edit.span.start).min(end);
        let (shown, cut_before, cut_after) = excerpt::fix_window(source, start, end);
        let (from, to) = (shown.start, shown.end);
        let open = if cut_before { excerpt::ELLIPSIS } else { "" };
        let close = if cut_after { excerpt::ELLIPSIS } else { "" };
        let before = format!("{open}{}{close}", &text[from..to]);
        let after = format!(
            "{open}{}{}{}{close}",
            &text[from..start],
            edit.content,
            &text[end..to]
        );
        let (before, after) = (escape_controls(&before), escape_controls(&after));
        let (before, after) = (before.trim_end(), after.trim_end());
        note.push_str(&format!(
            "\n- {}\n+ {}",
            emphasised(before, after, ChangeTag::Delete, color),
            emphasised(before, after, ChangeTag::Insert, color)
        ));
    }
    note
}

/// Renders one file's findings; `color` adds ANSI escapes.
///
/// Each diagnostic renders on its own excerpt (see [`Excerpt`]): groups of them render
/// side by side on the rayon pool and are joined in order.
pub fn human(source: &Source, diagnostics: &[Diagnostic], color: bool) -> Vec<u8> {
    use rayon::prelude::*;
    const GROUP: usize = 8;
    if diagnostics.len() <= GROUP {
        return human_group(source, diagnostics, color);
    }
    let groups: Vec<Vec<u8>> = diagnostics
        .par_chunks(GROUP)
        .map(|group| human_group(source, group, color))
        .collect();
    groups.concat()
}

fn human_group(source: &Source, diagnostics: &[Diagnostic], color: bool) -> Vec<u8> {
    // Only the lines a label starts and ends on: the excerpt holds nothing else.
    let config = Config {
        start_context_lines: 0,
        end_context_lines: 0,
        ..Config::default()
    };
    let styles = Styles::default();
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let spans: Vec<_> = std::iter::once(diagnostic.span)
            .chain(diagnostic.labels.iter().map(|l| l.span))
            .collect();
        let excerpt = Excerpt::new(source, &spans);
        let mut labels = vec![CsLabel::primary((), excerpt.range(diagnostic.span))];
        labels.extend(diagnostic.labels.iter().map(|l| {
            CsLabel::secondary((), excerpt.range(l.span)).with_message(escape_controls(&l.message))
        }));
        let mut notes = Vec::new();
        if let Some(fix) = &diagnostic.fix {
            notes.push(fix_note(source, fix, color));
        }
        let rendered = CsDiagnostic::new(severity(diagnostic.severity))
            .with_message(escape_controls(&diagnostic.message))
            .with_code(diagnostic.rule.name)
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
        if term::emit_to_write_style(&mut writer, &config, &excerpt, &rendered).is_ok() {
            out.extend_from_slice(&say_info(one.into_inner(), diagnostic.severity));
        }
    }
    out
}

/// codespan names its lowest severity `note`, which reads as the article's own notes;
/// config, JSON and concise output say `info`. The word is the first `note` of the
/// header line (colour escapes hold no letters of it).
fn say_info(mut rendered: Vec<u8>, severity: Severity) -> Vec<u8> {
    if severity != Severity::Info {
        return rendered;
    }
    let header_end = memchr::memchr(b'\n', &rendered).unwrap_or(rendered.len());
    if let Some(at) = memchr::memmem::find(&rendered[..header_end], b"note") {
        rendered[at..at + 4].copy_from_slice(b"info");
    }
    rendered
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
