//! `copydesk check --online` against tiny HTTP/1.1 servers on 127.0.0.1 (free ports, one
//! thread per connection, every request logged), never anything off this machine.

mod common;

use common::copydesk;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use copydesk::online::{self, LinkRequest, OnlineOptions, Outcome, Quiet, Verdict};
use serde_json::Value;

/// What a route answers.
enum Reply {
    Respond {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Read the request, never answer (until the client gives up).
    Hang,
    /// Answer 200 with an HTML body that stops after its first bytes.
    Stall,
}

fn reply(status: u16, headers: &[(&'static str, &str)], body: &str) -> Reply {
    Reply::Respond {
        status,
        headers: headers.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        body: body.to_string(),
    }
}

/// A route: (method, path with query, how many requests that path had before) → reply.
type Route = dyn Fn(&str, &str, usize) -> Reply + Send + Sync;

#[derive(Clone)]
struct Server {
    port: u16,
    /// Every request: method and target.
    log: Arc<Mutex<Vec<(String, String)>>>,
    /// Requests being answered now, and the most at once (hanging ones excluded).
    in_flight: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
    /// How long each answer takes, so that requests overlap and limits show.
    delay: Duration,
}

impl Server {
    fn start(route: impl Fn(&str, &str, usize) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_slow(Duration::ZERO, route)
    }

    fn start_slow(
        delay: Duration,
        route: impl Fn(&str, &str, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let server = Server {
            port: listener.local_addr().unwrap().port(),
            log: Arc::new(Mutex::new(Vec::new())),
            in_flight: Arc::new(AtomicUsize::new(0)),
            peak: Arc::new(AtomicUsize::new(0)),
            delay,
        };
        let route: Arc<Route> = Arc::new(route);
        let handle = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (server, route) = (handle.clone(), route.clone());
                std::thread::spawn(move || server.serve(stream, &*route));
            }
        });
        server
    }

    fn serve(&self, mut stream: TcpStream, route: &Route) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
            match stream.read(&mut byte) {
                Ok(1) => head.push(byte[0]),
                _ => return,
            }
            // A TLS handshake to this plain server: answer in plain text, as a
            // misconfigured server would.
            if head == [0x16] {
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
                return;
            }
        }
        let head = String::from_utf8_lossy(&head).into_owned();
        let mut parts = head.split_whitespace();
        let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
            return;
        };
        let previous = {
            let mut log = self.log.lock().unwrap();
            let previous = log.iter().filter(|(_, t)| t == target).count();
            log.push((method.to_string(), target.to_string()));
            previous
        };
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(self.delay);
        let answer = route(method, target, previous);
        // Counted down before answering: the client holds its per-host place until it
        // has the answer, so this count never exceeds the places it holds.
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        match answer {
            Reply::Hang => {
                let mut sink = [0u8; 64];
                while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
            }
            Reply::Stall => {
                let start = "HTTP/1.1 200 Test\r\nContent-Length: 100000\r\n\
                             Content-Type: text/html\r\nConnection: close\r\n\r\n";
                let _ = stream.write_all(start.as_bytes());
                if method != "HEAD" {
                    let _ = stream.write_all(b"<html><head><title>Annual report</title>");
                    let _ = stream.flush();
                    let mut sink = [0u8; 64];
                    while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
                }
            }
            Reply::Respond {
                status,
                headers,
                body,
            } => {
                let mut text = format!(
                    "HTTP/1.1 {status} Test\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (name, value) in headers {
                    text.push_str(&format!("{name}: {value}\r\n"));
                }
                text.push_str("\r\n");
                if method != "HEAD" {
                    text.push_str(&body);
                }
                let _ = stream.write_all(text.as_bytes());
                let _ = stream.flush();
            }
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self) -> Vec<(String, String)> {
        self.log.lock().unwrap().clone()
    }

    fn hits(&self, target: &str) -> usize {
        self.requests().iter().filter(|(_, t)| t == target).count()
    }

    fn hits_under(&self, prefix: &str) -> usize {
        self.requests()
            .iter()
            .filter(|(_, t)| t.starts_with(prefix))
            .count()
    }
}

const HTML: &[(&str, &str)] = &[("Content-Type", "text/html; charset=utf-8")];

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{}</p></body></html>",
        "Figures and tables for the year. ".repeat(30)
    )
}

/// The site of the main test: one path per case the issue names.
fn site() -> Server {
    Server::start_slow(
        Duration::from_millis(100),
        |_method, target, previous| match target {
            "/ok" | "/new-page" => reply(200, HTML, &page("Annual report")),
            "/" => reply(200, HTML, &page("Welcome")),
            "/moved" => reply(301, &[("Location", "/new-page")], ""),
            "/gone-home" => reply(301, &[("Location", "/")], ""),
            "/missing" => reply(404, HTML, &page("Missing")),
            "/gone" => reply(410, HTML, ""),
            "/error" => reply(500, HTML, ""),
            "/busy" if previous == 0 => reply(429, &[("Retry-After", "1")], ""),
            "/busy" => reply(200, HTML, &page("Busy but fine")),
            "/soft" => reply(200, HTML, "Page not found"),
            "/hang" => Reply::Hang,
            t if t.starts_with("/wayback/available") => reply(
                200,
                &[("Content-Type", "application/json")],
                r#"{"archived_snapshots": {}}"#,
            ),
            _ => reply(404, HTML, ""),
        },
    )
}

const PATHS: [&str; 9] = [
    "/ok",
    "/moved",
    "/gone-home",
    "/missing",
    "/gone",
    "/error",
    "/busy",
    "/soft",
    "/hang",
];

/// An article whose notes cite `paths` on `server`, one note each, dated.
fn article(server: &Server, paths: &[&str]) -> String {
    let mut text = String::from("# Sources\n\n");
    for (n, _) in paths.iter().enumerate() {
        text.push_str(&format!("Claim number {}.[^{}]\n", n + 1, n + 1));
    }
    text.push('\n');
    for (n, path) in paths.iter().enumerate() {
        text.push_str(&format!(
            "[^{}]: Outlet: *Report {}*. 23/7/2023. <{}>\n",
            n + 1,
            n + 1,
            server.url(path)
        ));
    }
    text
}

/// Each finding as (flagged URL, rule, message, fix).
fn findings(out: &Output, text: &str) -> Vec<(String, String, String, Value)> {
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = d["range"]["start"]["offset"].as_u64().unwrap() as usize;
            let end = d["range"]["end"]["offset"].as_u64().unwrap() as usize;
            (
                text[start..end].to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["fix"].clone(),
            )
        })
        .collect()
}

/// Writes `text` as `a.md` in `dir` and checks it online (private hosts allowed, no
/// archive, a 2 s timeout): its findings.
fn check_online_quickly(dir: &std::path::Path, text: &str) -> Vec<(String, String, String, Value)> {
    std::fs::write(dir.join("a.md"), text).unwrap();
    let out = copydesk(
        dir,
        &[
            "check",
            "--online",
            "--allow-private-hosts",
            "--no-archive",
            "--timeout",
            "2",
            "--format",
            "json",
            "a.md",
        ],
    );
    findings(&out, text)
}

/// The online findings on the URL of `path`.
fn on<'f>(
    found: &'f [(String, String, String, Value)],
    server: &Server,
    path: &str,
) -> Vec<&'f (String, String, String, Value)> {
    let url = server.url(path);
    found
        .iter()
        .filter(|(flagged, rule, _, _)| {
            *flagged == url
                && matches!(
                    rule.as_str(),
                    "url-broken" | "url-redirected" | "url-unchecked"
                )
        })
        .collect()
}

fn assert_one(
    found: &[(String, String, String, Value)],
    server: &Server,
    path: &str,
    rule: &str,
    message: &str,
) {
    let on_path = on(found, server, path);
    assert_eq!(on_path.len(), 1, "{path}: {on_path:?}");
    assert_eq!(on_path[0].1, rule, "{path}: {on_path:?}");
    assert!(
        on_path[0].2.contains(message),
        "{path}: `{}` lacks `{message}`",
        on_path[0].2
    );
}

#[test]
fn every_case_is_classified_within_bounds_and_cached() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let text = article(&server, &PATHS);
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    let endpoint = server.url("/wayback/available");
    let args = [
        "check",
        "--online",
        "--allow-private-hosts",
        "--timeout",
        "1",
        "--format",
        "json",
        "--archive-endpoint",
        &endpoint,
        "a.md",
    ];
    let started = Instant::now();
    let out = copydesk(dir.path(), &args);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(15), "took {elapsed:?}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = findings(&out, &text);

    assert!(on(&found, &server, "/ok").is_empty(), "{found:?}");
    assert!(
        on(&found, &server, "/busy").is_empty(),
        "429 then 200 is fine: {found:?}"
    );
    assert_one(
        &found,
        &server,
        "/moved",
        "url-redirected",
        "permanently redirects (HTTP 301)",
    );
    let fix = &on(&found, &server, "/moved")[0].3;
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["edits"][0]["content"], server.url("/new-page"));
    assert_one(
        &found,
        &server,
        "/gone-home",
        "url-broken",
        "soft 404: redirects to the home page",
    );
    assert_one(
        &found,
        &server,
        "/missing",
        "url-broken",
        "page not found (HTTP 404 Not Found)",
    );
    assert_one(
        &found,
        &server,
        "/gone",
        "url-broken",
        "page gone (HTTP 410 Gone)",
    );
    assert_one(
        &found,
        &server,
        "/error",
        "url-broken",
        "server error (HTTP 500 Internal Server Error)",
    );
    assert_one(
        &found,
        &server,
        "/soft",
        "url-broken",
        "soft 404: the page answers 200 but says `page not found`",
    );
    assert_one(
        &found,
        &server,
        "/hang",
        "url-broken",
        "timed out: no answer within 1 s",
    );

    // HEAD first; a GET only to read a success page's start, or after a 405/501.
    let log = server.requests();
    assert!(log.iter().any(|(m, t)| m == "HEAD" && t == "/missing"));
    assert!(!log.iter().any(|(m, t)| m == "GET" && t == "/missing"));
    let bounds: HashMap<&str, usize> = [
        ("/ok", 2),        // HEAD, GET for the soft-404 test
        ("/moved", 1),     // HEAD
        ("/new-page", 2),  // HEAD, GET
        ("/gone-home", 1), // HEAD
        ("/", 2),          // HEAD, GET
        ("/missing", 1),
        ("/gone", 1),
        ("/error", 1),
        ("/busy", 3), // HEAD 429, HEAD after Retry-After, GET
        ("/soft", 2),
        ("/hang", 1), // a timeout is not retried
    ]
    .into_iter()
    .collect();
    for (target, bound) in &bounds {
        assert!(
            server.hits(target) <= *bound,
            "{target}: {} requests, bound {bound}",
            server.hits(target)
        );
    }
    assert_eq!(server.hits("/busy"), 3, "one retry after the 429");
    // One archive lookup per broken URL (one note date each).
    let archive = server.hits_under("/wayback/available");
    assert!((1..=6).contains(&archive), "{archive} archive lookups");
    let total = log.len();
    assert!(
        total <= bounds.values().sum::<usize>() + 6,
        "{total} requests: {log:?}"
    );
    let peak = server.peak.load(Ordering::SeqCst);
    assert!(peak <= 2, "{peak} requests at once to one host");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("links: 9 checked online"), "{stderr}");
    assert!(
        !stderr.contains("checking links"),
        "no progress bar off a terminal"
    );

    // Within the cache's age, a second run sends nothing and reports the same.
    let before = server.requests().len();
    let again = copydesk(dir.path(), &args);
    assert_eq!(
        server.requests().len(),
        before,
        "the second run sent requests"
    );
    assert_eq!(findings(&again, &text), found);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("links: 0 checked online (0 requests), 9 from the cache"),
        "{stderr}"
    );
    assert!(dir.path().join(".copydesk-cache/links.json").is_file());

    // `--max-cache-age 0` asks again.
    let fresh = copydesk(
        dir.path(),
        &[&args[..args.len() - 1], &["--max-cache-age", "0", "a.md"]].concat(),
    );
    assert!(server.requests().len() > before);
    assert_eq!(findings(&fresh, &text), found);
}

#[test]
fn internal_addresses_are_refused_without_permission() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let text = article(&server, &PATHS);
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--online",
            "--timeout",
            "1",
            "--format",
            "json",
            "a.md",
        ],
    );
    assert_eq!(
        server.requests(),
        [],
        "no request may reach a loopback address"
    );
    assert_eq!(out.status.code(), Some(0), "infos do not fail the run");
    let found = findings(&out, &text);
    for path in PATHS {
        assert_one(
            &found,
            &server,
            path,
            "url-unchecked",
            "not checked: `127.0.0.1` is a loopback address",
        );
    }
    assert!(found[0].2.contains("--allow-private-hosts"));
}

#[test]
fn an_allowed_host_cannot_redirect_to_another_internal_one() {
    let second = Server::start(|_, _, _| reply(200, HTML, &page("Second")));
    let target = second.url("/page");
    let first = Server::start(move |_, path, _| match path {
        "/to-second" => reply(302, &[("Location", target.as_str())], ""),
        _ => reply(200, HTML, &page("First")),
    });
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\nSee also <{}>.\n",
        article(&first, &["/ok", "/to-second"]),
        second.url("/direct")
    );
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    let allowed = format!("127.0.0.1:{}", first.port);
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--online",
            "--allow-host",
            &allowed,
            "--timeout",
            "1",
            "--format",
            "json",
            "a.md",
        ],
    );
    let found = findings(&out, &text);
    assert!(on(&found, &first, "/ok").is_empty(), "{found:?}");
    assert!(first.hits("/ok") >= 1 && first.hits("/to-second") == 1);
    assert_one(
        &found,
        &first,
        "/to-second",
        "url-unchecked",
        &format!("it redirects to `{}/page`", second.url("")),
    );
    assert_one(
        &found,
        &second,
        "/direct",
        "url-unchecked",
        "is a loopback address",
    );
    assert_eq!(second.requests(), [], "the second server must see nothing");
}

#[test]
fn archive_suggests_the_closest_copy_as_an_unsafe_fix() {
    let queries = Arc::new(Mutex::new(Vec::new()));
    let seen = queries.clone();
    let archive = Server::start(move |_, target, _| {
        seen.lock().unwrap().push(target.to_string());
        let url = target
            .split_once("url=")
            .map(|(_, rest)| rest.split('&').next().unwrap_or_default())
            .unwrap_or_default()
            .replace("%3A", ":")
            .replace("%2F", "/");
        reply(
            200,
            &[("Content-Type", "application/json")],
            &format!(
                r#"{{"archived_snapshots": {{"closest": {{"available": true, "status": "200", "url": "http://web.archive.org/web/20230719083000/{url}", "timestamp": "20230719083000"}}}}}}"#
            ),
        )
    });
    let site = Server::start(|_, _, _| reply(404, HTML, ""));
    let dir = tempfile::tempdir().unwrap();
    let text = article(&site, &["/report"]);
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    // The endpoint comes from the command line (or config), not from the article: it is
    // reached although only the site is allowed.
    let allowed = format!("127.0.0.1:{}", site.port);
    let endpoint = archive.url("/wayback/available");
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--online",
            "--allow-host",
            &allowed,
            "--timeout",
            "1",
            "--archive-endpoint",
            &endpoint,
            "--format",
            "json",
            "a.md",
        ],
    );
    let found = findings(&out, &text);
    assert_one(&found, &site, "/report", "url-broken", "page not found");
    let fix = &on(&found, &site, "/report")[0].3;
    assert_eq!(fix["applicability"], "unsafe");
    assert_eq!(fix["title"], "Replace with the archived copy of 2023-07-19");
    assert_eq!(
        fix["edits"][0]["content"],
        format!(
            "https://web.archive.org/web/20230719083000/{}",
            site.url("/report")
        )
    );
    let queries = queries.lock().unwrap().clone();
    assert_eq!(
        queries,
        [format!(
            "/wayback/available?url=http%3A%2F%2F127.0.0.1%3A{}%2Freport&timestamp=20230723",
            site.port
        )]
    );

    // The fix applies with --unsafe-fixes, from the cache.
    let fixed = copydesk(
        dir.path(),
        &[
            "check",
            "--online",
            "--allow-host",
            &allowed,
            "--archive-endpoint",
            &endpoint,
            "--fix",
            "--unsafe-fixes",
            "a.md",
        ],
    );
    assert!(fixed.status.code().is_some());
    let after = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        after.contains("https://web.archive.org/web/20230719083000/"),
        "{after}"
    );
    assert_eq!(archive.requests().len(), 1, "the archive answer is cached");
}

#[test]
fn offline_by_default_sends_nothing() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let text = article(&server, &PATHS);
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    // A config with an [online] table that is not enabled changes nothing.
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[online]\nallow-private-hosts = true\ntimeout = 1\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "a.md"])
        .current_dir(dir.path())
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("ALL_PROXY", "http://127.0.0.1:9")
        .env("http_proxy", "http://127.0.0.1:9")
        .env("https_proxy", "http://127.0.0.1:9")
        .output()
        .unwrap();
    let found = findings(&out, &text);
    assert!(found.iter().all(|f| !f.1.starts_with("url-")), "{found:?}");
    assert_eq!(server.requests(), []);
    assert!(
        !dir.path().join(".copydesk-cache").exists(),
        "no cache offline"
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("links:"));
}

#[test]
fn config_enables_online_checks_and_reports_bad_keys() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let text = article(&server, &["/missing", "/skipped", "/error", "/ok"]);
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[online]\nenabled = true\nallow-private-hosts = true\ntimeout = 1\narchive = false\n\
         exclude = ['/skipped$']\naccept = [500]\ncache-dir = \"cache\"\n\
         soft-404-phrases = [\"Annual Report\"]\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check", "--format", "json", "a.md"]);
    let found = findings(&out, &text);
    assert_one(&found, &server, "/ok", "url-broken", "says `annual report`");
    assert_one(&found, &server, "/missing", "url-broken", "page not found");
    assert!(
        on(&found, &server, "/error").is_empty(),
        "accepted: {found:?}"
    );
    assert!(on(&found, &server, "/skipped").is_empty());
    assert_eq!(
        server.hits("/skipped"),
        0,
        "excluded URLs are not requested"
    );
    assert!(dir.path().join("cache/links.json").is_file());
    assert!(server.hits_under("/wayback").eq(&0), "archive = false");

    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[online]\nenabled = true\ntimout = 1\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("did you mean `timeout`?"), "{stderr}");
    for bad in [
        "[online]\nexclude = ['(']\n",
        "[online]\naccept = [\"500..=400\"]\n",
        "[online]\nallow-hosts = [\"http://a.org\"]\n",
        "[online]\nmax-cache-age = \"1 fortnight\"\n",
        "[online]\nmax-per-host = 0\n",
        "online = 3\n",
    ] {
        std::fs::write(dir.path().join("copydesk.toml"), bad).unwrap();
        let out = copydesk(dir.path(), &["check", "a.md"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }

    // `online = true` is the short form of `[online] enabled = true`: without permission
    // for the local server, every link is reported unchecked rather than skipped silently.
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "online = true
",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check", "--format", "json", "a.md"]);
    let found = findings(&out, &text);
    assert!(
        !on(&found, &server, "/ok").is_empty(),
        "online = true checks links: {found:?}"
    );
}

#[test]
fn fixes_selection_and_suppressions_apply_to_online_findings() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{}\n<!-- copydesk-disable-next-line url-broken -- known dead, kept as printed -->\nThe gone page <{}>.\n",
        article(&server, &["/moved", "/missing"]),
        server.url("/gone")
    );
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    let online = [
        "check",
        "--online",
        "--allow-private-hosts",
        "--no-archive",
        "--timeout",
        "1",
    ];
    let json = copydesk(
        dir.path(),
        &[&online[..], &["--format", "json", "a.md"]].concat(),
    );
    let found = findings(&json, &text);
    assert!(
        on(&found, &server, "/gone").is_empty(),
        "suppressed: {found:?}"
    );
    assert_one(&found, &server, "/missing", "url-broken", "page not found");

    let selected = copydesk(
        dir.path(),
        &[
            &online[..],
            &["--select", "url-redirected", "--format", "json", "a.md"],
        ]
        .concat(),
    );
    let found = findings(&selected, &text);
    assert!(found.iter().all(|f| f.1 == "url-redirected"), "{found:?}");
    assert_eq!(found.len(), 1);

    let fixed = copydesk(dir.path(), &[&online[..], &["--fix", "a.md"]].concat());
    let stdout = String::from_utf8_lossy(&fixed.stdout);
    assert!(stdout.contains("applied 1 fix"), "{stdout}");
    let after = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        after.contains(&format!("<{}>", server.url("/new-page"))),
        "{after}"
    );
    assert!(!after.contains(&server.url("/moved")));
}

#[test]
fn loops_and_tls_errors_have_their_own_messages() {
    let server = Server::start(|method, path, _| match path {
        "/loop-a" => reply(302, &[("Location", "/loop-b")], ""),
        "/loop-b" => reply(302, &[("Location", "/loop-a")], ""),
        "/head-refused" if method == "HEAD" => reply(405, HTML, ""),
        "/head-forbidden" if method == "HEAD" => reply(403, HTML, ""),
        "/forbidden" => reply(403, HTML, ""),
        _ => reply(200, HTML, &page("Fine")),
    });
    let dir = tempfile::tempdir().unwrap();
    let tls = format!("https://127.0.0.1:{}/secure", server.port);
    let text = format!(
        "{}\nAlso <{tls}>.\n",
        article(
            &server,
            &["/loop-a", "/head-refused", "/head-forbidden", "/forbidden"]
        )
    );
    let found = check_online_quickly(dir.path(), &text);
    assert_one(&found, &server, "/loop-a", "url-broken", "redirect loop: ");
    assert!(
        on(&found, &server, "/head-refused").is_empty(),
        "GET after 405: {found:?}"
    );
    assert!(
        server
            .requests()
            .iter()
            .any(|(m, t)| m == "GET" && t == "/head-refused")
    );
    assert!(
        on(&found, &server, "/head-forbidden").is_empty(),
        "GET after 403: {found:?}"
    );
    assert_one(
        &found,
        &server,
        "/forbidden",
        "url-broken",
        "access denied (HTTP 403 Forbidden)",
    );
    assert_eq!(server.hits("/forbidden"), 2, "HEAD, then GET to confirm");
    let tls_findings: Vec<_> = found.iter().filter(|f| f.0 == tls).collect();
    assert_eq!(tls_findings.len(), 1, "{found:?}");
    assert!(
        tls_findings[0].2.starts_with("TLS error"),
        "{tls_findings:?}"
    );
}

/// Host names are vetted after DNS resolution: a public-looking name that resolves to a
/// loopback address is refused; a name that does not resolve is a DNS failure.
#[test]
fn names_are_vetted_after_resolution() {
    let server = site();
    let port = server.port;
    let lookup: online::client::Lookup =
        Arc::new(move |host: &str, _port: u16, _timeout| match host {
            "news.example" => Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))]),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "Name or service not known",
            )),
        });
    let cache = tempfile::tempdir().unwrap();
    let options = OnlineOptions {
        timeout: Duration::from_secs(1),
        archive: false,
        cache_dir: cache.path().to_path_buf(),
        ..OnlineOptions::default()
    };
    let requests: Vec<LinkRequest> = [
        format!("http://news.example:{port}/ok"),
        "http://gone.example/x".to_string(),
    ]
    .into_iter()
    .map(|url| LinkRequest {
        url,
        timestamps: Default::default(),
    })
    .collect();
    let report = online::verify_with(&requests, &options, &Quiet, lookup.clone());
    let verdict = |report: &online::LinkReport, url: &str| {
        online::verdict(url, &report.outcomes[url], &options)
    };
    let refused = &report.outcomes[&requests[0].url];
    assert!(matches!(refused, Outcome::Refused { .. }), "{refused:?}");
    assert!(matches!(
        verdict(&report, &requests[0].url),
        Verdict::Unchecked(m) if m.contains("`news.example` resolves to a loopback address (`127.0.0.1`)")
    ));
    assert_eq!(
        verdict(&report, &requests[1].url),
        Verdict::Broken("host `gone.example` not found (DNS lookup failed)".into())
    );
    assert_eq!(server.requests(), []);

    // Allowed by name, the request reaches the server through the vetted address.
    let allowed = OnlineOptions {
        allow_hosts: vec![online::safety::AllowedHost::parse("news.example").unwrap()],
        ..options.clone()
    };
    let report = online::verify_with(&requests[..1], &allowed, &Quiet, lookup);
    assert_eq!(verdict(&report, &requests[0].url), Verdict::Fine);
    assert_eq!(server.hits("/ok"), 2);
}

#[test]
fn a_corrupt_cache_is_ignored_with_a_warning() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let text = article(&server, &["/ok", "/missing"]);
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    std::fs::create_dir(dir.path().join(".copydesk-cache")).unwrap();
    std::fs::write(
        dir.path().join(".copydesk-cache/links.json"),
        b"{\"version\": 1, \"links\": [",
    )
    .unwrap();
    let args = [
        "check",
        "--online",
        "--allow-private-hosts",
        "--no-archive",
        "--timeout",
        "1",
        "--format",
        "json",
        "a.md",
    ];
    let out = copydesk(dir.path(), &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: ignoring the corrupt link cache"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
    assert_one(
        &findings(&out, &text),
        &server,
        "/missing",
        "url-broken",
        "page not found",
    );
    // Rewritten whole: the next run reads it without a warning and sends nothing.
    let before = server.requests().len();
    let again = copydesk(dir.path(), &args);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert_eq!(server.requests().len(), before);
}

/// A page whose body stops arriving cannot be judged a soft 404 or fine; a `Retry-After`
/// past the last instant jiff represents is a very long wait, not a header to ignore.
#[test]
fn a_stalled_body_is_not_fine_and_a_far_retry_after_is_kept() {
    let server = Server::start(|_method, path, _| match path {
        "/stalled" => Reply::Stall,
        "/far" => reply(429, &[("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")], ""),
        _ => reply(200, HTML, &page("Fine")),
    });
    let dir = tempfile::tempdir().unwrap();
    let text = article(&server, &["/stalled", "/far"]);
    let found = check_online_quickly(dir.path(), &text);
    assert_one(&found, &server, "/stalled", "url-broken", "timed out");
    assert_one(
        &found,
        &server,
        "/far",
        "url-unchecked",
        "the server asks to wait more than a year",
    );
    assert_eq!(
        server.hits("/far"),
        1,
        "not asked again: {:?}",
        server.requests()
    );
}

/// Offline, no URL is called broken and nothing is cached: every URL is unchecked, and
/// a later run with a network checks them.
#[test]
fn an_unreachable_network_leaves_urls_unchecked_and_caches_nothing() {
    let nowhere: online::client::Lookup = Arc::new(|_: &str, _: u16, _| {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "Temporary failure in name resolution",
        ))
    });
    let cache = tempfile::tempdir().unwrap();
    let options = OnlineOptions {
        timeout: Duration::from_secs(1),
        cache_dir: cache.path().to_path_buf(),
        ..OnlineOptions::default()
    };
    let requests: Vec<LinkRequest> = ["https://news.example/a", "https://gov.example/b"]
        .into_iter()
        .map(|url| LinkRequest {
            url: url.to_string(),
            timestamps: ["20240301".to_string()].into(),
        })
        .collect();
    let report = online::verify_with(&requests, &options, &Quiet, nowhere);
    assert_eq!((report.checked, report.unreached), (2, 2));
    for request in &requests {
        assert_eq!(report.outcomes[&request.url], Outcome::Unreached);
        assert!(matches!(
            online::verdict(&request.url, &report.outcomes[&request.url], &options),
            Verdict::Unchecked(m) if m.contains("network is unreachable")
        ));
    }
    assert!(report.snapshots.is_empty());
    assert_eq!(
        std::fs::read_dir(cache.path()).unwrap().count(),
        0,
        "nothing cached"
    );
}
