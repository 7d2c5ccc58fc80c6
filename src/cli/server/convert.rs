//! copydesk's findings in the protocol's terms: diagnostics, quick fixes, the "fix all"
//! action, the suppression action and hovers.

use std::collections::HashMap;

use copydesk::config::ConfigError;
use copydesk::fix::{self, FixMode};
use copydesk::{Applicability, Diagnostic, Severity};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, NumberOrString, TextEdit, Url, WorkspaceEdit,
};

use super::position::{Encoding, LineIndex};

/// The `source.fixAll` kind of copydesk's "apply every safe fix" action.
pub const FIX_ALL: &str = "source.fixAll.copydesk";

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A finding as the client shows it: the rule's name as the code (what a suppression
/// names), its labels as related information in the same document.
pub fn diagnostic(
    finding: &Diagnostic,
    uri: &Url,
    index: &LineIndex<'_>,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(
                uri.clone(),
                index.range(label.span.start, label.span.end, encoding),
            ),
            message: label.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: index.range(finding.span.start, finding.span.end, encoding),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.name.to_string())),
        source: Some("copydesk".to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

/// A config file's errors, as diagnostics on the config file itself.
pub fn config_diagnostics(
    errors: &[ConfigError],
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    errors
        .iter()
        .map(|error| {
            let index = LineIndex::new(&error.text);
            let span = error.span.clone().unwrap_or(0..0);
            let message = match &error.help {
                Some(help) => format!("{} ({help})", error.message),
                None => error.message.clone(),
            };
            lsp_types::Diagnostic {
                range: index.range(span.start, span.end, encoding),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("copydesk".to_string()),
                message,
                ..lsp_types::Diagnostic::default()
            }
        })
        .collect()
}

/// Said at the top of a document whose config is broken, so that a clean document is
/// not mistaken for a checked one.
pub fn unchecked(config: &std::path::Path, errors: usize) -> lsp_types::Diagnostic {
    let name = config.file_name().map_or_else(
        || config.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    lsp_types::Diagnostic {
        severity: Some(DiagnosticSeverity::WARNING),
        source: Some("copydesk".to_string()),
        message: format!(
            "not checked: {name} has {errors} error{} ({})",
            if errors == 1 { "" } else { "s" },
            config.display()
        ),
        ..lsp_types::Diagnostic::default()
    }
}

fn edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The actions for the findings that touch `start..end` (bytes): each fix (safe ones
/// preferred, unsafe ones said so), a suppression of the rule on that line, and "fix all
/// safe fixes" when the file has any. `only` narrows them to the kinds asked for.
pub fn code_actions(
    text: &str,
    findings: &[Diagnostic],
    uri: &Url,
    (start, end): (usize, usize),
    only: Option<&[CodeActionKind]>,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let index = LineIndex::new(text);
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut actions = Vec::new();
    let touching = findings
        .iter()
        .filter(|f| f.span.start <= end && start <= f.span.end);
    if wants(&CodeActionKind::QUICKFIX) {
        for finding in touching {
            let shown = diagnostic(finding, uri, &index, encoding);
            if let Some(fix) = &finding.fix {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| {
                        TextEdit::new(
                            index.range(e.span.start, e.span.end, encoding),
                            e.content.clone(),
                        )
                    })
                    .collect();
                let safe = fix.applicability == Applicability::Safe;
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: if safe {
                        fix.title.clone()
                    } else {
                        format!("{} (unsafe: check it)", fix.title)
                    },
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit(uri, edits)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                }));
            }
            let line_start = text[..finding.span.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |at| at + 1);
            let line_ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
            let comment = format!(
                "<!-- copydesk-disable-next-line {} -- reason -->{line_ending}",
                finding.rule.name
            );
            let at = index.position(line_start, encoding);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Disable {} for this line", finding.rule.name),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown]),
                edit: Some(edit(
                    uri,
                    vec![TextEdit::new(lsp_types::Range::new(at, at), comment)],
                )),
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL);
    if wants(&fix_all) {
        let (fixed, applied) = fix::apply(text, findings, FixMode::Safe);
        if applied > 0 {
            let whole = index.range(0, text.len(), encoding);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Apply every safe copydesk fix in this file ({applied})"),
                kind: Some(fix_all),
                edit: Some(edit(uri, vec![TextEdit::new(whole, fixed)])),
                ..CodeAction::default()
            }));
        }
    }
    actions
}
