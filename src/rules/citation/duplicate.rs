use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::document::citation::{Citation, CitationDate, citations};
use crate::document::url::{UrlParts, url_parts};
use crate::document::{Document, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a source cited under several notes with different URLs or dates. Two notes
    /// cite the same source when they give the same title (three words or more, on the
    /// same host when both have URLs: one title on two hosts is a syndicated story), the
    /// same normalised URL, or URLs on one host that end in the same article slug. Dates
    /// differ only in the parts both notes write. The primary span and the label point
    /// at the two notes.
    ///
    /// ## Why is this bad
    /// At least one of the two URLs or dates is wrong, and readers cannot tell which; an
    /// editor should pick one and cite it consistently (or refer back to the first note).
    ///
    /// ## Example
    /// ```markdown
    /// ⁴ Agency: *Weekly Update, May 3, 2022*. <https://example.org/reprots/weekly-update-may-3-2022>
    /// ⁹ Agency: *Weekly Update, May 3, 2022*. <https://example.org/reports/weekly-update-may-3-2022>
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ⁴ Agency: *Weekly Update, May 3, 2022*. <https://example.org/reports/weekly-update-may-3-2022>
    /// ⁹ Agency: *Weekly Update, May 3, 2022*. <https://example.org/reports/weekly-update-may-3-2022>
    /// ```
    ///
    /// ## Options
    /// None.
    pub static CITATION_DUPLICATE = {
        name: "citation-duplicate",
        code: "CD211",
        severity: Warning,
        enabled_by_default: true,
        fixes: None,
        summary: "One source cited under several notes with different URLs or dates",
        check: check,
    };
}

/// Letters and digits of a title, lower-cased, words joined by single spaces.
fn normalised_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// A URL without scheme, `www.`, fragment, tracking parameters or trailing slash; the host
/// lower-cased.
fn normalised_url(url: &str) -> String {
    normalised_parsed_url(url, url::Url::parse(url).as_ref().map_err(|e| *e))
}

/// [`normalised_url`] from the `url` crate's parse of `url`.
fn normalised_parsed_url(url: &str, parsed: Result<&url::Url, url::ParseError>) -> String {
    let Ok(parsed) = parsed else {
        return url.trim_end_matches('/').to_ascii_lowercase();
    };
    let mut parsed = parsed.clone();
    parsed.set_fragment(None);
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && k != "ref" && k != "fbclid")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    parsed.set_query(None);
    if !kept.is_empty() {
        parsed.query_pairs_mut().extend_pairs(kept);
    }
    let host = parsed
        .host_str()
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_string();
    let path = parsed.path().trim_end_matches('/');
    match parsed.query() {
        Some(query) => format!("{host}{path}?{query}"),
        None => format!("{host}{path}"),
    }
}

/// The host and final article slug of a URL, when the slug is specific enough to name
/// one article (`iran-update-july-26-2023`).
fn article_slug(parts: &UrlParts<'_>) -> Option<(String, String)> {
    let &(_, last) = parts.segments.last()?;
    let last = last.split('.').next().unwrap_or(last);
    let words = last.split(['-', '_']).filter(|w| !w.is_empty()).count();
    let letters = last.bytes().filter(u8::is_ascii_alphabetic).count();
    (words >= 3 && letters >= 12).then(|| (parts.host.clone(), last.to_ascii_lowercase()))
}

struct Source {
    title: Option<String>,
    host: Option<String>,
    url: Option<String>,
    slug: Option<(String, String)>,
}

fn source(document: &Document<'_>, citation: &Citation) -> Source {
    let title = citation
        .title
        .map(|t| normalised_title(document.slice(t)))
        // Short titles ("Market report") name a column, not one source.
        .filter(|t| t.len() >= 12 && t.split(' ').count() >= 3);
    let link = citation.url.and_then(|i| Some((i, document.links.get(i)?)));
    // Split the URL once: host and slug both come from its parts.
    let parts = link.and_then(|(_, l)| url_parts(&l.url));
    Source {
        title,
        slug: parts.as_ref().and_then(article_slug),
        host: parts.map(|p| p.host),
        // A site's home page (`https://www.example.org/`) cited for two different
        // articles says nothing about them being one source.
        url: link
            .filter(|&(i, _)| {
                !document
                    .parsed_url(i)
                    .is_some_and(|p| p.is_ok_and(is_home_page))
            })
            .map(|(i, l)| match document.parsed_url(i) {
                Some(parsed) => normalised_parsed_url(&l.url, parsed),
                None => normalised_url(&l.url),
            }),
    }
}

fn is_home_page(url: &url::Url) -> bool {
    matches!(url.path(), "" | "/") && url.query().is_none()
}

/// The keys under which a source can meet its duplicates: title, URL, article slug.
fn source_keys(source: &Source) -> Vec<(u8, &str)> {
    let mut keys = Vec::new();
    if let Some(title) = &source.title {
        keys.push((0, title.as_str()));
    }
    if let Some(url) = &source.url {
        keys.push((1, url.as_str()));
    }
    // The slug alone is specific enough to bucket on; `same_source` checks the host.
    if let Some((_, slug)) = &source.slug {
        keys.push((2, slug.as_str()));
    }
    keys
}

fn same<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
    x.is_some() && x == y
}

fn same_source(a: &Source, b: &Source) -> bool {
    // One title on two hosts is a syndicated story, not one source cited twice.
    let same_host = match (&a.host, &b.host) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    (same(&a.title, &b.title) && same_host) || same(&a.url, &b.url) || same(&a.slug, &b.slug)
}

/// Whether two dates can be the same day: parts written in only one of them (or left
/// empty, as in `23//2023`) do not count against it.
fn same_day(a: Option<CitationDate>, b: Option<CitationDate>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let agree = |x: Option<u32>, y: Option<u32>| x.zip(y).is_none_or(|(x, y)| x == y);
    a.year == b.year && agree(a.month, b.month) && agree(a.day, b.day)
}

/// Earlier variants kept per bucket: a later citation is compared with at most this many
/// (each with a different URL or date), which keeps a document citing one title in
/// thousands of ways linear. The first variants are the ones a note is reported against.
const MAX_VARIANTS: usize = 64;

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let found = citations(document);
    let sources: Vec<Source> = found.iter().map(|c| source(document, c)).collect();
    // Earlier citations by what can make two notes one source. Within a bucket only the
    // first citation of each URL-and-date variant is kept: a later one can never be the
    // first match. This keeps a document with thousands of notes linear.
    let mut buckets: HashMap<(u8, &str), Vec<usize>> = HashMap::new();
    for (later, citation) in found.iter().enumerate() {
        let keys = source_keys(&sources[later]);
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|key| buckets.get(key))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let earlier = candidates.into_iter().find(|&i| {
            let differ_url = sources[i].url.is_some()
                && sources[later].url.is_some()
                && sources[i].url != sources[later].url;
            let differ_date = !same_day(found[i].date, citation.date);
            same_source(&sources[i], &sources[later]) && (differ_url || differ_date)
        });
        for key in keys {
            let bucket = buckets.entry(key).or_default();
            let variant = |i: usize| {
                (
                    &sources[i].url,
                    found[i].date.map(|d| (d.year, d.month, d.day)),
                )
            };
            if bucket.len() < MAX_VARIANTS && !bucket.iter().any(|&i| variant(i) == variant(later))
            {
                bucket.push(later);
            }
        }
        let Some(earlier) = earlier else {
            continue;
        };
        let (first, second) = (&found[earlier], citation);
        let differ_url = sources[earlier].url != sources[later].url;
        let what = if differ_url { "URL" } else { "date" };
        let point = |c: &Citation| -> Span {
            let def = &document.note_defs[c.note];
            if differ_url {
                c.url.map_or(def.label, |i| document.links[i].span)
            } else {
                c.date.map_or(def.label, |d| d.span)
            }
        };
        let (first_id, second_id) = (
            &document.note_defs[first.note].id,
            &document.note_defs[second.note].id,
        );
        diagnostics.push(
            Diagnostic::new(
                &CITATION_DUPLICATE,
                point(second),
                format!(
                    "note `{second_id}` cites the same source as note `{first_id}` with a different {what}"
                ),
            )
            .with_label(point(first), format!("note `{first_id}` cites it here")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    fn plain(text: &str) -> Vec<String> {
        flagged(&CITATION_DUPLICATE, text, Format::Plain)
    }

    #[test]
    fn normalising() {
        assert_eq!(
            normalised_title("Iran Update, July 26, 2023."),
            "iran update july 26 2023"
        );
        assert_eq!(
            normalised_url("https://www.A.org/x/?utm_source=t#top"),
            normalised_url("http://a.org/x")
        );
    }

    #[test]
    fn same_title_or_slug_different_url() {
        let text = "A¹ b².\n\n¹ Agency: *Weekly Update, May 3*. <https://ex.org/reprots/weekly-update-may-3>\n\n\
            ² Agency: Weekly Update, May 3. <https://ex.org/reports/weekly-update-may-3>\n";
        assert_eq!(plain(text), ["https://ex.org/reports/weekly-update-may-3"]);
    }

    #[test]
    fn same_url_different_date() {
        let text = "A¹ b².\n\n¹ *Some long title*. 3/4/2021. <https://ex.org/a>\n\n² *Other*. 5/4/2021. <https://ex.org/a/>\n";
        assert_eq!(plain(text), ["5/4/2021"]);
    }

    #[test]
    fn syndicated_titles_and_partial_dates_are_fine() {
        let text = "A¹ b².\n\n¹ *Floods close the coast road*. 3/4/2021. <https://one.example/a>\n\n\
            ² *Floods close the coast road*. 3/4/2021. <https://two.example/b>\n";
        assert!(plain(text).is_empty());
        let text = "A¹ b².\n\n¹ *Some long title*. 23//2021. <https://ex.org/a>\n\n² *Other*. 23/4/2021. <https://ex.org/a>\n";
        assert!(plain(text).is_empty());
    }

    #[test]
    fn repeats_and_different_sources_are_fine() {
        let text = "A¹ b² c³.\n\n¹ *Some long title*. 3/4/2021. <https://ex.org/a>\n\n\
            ² *Some long title*. 3/4/2021. <https://ex.org/a>\n\n\
            ³ *Weekly update for May*. <https://ex.org/story/512877/>\n\n\
            ⁴ *Weekly update for June*. <https://ex.org/story/509311/>\n";
        assert!(plain(text).is_empty());
    }
}
