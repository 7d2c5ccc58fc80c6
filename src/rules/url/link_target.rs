//! Link targets that cannot work, as real files have them: an empty `[text]()`, a
//! placeholder `(#)`, a target with spaces that Markdown never made a link, a path a site
//! mirror rewrote (`index.html@p=41158.html`), and a DOI link whose suffix is no DOI.
//! Reported by `url-malformed`.

use crate::diagnostic::{Applicability, Diagnostic, Fix, RuleId};
use crate::document::{Document, Span};

/// Every link-target defect of the document.
pub(super) fn defects(document: &Document<'_>, rule: RuleId, diagnostics: &mut Vec<Diagnostic>) {
    let text = document.text;
    for &site in &document.link_sites {
        let written = document.slice(site);
        let Some(target) = written
            .strip_suffix(')')
            .and_then(|w| w.rfind("](").map(|at| at + 2))
        else {
            continue;
        };
        let inner = Span::new(site.start + target, site.end - 1);
        match document.slice(inner).trim() {
            "" => diagnostics.push(Diagnostic::new(
                rule,
                Span::new(inner.start - 1, site.end),
                "link with an empty target: it leads nowhere",
            )),
            "#" => diagnostics.push(Diagnostic::new(
                rule,
                inner,
                "link target `#` is a placeholder: it leads to the top of the page",
            )),
            _ => {}
        }
    }
    for run in &document.text_runs {
        spaced_targets(text, run.span, rule, diagnostics);
    }
    for link in &document.links {
        if let Some(diagnostic) = mirror_path(link.span, &link.url, rule) {
            diagnostics.push(diagnostic);
        }
        if let Some(diagnostic) = not_a_doi(link.span, &link.url, rule) {
            diagnostics.push(diagnostic);
        }
    }
}

/// `[text](path with spaces.pdf)`: Markdown leaves it as text. Wrapping the target in
/// `<…>` makes it a link and changes no character of it.
fn spaced_targets(text: &str, run: Span, rule: RuleId, diagnostics: &mut Vec<Diagnostic>) {
    let run_text = &text[run.start..run.end];
    let mut from = 0;
    while let Some(open) = run_text[from..].find("](").map(|at| from + at + 2) {
        from = open;
        let Some(close) = run_text[open..].find([')', '\n']).map(|at| open + at) else {
            break;
        };
        let target = &run_text[open..close];
        let looks_like_a_path = target.contains('/')
            || target.rsplit('.').next().is_some_and(|ext| {
                (2..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
            });
        // `{{ "/about/" | url }}` is a template that the site generator fills in.
        let template = ["{{", "{%", "<%", "${"].iter().any(|t| target.contains(t));
        if !run_text[close..].starts_with(')')
            || !target.contains(' ')
            || target.starts_with('<')
            || template
            || !looks_like_a_path
        {
            continue;
        }
        let span = Span::new(run.start + open, run.start + close);
        diagnostics.push(
            Diagnostic::new(
                rule,
                span,
                format!("link target `{target}` has spaces, so Markdown shows it as text"),
            )
            .with_fix(Fix::replace(
                "Wrap the target in `<…>`".to_string(),
                Applicability::Safe,
                span,
                format!("<{target}>"),
            )),
        );
        from = close;
    }
}

/// `index.html@p=41158.html`: a mirror (wget, HTTrack) wrote the query `?p=41158` as part
/// of a file name. The live page is most likely the one with the query.
fn mirror_path(span: Span, url: &str, rule: RuleId) -> Option<Diagnostic> {
    let at = [".html@", ".htm@", ".php@", ".asp@", ".aspx@"]
        .iter()
        .find_map(|marker| url.find(marker).map(|i| i + marker.len() - 1))?;
    let query = &url[at + 1..];
    if !query.contains('=') {
        return None;
    }
    let original = format!(
        "{}?{}",
        &url[..at],
        query.strip_suffix(".html").unwrap_or(query)
    );
    Some(
        Diagnostic::new(
            rule,
            span,
            format!(
                "`{}` is a site mirror's file name, not the page's address",
                &url[url[..at].rfind('/').map_or(0, |slash| slash + 1)..]
            ),
        )
        .with_fix(Fix::replace(
            format!("Write the page's address `{original}`"),
            Applicability::Unsafe,
            span,
            original,
        )),
    )
}

/// `https://doi.org/0304-4319`: a DOI starts with `10.`; this suffix is not one (here an
/// ISSN), so the resolver answers "DOI not found".
fn not_a_doi(span: Span, url: &str, rule: RuleId) -> Option<Diagnostic> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    if !matches!(host.as_str(), "doi.org" | "dx.doi.org" | "www.doi.org") {
        return None;
    }
    let suffix = parsed.path().trim_start_matches('/');
    if suffix.is_empty() || suffix.starts_with("10.") {
        return None;
    }
    let is_issn = suffix.len() == 9
        && suffix.as_bytes()[4] == b'-'
        && suffix
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || b.is_ascii_digit() || (i == 8 && b == b'X'));
    let what = if is_issn { " (it is an ISSN)" } else { "" };
    Some(Diagnostic::new(
        rule,
        span,
        format!("`{suffix}` is not a DOI{what}: a DOI starts with `10.`"),
    ))
}

#[cfg(test)]
mod tests {
    use crate::document::Format;
    use crate::rules::test_support::flagged;
    use crate::rules::url::malformed::URL_MALFORMED;

    #[test]
    fn empty_placeholder_spaced_mirrored_and_non_doi_targets() {
        let text = "See [the award](docs/Final Merits Award.pdf), [the page]() and [the map](#).\n\
                    The archive <https://example.org/index.html@p=41158.html> and the journal \
                    <https://doi.org/0304-4319>.\n";
        assert_eq!(
            flagged(&URL_MALFORMED, text, Format::Markdown),
            [
                "()",
                "#",
                "docs/Final Merits Award.pdf",
                "https://example.org/index.html@p=41158.html",
                "https://doi.org/0304-4319",
            ]
        );
    }

    #[test]
    fn working_targets_stay_silent() {
        let text = "See [the award](<docs/Final Merits Award.pdf>), [a note](#notes), \
                    [the paper](https://doi.org/10.1000/xyz123) and (a remark, [aside](x)).\n\
                    A user wrote [sic](and meant it) in a comment, and [home]({{ \"/\" | url }}).\n";
        assert!(flagged(&URL_MALFORMED, text, Format::Markdown).is_empty());
    }
}
