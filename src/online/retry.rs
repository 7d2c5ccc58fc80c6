//! When to ask again: `Retry-After` and exponential backoff.

use std::time::{Duration, SystemTime};

/// The wait a `Retry-After` header asks for: delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`. A date in the past asks for no
/// wait; text that is neither is ignored.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let timestamp = match jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(value) {
        Ok(timestamp) => timestamp,
        // After the last instant jiff represents (late on 30 December 9999): a wait
        // longer than any run, not a header to ignore.
        Err(_) => {
            let date = jiff::civil::DateTime::strptime("%a, %d %b %Y %H:%M:%S GMT", value).ok()?;
            return (date.year() >= 9999).then_some(Duration::MAX);
        }
    };
    let at = SystemTime::try_from(timestamp).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The wait before retry number `attempt` (1-based) when the server gave no
/// `Retry-After`: 500 ms, 1 s, 2 s, … at most 8 s.
pub fn backoff(attempt: u32) -> Duration {
    let factor = 1u64 << attempt.saturating_sub(1).min(4);
    Duration::from_millis(500 * factor)
}

/// A wait as a person reads it: `90 s`, `15 min`, `3 h`, `12 days`, `more than a year`.
pub fn describe_wait(seconds: u64) -> String {
    match seconds {
        0..120 => format!("{seconds} s"),
        120..7_200 => format!("{} min", seconds / 60),
        7_200..172_800 => format!("{} h", seconds / 3_600),
        172_800..31_536_000 => format!("{} days", seconds / 86_400),
        _ => "more than a year".to_string(),
    }
}

/// Whether an answer with this status may succeed if asked again later.
pub fn is_transient(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds() {
        let now = SystemTime::now();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_400); // 07:26:40 GMT
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(80))
        );
        // A date already past asks for no wait.
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("Wed, 32 Oct 2015 07:28:00 GMT", now),
            None
        );
    }

    #[test]
    fn a_date_past_the_last_representable_instant_is_a_very_long_wait() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(
            parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now),
            Some(Duration::MAX)
        );
        assert_eq!(
            parse_retry_after("Thu, 31 Dec 9998 23:59:59 GMT", now)
                .map(|d| d > Duration::from_secs(1 << 37)),
            Some(true)
        );
    }

    #[test]
    fn waits_read_naturally() {
        assert_eq!(describe_wait(5), "5 s");
        assert_eq!(describe_wait(900), "15 min");
        assert_eq!(describe_wait(3 * 86_400), "3 days");
        assert_eq!(describe_wait(u64::MAX), "more than a year");
    }

    #[test]
    fn backoff_doubles_up_to_a_bound() {
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_secs(1));
        assert_eq!(backoff(3), Duration::from_secs(2));
        assert_eq!(backoff(10), Duration::from_secs(8));
        assert!(is_transient(429) && is_transient(503) && !is_transient(404));
    }
}
