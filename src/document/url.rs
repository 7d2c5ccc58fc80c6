//! Finding URLs written into prose: `<https://…>` and bare `https://…`.

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
/// `www.` and ends at whitespace, `<`, `>` or a quote; `<…>` around it makes it an angle URL.
pub fn find_urls(text: &str) -> Vec<FoundUrl<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let Some(next) = memchr::memchr3(b'h', b'H', b'w', &bytes[at..]) else {
            break;
        };
        let start = at + next;
        let boundary = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if !boundary || !url_start_at(text, start) {
            at = start + 1;
            continue;
        }
        let angle = start > 0 && bytes[start - 1] == b'<';
        let raw_end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
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
}
