use std::collections::HashSet;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::{Document, NoteRef, NoteSyntax, Span};
use crate::rules::settings::Settings;
use crate::rules::{counted_note_refs, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a note marker (`[^3]` or `³`) whose note is not defined anywhere in the article.
    /// A definition that lost its colon (`[^3] Customs office, 2023.` at the start of a
    /// line) is said once, as what it is, with a fix that adds the colon.
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
    /// ## Fix safety
    /// Safe, for a definition without its colon: the colon is added and nothing else.
    ///
    /// ## Options
    /// None. Superscript markers are only counted in articles that define superscript
    /// notes (`¹ Source…`), so exponents such as `km²` or `x²` are never reported.
    pub static FOOTNOTE_UNDEFINED = {
        name: "footnote-undefined",
        code: "CD101",
        severity: Error,
        enabled_by_default: true,
        fixes: Safe,
        summary: "A note marker whose note does not exist",
        check: check,
    };
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let defined: HashSet<&str> = document.note_defs.iter().map(|d| d.id.as_str()).collect();
    let undefined: Vec<&NoteRef> = counted_note_refs(document)
        .filter(|r| !defined.contains(r.id.as_str()))
        .collect();
    // `[^id] text` at the start of a line is a definition that lost its colon: said once,
    // there, and not again at each marker that points to it.
    let colonless: HashSet<&str> = undefined
        .iter()
        .filter(|r| lacks_its_colon(document, r))
        .map(|r| r.id.as_str())
        .collect();
    for reference in undefined {
        if lacks_its_colon(document, reference) {
            diagnostics.push(
                Diagnostic::new(
                    &FOOTNOTE_UNDEFINED,
                    reference.span,
                    format!(
                        "note `{}` is defined without its colon, so it is no note",
                        reference.id
                    ),
                )
                .with_fix(Fix::replace(
                    "Add the colon".to_string(),
                    Applicability::Safe,
                    Span::new(reference.span.end, reference.span.end),
                    ":".to_string(),
                )),
            );
        } else if !colonless.contains(reference.id.as_str()) {
            diagnostics.push(Diagnostic::new(
                &FOOTNOTE_UNDEFINED,
                reference.span,
                format!("note `{}` is not defined", reference.id),
            ));
        }
    }
}

/// A `[^id]` marker that opens a line and is followed by text, as a definition is.
fn lacks_its_colon(document: &Document<'_>, reference: &NoteRef) -> bool {
    let text = document.text;
    reference.syntax == NoteSyntax::Bracket
        && (reference.span.start == 0 || text[..reference.span.start].ends_with('\n'))
        && text[reference.span.end..].starts_with([' ', '\t'])
        && text[reference.span.end..]
            .lines()
            .next()
            .is_some_and(|rest| rest.split_whitespace().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::FOOTNOTE_UNDEFINED;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn a_definition_without_its_colon_is_reported_once_with_a_fix() {
        let text =
            "Closed in 2019.[^closure] Again.[^closure]\n\n[^closure] Company filing, 2019.\n";
        assert_eq!(
            flagged(&FOOTNOTE_UNDEFINED, text, Format::Markdown),
            ["[^closure]"]
        );
        let document = crate::document::Document::parse(text, Format::Markdown);
        let mut found = Vec::new();
        super::check(
            &document,
            &crate::rules::settings::Settings::default(),
            &mut found,
        );
        assert_eq!(found.len(), 1);
        let fixed = crate::fix::apply(text, &found, crate::fix::FixMode::Safe).0;
        assert!(
            fixed.ends_with("[^closure]: Company filing, 2019.\n"),
            "{fixed}"
        );
    }

    #[test]
    fn a_marker_opening_a_line_of_prose_is_still_undefined() {
        let text = "Claim.\n[^x]\n";
        assert_eq!(
            flagged(&FOOTNOTE_UNDEFINED, text, Format::Markdown),
            ["[^x]"]
        );
    }

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
