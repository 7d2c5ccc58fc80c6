use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::{Document, Link, LinkStyle, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a bare URL in a note when the document's notes otherwise wrap their URLs in
    /// `<…>`, or a wrapped URL when they are otherwise bare. Only a clear majority (at
    /// least twice as many notes) sets the style; links written as `[text](url)` do not
    /// count either way.
    ///
    /// ## Why is this bad
    /// Mixed styles look careless in print, and a bare URL runs into the punctuation
    /// around it: some readers and renderers take the closing period as part of the
    /// address.
    ///
    /// ## Example
    /// ```markdown
    /// ¹ *First report*. 2/3/2021. <https://example.org/first>
    /// ² *Second report*. 4/5/2021. <https://example.org/second>
    /// ³ *Third report*. 6/7/2021. https://example.org/third
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ³ *Third report*. 6/7/2021. <https://example.org/third>
    /// ```
    ///
    /// ## Fix safety
    /// Safe: only the brackets change.
    ///
    /// ## Options
    /// None.
    pub static URL_STYLE = {
        name: "url-style",
        code: "CD203",
        severity: Info,
        enabled_by_default: true,
        fixes: Safe,
        summary: "A note URL written bare where the notes otherwise use `<…>`, or the reverse",
        check: check,
    };
}

/// Whether a note link is written the way the style counts: the whole URL as written.
fn counted(document: &Document<'_>, link: &Link) -> bool {
    let text = document.text;
    // `[https://a.org](https://a.org)`: the bare-looking one is link text.
    let link_text =
        text[..link.span.start].ends_with('[') && text[link.span.end..].starts_with("](");
    link.note.is_some()
        && matches!(link.style, LinkStyle::Angle | LinkStyle::Bare)
        && document.slice(link.span) == link.url
        && !link_text
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let links: Vec<&Link> = document
        .links
        .iter()
        .filter(|l| counted(document, l))
        .collect();
    let angle = links.iter().filter(|l| l.style == LinkStyle::Angle).count();
    let bare = links.len() - angle;
    let dominant = if angle >= 2 && angle >= 2 * bare {
        LinkStyle::Angle
    } else if bare >= 2 && bare >= 2 * angle {
        LinkStyle::Bare
    } else {
        return;
    };
    let text = document.text;
    for link in links.into_iter().filter(|l| l.style != dominant) {
        let url = document.slice(link.span);
        let diagnostic = if dominant == LinkStyle::Angle {
            Diagnostic::new(
                &URL_STYLE,
                link.span,
                "bare URL where the other notes use `<…>`",
            )
            .with_fix(Fix::replace(
                "Wrap the URL in `<…>`".to_string(),
                Applicability::Safe,
                link.span,
                format!("<{url}>"),
            ))
        } else {
            let wrapped = Span::new(link.span.start.saturating_sub(1), link.span.end + 1);
            if text.get(wrapped.start..wrapped.end) != Some(&format!("<{url}>")) {
                continue;
            }
            Diagnostic::new(
                &URL_STYLE,
                link.span,
                "URL in `<…>` where the other notes give it bare",
            )
            .with_fix(Fix::replace(
                "Remove the `<…>` around the URL".to_string(),
                Applicability::Safe,
                wrapped,
                url.to_string(),
            ))
        };
        diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::URL_STYLE;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn minority_style_is_flagged() {
        let text = "A¹ b² c³.\n\n¹ One. <https://a.org/1>\n\n² Two. <https://a.org/2>\n\n³ Three. https://a.org/3\n";
        assert_eq!(
            flagged(&URL_STYLE, text, Format::Plain),
            ["https://a.org/3"]
        );
        let text = "A¹ b² c³.\n\n¹ One. https://a.org/1\n\n² Two. https://a.org/2\n\n³ Three. <https://a.org/3>\n";
        assert_eq!(
            flagged(&URL_STYLE, text, Format::Plain),
            ["https://a.org/3"]
        );
    }

    #[test]
    fn no_clear_majority_or_prose_urls() {
        let text = "A¹ b² c³ d⁴.\n\n¹ One. <https://a.org/1>\n\n² Two. https://a.org/2\n\n³ Three. <https://a.org/3>\n\n⁴ Four. https://a.org/4\n";
        assert!(flagged(&URL_STYLE, text, Format::Plain).is_empty());
        let text = "See https://a.org/x in prose¹.\n\n¹ One. <https://a.org/1>\n\n² Two. <https://a.org/2>\n";
        assert!(flagged(&URL_STYLE, text, Format::Plain).is_empty());
    }
}
