use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::citation::citations;
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a citing note that lacks a URL or a date, where the house style requires
    /// them (options `require-url`, `require-date`). A note counts as a citation
    /// when it has a URL, a date, a title, an `Outlet:` prefix, or reads as a source's
    /// name (mostly capitalised words). Notes that discuss rather than cite (more than
    /// twelve words and no date), empty notes and `Ibid.` notes are left alone.
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
    /// Off by default. Which fields the house style requires (both `true` when the rule is
    /// on):
    /// ```toml
    /// [rules.citation-incomplete]
    /// require-url = true
    /// require-date = false
    /// ```
    pub static CITATION_INCOMPLETE = {
        name: "citation-incomplete",
        code: "CD212",
        severity: Info,
        enabled_by_default: false,
        fixes: None,
        summary: "A note without the URL or date the house style requires",
        options: &["require-url", "require-date"],
        check: check,
    };
}

/// `Ministry of Foreign Affairs – Press Office.`: a source named without a sentence around
/// it, mostly capitalised words and no question or exclamation.
fn reads_as_a_name(body: &str) -> bool {
    if body.contains(['?', '!']) {
        return false;
    }
    let words: Vec<&str> = body
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 2 && capitalised * 10 >= words.len() * 6
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
        // A broken URL (`http//…`) is url-malformed's business, not a missing URL.
        let has_url = citation.url.is_some() || body.contains("//");
        let has_date = citation.has_date();
        // A long undated note is discussion (perhaps with a link), not a reference; an
        // empty one holds only a list or code block.
        let words = body.split_whitespace().count();
        if words == 0 || (!has_date && words > 12) {
            continue;
        }
        let cites = has_url
            || has_date
            || citation.title.is_some()
            || citation.outlet.is_some()
            || reads_as_a_name(body);
        if !cites {
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
        let text = "A¹ b² c³ d⁴ e⁵.\n\n¹ Ministry of Energy – Press Office.\n\n² *Title*. <https://a.org/x>\n\n\
            ³ It is worth adding that the ministry has a separate office for each of the regions it covers.\n\n⁴ Ibid.\n\n⁵ Thanks to the desk for this.\n";
        assert_eq!(
            flagged(&CITATION_INCOMPLETE, text, Format::Plain),
            ["¹", "²"]
        );
    }
}
