//! The URL copydesk requests for a link as written, which is also its cache key.

use url::Url;

/// The `http(s)` URL to request for a link as written: parsed and normalised (scheme and
/// host lower-cased, default port, `.` and `..` segments and the host's trailing dot
/// removed, an empty query dropped, the fragment dropped since it is never sent). A URL
/// written without a scheme (`www.example.org/x`) is requested over `http://`. `None` for
/// other schemes and for text the URL parser refuses (`url-malformed` reports those).
pub fn target(written: &str) -> Option<Url> {
    let written = written.trim();
    let schemeless = written
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("www."));
    let mut url = if schemeless {
        Url::parse(&format!("http://{written}")).ok()?
    } else {
        Url::parse(written).ok()?
    };
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_string();
    if host.is_empty() {
        return None;
    }
    if host.len() > 1 && host.ends_with('.') {
        url.set_host(Some(host.trim_end_matches('.'))).ok()?;
    }
    url.set_fragment(None);
    if url.query() == Some("") {
        url.set_query(None);
    }
    Some(url)
}

/// The cache and deduplication key of a link as written.
pub fn key(written: &str) -> Option<String> {
    target(written).map(String::from)
}

/// Whether two URLs name the same page but for a trailing slash on the path.
pub fn same_but_trailing_slash(a: &Url, b: &Url) -> bool {
    let strip = |u: &Url| {
        let mut u = u.clone();
        u.set_fragment(None);
        let path = u.path().trim_end_matches('/').to_string();
        u.set_path(&path);
        u
    };
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_normalised() {
        assert_eq!(
            key("HTTP://Example.COM:80/a/./b/../c#part").as_deref(),
            Some("http://example.com/a/c")
        );
        assert_eq!(
            key("https://example.com").as_deref(),
            Some("https://example.com/")
        );
        assert_eq!(
            key("https://example.com.:443/x?").as_deref(),
            Some("https://example.com/x")
        );
        assert_eq!(
            key("www.example.org/report").as_deref(),
            Some("http://www.example.org/report")
        );
        assert_eq!(
            key("https://example.com/a b").as_deref(),
            Some("https://example.com/a%20b")
        );
        assert_eq!(
            key("https://EXAMPLE.com/Case/Kept?b=2&a=1").as_deref(),
            Some("https://example.com/Case/Kept?b=2&a=1")
        );
        assert_eq!(
            key("https://example.com/x#a"),
            key("https://example.com/x#b")
        );
        assert_ne!(key("http://example.com/x"), key("https://example.com/x"));
    }

    #[test]
    fn other_schemes_and_garbage_have_no_key() {
        for text in [
            "ftp://example.com/x",
            "mailto:a@b.org",
            "https://",
            "not a url",
            "",
        ] {
            assert_eq!(key(text), None, "{text}");
        }
    }

    #[test]
    fn trailing_slash_comparison() {
        let a = Url::parse("https://a.org/x").unwrap();
        let b = Url::parse("https://a.org/x/").unwrap();
        let c = Url::parse("https://a.org/y/").unwrap();
        assert!(same_but_trailing_slash(&a, &b));
        assert!(!same_but_trailing_slash(&a, &c));
    }
}
