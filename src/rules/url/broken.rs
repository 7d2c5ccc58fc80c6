use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::Document;
use crate::online::{self, Verdict};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// With `copydesk check --online` (or `online = true` in config), requests every
    /// `http(s)` URL cited in notes and links and flags the ones that no longer lead to the
    /// page: 404, 410 and other 4xx or 5xx answers, host names that do not resolve, TLS
    /// errors, timeouts, redirect loops, and soft 404s (a redirect to the site's home page,
    /// or a page whose title, main heading or short body says "page not found" in English
    /// or Spanish). Without `--online` it does nothing and no request is sent.
    ///
    /// Each URL is requested once per run, however many files cite it: `HEAD` first, `GET`
    /// when the server refuses `HEAD` (405, 501, and 400 or 403, which some servers give
    /// `HEAD` alone) and to read the start of a page for the soft-404 test. Redirects are
    /// followed by hand up to `max-redirects`. A 429, 502, 503 or 504 answer, or a dropped
    /// connection, is asked again after the server's
    /// `Retry-After` or an exponential backoff. No URL takes more than three times
    /// `timeout`, besides its wait for a place under the per-host limit. Results are
    /// cached (see Options).
    ///
    /// ## Why is this bad
    /// A citation whose page is gone cannot be checked by the reader: the claim it supports
    /// loses its evidence. Links rot quietly; only a request tells.
    ///
    /// ## Example
    /// ```markdown
    /// ¹ Example Institute: *Annual report*. 20/7/2023. <https://example.org/reports/2023-annual>
    /// ```
    /// where the server answers `404 Not Found`.
    ///
    /// ## Use instead
    /// The page's new address, or an archived copy:
    /// ```markdown
    /// ¹ Example Institute: *Annual report*. 20/7/2023. <https://web.archive.org/web/20230721000000/https://example.org/reports/2023-annual>
    /// ```
    ///
    /// ## Fix safety
    /// When a Wayback-style archive holds a copy, the fix replaces the URL with the copy
    /// closest to the note's date, and its title shows the copy's date. It is unsafe: an
    /// editor should check that the copy shows what the note cites.
    ///
    /// ## Options
    /// Under `[online]`; the command-line flag in the comment overrides each:
    /// ```toml
    /// [online]
    /// enabled = true          # --online
    /// timeout = 20            # --timeout, seconds per request
    /// max-cache-age = "1d"    # --max-cache-age; failures are kept a twenty-fourth of it
    /// cache-dir = ".copydesk-cache"   # --cache-dir, beside the config file
    /// max-redirects = 10
    /// max-concurrency = 16
    /// max-per-host = 2
    /// max-retries = 2
    /// exclude = ['^https://intranet\.example\.org/']   # --exclude-url, regexes never requested
    /// accept = ["400..=403"]  # --accept, counted as success besides 2xx
    /// archive = true          # --no-archive
    /// archive-endpoint = "https://archive.org/wayback/available"   # --archive-endpoint
    /// soft-404-phrases = ["page not found"]   # replaces the built-in English and Spanish list
    /// user-agent = "copydesk (newsroom link check)"
    /// ```
    /// `allow-private-hosts` and `allow-hosts`: see `url-unchecked`.
    pub static URL_BROKEN = {
        name: "url-broken",
        code: "CD204",
        severity: Error,
        enabled_by_default: true,
        fixes: Unsafe,
        summary: "With `--online`: a cited URL that answers 4xx or 5xx, does not resolve, times out, loops or is a soft 404",
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let Some(report) = settings.link_report.as_deref() else {
        return;
    };
    for (found, verdict) in online::link_verdicts(document, settings) {
        let Verdict::Broken(message) = verdict else {
            continue;
        };
        let link = &document.links[found.link];
        let mut diagnostic = Diagnostic::new(&URL_BROKEN, link.span, message);
        let snapshot = report.snapshot(&found.url, &found.timestamp);
        if let Some(snapshot) = snapshot.filter(|_| document.slice(link.span) == link.url) {
            let title = match snapshot.date() {
                Some(date) => format!("Replace with the archived copy of {date}"),
                None => "Replace with the archived copy".to_string(),
            };
            diagnostic = diagnostic.with_fix(Fix::replace(
                title,
                Applicability::Unsafe,
                link.span,
                snapshot.url.clone(),
            ));
        }
        diagnostics.push(diagnostic);
    }
}
