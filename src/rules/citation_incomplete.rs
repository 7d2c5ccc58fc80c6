use super::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::citation::citations;
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a citing note that lacks a URL or a date, where the house style requires
    /// them (`sources.require-url`, `sources.require-date`). Notes that only comment
    /// (a long sentence with no title, date or URL) and `Ibid.` notes are not citations
    /// and are left alone.
    ///
    /// ## Why is this bad
    /// A reader cannot find or date the source; an editor cannot check it.
    ///
    /// ## Example
    /// ```markdown
    /// ⁹ Ministry of Energy – Press Office.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ⁹ Ministry of Energy – Press Office. 4/3/2022. <https://energy.example.gov/press/gas-prices>
    /// ```
    ///
    /// ## Options
    /// Off by default. `sources.require-url` and `sources.require-date` (both true when
    /// the rule is on) say which fields the house style requires.
    pub static CITATION_INCOMPLETE = {
        name: "citation-incomplete",
        code: "CD212",
        severity: Info,
        enabled_by_default: false,
        fixable: false,
        summary: "A note without the URL or date the house style requires",
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let options = &settings.sources;
    for citation in citations(document) {
        let Some(def) = document.note_defs.get(citation.note) else {
            continue;
        };
        let body = document.slice(def.body);
        let lower = body.trim_start().to_lowercase();
        if lower.starts_with("ibid") || lower.starts_with("id.") || lower.starts_with("op. cit") {
            continue;
        }
        let has_url = citation.url.is_some() || body.contains("://");
        let has_date = citation.has_date();
        let words = body.split_whitespace().count();
        let commentary = !has_url && !has_date && citation.title.is_none() && words > 12;
        if commentary {
            continue;
        }
        let missing = match (
            options.require_url && !has_url,
            options.require_date && !has_date,
        ) {
            (true, true) => "URL and no date",
            (true, false) => "URL",
            (false, true) => "date",
            (false, false) => continue,
        };
        diagnostics.push(Diagnostic::new(
            &CITATION_INCOMPLETE,
            def.label,
            format!("note `{}` has no {missing}", def.id),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::CITATION_INCOMPLETE;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn missing_fields() {
        let text = "A¹ b² c³ d⁴.\n\n¹ Ministry of Energy – Press Office.\n\n² *Title*. <https://a.org/x>\n\n\
            ³ It is worth adding that the ministry has a separate office for each of the regions it covers.\n\n⁴ Ibid.\n";
        assert_eq!(
            flagged(&CITATION_INCOMPLETE, text, Format::Plain),
            ["¹", "²"]
        );
    }
}
