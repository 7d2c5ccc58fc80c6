//! What a rule reports: a message on a span, evidence labels and an optional fix.

use serde::Serialize;

use crate::span::Span;

/// How serious a finding is; ordered so that `Error` is the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A secondary span that explains or justifies a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// What the human output underlines with carets, instead of the finding's own span
    /// (then shown once, by where it starts and ends): a claim's figure in its sentence.
    pub primary: bool,
}

/// Whether a fix can be applied without an editor's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// Replace the text of `span` with `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

/// Sorted, non-overlapping edits that resolve one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of a single replacement.
    pub fn replace(
        title: String,
        applicability: Applicability,
        span: Span,
        content: String,
    ) -> Fix {
        Fix {
            title,
            applicability,
            edits: vec![Edit { span, content }],
        }
    }
}

/// Which rule reported a finding: its stable name and code, and the severity it reports
/// at unless the settings say otherwise. Built-in and user-defined rules alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleId {
    pub name: &'static str,
    pub code: &'static str,
    pub severity: Severity,
}

impl RuleId {
    /// The part of the name before the first `-`: `url` for `url-path-typo`.
    pub fn family(self) -> &'static str {
        self.name.split('-').next().unwrap_or(self.name)
    }
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    /// How strongly a scoring rule judged the finding, so that a desk can sort and filter.
    pub score: Option<Score>,
}

/// A scoring rule's judgement: `claim-uncited` scores how check-worthy a sentence is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// From 0 to 1.
    pub value: f32,
    /// What drove the score: `statistic`, `year`, `attribution`…
    pub signal: &'static str,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: impl Into<RuleId>, span: Span, message: impl Into<String>) -> Diagnostic {
        let rule = rule.into();
        Diagnostic {
            rule,
            severity: rule.severity,
            span,
            message: message.into(),
            labels: Vec::new(),
            fix: None,
            score: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    /// A label that the human output underlines as the finding's focus (see
    /// [`Label::primary`]).
    pub fn with_primary_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: true,
        });
        self
    }

    pub fn with_score(mut self, score: Score) -> Diagnostic {
        self.score = Some(score);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }
}
