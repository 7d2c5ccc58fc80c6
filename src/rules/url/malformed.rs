use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::url::{
    UrlProblem, find_scheme_typos, scheme_typo_at_start, swallowed_suffix, url_problem_with,
};
use crate::document::{Document, Link, LinkStyle, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;
use crate::span::SpanCover;

declare_rule! {
    /// ## What it does
    /// Flags URLs that cannot work as written: a scheme without its colon (`http//`), a
    /// misspelt scheme (`htp://`, `htttps://`), a space inside the URL, an empty host
    /// (`https:///report`), a host with no dot (`https://understandingwar/…`), and
    /// sentence punctuation or a bracket swallowed at the end of a delimited URL
    /// (`<https://example.org/report.>`). Link targets that lead nowhere too: an empty
    /// `[text]()`, a placeholder `(#)`, a target with spaces that Markdown shows as text
    /// (`(files/Final Award.pdf)`), a file name a site mirror wrote for a page
    /// (`index.html@p=41158.html`), and a `doi.org` link whose suffix is not a DOI (a DOI
    /// starts with `10.`; `0304-4319` is an ISSN). Template targets (`{{ "/" | url }}`)
    /// are left to the site generator.
    ///
    /// ## Why is this bad
    /// A reader who follows the link lands on an error page, or on nothing at all; the
    /// source the note promises cannot be checked.
    ///
    /// ## Example
    /// ```markdown
    /// ¹ *Annual Report*. 3/5/2022. <htp://example.org/annual-report>
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ¹ *Annual Report*. 3/5/2022. <http://example.org/annual-report>
    /// ```
    ///
    /// ## Fix safety
    /// Scheme repairs are safe. Moving swallowed punctuation out of the URL and removing an
    /// extra `/` are unsafe: the character might belong to the address. A space gets no
    /// fix: it may stand for a hyphen, an underscore or nothing. A link target with spaces
    /// is wrapped in `<…>` (safe: no character of it changes); a mirror's file name is
    /// turned back into the page's query (unsafe: the live address may differ).
    ///
    /// ## Options
    /// None.
    pub static URL_MALFORMED = {
        name: "url-malformed",
        code: "CD201",
        severity: Error,
        enabled_by_default: true,
        fixes: SafeAndUnsafe,
        summary: "A URL that cannot work as written",
        check: check,
    };
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let mut flagged: Vec<Span> = Vec::new();
    for (index, link) in document.links.iter().enumerate() {
        check_link(document, index, link, &mut flagged, diagnostics);
    }
    let flagged = SpanCover::new(flagged);
    for run in &document.text_runs {
        let run_text = document.slice(run.span);
        // Typos come in order within a run, and a typo's URL never leaves its run.
        let mut typo_url_end = 0;
        for typo in find_scheme_typos(run_text) {
            let scheme = Span::new(run.span.start + typo.start, run.span.start + typo.end);
            if scheme.end <= typo_url_end || flagged.contains(scheme) {
                continue;
            }
            typo_url_end = run.span.start + typo.url_end;
            diagnostics.push(scheme_diagnostic(document, scheme, typo.replacement));
        }
    }
    super::link_target::defects(document, URL_MALFORMED.id(), diagnostics);
}

fn scheme_diagnostic(document: &Document<'_>, scheme: Span, replacement: &str) -> Diagnostic {
    let written = document.slice(scheme);
    let message = if written.contains(char::is_whitespace) {
        format!("space inside URL scheme `{written}`")
    } else if written.to_ascii_lowercase().starts_with("http") && !written.contains("://") {
        if written.contains(':') {
            format!("URL scheme `{written}` is missing a slash")
        } else if written.contains('\\') {
            format!("URL scheme `{written}` uses backslashes")
        } else {
            format!("URL scheme `{written}` is missing its colon")
        }
    } else {
        format!("misspelt URL scheme `{written}`")
    };
    Diagnostic::new(&URL_MALFORMED, scheme, message).with_fix(Fix::replace(
        format!("Replace `{written}` with `{replacement}`"),
        Applicability::Safe,
        scheme,
        replacement.to_string(),
    ))
}

fn check_link(
    document: &Document<'_>,
    index: usize,
    link: &Link,
    flagged: &mut Vec<Span>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text = document.text;
    if let Some((len, replacement)) = scheme_typo_at_start(&link.url) {
        let scheme = Span::new(link.span.start, link.span.start + len);
        if document.slice(link.span) == link.url {
            flagged.push(link.span);
            diagnostics.push(scheme_diagnostic(document, scheme, replacement));
        }
        return;
    }
    if let Some(diagnostic) = space_inside(document, link) {
        flagged.push(diagnostic.span);
        diagnostics.push(diagnostic);
        return;
    }
    let parse = || match document.parsed_url(index) {
        Some(parsed) => parsed.map(std::borrow::Cow::Borrowed),
        None => url::Url::parse(&link.url).map(std::borrow::Cow::Owned),
    };
    if let Some(problem) = url_problem_with(&link.url, parse) {
        let message = match problem {
            UrlProblem::EmptyHost => format!("URL `{}` has no host", link.url),
            UrlProblem::HostWithoutDot(host) => format!("host `{host}` has no top-level domain"),
            UrlProblem::Invalid(why) => format!("URL does not parse: {why}"),
        };
        let mut diagnostic = Diagnostic::new(&URL_MALFORMED, link.span, message);
        // `https:///host/…`: one slash too many.
        if let Some(slashes) = link.url.find(":///") {
            let extra = Span::new(link.span.start + slashes + 3, link.span.start + slashes + 4);
            diagnostic = diagnostic.with_fix(Fix::replace(
                "Remove the extra `/`".to_string(),
                Applicability::Unsafe,
                extra,
                String::new(),
            ));
        }
        flagged.push(link.span);
        diagnostics.push(diagnostic);
        return;
    }
    if link.style == LinkStyle::Bare || document.slice(link.span) != link.url {
        return;
    }
    let suffix_len = swallowed_suffix(&link.url);
    if suffix_len == 0 {
        return;
    }
    let suffix = Span::new(link.span.end - suffix_len, link.span.end);
    let swallowed = document.slice(suffix);
    let closer = text.get(link.span.end..).and_then(|t| t.chars().next());
    let fix = match (link.style, closer) {
        (LinkStyle::Angle, Some('>')) | (LinkStyle::Inline, Some(')')) => {
            let closer = closer.unwrap_or('>');
            Fix::replace(
                format!("Move `{swallowed}` after the closing `{closer}`"),
                Applicability::Unsafe,
                Span::new(suffix.start, suffix.end + closer.len_utf8()),
                format!("{closer}{swallowed}"),
            )
        }
        _ => Fix::replace(
            format!("Remove `{swallowed}` from the URL"),
            Applicability::Unsafe,
            suffix,
            String::new(),
        ),
    };
    flagged.push(link.span);
    diagnostics.push(
        Diagnostic::new(
            &URL_MALFORMED,
            suffix,
            format!("URL ends with `{swallowed}`, which belongs to the sentence"),
        )
        .with_fix(fix),
    );
}

/// A bare URL cut short by a space: `<https://a.org/some page>`, `[t](https://a.org/x y)`,
/// or a note ending `https://a.org/news/ some-slug.html`.
fn space_inside(document: &Document<'_>, link: &Link) -> Option<Diagnostic> {
    if link.style != LinkStyle::Bare {
        return None;
    }
    let text = document.text;
    let before = text.get(..link.span.start)?;
    let after = text.get(link.span.end..)?;
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    // A URL's continuation is short: look no further than this, so a long line stays linear.
    let window = &after[..after.floor_char_boundary(512)];
    let line = &window[..window.find('\n').unwrap_or(window.len())];
    let closer = if before.ends_with('<') {
        Some('>')
    } else if before.ends_with("](") {
        Some(')')
    } else {
        None
    };
    let continuation_end = match closer {
        Some(closer) => {
            let close = line.find(closer)?;
            let inside = &line[..close];
            let spaces = inside.matches(' ').count();
            if inside.contains(['<', '(', '[', '"']) || spaces > 3 || inside.contains(". ") {
                return None;
            }
            close
        }
        None => note_tail_continuation(document, link, line)?,
    };
    // No fix: the space may stand for a hyphen, an underscore or nothing.
    let written = Span::new(link.span.start, link.span.end + continuation_end);
    Some(Diagnostic::new(&URL_MALFORMED, written, "space inside URL"))
}

/// In a note that ends with a bare URL, a last word that reads as the rest of the URL
/// (`https://a.org/news/ some-report-2021.html`): its length.
fn note_tail_continuation(document: &Document<'_>, link: &Link, line: &str) -> Option<usize> {
    let note = document.note_defs.get(link.note?)?;
    if link.span.end + line.len() < note.body.end {
        return None;
    }
    let token = line.trim_start_matches([' ', '\t']);
    let token = token.trim_end();
    if token.is_empty() || token.contains(char::is_whitespace) || token.len() < 3 {
        return None;
    }
    let url_open_end = link.url.ends_with(['/', '-', '_', '=']);
    let token_lower = token.to_ascii_lowercase();
    let token_continues = token.starts_with(['/', '-', '_'])
        || [".html", ".htm", ".pdf", ".aspx", ".php", ".shtml"]
            .iter()
            .any(|ext| token_lower.trim_end_matches('.').ends_with(ext));
    let urlish = token.contains(['-', '_', '/']) && !token.starts_with(char::is_uppercase);
    if !(url_open_end && urlish || token_continues) {
        return None;
    }
    let token = token.trim_end_matches(['.', ',', ';']);
    Some(line.find(token)? + token.len())
}

#[cfg(test)]
mod tests {
    use super::URL_MALFORMED;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    fn plain(text: &str) -> Vec<String> {
        flagged(&URL_MALFORMED, text, Format::Plain)
    }

    #[test]
    fn schemes() {
        assert_eq!(
            plain("See http//example.org/a and <htp://example.org/b> and htttps://x.org/c."),
            ["http//", "htp://", "htttps://"]
        );
        assert_eq!(
            plain("See https ://a.org/x and https:// b.org/y."),
            ["https ://", "https:// "]
        );
        assert_eq!(
            flagged(
                &URL_MALFORMED,
                "See [it](http//example.org/a).\n",
                Format::Markdown
            ),
            ["http//"]
        );
        assert_eq!(
            flagged(
                &URL_MALFORMED,
                "See <htps://example.org/a>.\n",
                Format::Markdown
            ),
            ["htps://"]
        );
    }

    #[test]
    fn hosts_spaces_and_punctuation() {
        assert_eq!(plain("<https:///report>"), ["https:///report"]);
        assert_eq!(
            plain("<https://understandingwar/x>"),
            ["https://understandingwar/x"]
        );
        assert_eq!(
            plain("<https://a.org/some page>"),
            ["https://a.org/some page"]
        );
        assert_eq!(plain("<https://a.org/page.>"), ["."]);
        assert_eq!(
            plain("Claim¹.\n\n¹ *Title*. 2/3/2021. https://a.org/news/ the-report-2021.html\n"),
            ["https://a.org/news/ the-report-2021.html"]
        );
    }

    #[test]
    fn traps() {
        assert!(plain("ftp://a.org hxxp://bad.example http://localhost:8080/x").is_empty());
        assert!(plain("See https://a.org/x. Then more and/or // less.").is_empty());
        assert!(plain("See <https://en.wikipedia.org/wiki/Foo_(bar)>.").is_empty());
        assert!(
            flagged(
                &URL_MALFORMED,
                "Code: `htp://x.org` and\n\n```\nhttp//x.org\n```\n",
                Format::Markdown
            )
            .is_empty()
        );
        assert!(plain("Claim¹.\n\n¹ *Title*. https://a.org/news/x Reuters-style\n").is_empty());
    }
}
