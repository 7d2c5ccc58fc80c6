use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::document::{Document, NoteDef};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a note id that is defined more than once. The label points at the first
    /// definition.
    ///
    /// ## Why is this bad
    /// Only one of the two definitions can be shown for the marker; the other source is
    /// silently dropped, and the reader may get the wrong one.
    ///
    /// ## Example
    /// ```markdown
    /// [^2]: Reuters, 4 March 2023.
    /// [^2]: Associated Press, 5 March 2023.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// [^2]: Reuters, 4 March 2023.
    /// [^3]: Associated Press, 5 March 2023.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static FOOTNOTE_DUPLICATE = {
        name: "footnote-duplicate",
        code: "CD103",
        severity: Error,
        enabled_by_default: true,
        fixes: None,
        summary: "Two notes defined with the same id",
        check: check,
    };
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let mut first_definition: HashMap<&str, &NoteDef> = HashMap::new();
    for def in &document.note_defs {
        let first = *first_definition.entry(def.id.as_str()).or_insert(def);
        if std::ptr::eq(first, def) {
            continue;
        }
        diagnostics.push(
            Diagnostic::new(
                &FOOTNOTE_DUPLICATE,
                def.label,
                format!("note `{}` is defined more than once", def.id),
            )
            .with_label(first.label, "first defined here"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FOOTNOTE_DUPLICATE;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_on_second_definition() {
        let text = "A[^1] b[^2].\n\n[^1]: One.\n\n[^2]: Two.\n\n[^1]: Again.\n";
        assert_eq!(
            flagged(&FOOTNOTE_DUPLICATE, text, Format::Markdown),
            ["[^1]:"]
        );
    }

    #[test]
    fn superscript_duplicates() {
        let text = "Claim¹.\n\n¹ One.\n\n¹ Again.\n";
        assert_eq!(flagged(&FOOTNOTE_DUPLICATE, text, Format::Plain), ["¹"]);
    }

    #[test]
    fn silent_on_distinct_ids() {
        let text = "A[^1] b[^10].\n\n[^1]: One.\n\n[^10]: Ten.\n";
        assert!(flagged(&FOOTNOTE_DUPLICATE, text, Format::Markdown).is_empty());
    }
}
