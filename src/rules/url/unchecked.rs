use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::online::{self, Verdict};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// With `--online`, reports a cited URL that copydesk did not check, and why: its host
    /// (or a host it redirects to) resolves to a loopback, private, link-local, shared or
    /// cloud-metadata address (`127.0.0.0/8`, `10/8`, `172.16/12`, `192.168/16`,
    /// `169.254/16`, `100.64/10`, `0.0.0.0/8`, `::1`, `fc00::/7`, `fe80::/10`, and IPv6
    /// forms that embed such an IPv4 address), or the server kept answering 429 (rate
    /// limited), or the network is unreachable (no URL of the run got an answer and no
    /// well-known host resolves and connects: copydesk then says so once, and caches
    /// nothing). Addresses are checked after DNS resolution and again at every redirect,
    /// so an article run in CI cannot make copydesk probe the internal network. Without
    /// `--online` it does nothing.
    ///
    /// ## Why is this bad
    /// It is not a defect of the article: it says that a URL's state is unknown, so that
    /// a clean run is not mistaken for a verified one.
    ///
    /// ## Example
    /// ```markdown
    /// ¹ Intranet: *Style guide*. 2/3/2024. <http://10.0.0.5/style>
    /// ```
    ///
    /// ## Use instead
    /// A public address, or allow the host for this run:
    /// `copydesk check --online --allow-host 10.0.0.5`.
    ///
    /// ## Options
    /// Under `[online]` (with the command-line flag that overrides each):
    /// ```toml
    /// [online]
    /// allow-private-hosts = false            # --allow-private-hosts: no address check at all
    /// allow-hosts = ["staging.example.org:8080"]   # --allow-host: lift it for these only
    /// accept = [429]                         # --accept: count rate-limited answers as success
    /// ```
    pub static URL_UNCHECKED = {
        name: "url-unchecked",
        code: "CD206",
        severity: Info,
        enabled_by_default: true,
        fixes: None,
        summary: "With `--online`: a cited URL left unchecked (internal address, rate limited, offline)",
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    for (found, verdict) in online::link_verdicts(document, settings) {
        let Verdict::Unchecked(message) = verdict else {
            continue;
        };
        let link = &document.links[found.link];
        diagnostics.push(Diagnostic::new(&URL_UNCHECKED, link.span, message));
    }
}
