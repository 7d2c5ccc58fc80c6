use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::Document;
use crate::online::{self, Verdict};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// With `--online`, flags a cited URL that permanently redirects (301 or 308) to another
    /// page, and offers the final address. Temporary redirects (302, 303, 307: logins,
    /// geolocation, tracking) are not reported, nor a redirect that only adds or removes a
    /// trailing slash; a redirect to the site's home page is a soft 404, reported by
    /// `url-broken`. Without `--online` it does nothing.
    ///
    /// ## Why is this bad
    /// A permanent redirect says the page has moved for good. The old address works today
    /// but depends on the site keeping its redirects, which many redesigns drop.
    ///
    /// ## Example
    /// ```markdown
    /// ¹ Example Institute: *Annual report*. 20/7/2023. <http://example.org/report-2023>
    /// ```
    /// where the server answers `301 Moved Permanently` to
    /// `https://example.org/reports/2023`.
    ///
    /// ## Use instead
    /// ```markdown
    /// ¹ Example Institute: *Annual report*. 20/7/2023. <https://example.org/reports/2023>
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the server itself names the new address. A fragment (`#section`) of the old
    /// URL is kept, as browsers keep it across redirects.
    ///
    /// ## Options
    /// The `[online]` options of `url-broken`.
    pub static URL_REDIRECTED = {
        name: "url-redirected",
        code: "CD205",
        severity: Info,
        enabled_by_default: true,
        fixes: Safe,
        summary: "With `--online`: a cited URL that permanently redirects to another page",
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    for (found, verdict) in online::link_verdicts(document, settings) {
        let Verdict::Redirected { to, status } = verdict else {
            continue;
        };
        let link = &document.links[found.link];
        let fragment = link.url.split_once('#').map(|(_, f)| f);
        let replacement = match fragment {
            Some(fragment) if !to.contains('#') => format!("{to}#{fragment}"),
            _ => to.clone(),
        };
        let mut diagnostic = Diagnostic::new(
            &URL_REDIRECTED,
            link.span,
            format!("permanently redirects (HTTP {status}) to `{to}`"),
        );
        if document.slice(link.span) == link.url && replacement != link.url {
            diagnostic = diagnostic.with_fix(Fix::replace(
                format!("Replace with `{replacement}`"),
                Applicability::Safe,
                link.span,
                replacement,
            ));
        }
        diagnostics.push(diagnostic);
    }
}
