//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

use serde_json::{Value, json};

use crate::diagnostic::RuleId;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Span;
use crate::rules::Rule;
use crate::source::Source;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: forward slashes, no `./`, reserved bytes escaped.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A region with 1-based lines, Unicode code point columns, and byte offsets.
fn region(source: &Source, span: Span) -> Value {
    let start = source.location(span.start);
    let end = source.location(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": start.offset,
        "byteLength": end.offset - start.offset,
    })
}

fn location(source: &Source, span: Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&source.path) },
            "region": region(source, span),
        }
    })
}

/// One file's results.
pub fn file_results(source: &Source, diagnostics: &[Diagnostic]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| {
            let mut result = json!({
                "ruleId": d.rule.name,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [location(source, d.span)],
            });
            if !d.labels.is_empty() {
                let related: Vec<Value> = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(id, label)| {
                        let mut related = location(source, label.span);
                        related["id"] = json!(id);
                        related["message"] = json!({ "text": label.message });
                        related
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(score) = d.score {
                result["properties"] = json!({
                    "score": (f64::from(score.value) * 1000.0).round() / 1000.0,
                    "signal": score.signal,
                });
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| json!({ "deletedRegion": region(source, e.span), "insertedContent": { "text": e.content } }))
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{ "artifactLocation": { "uri": uri(&source.path) }, "replacements": replacements }],
                }]);
            }
            result
        })
        .collect()
}

fn descriptor(rule: &Rule) -> Value {
    let help = rule.explanation();
    json!({
        "id": rule.name,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.summary },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(rule.severity), "enabled": rule.enabled_by_default },
        "properties": { "code": rule.code },
    })
}

/// A user-defined rule: no docs beyond its name, on wherever its config applies.
fn user_descriptor(rule: RuleId) -> Value {
    json!({
        "id": rule.name,
        "name": rule.name,
        "shortDescription": { "text": "A user-defined rule" },
        "fullDescription": { "text": "A user-defined rule" },
        "help": { "text": "", "markdown": "" },
        "defaultConfiguration": { "level": level(rule.severity), "enabled": true },
        "properties": { "code": rule.code },
    })
}

/// The SARIF log around the results of every file.
pub fn assemble(results: Vec<Value>, user_rules: &[RuleId]) -> String {
    let rules: Vec<Value> = crate::rules::REGISTRY
        .iter()
        .map(|rule| descriptor(rule))
        .chain(user_rules.iter().map(|rule| user_descriptor(*rule)))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/copydesk",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(super::uri("./a b/ñ.md"), "a%20b/%C3%B1.md");
    }
}
