//! `--format json`: one object with a version, a summary and every diagnostic.

use serde::Serialize;

use super::Summary;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Span;
use crate::source::{Location, Source};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'static str,
    code: &'static str,
    severity: Severity,
    message: &'a str,
    range: Range,
    labels: Vec<JsonLabel<'a>>,
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<JsonScore>,
}

#[derive(Serialize)]
struct JsonScore {
    /// Rounded to three decimals: the figure is a judgement, not a measurement.
    value: f64,
    signal: &'static str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: Range,
    content: &'a str,
}

#[derive(Serialize)]
pub(super) struct Range {
    pub start: Position,
    pub end: Position,
}

#[derive(Serialize)]
pub(super) struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl From<Location> for Position {
    fn from(location: Location) -> Self {
        Position {
            line: location.line,
            column: location.column,
            offset: location.offset,
        }
    }
}

pub(super) fn range(source: &Source, span: Span) -> Range {
    Range {
        start: source.location(span.start).into(),
        end: source.location(span.end).into(),
    }
}

fn diagnostic<'a>(source: &'a Source, diagnostic: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path: &source.path,
        rule: diagnostic.rule.name,
        code: diagnostic.rule.code,
        severity: diagnostic.severity,
        message: &diagnostic.message,
        range: range(source, diagnostic.span),
        labels: diagnostic
            .labels
            .iter()
            .map(|l| JsonLabel {
                message: &l.message,
                range: range(source, l.span),
            })
            .collect(),
        fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
            title: &fix.title,
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    range: range(source, e.span),
                    content: &e.content,
                })
                .collect(),
        }),
        score: diagnostic.score.map(|score| JsonScore {
            value: (f64::from(score.value) * 1000.0).round() / 1000.0,
            signal: score.signal,
        }),
    }
}

/// One file's diagnostics as JSON text, each entry led by `,\n` so that files can be
/// concatenated as they are checked; holding text rather than `serde_json::Value` trees
/// keeps a large run's memory small.
pub fn file_text(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in diagnostics {
        let entry = serde_json::to_string_pretty(&diagnostic(source, d)).unwrap_or_default();
        text.push_str(",\n");
        for (i, line) in entry.lines().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str("    ");
            text.push_str(line);
        }
    }
    text
}

/// The whole run as one JSON document, around the files' concatenated entries.
pub fn assemble(entries: &[u8], summary: Summary) -> Vec<u8> {
    let mut out = head(summary);
    match entries.strip_prefix(b",") {
        Some(entries) => {
            out.extend_from_slice(entries);
            out.extend_from_slice(TAIL);
        }
        None => out.extend_from_slice(EMPTY_TAIL),
    }
    out
}

/// What precedes the entries.
pub fn head(summary: Summary) -> Vec<u8> {
    let summary = serde_json::to_string(&summary).unwrap_or_default();
    format!("{{\n  \"version\": 1,\n  \"summary\": {summary},\n  \"diagnostics\": [").into_bytes()
}

/// What follows the entries (less their leading comma), and what ends a run without any.
pub const TAIL: &[u8] = b"\n  ]\n}\n";
pub const EMPTY_TAIL: &[u8] = b"]\n}\n";
