//! Finding URLs written into prose: `<https://…>` and bare `https://…`; spotting the
//! near-URLs a typist leaves behind (`http//`, `htp://`); and splitting a URL into the host
//! and path segments that the URL rules compare.

use std::sync::LazyLock;

use regex::Regex;

use super::LinkStyle;

/// A URL found in a stretch of text; offsets are relative to that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundUrl<'a> {
    pub start: usize,
    pub end: usize,
    pub url: &'a str,
    pub style: LinkStyle,
}

/// Where a URL could start: a scheme or a `www.` host.
fn url_start_at(text: &str, at: usize) -> bool {
    let rest = text.as_bytes()[at..]
        .get(..8)
        .unwrap_or(&text.as_bytes()[at..]);
    let lower = |n: usize| rest.get(..n).map(|p| p.to_ascii_lowercase());
    matches!(lower(7).as_deref(), Some(b"http://"))
        || matches!(lower(8).as_deref(), Some(b"https://"))
        || matches!(lower(4).as_deref(), Some(b"www."))
}

/// Trailing characters that end a sentence rather than the URL.
fn trim_trailing_punctuation(url: &str) -> &str {
    let mut url = url;
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let keep = match last {
            ')' => url.matches('(').count() >= url.matches(')').count(),
            ']' => url.matches('[').count() >= url.matches(']').count(),
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '*' | '_' | '”' | '’' => false,
            _ => true,
        };
        if keep {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

/// URLs in `text`, in order. A URL starts at a word boundary with `http://`, `https://` or
/// `www.` and ends at whitespace, `<`, `>`, a quote, or `|`, `{`, `}` (never raw in a URL,
/// but written right after one in tables and wiki templates); `<…>` around it makes it an
/// angle URL.
pub fn find_urls(text: &str) -> Vec<FoundUrl<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let Some(next) = memchr::memchr3(b'h', b'H', b'w', &bytes[at..]) else {
            break;
        };
        let start = at + next;
        // `…//www.` or `a.www.` is the middle of something else (often a broken scheme).
        let boundary = start == 0
            || !(bytes[start - 1].is_ascii_alphanumeric()
                || matches!(bytes[start - 1], b'/' | b'.' | b'@' | b'-' | b'_' | b':'));
        if !boundary || !url_start_at(text, start) {
            at = start + 1;
            continue;
        }
        let angle = start > 0 && bytes[start - 1] == b'<';
        let raw_end = text[start..]
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '|' | '{' | '}')
            })
            .map_or(text.len(), |i| start + i);
        let closed = angle && bytes.get(raw_end) == Some(&b'>');
        let url = if closed {
            &text[start..raw_end]
        } else {
            trim_trailing_punctuation(&text[start..raw_end])
        };
        let end = start + url.len();
        if url.len() > "www.".len() {
            found.push(FoundUrl {
                start,
                end,
                url,
                style: if closed {
                    LinkStyle::Angle
                } else {
                    LinkStyle::Bare
                },
            });
        }
        at = end.max(start + 1);
    }
    found
}

/// A scheme that is not `http`/`https` but was meant to be: `htp://`, `http//`, `http:/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeTypo {
    /// Offsets of the scheme and its separator (`htp://`), relative to the scanned text.
    pub start: usize,
    pub end: usize,
    /// Where the whole URL-like token ends.
    pub url_end: usize,
    /// What the scheme should read: `https://` or `http://`.
    pub replacement: &'static str,
}

/// Schemes that look like `http` but are real: defanged `hxxp`, `ftp`, `tcp`…
const REAL_SCHEMES: &[&str] = &[
    "hxxp", "hxxps", "hXXp", "ftp", "ftps", "sftp", "tcp", "udp", "ttl", "tel", "hdfs", "hg",
    "http", "https",
];

/// The scheme of a URL-like token, when it is a misspelt or mis-punctuated `http(s)`.
/// `scheme` is the letters before the separator; `separator` is what follows them.
pub fn scheme_typo(scheme: &str, separator: &str) -> Option<&'static str> {
    let lower = scheme.to_ascii_lowercase();
    let correct_separator = separator == "://";
    let is_http = lower == "http" || lower == "https";
    if is_http && correct_separator {
        return None;
    }
    if !is_http {
        if REAL_SCHEMES.contains(&lower.as_str()) || lower.len() < 3 || lower.len() > 7 {
            return None;
        }
        let starts_right = lower.starts_with('h') || lower.starts_with("tt");
        let near = strsim::damerau_levenshtein(&lower, "http") <= 2
            || strsim::damerau_levenshtein(&lower, "https") <= 2;
        if !starts_right || !near || !lower.contains('t') || !lower.contains('p') {
            return None;
        }
    }
    // A secure scheme was meant when the typo keeps its `s`.
    Some(if lower.ends_with('s') {
        "https://"
    } else {
        "http://"
    })
}

/// Letters, then a broken or odd separator, then the start of a host.
static SCHEME_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b([a-z]{2,8})(://|//|:/|:\\\\|\\\\)[a-z0-9\[]").expect("valid regex")
});

/// The broken scheme at the start of a link destination (`htp://x.org`, `http//x.org`):
/// its length and the scheme it should read.
pub fn scheme_typo_at_start(url: &str) -> Option<(usize, &'static str)> {
    let head = url.as_bytes().get(..8).unwrap_or(url.as_bytes());
    let well_formed = |scheme: &[u8]| {
        head.len() >= scheme.len() && head[..scheme.len()].eq_ignore_ascii_case(scheme)
    };
    if well_formed(b"https://") || well_formed(b"http://") {
        return None;
    }
    let captures = SCHEME_LIKE.captures(url)?;
    let (whole, scheme, separator) = (captures.get(0)?, captures.get(1)?, captures.get(2)?);
    if whole.start() != 0 {
        return None;
    }
    let replacement = scheme_typo(scheme.as_str(), separator.as_str())?;
    Some((separator.end(), replacement))
}

/// `https ://x.org`, `https: //x.org`, `https:// x.org`: a scheme split by spaces from a
/// host (a dotted name, so that "write https:// before" stays prose).
static SPACED_SCHEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(https?)(?: +:// *| *: +// *| *:// +)([a-z0-9][a-z0-9-]*\.[a-z]{2,})")
        .expect("valid regex")
});

/// Whether `head` ends with the whole word `scheme` (ASCII case-insensitive).
fn scheme_before(head: &[u8], scheme: &[u8]) -> bool {
    let Some(start) = head.len().checked_sub(scheme.len()) else {
        return false;
    };
    head[start..].eq_ignore_ascii_case(scheme)
        && (start == 0 || !head[start - 1].is_ascii_alphabetic())
}

/// Whether `text` holds a `/` or `\\` that is not part of a well-formed `http(s)://` (the
/// common case, skipped without running a regex).
fn has_suspect_separator(text: &str) -> bool {
    let bytes = text.as_bytes();
    for at in memchr::memchr2_iter(b'/', b'\\', bytes) {
        if bytes[at] == b'\\' {
            if bytes.get(at + 1) == Some(&b'\\') {
                return true;
            }
            continue;
        }
        let next = bytes.get(at + 1).copied();
        let previous = at.checked_sub(1).map(|i| bytes[i]);
        if previous == Some(b'/') {
            continue;
        }
        let well_formed = next == Some(b'/')
            && previous == Some(b':')
            && bytes.get(at + 2).is_some_and(|b| !b.is_ascii_whitespace())
            && (scheme_before(&bytes[..at - 1], b"http")
                || scheme_before(&bytes[..at - 1], b"https"));
        let suspect = next == Some(b'/') || previous == Some(b':');
        if suspect && !well_formed {
            return true;
        }
    }
    false
}

/// URL-like tokens in `text` whose scheme is broken: `http//x.org`, `htp://x.org`,
/// `http:/x.org`. Well-formed `http(s)://` URLs are left to [`find_urls`].
pub fn find_scheme_typos(text: &str) -> Vec<SchemeTypo> {
    if !has_suspect_separator(text) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for captures in SPACED_SCHEME.captures_iter(text) {
        let (Some(scheme), Some(host)) = (captures.get(1), captures.get(2)) else {
            continue;
        };
        let end = host.start();
        let raw_end = text[end..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .map_or(text.len(), |i| end + i);
        let url = trim_trailing_punctuation(&text[scheme.start()..raw_end]);
        let secure = scheme.as_str().len() == 5;
        found.push(SchemeTypo {
            start: scheme.start(),
            end,
            url_end: scheme.start() + url.len(),
            replacement: if secure { "https://" } else { "http://" },
        });
    }
    for captures in SCHEME_LIKE.captures_iter(text) {
        let (Some(scheme), Some(separator)) = (captures.get(1), captures.get(2)) else {
            continue;
        };
        // `…/http//x` inside another URL is that URL's business.
        let before = text[..scheme.start()].chars().next_back();
        if matches!(before, Some('/' | '.' | '=' | '%' | '-' | '_' | ':')) {
            continue;
        }
        let Some(replacement) = scheme_typo(scheme.as_str(), separator.as_str()) else {
            continue;
        };
        let raw_end = text[separator.end()..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .map_or(text.len(), |i| separator.end() + i);
        let url = trim_trailing_punctuation(&text[scheme.start()..raw_end]);
        found.push(SchemeTypo {
            start: scheme.start(),
            end: separator.end(),
            url_end: scheme.start() + url.len(),
            replacement,
        });
    }
    found
}

/// A URL split into what the URL rules compare; offsets are relative to the URL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// Lower-cased host without a leading `www.`.
    pub host: String,
    /// Where the host is written.
    pub host_start: usize,
    pub host_end: usize,
    /// Path segments, in order, with their offsets; empty segments are skipped.
    pub segments: Vec<(usize, &'a str)>,
    /// Whether the path ends at the last segment (no trailing `/`).
    pub ends_without_slash: bool,
}

/// Splits an `http(s)://` or `www.` URL into host and path segments. Returns `None` for
/// other schemes and for text with no host.
pub fn url_parts(url: &str) -> Option<UrlParts<'_>> {
    let host_start = if starts_with_ignoring_case(url, "https://") {
        8
    } else if starts_with_ignoring_case(url, "http://") {
        7
    } else if starts_with_ignoring_case(url, "www.") {
        0
    } else {
        return None;
    };
    let rest = url.get(host_start..)?;
    // The delimiters are ASCII: searched as bytes, without decoding the URL.
    let authority_len = memchr::memchr3(b'/', b'?', b'#', rest.as_bytes()).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    // Userinfo and port are not part of the host.
    let host_offset = memchr::memrchr(b'@', authority.as_bytes()).map_or(0, |i| i + 1);
    let host_with_port = &authority[host_offset..];
    let host_len = if host_with_port.starts_with('[') {
        memchr::memchr(b']', host_with_port.as_bytes()).map_or(host_with_port.len(), |i| i + 1)
    } else {
        memchr::memchr(b':', host_with_port.as_bytes()).unwrap_or(host_with_port.len())
    };
    let written_host = &host_with_port[..host_len];
    if written_host.is_empty() {
        return None;
    }
    let mut host = written_host.to_ascii_lowercase();
    if let Some(stripped) = host.strip_prefix("www.") {
        host = stripped.to_string();
    }
    let host_start_abs = host_start + host_offset;
    let path_start = host_start + authority_len;
    let path_and_more = &url[path_start..];
    let path_len =
        memchr::memchr2(b'?', b'#', path_and_more.as_bytes()).unwrap_or(path_and_more.len());
    let path = &path_and_more[..path_len];
    let mut segments = Vec::new();
    let mut offset = path_start;
    for segment in path.split('/') {
        if !segment.is_empty() {
            segments.push((offset, segment));
        }
        offset += segment.len() + 1;
    }
    Some(UrlParts {
        host,
        host_start: host_start_abs,
        host_end: host_start_abs + written_host.len(),
        segments,
        ends_without_slash: !path.ends_with('/'),
    })
}

/// Whether `text` starts with the ASCII `prefix`, ignoring ASCII case.
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// What is wrong with an `http(s)` URL's shape, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// `https://` followed by nothing, `/` or `?`.
    EmptyHost,
    /// A host with no dot that is not `localhost` or an address.
    HostWithoutDot(String),
    /// The `url` crate refused it; the text says why.
    Invalid(String),
}

/// Checks the host of an `http(s)://` URL, using the `url` crate for what it knows.
pub fn url_problem(url: &str) -> Option<UrlProblem> {
    url_problem_with(url, || url::Url::parse(url))
}

/// [`url_problem`] with the parse of `url` supplied (a document parses each link once).
pub fn url_problem_with<U: std::borrow::Borrow<url::Url>>(
    url: &str,
    parse: impl FnOnce() -> Result<U, url::ParseError>,
) -> Option<UrlProblem> {
    let after_scheme = if starts_with_ignoring_case(url, "https://") {
        8
    } else if starts_with_ignoring_case(url, "http://") {
        7
    } else {
        return None;
    };
    let rest = url.get(after_scheme..).unwrap_or("");
    // A lone `https://` is the scheme named in prose, not a link.
    if rest.is_empty() || rest.starts_with(['<', '*', '_']) {
        return None;
    }
    if rest.starts_with(['/', '?', '#']) {
        return Some(UrlProblem::EmptyHost);
    }
    match parse() {
        Ok(parsed) => match parsed.borrow().host() {
            None => Some(UrlProblem::EmptyHost),
            Some(url::Host::Domain(domain)) => {
                let written = domain.trim_end_matches('.');
                let domain = written.strip_prefix("www.").unwrap_or(written);
                if domain.starts_with(['.', '-']) || domain.contains("..") {
                    return Some(UrlProblem::Invalid(format!(
                        "host `{written}` is malformed"
                    )));
                }
                let dotless = !domain.contains('.') && domain != "localhost";
                dotless.then(|| UrlProblem::HostWithoutDot(written.to_string()))
            }
            Some(_) => None,
        },
        Err(error) => Some(match error {
            url::ParseError::EmptyHost => UrlProblem::EmptyHost,
            url::ParseError::InvalidPort => UrlProblem::Invalid("invalid port".into()),
            url::ParseError::InvalidIpv4Address => {
                UrlProblem::Invalid("invalid IPv4 address".into())
            }
            url::ParseError::InvalidIpv6Address => {
                UrlProblem::Invalid("invalid IPv6 address".into())
            }
            url::ParseError::InvalidDomainCharacter => {
                UrlProblem::Invalid("invalid character in the host".into())
            }
            url::ParseError::IdnaError => UrlProblem::Invalid("host is not a valid name".into()),
            other => UrlProblem::Invalid(other.to_string()),
        }),
    }
}

/// Trailing characters inside explicit delimiters (`<…>`, `(…)`) that belong to the
/// sentence, not the URL: returns how many bytes at the end are swallowed punctuation.
pub fn swallowed_suffix(url: &str) -> usize {
    // A text fragment (`#:~:text=…`) quotes a sentence, final period included.
    if url.contains("#:~:") {
        return 0;
    }
    let mut kept = url;
    while let Some(last) = kept.chars().next_back() {
        let swallowed = match last {
            ')' => kept.matches('(').count() < kept.matches(')').count(),
            ']' => kept.matches('[').count() < kept.matches(']').count(),
            '.' | ',' | ';' | ':' | '!' | '\'' | '"' | '”' | '’' => true,
            _ => false,
        };
        if !swallowed {
            break;
        }
        kept = &kept[..kept.len() - last.len_utf8()];
    }
    if kept.len() <= "https://".len() {
        return 0;
    }
    url.len() - kept.len()
}
#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<(&str, LinkStyle)> {
        find_urls(text)
            .into_iter()
            .map(|f| (f.url, f.style))
            .collect()
    }

    #[test]
    fn angle_and_bare() {
        assert_eq!(
            urls("See <https://a.org/x>. Or https://b.org/y."),
            [
                ("https://a.org/x", LinkStyle::Angle),
                ("https://b.org/y", LinkStyle::Bare)
            ]
        );
    }

    #[test]
    fn trailing_punctuation_and_parens() {
        assert_eq!(
            urls("(see https://en.wikipedia.org/wiki/Foo_(bar)), then"),
            [("https://en.wikipedia.org/wiki/Foo_(bar)", LinkStyle::Bare)]
        );
        assert_eq!(
            urls("visit www.example.org."),
            [("www.example.org", LinkStyle::Bare)]
        );
    }

    #[test]
    fn words_are_not_urls() {
        assert!(urls("what http means; awww.").is_empty());
    }

    #[test]
    fn scheme_typos() {
        let found = find_scheme_typos("see http//example.org/a, htp://x.org and htttps://y.org/z.");
        let words: Vec<_> = found
            .iter()
            .map(|f| (f.start, f.end, f.replacement))
            .collect();
        assert_eq!(
            words,
            [
                (4, 10, "http://"),
                (25, 31, "http://"),
                (41, 50, "https://")
            ]
        );
        let text = "see http//example.org/a, htp://x.org and htttps://y.org/z.";
        assert_eq!(&text[found[2].start..found[2].url_end], "htttps://y.org/z");
    }

    #[test]
    fn suspect_separators() {
        assert!(!has_suspect_separator(
            "see https://a.org/x and HTTP://b.org/y/z"
        ));
        assert!(has_suspect_separator("hhttp://a.org"));
        assert!(has_suspect_separator("http//a.org"));
        assert!(has_suspect_separator("https:// a.org"));
        assert!(has_suspect_separator("http:/a.org"));
        assert!(!has_suspect_separator("and/or"));
    }

    #[test]
    fn real_schemes_are_not_typos() {
        assert!(
            find_scheme_typos("ftp://a.org hxxp://evil.example https://ok.org tcp://h:1")
                .is_empty()
        );
        assert!(find_scheme_typos("and/or // comment; a/b//c").is_empty());
    }

    #[test]
    fn parts_of_a_url() {
        let parts = url_parts("https://www.Example.org/a/bb/?q=1").unwrap();
        assert_eq!(parts.host, "example.org");
        assert_eq!(parts.segments, [(24, "a"), (26, "bb")]);
        assert!(!parts.ends_without_slash);
        assert!(url_parts("mailto:a@b.org").is_none());
    }

    #[test]
    fn host_problems() {
        assert_eq!(url_problem("https:///path"), Some(UrlProblem::EmptyHost));
        assert_eq!(
            url_problem("https://understandingwar/x"),
            Some(UrlProblem::HostWithoutDot("understandingwar".into()))
        );
        assert_eq!(url_problem("http://localhost:8080/x"), None);
        assert_eq!(url_problem("http://127.0.0.1/x"), None);
        assert_eq!(url_problem("https://example.org/x"), None);
        assert!(matches!(
            url_problem("https://exa mple.org/x"),
            Some(UrlProblem::Invalid(_))
        ));
    }
}
