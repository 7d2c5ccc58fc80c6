use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::settings::Settings;
use crate::rules::{counted_note_refs, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a note definition that no marker in the article points to.
    ///
    /// ## Why is this bad
    /// An orphaned note usually means a marker was deleted while editing, so the sentence
    /// it supported has lost its source; or the note is stale and should go.
    ///
    /// ## Example
    /// ```markdown
    /// Exports doubled in 2022.
    ///
    /// [^1]: Central bank, trade bulletin, March 2023.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Exports doubled in 2022.[^1]
    ///
    /// [^1]: Central bank, trade bulletin, March 2023.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static FOOTNOTE_UNUSED = {
        name: "footnote-unused",
        code: "CD102",
        severity: Warning,
        enabled_by_default: true,
        fixes: None,
        summary: "A note that no marker points to",
        check: check,
    };
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let referenced: HashSet<&str> = counted_note_refs(document).map(|r| r.id.as_str()).collect();
    let mut seen = HashSet::new();
    for def in &document.note_defs {
        let first = seen.insert(def.id.as_str());
        if !first || referenced.contains(def.id.as_str()) {
            continue;
        }
        diagnostics.push(Diagnostic::new(
            &FOOTNOTE_UNUSED,
            def.label,
            format!("note `{}` is never referenced", def.id),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::FOOTNOTE_UNUSED;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_on_orphan_note() {
        let text = "Claim[^1].\n\n[^1]: One.\n[^2]: Two.\n";
        assert_eq!(flagged(&FOOTNOTE_UNUSED, text, Format::Markdown), ["[^2]:"]);
    }

    #[test]
    fn silent_when_referenced_in_any_syntax() {
        let text = "Claim¹ and claim[^2].\n\n¹ One.\n\n² Two.\n";
        assert!(flagged(&FOOTNOTE_UNUSED, text, Format::Plain).is_empty());
    }

    #[test]
    fn reference_in_code_does_not_count() {
        let text = "Prose `[^1]`.\n\n[^1]: One.\n";
        assert_eq!(flagged(&FOOTNOTE_UNUSED, text, Format::Markdown), ["[^1]:"]);
    }
}
