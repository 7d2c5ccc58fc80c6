//! Dates embedded in URLs: `/2023/07/26/`, `-2022-10-14/`, `_2022.10.14`, `20200116`,
//! and `july-26-2023` in a slug, with full month names from the month table.

use std::sync::LazyLock;

use jiff::civil;
use regex::Regex;

use super::Span;
use super::months;

/// `/2023/07/26/`, `-2022-10-14/`, `_2022.10.14`, `20200116`: year, month, day.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:([/_.-])([01]?[0-9])([/_.-])([0-3]?[0-9])|([01][0-9])([0-3][0-9]))([^0-9]|$)",
    )
    .expect("valid URL date pattern")
});

/// `july-26-2023`, `26-july-2023` in a slug.
static URL_SLUG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^a-z0-9])(?:([a-z]+)-([0-3]?[0-9])|([0-3]?[0-9])-([a-z]+))-((?:19|20)[0-9]{2})(?:[^0-9]|$)",
    )
    .expect("valid URL slug date pattern")
});

/// A date found in a URL, with its span in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlDate {
    pub date: civil::Date,
    pub span: Span,
}

/// The dates in `url`, which starts at `url_span.start` in the document.
pub fn url_dates(url: &str, url_span: Span) -> Vec<UrlDate> {
    let mut dates = Vec::new();
    let span_of =
        |start: usize, end: usize| Span::new(url_span.start + start, url_span.start + end);
    for caps in URL_DATE.captures_iter(url) {
        let (Some(year), Some(end)) = (caps.get(1), caps.get(5).or(caps.get(7))) else {
            continue;
        };
        // Both separators must agree: `2023/07/26`, not `2023/07-26`.
        if let (Some(a), Some(b)) = (caps.get(2), caps.get(4))
            && a.as_str() != b.as_str()
        {
            continue;
        }
        // `/2023/07/15-things-to-do`: the day of a path date must end its segment.
        let after = caps.get(8).map_or("", |m| m.as_str());
        if caps.get(2).is_some_and(|s| s.as_str() == "/")
            && after.starts_with(|c: char| c == '-' || c == '_' || c.is_ascii_alphabetic())
        {
            continue;
        }
        let month = caps.get(3).or(caps.get(6));
        let Some(month) = month else {
            continue;
        };
        let parse = |s: &str| s.parse::<i16>().ok();
        let (Some(y), Some(m), Some(d)) = (
            parse(year.as_str()),
            parse(month.as_str()),
            parse(end.as_str()),
        ) else {
            continue;
        };
        let (Ok(m), Ok(d)) = (i8::try_from(m), i8::try_from(d)) else {
            continue;
        };
        if let Ok(date) = civil::Date::new(y, m, d) {
            dates.push(UrlDate {
                date,
                span: span_of(year.start(), end.end()),
            });
        }
    }
    for caps in URL_SLUG_DATE.captures_iter(url) {
        let (word, day) = match (caps.get(1), caps.get(2), caps.get(3), caps.get(4)) {
            (Some(w), Some(d), _, _) | (_, _, Some(d), Some(w)) => (w, d),
            _ => continue,
        };
        let Some(year) = caps.get(5) else {
            continue;
        };
        let Some(month) = months::full_name_month(word.as_str()) else {
            continue;
        };
        let (Ok(y), Ok(d)) = (year.as_str().parse::<i16>(), day.as_str().parse::<i8>()) else {
            continue;
        };
        let Ok(m) = i8::try_from(month) else {
            continue;
        };
        if let Ok(date) = civil::Date::new(y, m, d) {
            let start = word.start().min(day.start());
            dates.push(UrlDate {
                date,
                span: span_of(start, year.end()),
            });
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(url: &str) -> Vec<(String, &str)> {
        url_dates(url, Span::new(0, url.len()))
            .into_iter()
            .map(|d| (d.date.to_string(), d.span.text(url)))
            .collect()
    }

    #[test]
    fn paths_compact_stamps_and_slugs() {
        assert_eq!(
            found("https://n.example/2021/11/05/story/"),
            [("2021-11-05".to_string(), "2021/11/05")]
        );
        assert_eq!(
            found("https://n.example/item-20190304.html"),
            [("2019-03-04".to_string(), "20190304")]
        );
        assert_eq!(
            found("https://n.example/notes-marzo-9-2018"),
            [("2018-03-09".to_string(), "marzo-9-2018")]
        );
    }

    #[test]
    fn ids_and_half_dates_are_not_dates() {
        assert!(found("https://n.example/2021/11-05/x").is_empty());
        assert!(found("https://n.example/2021/11/05-best-hikes").is_empty());
        assert!(found("https://n.example/id/20231399/").is_empty());
        assert!(found("https://n.example/mar-9-2018").is_empty());
    }
}
