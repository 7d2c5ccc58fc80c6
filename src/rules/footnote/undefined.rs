use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::settings::Settings;
use crate::rules::{counted_note_refs, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a note marker (`[^3]` or `³`) whose note is not defined anywhere in the article.
    ///
    /// ## Why is this bad
    /// A reader who follows the marker finds no source: the claim it was meant to support
    /// is left uncited, and in Markdown the marker renders as literal text.
    ///
    /// ## Example
    /// ```markdown
    /// The embassy opened in 2009.[^3]
    ///
    /// [^1]: Ministry of Foreign Affairs, annual report.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The embassy opened in 2009.[^1]
    ///
    /// [^1]: Ministry of Foreign Affairs, annual report.
    /// ```
    ///
    /// ## Options
    /// None. Superscript markers are only counted in articles that define superscript
    /// notes (`¹ Source…`), so exponents such as `km²` or `x²` are never reported.
    pub static FOOTNOTE_UNDEFINED = {
        name: "footnote-undefined",
        code: "CD101",
        severity: Error,
        enabled_by_default: true,
        fixes: None,
        summary: "A note marker whose note does not exist",
        check: check,
    };
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let defined: HashSet<&str> = document.note_defs.iter().map(|d| d.id.as_str()).collect();
    for reference in counted_note_refs(document) {
        if defined.contains(reference.id.as_str()) {
            continue;
        }
        diagnostics.push(Diagnostic::new(
            &FOOTNOTE_UNDEFINED,
            reference.span,
            format!("note `{}` is not defined", reference.id),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::FOOTNOTE_UNDEFINED;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_on_missing_note() {
        let text = "A claim[^1] and another[^2].\n\n[^1]: Source.\n";
        assert_eq!(
            flagged(&FOOTNOTE_UNDEFINED, text, Format::Markdown),
            ["[^2]"]
        );
    }

    #[test]
    fn silent_on_exponents_without_superscript_notes() {
        let text = "An area of 40 km² grew by x² in 2¹⁰ days.\n";
        assert!(flagged(&FOOTNOTE_UNDEFINED, text, Format::Markdown).is_empty());
    }

    #[test]
    fn superscripts_checked_when_the_article_uses_them() {
        let text = "First claim¹. Second claim².\n\n¹ Source one.\n";
        assert_eq!(flagged(&FOOTNOTE_UNDEFINED, text, Format::Plain), ["²"]);
    }
}
