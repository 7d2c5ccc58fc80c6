//! rustc-style output through codespan-reporting.

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::source::Source;

fn severity(severity: Severity) -> CsSeverity {
    match severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// The fix as a note: its title, then each edited line before and after.
fn fix_note(source: &Source, fix: &Fix) -> String {
    let safety = match fix.applicability {
        Applicability::Safe => "fix",
        Applicability::Unsafe => "fix (unsafe)",
    };
    let mut note = format!("{safety}: {}", fix.title);
    for edit in &fix.edits {
        let text = &source.text;
        let line_start = text[..edit.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[edit.span.end..]
            .find('\n')
            .map_or(text.len(), |i| edit.span.end + i);
        let before = &text[line_start..line_end];
        let after = format!(
            "{}{}{}",
            &text[line_start..edit.span.start],
            edit.content,
            &text[edit.span.end..line_end]
        );
        note.push_str(&format!(
            "\n- {}\n+ {}",
            before.trim_end(),
            after.trim_end()
        ));
    }
    note
}

/// Renders one file's findings; `color` adds ANSI escapes.
pub fn human(source: &Source, diagnostics: &[Diagnostic], color: bool) -> Vec<u8> {
    let file = SimpleFile::new(source.path.as_str(), source.text.as_str());
    let config = Config::default();
    let styles = Styles::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for diagnostic in diagnostics {
        let mut labels = vec![CsLabel::primary(
            (),
            diagnostic.span.start..diagnostic.span.end,
        )];
        labels.extend(
            diagnostic
                .labels
                .iter()
                .map(|l| CsLabel::secondary((), l.span.start..l.span.end).with_message(&l.message)),
        );
        let mut notes = Vec::new();
        if let Some(fix) = &diagnostic.fix {
            notes.push(fix_note(source, fix));
        }
        let rendered = CsDiagnostic::new(severity(diagnostic.severity))
            .with_message(&diagnostic.message)
            .with_code(diagnostic.rule.name)
            .with_labels(labels)
            .with_notes(notes);
        let mut writer = StylesWriter::new(&mut buffer, &styles);
        // Spans always come from this source, so rendering cannot fail on a missing file;
        // a failure would only drop this one diagnostic from the output.
        let _ = term::emit_to_write_style(&mut writer, &config, &file, &rendered);
    }
    buffer.into_inner()
}
