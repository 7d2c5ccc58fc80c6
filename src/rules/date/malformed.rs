use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::date::{DateKind, Problem};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a token that is clearly meant as a date but is broken: an empty or missing
    /// part (`23//2023`, `2023-7-`), a doubled or stray separator (`23//07/2023`,
    /// `20/07/2023/`), or a year with the wrong number of digits (`20/7/20233`).
    ///
    /// Fractions, fiscal years, ranges, scores, times and version numbers (`24/7`,
    /// `2019/20`, `1998–2004`, `2-0`, `14:45`, `3.4.1`) are not dates and stay silent, as
    /// does anything in code, comments or URLs.
    ///
    /// ## Why is this bad
    /// A reader cannot tell which day is meant, and a fact-checker cannot find the source.
    ///
    /// ## Example
    /// ```markdown
    /// [^2]: Reuters: *Port reopens*. 23//2023.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// [^2]: Reuters: *Port reopens*. 23/7/2023.
    /// ```
    ///
    /// ## Options
    /// How numeric dates such as `05/09/2022` are read, for the whole date family (set it in
    /// any of `date-malformed`, `date-invalid`, `date-style` or `date-mismatch`):
    /// ```toml
    /// [rules.date-malformed]
    /// day-first = true    # false: month first; unset: inferred per document
    /// ```
    /// By default the order is inferred from the document, and a date is malformed only
    /// when no reading makes sense of it.
    pub static DATE_MALFORMED = {
        name: "date-malformed",
        code: "CD401",
        severity: Error,
        enabled_by_default: true,
        fixes: None,
        summary: "A date with an empty part, a stray separator or a wrong-length year",
        options: &["day-first"],
        check: check,
    };
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    for date in &document.dates {
        let DateKind::Malformed(malformed) = date.kind else {
            continue;
        };
        let text = document.slice(date.span);
        let part = document.slice(malformed.part);
        let (message, label) = match malformed.problem {
            Problem::EmptyPart => (
                format!("date `{text}` has an empty part"),
                missing(text).to_string(),
            ),
            Problem::DoubledSeparator => (
                format!("date `{text}` has a doubled or stray separator"),
                doubled(part),
            ),
            Problem::MixedSeparators => (
                format!("date `{text}` mixes separators"),
                format!("`{part}` where the rest of the date uses another separator"),
            ),
            Problem::StraySeparator => (
                format!("date `{text}` ends with a stray separator"),
                "nothing follows this separator".to_string(),
            ),
            Problem::YearDigits => (
                format!("year `{part}` in date `{text}` has {} digits", part.len()),
                "a year has four digits".to_string(),
            ),
        };
        diagnostics.push(
            Diagnostic::new(&DATE_MALFORMED, date.span, message).with_label(malformed.part, label),
        );
    }
}

/// The label on a run of separators where one belongs.
fn doubled(run: &str) -> String {
    let mut chars = run.chars();
    let first = chars.next().unwrap_or('/');
    if chars.all(|c| c == first) {
        format!("`{first}` written twice")
    } else {
        format!("`{run}` where one separator belongs")
    }
}

/// Which part an empty slot stands for: `2023-7-` lacks the day; `23//2023` the month,
/// since 23 can only be a day.
fn missing(text: &str) -> &'static str {
    if text.starts_with(['/', '-']) {
        return "the day is missing here";
    }
    if text.ends_with(['/', '-', '.']) {
        let year_first = text
            .split(['/', '-', '.'])
            .next()
            .is_some_and(|f| f.len() == 4);
        return if year_first {
            "the day is missing here"
        } else {
            "the year is missing here"
        };
    }
    let first: u32 = text
        .split(['/', '-', '.'])
        .next()
        .and_then(|f| f.parse().ok())
        .unwrap_or(0);
    match first {
        13..=31 => "the month is missing here",
        1..=12 => "the day or the month is missing here",
        _ => "a part is missing here",
    }
}

#[cfg(test)]
mod tests {
    use super::DATE_MALFORMED;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_on_missing_month() {
        let text = "Claim¹.\n\n¹ *Title*. 23//2023. <https://a.org/x>\n";
        assert_eq!(flagged(&DATE_MALFORMED, text, Format::Plain), ["23//2023"]);
    }

    #[test]
    fn silent_on_traps_code_and_urls() {
        let text = "Open 24/7, 1/2 and 9/10 of votes in 2019/20, pp. 45–52, at 14:45, 2-0, \
                    v3.4.1. `23//2023` <!-- 7//2022 --> <https://a.org/23//2023>\n";
        assert!(flagged(&DATE_MALFORMED, text, Format::Markdown).is_empty());
    }
}
