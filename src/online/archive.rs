//! Archived copies of broken pages, from a Wayback-style availability API:
//! `GET {endpoint}?url=…&timestamp=YYYYMMDD` answers
//! `{"archived_snapshots": {"closest": {"available": true, "url": "…", "timestamp": "…"}}}`.

use serde::{Deserialize, Serialize};
use url::Url;

/// The Internet Archive's availability API.
pub const DEFAULT_ENDPOINT: &str = "https://archive.org/wayback/available";

/// The archived copy closest to a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub url: String,
    /// `YYYYMMDDhhmmss`, as the archive gives it.
    pub timestamp: String,
}

impl Snapshot {
    /// The capture date as `YYYY-MM-DD`, when the timestamp has one.
    pub fn date(&self) -> Option<String> {
        let t = self.timestamp.as_bytes();
        if t.len() < 8 || !t[..8].iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(format!(
            "{}-{}-{}",
            &self.timestamp[..4],
            &self.timestamp[4..6],
            &self.timestamp[6..8]
        ))
    }
}

/// The request URL for the copy of `url` closest to `timestamp` (`YYYY`, `YYYYMM` or
/// `YYYYMMDD`; empty for the most recent copy).
pub fn request_url(endpoint: &Url, url: &str, timestamp: &str) -> Url {
    let mut request = endpoint.clone();
    {
        let mut query = request.query_pairs_mut();
        query.append_pair("url", url);
        if !timestamp.is_empty() {
            query.append_pair("timestamp", timestamp);
        }
    }
    request
}

#[derive(Deserialize)]
struct Availability {
    #[serde(default)]
    archived_snapshots: Option<Snapshots>,
}

#[derive(Deserialize)]
struct Snapshots {
    #[serde(default)]
    closest: Option<Closest>,
}

#[derive(Deserialize)]
struct Closest {
    #[serde(default)]
    available: Option<bool>,
    url: Option<String>,
    timestamp: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

/// Reads an availability answer: the closest snapshot, if the archive has a usable one.
/// The Wayback Machine's own `http://web.archive.org/…` links are given as `https://`.
pub fn parse(json: &str) -> Result<Option<Snapshot>, String> {
    let answer: Availability =
        serde_json::from_str(json).map_err(|e| format!("unreadable archive answer: {e}"))?;
    let Some(closest) = answer.archived_snapshots.and_then(|s| s.closest) else {
        return Ok(None);
    };
    if closest.available == Some(false)
        || closest
            .status
            .as_deref()
            .is_some_and(|s| !s.starts_with('2'))
    {
        return Ok(None);
    }
    let (Some(url), Some(timestamp)) = (closest.url, closest.timestamp) else {
        return Ok(None);
    };
    let Ok(parsed) = Url::parse(&url) else {
        return Ok(None);
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Ok(None);
    }
    let url = match url.strip_prefix("http://web.archive.org/") {
        Some(rest) => format!("https://web.archive.org/{rest}"),
        None => url,
    };
    Ok(Some(Snapshot { url, timestamp }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_snapshot() {
        let json = r#"{"url": "example.com/x", "archived_snapshots": {"closest": {"status": "200", "available": true, "url": "http://web.archive.org/web/20230312101010/https://example.com/x", "timestamp": "20230312101010"}}}"#;
        let snapshot = parse(json).unwrap().unwrap();
        assert_eq!(
            snapshot.url,
            "https://web.archive.org/web/20230312101010/https://example.com/x"
        );
        assert_eq!(snapshot.date().as_deref(), Some("2023-03-12"));
    }

    #[test]
    fn nothing_archived() {
        assert_eq!(parse(r#"{"archived_snapshots": {}}"#), Ok(None));
        assert_eq!(parse(r#"{"url": "x"}"#), Ok(None));
        let unavailable = r#"{"archived_snapshots": {"closest": {"available": false, "url": "http://a.org/", "timestamp": "2020"}}}"#;
        assert_eq!(parse(unavailable), Ok(None));
        let not_ok = r#"{"archived_snapshots": {"closest": {"status": "404", "url": "http://a.org/", "timestamp": "20200101000000"}}}"#;
        assert_eq!(parse(not_ok), Ok(None));
        let script = r#"{"archived_snapshots": {"closest": {"url": "javascript:alert(1)", "timestamp": "20200101000000"}}}"#;
        assert_eq!(parse(script), Ok(None));
        assert!(parse("<html>").is_err());
    }

    #[test]
    fn request_carries_url_and_date() {
        let endpoint = Url::parse("http://127.0.0.1:9/wayback/available").unwrap();
        let request = request_url(&endpoint, "https://a.org/x?y=1&z=2", "20230723");
        assert_eq!(
            request.as_str(),
            "http://127.0.0.1:9/wayback/available?url=https%3A%2F%2Fa.org%2Fx%3Fy%3D1%26z%3D2&timestamp=20230723"
        );
        let latest = request_url(&endpoint, "https://a.org/", "");
        assert!(!latest.as_str().contains("timestamp"));
    }
}
