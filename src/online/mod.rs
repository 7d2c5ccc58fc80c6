//! Online link verification (`copydesk check --online`).
//!
//! The runner collects the URLs of every file, deduplicated by normalised URL
//! ([`normalize`]), and calls [`verify`] once: results come from the on-disk [`cache`] or
//! from requests sent by a small pool of threads ([`client`]), at most `max-concurrency`
//! at a time and `max-per-host` per host ([`limits`]), never to an internal address unless
//! allowed ([`safety`]). Broken URLs are looked up in a Wayback-style archive
//! ([`archive`]). The [`LinkReport`] goes into the [`Settings`](crate::Settings), and the
//! rules `url-broken`, `url-redirected` and `url-unchecked` turn it into findings at each
//! URL's span, so selection, severities, suppressions and baselines apply as to any rule.
//!
//! Without `--online` nothing here runs and no request is ever sent.

pub mod archive;
pub mod cache;
#[cfg(feature = "online")]
pub mod client;
pub mod limits;
pub mod normalize;
#[cfg(feature = "online")]
pub mod reachability;
pub mod retry;
pub mod safety;
pub mod soft404;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
#[cfg(feature = "online")]
use std::sync::Mutex;
#[cfg(feature = "online")]
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
#[cfg(feature = "online")]
use std::time::SystemTime;

use regex::Regex;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::document::Document;
use crate::document::citation;
use archive::Snapshot;
use safety::{AllowedHost, Refusal};

/// Options of `[online]` and the command line.
#[derive(Debug, Clone)]
pub struct OnlineOptions {
    pub enabled: bool,
    /// Per request.
    pub timeout: Duration,
    pub max_cache_age: Duration,
    pub max_redirects: u32,
    pub max_concurrency: usize,
    pub max_per_host: usize,
    pub max_retries: u32,
    /// URLs matching any of these are not checked.
    pub exclude: Vec<Regex>,
    /// Status codes counted as success besides 2xx, as inclusive ranges.
    pub accept: Vec<(u16, u16)>,
    pub allow_private_hosts: bool,
    pub allow_hosts: Vec<AllowedHost>,
    /// Look broken URLs up in the archive.
    pub archive: bool,
    pub archive_endpoint: String,
    pub soft_404_phrases: Vec<String>,
    /// Where `links.json` lives.
    pub cache_dir: PathBuf,
    pub user_agent: String,
}

impl Default for OnlineOptions {
    fn default() -> Self {
        OnlineOptions {
            enabled: false,
            timeout: Duration::from_secs(20),
            max_cache_age: Duration::from_secs(86_400),
            max_redirects: 10,
            max_concurrency: 16,
            max_per_host: 2,
            max_retries: 2,
            exclude: Vec::new(),
            accept: Vec::new(),
            allow_private_hosts: false,
            allow_hosts: Vec::new(),
            archive: true,
            archive_endpoint: archive::DEFAULT_ENDPOINT.to_string(),
            soft_404_phrases: soft404::DEFAULT_PHRASES
                .iter()
                .map(|p| p.to_string())
                .collect(),
            cache_dir: PathBuf::from(".copydesk-cache"),
            user_agent: format!("copydesk/{} (link checker)", env!("CARGO_PKG_VERSION")),
        }
    }
}

impl OnlineOptions {
    /// Whether a final status counts as success.
    pub fn accepts(&self, status: u16) -> bool {
        (200..=299).contains(&status) || self.accept.iter().any(|&(a, b)| (a..=b).contains(&status))
    }

    pub fn excludes(&self, url: &str) -> bool {
        self.exclude.iter().any(|r| r.is_match(url))
    }
}

/// Parses an `accept` entry: `403`, `"403"`, `"400..=403"` or `"400..404"`.
pub fn parse_accept(text: &str) -> Result<(u16, u16), String> {
    let text = text.trim();
    let code = |t: &str| {
        t.trim()
            .parse::<u16>()
            .ok()
            .filter(|c| (100..=999).contains(c))
            .ok_or_else(|| format!("`{text}` is not a status code or a range like `400..=403`"))
    };
    if let Some((a, b)) = text.split_once("..=") {
        let (a, b) = (code(a)?, code(b)?);
        return if a <= b {
            Ok((a, b))
        } else {
            Err(format!("`{text}` is an empty range"))
        };
    }
    if let Some((a, b)) = text.split_once("..") {
        let (a, b) = (code(a)?, code(b)?);
        return if a < b {
            Ok((a, b - 1))
        } else {
            Err(format!("`{text}` is an empty range"))
        };
    }
    code(text).map(|c| (c, c))
}

/// Parses a duration: seconds (`90`, `1.5`) or a number with a unit (`500ms`, `30s`,
/// `15m`, `12h`, `1d`, `2w`).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let invalid =
        || format!("`{text}` is not a duration such as `90`, `30s`, `15m`, `12h` or `1d`");
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().map_err(|_| invalid())?;
    let scale = match unit.trim() {
        "ms" => 0.001,
        "" | "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "week" | "weeks" => 604_800.0,
        _ => return Err(invalid()),
    };
    Duration::try_from_secs_f64(number * scale).map_err(|_| invalid())
}

/// A redirect that was followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    pub status: u16,
    pub from: String,
    pub to: String,
}

/// What went wrong on the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    Dns,
    Tls,
    Timeout,
    Connection,
    Protocol,
    RedirectLoop,
    TooManyRedirects,
    BadRedirect,
}

/// How a check ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "end", rename_all = "kebab-case")]
pub enum End {
    /// The last answer's status (not a redirect that was followed).
    Status {
        code: u16,
        /// The "not found" phrase a success page carries.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        not_found: Option<String>,
        /// Seconds the server asked to wait (`429`, `503`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
    Failed {
        failure: Failure,
        detail: String,
    },
}

/// A URL's check, as cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    pub redirects: Vec<Redirect>,
    pub end: End,
}

impl Checked {
    /// Failures are cached for a shorter time.
    pub fn is_failure(&self) -> bool {
        match &self.end {
            End::Failed { .. } => true,
            End::Status {
                code, not_found, ..
            } => *code >= 400 || not_found.is_some(),
        }
    }
}

/// What became of a URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Checked(Checked),
    /// Not requested: it (or a redirect) leads to an address the run does not allow.
    /// Never cached, since it depends on the run's options.
    Refused {
        redirects: Vec<Redirect>,
        refusal: Refusal,
    },
    /// Not checked: no host of the run answered and the network is unreachable. Never
    /// cached, so the next run with a network checks it.
    Unreached,
}

/// What a URL's outcome means for the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Fine,
    /// A permanent redirect to another URL.
    Redirected {
        to: String,
        status: u16,
    },
    Broken(String),
    Unchecked(String),
}

/// `HTTP 404 Not Found`: the status line as people know it.
#[cfg(feature = "online")]
fn reason(code: u16) -> String {
    match ureq::http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("HTTP {code} {reason}"),
        None => format!("HTTP {code}"),
    }
}

/// Without the HTTP client, no status is ever received; results read from a cache say
/// their code alone.
#[cfg(not(feature = "online"))]
fn reason(code: u16) -> String {
    format!("HTTP {code}")
}

/// Judges the outcome of checking `requested` (a normalised URL).
pub fn verdict(requested: &str, outcome: &Outcome, options: &OnlineOptions) -> Verdict {
    let checked = match outcome {
        Outcome::Refused { redirects, refusal } => {
            return Verdict::Unchecked(match redirects.last() {
                None => format!("not checked: {refusal}"),
                Some(last) => format!("not checked: it redirects to `{}`, and {refusal}", last.to),
            });
        }
        Outcome::Unreached => {
            return Verdict::Unchecked(
                "not checked: the network is unreachable (no host resolved or answered)".into(),
            );
        }
        Outcome::Checked(checked) => checked,
    };
    let after = match checked.redirects.last() {
        Some(last) => format!(" at `{}`, where it redirects", last.to),
        None => String::new(),
    };
    let (code, not_found, retry_after) = match &checked.end {
        End::Failed { failure, detail } => {
            return Verdict::Broken(match failure {
                Failure::Dns => {
                    let host = if detail.is_empty() {
                        checked
                            .redirects
                            .last()
                            .map_or(requested, |r| r.to.as_str())
                            .to_string()
                    } else {
                        detail.clone()
                    };
                    format!("host `{host}` not found (DNS lookup failed){after}")
                }
                Failure::Tls => format!("TLS error{after}: {detail}"),
                Failure::Timeout => format!("timed out: no answer within {detail}{after}"),
                Failure::Connection => format!("connection failed{after}: {detail}"),
                Failure::Protocol => format!("invalid HTTP answer{after}: {detail}"),
                Failure::RedirectLoop => format!("redirect loop: {detail}"),
                Failure::TooManyRedirects => format!("too many redirects: {detail}"),
                Failure::BadRedirect => {
                    format!("redirects to `{detail}`, which is not a web address")
                }
            });
        }
        End::Status {
            code,
            not_found,
            retry_after,
        } => (*code, not_found, retry_after),
    };
    if options.accepts(code) {
        if let Some(phrase) = not_found.as_ref().filter(|_| (200..=299).contains(&code)) {
            return Verdict::Broken(format!(
                "soft 404: the page answers {code} but says `{phrase}`{after}"
            ));
        }
        if let Some(last) = checked.redirects.last() {
            let home = |u: &str| Url::parse(u).is_ok_and(|u| soft404::is_home_page(&u));
            if home(&last.to) && !home(requested) {
                return Verdict::Broken(format!(
                    "soft 404: redirects to the home page `{}`",
                    last.to
                ));
            }
        }
        return match permanent_target(requested, &checked.redirects) {
            Some((to, status)) => Verdict::Redirected { to, status },
            None => Verdict::Fine,
        };
    }
    Verdict::Broken(match code {
        429 => {
            let wait = retry_after
                .map(|s| format!("; the server asks to wait {}", retry::describe_wait(s)))
                .unwrap_or_default();
            return Verdict::Unchecked(format!(
                "not checked: rate limited ({}){after}{wait}",
                reason(code)
            ));
        }
        404 => format!("page not found ({}){after}", reason(code)),
        410 => format!("page gone ({}){after}", reason(code)),
        401 | 403 => format!("access denied ({}){after}", reason(code)),
        300..=399 => format!("redirect without a `Location` ({}){after}", reason(code)),
        400..=499 => format!("request refused ({}){after}", reason(code)),
        500..=599 => format!("server error ({}){after}", reason(code)),
        _ => format!("unexpected answer ({}){after}", reason(code)),
    })
}

/// Where the leading permanent redirects (301, 308) lead, when that is another page (not
/// the same URL with or without a trailing slash).
fn permanent_target(requested: &str, redirects: &[Redirect]) -> Option<(String, u16)> {
    let last = redirects
        .iter()
        .take_while(|r| matches!(r.status, 301 | 308))
        .last()?;
    let from = Url::parse(requested).ok()?;
    let to = Url::parse(&last.to).ok()?;
    if normalize::same_but_trailing_slash(&from, &to) {
        return None;
    }
    Some((last.to.clone(), last.status))
}

/// A URL to verify, and the dates of the notes that cite it (`YYYY`, `YYYYMM` or
/// `YYYYMMDD`; empty for a link without a dated note) for archive lookups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRequest {
    pub url: String,
    pub timestamps: BTreeSet<String>,
}

/// A document link's request: the index into `document.links`, the normalised URL and
/// the date of its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    pub link: usize,
    pub url: String,
    pub timestamp: String,
}

/// The `http(s)` links of a document that can be checked.
pub fn document_links(document: &Document<'_>) -> Vec<DocumentLink> {
    let mut dated: HashMap<usize, String> = HashMap::new();
    if document.links.iter().any(|l| l.note.is_some()) {
        for citation in citation::citations(document) {
            if let Some(date) = citation.date.or(citation.title_date) {
                let mut stamp = format!("{:04}", date.year);
                if let Some(month) = date.month.filter(|m| (1..=12).contains(m)) {
                    stamp.push_str(&format!("{month:02}"));
                    if let Some(day) = date.day.filter(|d| (1..=31).contains(d)) {
                        stamp.push_str(&format!("{day:02}"));
                    }
                }
                dated.insert(citation.note, stamp);
            }
        }
    }
    document
        .links
        .iter()
        .enumerate()
        .filter_map(|(index, link)| {
            let url = normalize::key(&link.url)?;
            Some(DocumentLink {
                link: index,
                url,
                timestamp: link
                    .note
                    .and_then(|n| dated.get(&n).cloned())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// The verdict on each checkable link of `document`, from the run's [`LinkReport`]:
/// nothing offline, and nothing for excluded URLs.
pub fn link_verdicts(
    document: &Document<'_>,
    settings: &crate::Settings,
) -> Vec<(DocumentLink, Verdict)> {
    let Some(report) = settings.link_report.as_deref() else {
        return Vec::new();
    };
    document_links(document)
        .into_iter()
        .filter_map(|link| {
            let outcome = report.outcomes.get(&link.url)?;
            let verdict = verdict(&link.url, outcome, &settings.online);
            Some((link, verdict))
        })
        .collect()
}

/// What the online pass learnt, read by the `url-broken`, `url-redirected` and
/// `url-unchecked` rules.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// By normalised URL; excluded URLs are absent.
    pub outcomes: HashMap<String, Outcome>,
    /// By normalised URL and note date.
    pub snapshots: HashMap<(String, String), Snapshot>,
    /// URLs requested in this run, and answered from the cache.
    pub checked: usize,
    pub from_cache: usize,
    /// HTTP requests sent (links and archive).
    pub requests: usize,
    /// The most requests in flight to one host at once.
    pub peak_per_host: usize,
    /// URLs left unchecked because the network is unreachable.
    pub unreached: usize,
    /// Cache problems, to print as warnings.
    pub warnings: Vec<String>,
}

impl LinkReport {
    pub fn snapshot(&self, url: &str, timestamp: &str) -> Option<&Snapshot> {
        self.snapshots
            .get(&(url.to_string(), timestamp.to_string()))
    }
}

/// Told about progress; the command line draws a bar with it.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn advance(&self, _url: &str) {}
    fn finish(&self) {}
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {}

/// Runs `work` over `jobs` on `workers` threads, keeping the jobs' order in the results;
/// `None` for a job whose work panicked (a bug, never a crash of the whole run).
#[cfg(feature = "online")]
fn run_pool<T: Sync, R: Send>(
    jobs: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, jobs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else { break };
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(job))).ok();
                    if let Ok(mut results) = results.lock() {
                        results[index] = result;
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Orders URLs so that consecutive ones are on different hosts where possible: the
/// workers then spread over hosts instead of queueing on one.
#[cfg(feature = "online")]
fn interleave_by_host(mut urls: Vec<(String, Url)>) -> Vec<(String, Url)> {
    urls.sort_by(|a, b| a.0.cmp(&b.0));
    // Round r takes the r-th URL of every host, hosts in order of first appearance: sort
    // by (round, host order), not by asking every host in every round.
    let mut hosts: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut keyed: Vec<((usize, usize), (String, Url))> = urls
        .into_iter()
        .map(|entry| {
            let host = entry.1.host_str().unwrap_or_default().to_string();
            let order = hosts.len();
            let (host_order, taken) = hosts.entry(host).or_insert((order, 0));
            let key = (*taken, *host_order);
            *taken += 1;
            (key, entry)
        })
        .collect();
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, entry)| entry).collect()
}

/// What the cache knows of `requests`, without a request sent: for an editor, which must
/// never wait on the network. URLs the cache does not hold are left out (no finding).
pub fn from_cache(requests: &[LinkRequest], options: &OnlineOptions) -> LinkReport {
    let mut report = LinkReport::default();
    let (cache, warning) = cache::Cache::load(
        &options.cache_dir,
        options.max_cache_age,
        std::time::SystemTime::now(),
    );
    report.warnings.extend(warning);
    for request in requests {
        if options.excludes(&request.url) {
            continue;
        }
        if let Some(checked) = cache.link(&request.url) {
            report
                .outcomes
                .insert(request.url.clone(), Outcome::Checked(checked.clone()));
            report.from_cache += 1;
        }
    }
    report
}

/// Verifies `requests` with the system resolver.
#[cfg(feature = "online")]
pub fn verify(
    requests: &[LinkRequest],
    options: &OnlineOptions,
    progress: &dyn Progress,
) -> LinkReport {
    verify_with(requests, options, progress, client::system_lookup())
}

/// Verifies `requests`, resolving host names with `lookup`.
#[cfg(feature = "online")]
pub fn verify_with(
    requests: &[LinkRequest],
    options: &OnlineOptions,
    progress: &dyn Progress,
    lookup: client::Lookup,
) -> LinkReport {
    let mut report = LinkReport::default();
    let (mut cache, warning) =
        cache::Cache::load(&options.cache_dir, options.max_cache_age, SystemTime::now());
    report.warnings.extend(warning);
    let mut to_check = Vec::new();
    for request in requests {
        if options.excludes(&request.url) || report.outcomes.contains_key(&request.url) {
            continue;
        }
        if let Some(checked) = cache.link(&request.url) {
            report
                .outcomes
                .insert(request.url.clone(), Outcome::Checked(checked.clone()));
            report.from_cache += 1;
        } else if let Ok(url) = Url::parse(&request.url) {
            to_check.push((request.url.clone(), url));
        }
    }
    let client = client::Client::new(options, lookup.clone());
    if !to_check.is_empty() {
        let jobs = interleave_by_host(to_check);
        progress.start(jobs.len());
        let outcomes = run_pool(&jobs, options.max_concurrency, |(key, url)| {
            let outcome = client.check(url);
            progress.advance(key);
            outcome
        });
        progress.finish();
        let offline = reachability::none_answered(outcomes.iter().flatten())
            && !reachability::network_reachable(&lookup, options.timeout);
        for ((key, _), outcome) in jobs.into_iter().zip(outcomes) {
            let Some(outcome) = outcome else {
                report.warnings.push(format!(
                    "internal error while checking {key}; please report it"
                ));
                continue;
            };
            report.checked += 1;
            if offline {
                report.outcomes.insert(key, Outcome::Unreached);
                report.unreached += 1;
                continue;
            }
            if let Outcome::Checked(checked) = &outcome {
                cache.put_link(&key, checked.clone());
            }
            report.outcomes.insert(key, outcome);
        }
    }
    if options.archive {
        let mut lookups = Vec::new();
        for request in requests {
            let Some(outcome) = report.outcomes.get(&request.url) else {
                continue;
            };
            if !matches!(verdict(&request.url, outcome, options), Verdict::Broken(_)) {
                continue;
            }
            for timestamp in &request.timestamps {
                match cache.snapshot(&request.url, timestamp) {
                    Some(Some(snapshot)) => {
                        report
                            .snapshots
                            .insert((request.url.clone(), timestamp.clone()), snapshot.clone());
                    }
                    Some(None) => {}
                    None => lookups.push((request.url.clone(), timestamp.clone())),
                }
            }
        }
        lookups.sort();
        lookups.dedup();
        let answers = run_pool(&lookups, options.max_concurrency, |(url, timestamp)| {
            client.archived(url, timestamp)
        });
        for ((url, timestamp), answer) in lookups.into_iter().zip(answers) {
            let Some(Some(Ok(snapshot))) = answer else {
                continue;
            };
            cache.put_snapshot(&url, &timestamp, snapshot.clone());
            if let Some(snapshot) = snapshot {
                report.snapshots.insert((url, timestamp), snapshot);
            }
        }
    }
    report.requests = client.requests();
    report.peak_per_host = client.peak_per_host();
    if let Err(error) = cache.save() {
        report.warnings.push(error);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> Outcome {
        Outcome::Checked(Checked {
            redirects: Vec::new(),
            end: End::Status {
                code,
                not_found: None,
                retry_after: None,
            },
        })
    }

    fn redirected(hops: &[(u16, &str, &str)], code: u16) -> Outcome {
        Outcome::Checked(Checked {
            redirects: hops
                .iter()
                .map(|&(status, from, to)| Redirect {
                    status,
                    from: from.into(),
                    to: to.into(),
                })
                .collect(),
            end: End::Status {
                code,
                not_found: None,
                retry_after: None,
            },
        })
    }

    #[test]
    fn statuses() {
        let o = OnlineOptions::default();
        let url = "https://a.org/x";
        assert_eq!(verdict(url, &status(200), &o), Verdict::Fine);
        assert_eq!(
            verdict(url, &status(404), &o),
            Verdict::Broken("page not found (HTTP 404 Not Found)".into())
        );
        assert_eq!(
            verdict(url, &status(410), &o),
            Verdict::Broken("page gone (HTTP 410 Gone)".into())
        );
        assert_eq!(
            verdict(url, &status(500), &o),
            Verdict::Broken("server error (HTTP 500 Internal Server Error)".into())
        );
        assert!(matches!(
            verdict(url, &status(429), &o),
            Verdict::Unchecked(_)
        ));
        let accepting = OnlineOptions {
            accept: vec![(403, 403), (429, 429)],
            ..OnlineOptions::default()
        };
        assert_eq!(verdict(url, &status(403), &accepting), Verdict::Fine);
        assert_eq!(verdict(url, &status(429), &accepting), Verdict::Fine);
    }

    #[test]
    fn redirects() {
        let o = OnlineOptions::default();
        let url = "https://a.org/old";
        assert_eq!(
            verdict(
                url,
                &redirected(&[(301, url, "https://a.org/new")], 200),
                &o
            ),
            Verdict::Redirected {
                to: "https://a.org/new".into(),
                status: 301
            }
        );
        // Temporary redirects are normal; a trailing slash is the same page.
        assert_eq!(
            verdict(
                url,
                &redirected(&[(302, url, "https://a.org/new")], 200),
                &o
            ),
            Verdict::Fine
        );
        assert_eq!(
            verdict(
                url,
                &redirected(&[(301, url, "https://a.org/old/")], 200),
                &o
            ),
            Verdict::Fine
        );
        // Only the leading permanent hops count.
        assert_eq!(
            verdict(
                url,
                &redirected(
                    &[
                        (308, url, "https://b.org/old"),
                        (302, "https://b.org/old", "https://b.org/login")
                    ],
                    200
                ),
                &o
            ),
            Verdict::Redirected {
                to: "https://b.org/old".into(),
                status: 308
            }
        );
        // To the home page: a soft 404.
        assert_eq!(
            verdict(url, &redirected(&[(301, url, "https://a.org/")], 200), &o),
            Verdict::Broken("soft 404: redirects to the home page `https://a.org/`".into())
        );
        // A redirect that ends on a 404.
        assert_eq!(
            verdict(
                url,
                &redirected(&[(301, url, "https://a.org/new")], 404),
                &o
            ),
            Verdict::Broken(
                "page not found (HTTP 404 Not Found) at `https://a.org/new`, where it redirects"
                    .into()
            )
        );
    }

    #[test]
    fn accept_and_durations() {
        assert_eq!(parse_accept("403"), Ok((403, 403)));
        assert_eq!(parse_accept("400..=403"), Ok((400, 403)));
        assert_eq!(parse_accept("400..404"), Ok((400, 403)));
        assert!(parse_accept("403..=400").is_err());
        assert!(parse_accept("abc").is_err());
        assert!(parse_accept("42").is_err());
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("12h"), Ok(Duration::from_secs(43_200)));
        assert_eq!(parse_duration("15 m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert!(parse_duration("1y").is_err());
        assert!(parse_duration("-1").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn links_carry_their_note_dates() {
        let text = "A claim.¹ Another.²\n\n¹ Outlet: *Title*. 23/7/2023. <https://a.org/x#part>\n\n² Outlet: *Other*. <https://a.org/y>\n\nSee ftp://a.org/f and https://b.org/z.\n";
        let document = Document::parse(text, crate::Format::Plain);
        let links = document_links(&document);
        let found: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (l.url.as_str(), l.timestamp.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("https://a.org/x", "20230723"),
                ("https://a.org/y", ""),
                ("https://b.org/z", "")
            ]
        );
    }

    #[test]
    fn interleaving_spreads_hosts() {
        let urls = [
            "https://a.org/1",
            "https://a.org/2",
            "https://a.org/3",
            "https://b.org/1",
        ]
        .iter()
        .map(|u| (u.to_string(), Url::parse(u).unwrap()))
        .collect();
        let order: Vec<String> = interleave_by_host(urls)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            order,
            [
                "https://a.org/1",
                "https://b.org/1",
                "https://a.org/2",
                "https://a.org/3"
            ]
        );
    }

    /// Issue 14, row 13: 80,000 distinct hosts took 8 s of scheduling (a linear search
    /// per URL and a pass over every host per round).
    #[test]
    fn interleaving_many_hosts_stays_linear() {
        let urls = |n: usize| -> Vec<(String, Url)> {
            (0..n)
                .map(|i| {
                    let u = format!("https://h{i}.example/p");
                    (u.clone(), Url::parse(&u).unwrap())
                })
                .chain((0..n).map(|i| {
                    let u = format!("https://one.example/{i}");
                    (u.clone(), Url::parse(&u).unwrap())
                }))
                .collect()
        };
        // The thread's CPU time, best of three: waiting for a core on a busy machine does
        // not count.
        let time = |n: usize| {
            (0..3)
                .map(|_| {
                    let input = urls(n);
                    let started = thread_cpu_time();
                    let ordered = interleave_by_host(input);
                    assert_eq!(ordered.len(), 2 * n);
                    thread_cpu_time().saturating_sub(started)
                })
                .min()
                .unwrap_or_default()
        };
        // Eight times the hosts: about ×10 when linear (with the sort's log factor and a
        // busy machine), ×64 when quadratic as it was.
        let (small, large) = (time(2_500), time(20_000));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-4);
        assert!(ratio < 24.0, "{small:?} → {large:?}: ×{ratio:.1}");
    }

    /// CPU time of the calling thread (wall-clock time where there is no such clock).
    fn thread_cpu_time() -> std::time::Duration {
        #[cfg(unix)]
        {
            let mut now = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: `now` is a valid timespec for the call to write into.
            if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0 {
                return std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32);
            }
        }
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed()
    }
}
