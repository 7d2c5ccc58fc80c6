//! The HTTP side: one ureq agent whose resolver vets every address, redirects followed by
//! hand (so every hop is vetted and loops are seen), HEAD with a GET fallback, retries
//! with backoff and `Retry-After`, and a time bound on every URL.

use std::collections::HashSet;
use std::fmt;
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use ureq::Agent;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use url::Url;

use super::archive::{self, Snapshot};
use super::limits::HostLimits;
use super::safety::{AllowedHost, Policy, Refusal};
use super::{Checked, End, Failure, OnlineOptions, Outcome, Redirect, normalize, retry, soft404};

/// How much of a page is read to look for "not found".
const BODY_LIMIT: u64 = 64 * 1024;

/// Looks a host name up: `(host, port, timeout)` to addresses.
pub type Lookup = Arc<dyn Fn(&str, u16, Duration) -> io::Result<Vec<SocketAddr>> + Send + Sync>;

/// The system resolver, given up on after `timeout` (the lookup thread is left to finish
/// on its own: `getaddrinfo` cannot be cancelled).
pub fn system_lookup() -> Lookup {
    Arc::new(|host: &str, port: u16, timeout: Duration| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let host = host.to_string();
        std::thread::Builder::new()
            .name("copydesk-dns".into())
            .spawn(move || {
                let found = (host.as_str(), port)
                    .to_socket_addrs()
                    .map(|addresses| addresses.collect::<Vec<_>>());
                let _ = sender.send(found);
            })?;
        match receiver.recv_timeout(timeout) {
            Ok(found) => found,
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "DNS lookup timed out",
            )),
        }
    })
}

/// Why the resolver gave no address; carried through ureq as `Error::Other`.
#[derive(Debug)]
enum ResolveError {
    Refused(Refusal),
    NotFound(String),
    TimedOut,
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Refused(refusal) => refusal.fmt(f),
            ResolveError::NotFound(detail) => write!(f, "host not found: {detail}"),
            ResolveError::TimedOut => write!(f, "DNS lookup timed out"),
        }
    }
}

impl std::error::Error for ResolveError {}

/// Resolves with [`Lookup`], then keeps only the addresses the [`Policy`] allows.
struct VettingResolver {
    policy: Policy,
    lookup: Lookup,
}

impl fmt::Debug for VettingResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VettingResolver")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl Resolver for VettingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let other = |e: ResolveError| ureq::Error::Other(Box::new(e));
        let host = uri
            .host()
            .ok_or_else(|| ureq::Error::BadUri(uri.to_string()))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let port = uri
            .port_u16()
            .unwrap_or(if uri.scheme_str() == Some("https") {
                443
            } else {
                80
            });
        let addresses = match host.parse::<IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => {
                let wait = (*timeout.after).min(Duration::from_secs(3600));
                (self.lookup)(host, port, wait).map_err(|e| {
                    other(if e.kind() == io::ErrorKind::TimedOut {
                        ResolveError::TimedOut
                    } else {
                        ResolveError::NotFound(e.to_string())
                    })
                })?
            }
        };
        if addresses.is_empty() {
            return Err(other(ResolveError::NotFound("no address".into())));
        }
        let vetted = self
            .policy
            .vet(host, port, &addresses)
            .map_err(|r| other(ResolveError::Refused(r)))?;
        let mut resolved = self.empty();
        for address in vetted.into_iter().take(16) {
            resolved.push(address);
        }
        Ok(resolved)
    }
}

fn agent(options: &OnlineOptions, policy: Policy, lookup: Lookup) -> Agent {
    let config = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .user_agent(options.user_agent.as_str())
        .accept("text/html,application/xhtml+xml,*/*;q=0.8")
        .max_idle_connections_per_host(options.max_per_host.max(1))
        .build();
    Agent::with_parts(
        config,
        DefaultConnector::new(),
        VettingResolver { policy, lookup },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Head,
    Get,
}

/// One HTTP exchange's answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
    /// HTML, or no content type given.
    html: bool,
    body: Option<String>,
}

#[derive(Debug)]
enum Sent {
    Answer(Answer),
    Refused(Refusal),
    /// A network failure, and whether asking again may help.
    Failed(Failure, String, bool),
}

/// Sends requests for one run.
pub struct Client {
    agent: Agent,
    archive_agent: Option<(Agent, Url)>,
    limits: HostLimits,
    timeout: Duration,
    max_redirects: u32,
    max_retries: u32,
    phrases: Vec<String>,
    requests: AtomicUsize,
}

impl Client {
    pub fn new(options: &OnlineOptions, lookup: Lookup) -> Client {
        let policy = Policy {
            allow_private: options.allow_private_hosts,
            allow_hosts: options.allow_hosts.clone(),
        };
        // The archive endpoint comes from the config, not from the article: it is
        // trusted, and only it is reached through this agent (no redirect is followed).
        let archive_agent = options
            .archive
            .then(|| Url::parse(&options.archive_endpoint).ok())
            .flatten()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .and_then(|endpoint| {
                let host = endpoint.host_str()?;
                let allowed =
                    AllowedHost::parse(&format!("{host}:{}", endpoint.port_or_known_default()?))
                        .ok()?;
                let mut policy = policy.clone();
                policy.allow_hosts.push(allowed);
                Some((agent(options, policy, lookup.clone()), endpoint))
            });
        Client {
            agent: agent(options, policy, lookup),
            archive_agent,
            limits: HostLimits::new(options.max_per_host),
            // At most a day: a longer wait is a typo, and keeps time arithmetic in range.
            timeout: options
                .timeout
                .clamp(Duration::from_millis(1), Duration::from_secs(86_400)),
            max_redirects: options.max_redirects,
            max_retries: options.max_retries,
            phrases: options.soft_404_phrases.clone(),
            requests: AtomicUsize::new(0),
        }
    }

    /// HTTP requests sent so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// The most requests that were in flight to one host at once.
    pub fn peak_per_host(&self) -> usize {
        self.limits.peak()
    }

    /// The longest one URL may take: three times the timeout, whatever the redirects,
    /// retries and fallbacks (time spent queueing under the per-host limit aside).
    pub fn time_bound(&self) -> Duration {
        self.timeout.saturating_mul(3)
    }

    fn deadline(&self) -> Instant {
        let now = Instant::now();
        now.checked_add(self.time_bound()).unwrap_or(now)
    }

    /// Checks one URL, following redirects.
    pub fn check(&self, start: &Url) -> Outcome {
        let mut deadline = self.deadline();
        let mut method = Method::Head;
        let mut url = start.clone();
        let mut redirects: Vec<Redirect> = Vec::new();
        let mut seen = HashSet::from([start.to_string()]);
        loop {
            let read_body = method == Method::Get && !self.phrases.is_empty();
            let answer =
                match self.send_with_retries(&self.agent, method, &url, &mut deadline, read_body) {
                    Sent::Answer(answer) => answer,
                    Sent::Refused(refusal) => return Outcome::Refused { redirects, refusal },
                    Sent::Failed(failure, detail, _) => {
                        return Outcome::Checked(Checked {
                            redirects,
                            end: End::Failed { failure, detail },
                        });
                    }
                };
            // 405 and 501 say HEAD is not supported; some servers (and the bot walls in
            // front of them) answer HEAD with 400 or 403 while GET works.
            if method == Method::Head && matches!(answer.status, 400 | 403 | 405 | 501) {
                method = Method::Get;
                continue;
            }
            if let (300..=399, Some(location)) = (answer.status, &answer.location) {
                let failed = |failure, detail: String, redirects| {
                    Outcome::Checked(Checked {
                        redirects,
                        end: End::Failed { failure, detail },
                    })
                };
                if redirects.len() >= self.max_redirects as usize {
                    return failed(
                        Failure::TooManyRedirects,
                        format!("more than {} redirects", self.max_redirects),
                        redirects,
                    );
                }
                let next = match url.join(location) {
                    Ok(next) if matches!(next.scheme(), "http" | "https") => next,
                    _ => {
                        return failed(Failure::BadRedirect, location.clone(), redirects);
                    }
                };
                redirects.push(Redirect {
                    status: answer.status,
                    from: url.to_string(),
                    to: next.to_string(),
                });
                let Some(next) = normalize::target(next.as_str()) else {
                    return failed(Failure::BadRedirect, location.clone(), redirects);
                };
                if !seen.insert(next.to_string()) {
                    let chain = std::iter::once(start.as_str())
                        .chain(redirects.iter().map(|r| r.to.as_str()))
                        .map(|u| format!("`{u}`"))
                        .collect::<Vec<_>>()
                        .join(" → ");
                    return failed(Failure::RedirectLoop, chain, redirects);
                }
                url = next;
                continue;
            }
            let mut not_found = None;
            if (200..=299).contains(&answer.status) && answer.html && !self.phrases.is_empty() {
                let body = match (method, answer.body) {
                    (Method::Get, body) => body,
                    (Method::Head, _) => {
                        match self.send(&self.agent, Method::Get, &url, &mut deadline, true) {
                            Sent::Answer(page) if (200..=299).contains(&page.status) => page.body,
                            Sent::Failed(failure, detail, _) => {
                                return Outcome::Checked(Checked {
                                    redirects,
                                    end: End::Failed { failure, detail },
                                });
                            }
                            _ => None,
                        }
                    }
                };
                not_found = body.and_then(|b| soft404::not_found_phrase(&b, &self.phrases));
            }
            return Outcome::Checked(Checked {
                redirects,
                end: End::Status {
                    code: answer.status,
                    not_found,
                    retry_after: answer.retry_after.map(|d| d.as_secs()),
                },
            });
        }
    }

    /// Sends, and asks again after a transient failure (429, 502–504, a dropped
    /// connection) while the time bound allows: after `Retry-After` when the server gives
    /// it, else after an exponential backoff.
    fn send_with_retries(
        &self,
        agent: &Agent,
        method: Method,
        url: &Url,
        deadline: &mut Instant,
        read_body: bool,
    ) -> Sent {
        let mut attempt = 0;
        loop {
            let sent = self.send(agent, method, url, deadline, read_body);
            let asked_wait = match &sent {
                Sent::Answer(answer) if retry::is_transient(answer.status) => answer.retry_after,
                Sent::Failed(_, _, true) => None,
                _ => return sent,
            };
            if attempt >= self.max_retries {
                return sent;
            }
            attempt += 1;
            let wait = asked_wait.unwrap_or_else(|| retry::backoff(attempt));
            if wait >= deadline.saturating_duration_since(Instant::now()) {
                return sent;
            }
            std::thread::sleep(wait);
        }
    }

    /// One HTTP exchange, within the URL's deadline and the per-request timeout.
    fn send(
        &self,
        agent: &Agent,
        method: Method,
        url: &Url,
        deadline: &mut Instant,
        read_body: bool,
    ) -> Sent {
        let host = match (url.host_str(), url.port_or_known_default()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            _ => return Sent::Failed(Failure::BadRedirect, url.to_string(), false),
        };
        // Waiting for a place under the per-host limit is copydesk's own politeness, not
        // the server's slowness: it does not count against the URL's time bound.
        let queued = Instant::now();
        let _permit = self.limits.acquire(&host);
        *deadline = deadline.checked_add(queued.elapsed()).unwrap_or(*deadline);
        let remaining = deadline.saturating_duration_since(Instant::now());
        let budget = remaining.min(self.timeout);
        if budget.is_zero() {
            return Sent::Failed(Failure::Timeout, seconds(self.time_bound()), false);
        }
        let result = match method {
            Method::Head => agent
                .head(url.as_str())
                .config()
                .timeout_global(Some(budget))
                .build()
                .call(),
            Method::Get => agent
                .get(url.as_str())
                .config()
                .timeout_global(Some(budget))
                .build()
                .call(),
        };
        let response = match result {
            Ok(response) => response,
            Err(ureq::Error::Other(error)) => match error.downcast::<ResolveError>() {
                Ok(resolve) => {
                    return match *resolve {
                        ResolveError::Refused(refusal) => Sent::Refused(refusal),
                        ResolveError::NotFound(_) => Sent::Failed(
                            Failure::Dns,
                            url.host_str().unwrap_or_default().to_string(),
                            false,
                        ),
                        ResolveError::TimedOut => {
                            Sent::Failed(Failure::Timeout, seconds(budget), false)
                        }
                    };
                }
                Err(other) => {
                    self.requests.fetch_add(1, Ordering::Relaxed);
                    return Sent::Failed(Failure::Connection, other.to_string(), false);
                }
            },
            Err(error) => {
                self.requests.fetch_add(1, Ordering::Relaxed);
                return failure(error, budget);
            }
        };
        self.requests.fetch_add(1, Ordering::Relaxed);
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let location = header("location");
        let retry_after =
            header("retry-after").and_then(|v| retry::parse_retry_after(&v, SystemTime::now()));
        let html = header("content-type").is_none_or(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("html") || t.starts_with("text/plain")
        });
        let status = response.status().as_u16();
        let body = if read_body && method == Method::Get {
            let mut bytes = Vec::new();
            let read = response
                .into_body()
                .into_reader()
                .take(BODY_LIMIT)
                .read_to_end(&mut bytes);
            // A body that stalls or breaks off cannot be judged: the "not found" phrase
            // may be in the part that never came.
            if let Err(error) = read {
                return io_failure(&error, budget);
            }
            Some(String::from_utf8_lossy(&bytes).into_owned())
        } else {
            None
        };
        Sent::Answer(Answer {
            status,
            location,
            retry_after,
            html,
            body,
        })
    }

    /// Asks the archive for the copy of `url` closest to `timestamp`. `None` when there is
    /// no archive endpoint; `Err` when the archive could not be asked (not cached).
    pub fn archived(&self, url: &str, timestamp: &str) -> Option<Result<Option<Snapshot>, String>> {
        let (agent, endpoint) = self.archive_agent.as_ref()?;
        let request = archive::request_url(endpoint, url, timestamp);
        let mut deadline = self.deadline();
        Some(
            match self.send_with_retries(agent, Method::Get, &request, &mut deadline, true) {
                Sent::Answer(Answer {
                    status: 200,
                    body: Some(body),
                    ..
                }) => archive::parse(&body),
                Sent::Answer(answer) => Err(format!("archive answered HTTP {}", answer.status)),
                Sent::Refused(refusal) => Err(refusal.to_string()),
                Sent::Failed(_, detail, _) => Err(detail),
            },
        )
    }
}

fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs.fract() == 0.0 {
        format!("{secs:.0} s")
    } else {
        format!("{secs:.1} s")
    }
}

/// Names a ureq failure.
fn failure(error: ureq::Error, budget: Duration) -> Sent {
    use ureq::Error;
    match error {
        Error::Timeout(_) | Error::BodyStalled => {
            Sent::Failed(Failure::Timeout, seconds(budget), false)
        }
        Error::HostNotFound => Sent::Failed(Failure::Dns, String::new(), false),
        Error::Tls(detail) => Sent::Failed(Failure::Tls, detail.to_string(), false),
        Error::Rustls(error) => Sent::Failed(Failure::Tls, error.to_string(), false),
        Error::Io(error) => io_failure(&error, budget),
        Error::Protocol(error) => Sent::Failed(Failure::Protocol, error.to_string(), false),
        Error::Http(error) => Sent::Failed(Failure::Protocol, error.to_string(), false),
        Error::BadUri(uri) => Sent::Failed(Failure::BadRedirect, uri, false),
        Error::LargeResponseHeader(..) => Sent::Failed(
            Failure::Protocol,
            "response headers too large".into(),
            false,
        ),
        other => Sent::Failed(Failure::Connection, other.to_string(), false),
    }
}

fn io_failure(error: &io::Error, budget: Duration) -> Sent {
    if let Some(tls) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        return Sent::Failed(Failure::Tls, tls.to_string(), false);
    }
    // ureq reports a body that stops arriving as an I/O error around its own timeout.
    if let Some(ureq::Error::Timeout(_) | ureq::Error::BodyStalled) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
    {
        return Sent::Failed(Failure::Timeout, seconds(budget), false);
    }
    use io::ErrorKind::*;
    match error.kind() {
        TimedOut | WouldBlock => Sent::Failed(Failure::Timeout, seconds(budget), false),
        ConnectionRefused => Sent::Failed(Failure::Connection, "connection refused".into(), false),
        ConnectionReset | ConnectionAborted | UnexpectedEof | BrokenPipe => Sent::Failed(
            Failure::Connection,
            format!("connection closed by the server ({error})"),
            true,
        ),
        _ => Sent::Failed(Failure::Connection, error.to_string(), false),
    }
}
