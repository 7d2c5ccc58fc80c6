//! `--format junit`: a testsuite per file and a failing testcase per finding.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// The entity for a character that markup (XML or HTML) reads as syntax.
pub(crate) fn markup_entity(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => return None,
    })
}

pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match markup_entity(c) {
            Some(entity) => out.push_str(entity),
            None if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            None => out.push(c),
        }
    }
    out
}

/// One file's `<testsuite>`: a testcase per finding, failed when its severity fails the run
/// (`--fail-on`), passed with the finding as its output otherwise; a clean file gets one
/// passing testcase.
pub fn testsuite(source: &Source, diagnostics: &[Diagnostic], fail_on: Option<Severity>) -> String {
    let path = escape_xml(&source.path);
    let fails = |d: &Diagnostic| fail_on.is_some_and(|level| d.severity >= level);
    let mut out = format!(
        "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\">\n",
        diagnostics.len().max(1),
        diagnostics.iter().filter(|d| fails(d)).count()
    );
    if diagnostics.is_empty() {
        out.push_str(&format!(
            "    <testcase name=\"copydesk\" classname=\"{path}\"/>\n"
        ));
    }
    for d in diagnostics {
        let at = source.location(d.span.start);
        let (line, column) = (at.line, at.column);
        let (rule, severity) = (d.rule.name, d.severity.as_str());
        let message = escape_xml(&d.message);
        let finding = format!("{path}:{line}:{column}: {severity}[{rule}] {message}");
        let outcome = if fails(d) {
            format!("<failure type=\"{rule}\" message=\"{message}\">{finding}</failure>")
        } else {
            format!("<system-out>{finding}</system-out>")
        };
        out.push_str(&format!(
            "    <testcase name=\"{rule} at {line}:{column}\" classname=\"{path}\">\n      {outcome}\n    </testcase>\n"
        ));
    }
    out.push_str("  </testsuite>\n");
    out
}

pub fn assemble(suites: &[u8], tests: usize, failures: usize) -> Vec<u8> {
    let mut out = head(tests, failures);
    out.extend_from_slice(suites);
    out.extend_from_slice(TAIL);
    out
}

/// What precedes the test suites.
pub fn head(tests: usize, failures: usize) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"copydesk\" tests=\"{tests}\" failures=\"{failures}\">\n"
    )
    .into_bytes()
}

/// What follows the test suites.
pub const TAIL: &[u8] = b"</testsuites>\n";
