//! `--format concise`: `path:line:col: severity[rule] message`, one line per finding.

use super::excerpt::escape_controls;
use crate::diagnostic::Diagnostic;
use crate::source::Source;

pub fn concise(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let at = source.location(d.span.start);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            escape_controls(&source.path),
            at.line,
            at.column,
            d.severity.as_str(),
            d.rule.name,
            escape_controls(&d.message)
        ));
    }
    out
}
