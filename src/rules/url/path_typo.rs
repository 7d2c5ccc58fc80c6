use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::url::url_parts;
use crate::document::{Document, Span};
use crate::packs::sources::{PACK, SourcePack};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

use super::section_spelling::{a_is_right, comparable, near_miss};

declare_rule! {
    /// ## What it does
    /// Flags a URL path segment that is a near-miss of another segment used for the same
    /// host, elsewhere in the document or among the host's known sections in
    /// `rules/sources.toml` (`backgroundunder` beside `backgrounder` on
    /// `understandingwar.org`). The label points at the sibling URL that justifies the
    /// suggestion.
    ///
    /// Which spelling is right is decided by the known sections first, then by a
    /// dictionary test (the pack's section words and an English word list), then by a
    /// duplicated chunk (`und…und`), then by majority; when nothing decides, nothing is
    /// reported. Only the first three segments are compared, between URLs with the same
    /// parent path. Numeric ids, dates, article slugs (a last segment with hyphens),
    /// language codes, file names, camel-case ids, plurals and hosts whose paths are
    /// user content (code hosts, social networks, shorteners, archives) are never
    /// compared.
    ///
    /// ## Why is this bad
    /// A misspelt section breaks the link silently: readers only find out after
    /// publication, when the page is a 404.
    ///
    /// ## Example
    /// ```markdown
    /// ¹ <https://www.example.org/reserch/water-2021>
    /// ² <https://www.example.org/research/energy-2022>
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ¹ <https://www.example.org/research/water-2021>
    /// ² <https://www.example.org/research/energy-2022>
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the suggestion is a strong guess, but only the site knows its paths.
    ///
    /// ## Options
    /// Extra sections per host, added to the shipped pack (`rules/sources.toml`), so that
    /// a house's own sections are known before any article cites them:
    /// ```toml
    /// [rules.url-path-typo]
    /// known-sections = { "example-institute.org" = ["research", "commentary"] }
    /// ```
    /// Whole source packs in the format of `rules/sources.toml` go under `[packs]`:
    /// ```toml
    /// [packs]
    /// sources = ["house-sources.toml"]
    /// ```
    pub static URL_PATH_TYPO = {
        name: "url-path-typo",
        code: "CD202",
        severity: Warning,
        enabled_by_default: true,
        fixes: Unsafe,
        summary: "A URL path segment that is a near-miss of the same host's sibling or known section",
        options: &["known-sections"],
        check: check,
    };
}

/// Sections live near the root: deeper segments are pages, files and ids.
const MAX_DEPTH: usize = 3;

/// More distinct segments than this under one parent are pages or ids, not sections;
/// the bound also keeps the pairwise comparison of spellings small.
const MAX_SECTIONS: usize = 64;

/// One comparable path segment of one URL.
struct Segment<'t> {
    link: usize,
    host: String,
    depth: usize,
    /// The lower-cased path before this segment.
    parent: String,
    span: Span,
    written: &'t str,
    lower: String,
}

/// The known sections of `host`, from the pack and from the settings.
fn known_sections<'s>(pack: &'s SourcePack, host: &str, settings: &'s Settings) -> Vec<&'s str> {
    let mut sections: Vec<&str> = pack
        .hosts
        .get(host)
        .map(|v| v.iter().map(String::as_str).collect())
        .unwrap_or_default();
    for (configured, extra) in &settings.sources.known_sections {
        if configured
            .trim_start_matches("www.")
            .eq_ignore_ascii_case(host)
        {
            sections.extend(extra.iter().map(String::as_str));
        }
    }
    sections
}

fn sibling_diagnostic(
    document: &Document<'_>,
    wrong: &Segment<'_>,
    right: &Segment<'_>,
) -> Diagnostic {
    let host = &wrong.host;
    let (bad, good) = (wrong.written, right.written);
    Diagnostic::new(
        &URL_PATH_TYPO,
        wrong.span,
        format!("`{bad}` looks like a misspelling of `{good}`, used by another `{host}` URL"),
    )
    .with_label(
        document.links[right.link].span,
        format!("`{good}` used here"),
    )
    .with_fix(Fix::replace(
        format!("Replace `{bad}` with `{good}`"),
        Applicability::Unsafe,
        wrong.span,
        good.to_string(),
    ))
}

/// How a parent path is compared: language codes, ids and years do not separate
/// sections (`/en/research/` and `/es/reserch/` are siblings).
fn parent_key(segment: &str) -> String {
    let generic = segment.len() <= 3 || segment.bytes().all(|b| b.is_ascii_digit());
    if generic {
        "*".to_string()
    } else {
        segment.to_ascii_lowercase()
    }
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let pack = settings.sources.pack.as_deref().unwrap_or(&PACK);
    let mut parsed = Vec::new();
    for (index, link) in document.links.iter().enumerate() {
        let written = document.slice(link.span);
        if written != link.url {
            continue;
        }
        let Some(parts) = url_parts(written) else {
            continue;
        };
        if parts.segments.is_empty() || pack.is_user_content(&parts.host) {
            continue;
        }
        parsed.push((index, parts));
    }
    // Only a host seen twice, or one with known sections, has anything to compare.
    let mut per_host: HashMap<&str, usize> = HashMap::new();
    for (_, parts) in &parsed {
        *per_host.entry(parts.host.as_str()).or_default() += 1;
    }
    let worth = |host: &str| {
        per_host.get(host).is_some_and(|&n| n >= 2)
            || !known_sections(pack, host, settings).is_empty()
    };
    let mut segments: Vec<Segment<'_>> = Vec::new();
    for (index, parts) in parsed.iter().filter(|(_, p)| worth(&p.host)) {
        let (index, link) = (*index, &document.links[*index]);
        let last = parts.segments.len().saturating_sub(1);
        let mut parent = String::new();
        for (depth, &(offset, segment)) in parts.segments.iter().enumerate().take(MAX_DEPTH) {
            // An article slug may end with a slash too.
            let is_last = depth == last;
            let this_parent = parent.clone();
            parent.push('/');
            parent.push_str(&parent_key(segment));
            if !comparable(segment, is_last) {
                continue;
            }
            segments.push(Segment {
                link: index,
                host: parts.host.clone(),
                depth,
                parent: this_parent,
                span: Span::new(
                    link.span.start + offset,
                    link.span.start + offset + segment.len(),
                ),
                written: segment,
                lower: segment.to_ascii_lowercase(),
            });
        }
    }
    if segments.is_empty() {
        return;
    }
    let mut reported: HashSet<usize> = HashSet::new();
    // Siblings: the same host and parent path, grouped so that each group's distinct
    // spellings are compared once.
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, segment) in segments.iter().enumerate() {
        groups
            .entry((segment.host.as_str(), segment.parent.as_str()))
            .or_default()
            .push(i);
    }
    let mut ordered: Vec<&Vec<usize>> = groups.values().collect();
    ordered.sort_by_key(|members| members[0]);
    for members in ordered {
        // Distinct spellings: (lower-case, first member, count), in order of appearance.
        let mut spellings: Vec<(&str, usize, usize)> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for &i in members {
            let lower = segments[i].lower.as_str();
            match seen.get(lower) {
                Some(&at) => spellings[at].2 += 1,
                None => {
                    seen.insert(lower, spellings.len());
                    spellings.push((lower, i, 1));
                }
            }
        }
        // A parent with many distinct names holds pages or ids, not a site's sections.
        if spellings.len() < 2 || spellings.len() > MAX_SECTIONS {
            continue;
        }
        let known = known_sections(pack, &segments[members[0]].host, settings);
        for &(wrong, _, wrong_count) in &spellings {
            let right = spellings.iter().find(|&&(right, _, right_count)| {
                near_miss(pack, wrong, right)
                    && a_is_right(pack, (right, right_count), (wrong, wrong_count), &known)
                        == Some(true)
            });
            let Some(&(_, right_first, _)) = right else {
                continue;
            };
            let right = &segments[right_first];
            for &i in members.iter().filter(|&&i| segments[i].lower == wrong) {
                reported.insert(i);
                diagnostics.push(sibling_diagnostic(document, &segments[i], right));
            }
        }
    }
    // Known sections of the host, for segments near the root that no sibling explained.
    for (i, segment) in segments.iter().enumerate() {
        if reported.contains(&i) || segment.depth > 1 {
            continue;
        }
        let known = known_sections(pack, &segment.host, settings);
        if known.is_empty()
            || known.contains(&segment.lower.as_str())
            || pack.is_word(&segment.lower)
        {
            continue;
        }
        let mut near = known.iter().filter(|k| near_miss(pack, &segment.lower, k));
        let (Some(good), None) = (near.next(), near.next()) else {
            continue;
        };
        let (bad, host) = (segment.written, &segment.host);
        diagnostics.push(
            Diagnostic::new(
                &URL_PATH_TYPO,
                segment.span,
                format!(
                    "`{bad}` looks like a misspelling of `{good}`, a known section of `{host}`"
                ),
            )
            .with_fix(Fix::replace(
                format!("Replace `{bad}` with `{good}`"),
                Applicability::Unsafe,
                segment.span,
                (*good).to_string(),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    fn plain(text: &str) -> Vec<String> {
        flagged(&URL_PATH_TYPO, text, Format::Plain)
    }

    #[test]
    fn pack_loads() {
        assert!(PACK.hosts.len() >= 30);
        assert!(PACK.is_word("research"));
        assert!(PACK.is_user_content("github.com") && PACK.is_user_content("fr.wikipedia.org"));
        assert!(!PACK.is_user_content("example.org"));
    }

    #[test]
    fn majority_typo_beaten_by_pack() {
        let text = "<https://www.understandingwar.org/backgroundunder/a-b-c>\n\
            <https://www.understandingwar.org/backgroundunder/d-e-f>\n\
            <https://www.understandingwar.org/backgrounder/g-h-i>\n";
        assert_eq!(plain(text), ["backgroundunder", "backgroundunder"]);
    }

    #[test]
    fn unknown_host_by_word_and_majority() {
        let text = "<https://think.example.org/reserch/water>\n<https://think.example.org/research/energy-use>\n";
        assert_eq!(plain(text), ["reserch"]);
        let text = "<https://t.example/iran-updtes/a> <https://t.example/iran-updates/b>";
        assert_eq!(plain(text), ["iran-updtes"]);
        let text = "<https://x.example/abcdefx/p-1> <https://x.example/abcdefx/p-2> <https://x.example/abcdefy/p-3>";
        assert_eq!(plain(text), ["abcdefy"]);
    }

    #[test]
    fn known_section_without_sibling() {
        assert_eq!(
            plain("<https://www.cfr.org/backgrouder/some-topic>"),
            ["backgrouder"]
        );
    }

    #[test]
    fn traps() {
        assert!(
            plain("<https://a.example/story/512877/> <https://a.example/story/509311/>").is_empty()
        );
        assert!(
            plain(
                "<https://a.example/budget-review-2019> <https://a.example/budget-report-2020-21>"
            )
            .is_empty()
        );
        assert!(plain("<https://a.example/en/x> <https://a.example/es/x>").is_empty());
        assert!(plain("<https://a.example/p/JknDbXa> <https://a.example/p/JknDbXb>").is_empty());
        assert!(
            plain("<https://a.example/d/report.pdf> <https://a.example/d/reports.pdf>").is_empty()
        );
        assert!(plain("<https://a.example/police/x> <https://a.example/policy/y>").is_empty());
        assert!(
            plain("<https://a.example/climate-change> <https://a.example/climate-chance>")
                .is_empty()
        );
    }
}
