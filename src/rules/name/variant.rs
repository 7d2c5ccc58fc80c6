use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::names::{active_pack, variant_matches};
use crate::document::{Document, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a known misspelling or variant of a name from the names pack
    /// (`rules/names.toml` and the user's own packs): weapon systems, heads of state and
    /// ministers, countries and territories, organisations. Capitals inside a known name
    /// (`Institute For The Study Of War`) count too.
    ///
    /// ## Why is this bad
    /// Misspelt names are among the commonest errors that reach print, and the ones
    /// readers notice first: they suggest the writer does not know the subject.
    ///
    /// ## Example
    /// ```markdown
    /// The drones could be of the *Shaheed* 136 type, as used in French Guyana.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The drones could be of the *Shahed* 136 type, as used in French Guiana.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: a quotation or a source's title may keep its own spelling. The fix changes
    /// only the words that differ and keeps the document's separators (`Shahed 136`
    /// stays spaced, `Shahed-136` stays hyphenated).
    ///
    /// ## Options
    /// Extra packs in the format of `rules/names.toml` (`canonical`, `variants`, optional
    /// `kind`, `lang` and `note`), relative to the config file; `no-builtin-names = true`
    /// leaves out the shipped pack:
    /// ```toml
    /// [packs]
    /// names = ["house-names.toml"]
    /// no-builtin-names = false
    /// ```
    /// An entry with `lang` corrects its variants only in prose of that language, so
    /// `Teherán` in a Spanish title is left alone.
    pub static NAME_VARIANT = {
        name: "name-variant",
        code: "CD502",
        severity: Warning,
        enabled_by_default: true,
        fixes: Unsafe,
        summary: "A known misspelling or variant of a name in the names pack",
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let pack = active_pack(&settings.names);
    for found in variant_matches(document, &pack) {
        let (Some(first), Some(last)) = (found.edits.first(), found.edits.last()) else {
            continue;
        };
        let Some(entry) = pack.entries.get(found.entry) else {
            continue;
        };
        // One edit from the first differing word to the last, keeping what lies between.
        let span = Span::new(first.0.start, last.0.end);
        let mut content = String::new();
        let mut at = span.start;
        for (word, canonical) in &found.edits {
            content.push_str(document.text.get(at..word.start).unwrap_or_default());
            content.push_str(canonical);
            at = word.end;
        }
        let written = plain(document.slice(span));
        let whole = plain(document.slice(found.span));
        let message = if found.case_only {
            format!(
                "`{whole}` is capitalised differently from `{}`",
                entry.canonical
            )
        } else {
            format!("`{whole}` is a variant spelling of `{}`", entry.canonical)
        };
        let title = format!("Replace `{written}` with `{}`", plain(&content));
        let fix = Fix::replace(title, Applicability::Unsafe, span, content);
        let mut diagnostic = Diagnostic::new(&NAME_VARIANT, span, message).with_fix(fix);
        if let Some(note) = &entry.note {
            diagnostic = diagnostic.with_label(found.span, note.clone());
        }
        diagnostics.push(diagnostic);
    }
}

/// Text for a message: markup dropped, whitespace collapsed.
fn plain(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c| matches!(c, '*' | '_')))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::NAME_VARIANT;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_on_known_variants() {
        let text = "Drones of the *Shaheed* 136 type reached French Guyana.\n";
        assert_eq!(
            flagged(&NAME_VARIANT, text, Format::Markdown),
            ["Shaheed", "Guyana"]
        );
    }

    #[test]
    fn capitals_inside_a_name() {
        let text = "A report by the Institute For The Study Of War.\n";
        assert_eq!(
            flagged(&NAME_VARIANT, text, Format::Markdown),
            ["For The Study Of"]
        );
    }

    #[test]
    fn silent_on_canonical_and_other_languages() {
        let text = "Shahed-136 and Shahed 136 drones, Tehran and Erdoğan.\n\n\
                    # INSTITUTE FOR THE STUDY OF WAR\n\n\
                    [^1]: *El canciller viajó a Teherán y Teheran*.\n";
        assert!(flagged(&NAME_VARIANT, text, Format::Markdown).is_empty());
    }

    /// The acceptance check of the issue, on the article the project was born from.
    #[test]
    fn reference_article() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/reference-article.txt"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let found = flagged(&NAME_VARIANT, &text, Format::Plain);
        assert!(found.iter().any(|f| f == "Shaheed"), "{found:?}");
        let inconsistent = flagged(
            &crate::rules::name::inconsistent::NAME_INCONSISTENT,
            &text,
            Format::Plain,
        );
        for word in ["Iran", "Irán", "Peru", "Perú", "Tehran", "Teherán"] {
            assert!(!inconsistent.iter().any(|f| f == word), "{inconsistent:?}");
        }
    }

    #[test]
    fn user_packs_add_names() {
        use crate::document::Document;
        use crate::rules::settings::Settings;
        let mut settings = Settings::default();
        settings.names.packs.push(
            "[[name]]\ncanonical = \"Ana Lucía Quispe\"\nvariants = [\"Ana Lucia Quispe\"]\n"
                .to_string(),
        );
        // A broken pack is left out; the others still load.
        settings.names.packs.push("[[name]\n".to_string());
        let text = "Ana Lucia Quispe met the *Shaheed* 136 team.\n";
        let document = Document::parse(text, Format::Markdown);
        let mut found = Vec::new();
        (NAME_VARIANT.check)(&document, &settings, &mut found);
        let flagged: Vec<_> = found.iter().map(|d| document.slice(d.span)).collect();
        assert_eq!(flagged, ["Lucia", "Shaheed"]);
    }

    #[test]
    fn silent_inside_urls() {
        let text = "See <https://example.org/shaheed-136-report>.\n";
        assert!(flagged(&NAME_VARIANT, text, Format::Markdown).is_empty());
    }
}
