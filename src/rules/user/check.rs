//! Running a compiled user rule over a document.

use super::{Kind, Scope, UserRule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::{BlockKind, Document, Span};

/// Keeps the case of what was written: `Web site` → `Website`, `E-MAIL` → `EMAIL`.
fn match_case(written: &str, replacement: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    replacement.to_string()
}

impl UserRule {
    fn in_scope(&self, document: &Document<'_>, block: usize) -> bool {
        let Some(block) = document.blocks.get(block) else {
            return false;
        };
        let scope = if block.note.is_some() {
            Scope::Notes
        } else if block.kind == BlockKind::Heading {
            Scope::Headings
        } else {
            Scope::Prose
        };
        self.scopes.contains(&scope)
    }

    fn fold(&self, text: &str) -> String {
        if self.ignore_case {
            text.to_lowercase()
        } else {
            text.to_string()
        }
    }

    /// Runs the rule over the document's prose.
    pub fn check(&self, document: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
        let mut matches: Vec<(Span, &str)> = Vec::new();
        for run in document
            .text_runs
            .iter()
            .filter(|r| self.in_scope(document, r.block))
        {
            let text = run.span.text(document.text);
            for found in self.matcher.find_iter(text) {
                let span = Span::new(run.span.start + found.start(), run.span.start + found.end());
                matches.push((span, found.as_str()));
            }
        }
        match self.kind {
            Kind::Substitution => {
                for (span, written) in matches {
                    let Some(right) = self.swaps.get(&self.fold(written)) else {
                        continue;
                    };
                    let right = match_case(written, right);
                    let message = self
                        .message
                        .replace("{wrong}", written)
                        .replace("{right}", &right);
                    let fix = Fix::replace(
                        format!("Replace `{written}` with `{right}`"),
                        Applicability::Safe,
                        span,
                        right,
                    );
                    diagnostics.push(Diagnostic::new(self.rule, span, message).with_fix(fix));
                }
            }
            Kind::Existence => {
                for (span, written) in matches {
                    diagnostics.push(Diagnostic::new(
                        self.rule,
                        span,
                        self.message.replace("{match}", written),
                    ));
                }
            }
            Kind::Consistency => {
                for pair in &self.pairs {
                    let [first, second] = pair.each_ref().map(|p| self.fold(p));
                    let first_use = matches.iter().find(|(_, w)| self.fold(w) == first);
                    let Some(&(first_span, first_written)) = first_use else {
                        continue;
                    };
                    for &(span, written) in matches.iter().filter(|(_, w)| self.fold(w) == second) {
                        let message = self
                            .message
                            .replace("{first}", first_written)
                            .replace("{second}", written);
                        diagnostics.push(
                            Diagnostic::new(self.rule, span, message)
                                .with_label(first_span, format!("`{first_written}` is used here")),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Web site", "website"), "Website");
        assert_eq!(match_case("E-MAIL", "email"), "EMAIL");
        assert_eq!(match_case("e-mail", "email"), "email");
    }
}
