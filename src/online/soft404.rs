//! Soft 404s: pages that answer success but say the page does not exist, and redirects that
//! drop a missing page on the site's home page.

use url::Url;

/// Phrases that mark a "not found" page, English and Spanish, compared case-insensitively.
/// `soft-404-phrases` in `[online]` replaces them.
pub const DEFAULT_PHRASES: &[&str] = &[
    "page not found",
    "404 not found",
    "error 404",
    "404 error",
    "page cannot be found",
    "page can't be found",
    "page could not be found",
    "page does not exist",
    "page doesn't exist",
    "page no longer exists",
    "this page isn't available",
    "página no encontrada",
    "pagina no encontrada",
    "no se encontró la página",
    "no se ha encontrado la página",
    "no hemos encontrado la página",
    "la página no existe",
    "la página que buscas no existe",
    "la página solicitada no existe",
    "página no disponible",
    "error 404: página",
];

/// A body whose visible text is at most this long is read whole; a longer one only in its
/// title and first-level headings (an article *about* broken links must not count).
const SHORT_BODY: usize = 600;

/// The phrase that marks `html` (the first bytes of a page) as a "not found" page: found
/// in its `<title>`, in an `<h1>`, or anywhere in a short body.
pub fn not_found_phrase(html: &str, phrases: &[String]) -> Option<String> {
    if phrases.is_empty() {
        return None;
    }
    let lower = html.to_lowercase();
    let find = |text: &str| {
        let text = collapse_whitespace(&decode_entities(text));
        phrases
            .iter()
            .find(|p| !p.is_empty() && text.contains(&p.to_lowercase()))
            .cloned()
    };
    for tag in ["title", "h1"] {
        for inner in elements(&lower, tag) {
            if let Some(phrase) = find(&strip_tags(inner)) {
                return Some(phrase);
            }
        }
    }
    let body = match lower.find("<body") {
        Some(at) => &lower[at..],
        None => &lower[..],
    };
    let text = strip_tags(&remove_elements(body, &["script", "style", "head"]));
    let text = collapse_whitespace(&text);
    if text.chars().count() <= SHORT_BODY {
        return find(&text);
    }
    None
}

/// The inner text of each `<tag …>…</tag>` in lower-cased `html`.
fn elements<'h>(html: &'h str, tag: &str) -> Vec<&'h str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = html[at..].find(&open).map(|i| at + i) {
        let after_name = start + open.len();
        // `<title>` or `<title lang=…>`, not `<titles>`.
        if !html[after_name..].starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
            at = after_name;
            continue;
        }
        let Some(content_start) = html[after_name..].find('>').map(|i| after_name + i + 1) else {
            break;
        };
        let end = html[content_start..]
            .find(&close)
            .map_or(html.len(), |i| content_start + i);
        found.push(&html[content_start..end]);
        at = end.max(content_start);
        if at >= html.len() {
            break;
        }
    }
    found
}

/// `html` without the given elements and their content (`<head>`, not `<header>`).
fn remove_elements(html: &str, tags: &[&str]) -> String {
    let mut text = html.to_string();
    for tag in tags {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        let mut at = 0;
        while let Some(start) = text[at..].find(&open).map(|i| at + i) {
            let after_name = start + open.len();
            if !text[after_name..].starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
                at = after_name;
                continue;
            }
            let end = text[after_name..]
                .find(&close)
                .map_or(text.len(), |i| after_name + i + close.len());
            text.replace_range(start..end, " ");
            at = start + 1;
        }
    }
    text
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities a Spanish or English error page is likely to use.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.as_bytes()[..rest.len().min(10)]
            .iter()
            .position(|&b| b == b';')
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "nbsp" => Some(' '),
            "apos" | "#39" | "rsquo" => Some('\''),
            "quot" => Some('"'),
            "aacute" => Some('á'),
            "eacute" => Some('é'),
            "iacute" => Some('í'),
            "oacute" => Some('ó'),
            "uacute" => Some('ú'),
            "ntilde" => Some('ñ'),
            _ => entity
                .strip_prefix("#x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32)
                .map(|c| c.to_lowercase().next().unwrap_or(c)),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `url` is a site's home page: `/`, `/index.html`, `/home`, or a language root
/// such as `/en/` or `/es-ES/`, with no query.
pub fn is_home_page(url: &Url) -> bool {
    if url.query().is_some_and(|q| !q.is_empty()) {
        return false;
    }
    let path = url.path().trim_matches('/').to_ascii_lowercase();
    if matches!(
        path.as_str(),
        "" | "index.html" | "index.htm" | "index.php" | "home" | "inicio"
    ) {
        return true;
    }
    let bytes = path.as_bytes();
    let letters = |b: &[u8]| b.iter().all(u8::is_ascii_alphabetic);
    match bytes.len() {
        2 => letters(bytes),
        5 => letters(&bytes[..2]) && matches!(bytes[2], b'-' | b'_') && letters(&bytes[3..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases() -> Vec<String> {
        DEFAULT_PHRASES.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn title_heading_or_short_body() {
        let p = phrases();
        assert_eq!(
            not_found_phrase(
                "<html><head><title>Page Not Found | Daily</title></head><body>x</body>",
                &p
            )
            .as_deref(),
            Some("page not found")
        );
        assert_eq!(
            not_found_phrase("<h1 class=big>P&aacute;gina no encontrada</h1>", &p).as_deref(),
            Some("página no encontrada")
        );
        assert_eq!(
            not_found_phrase("Page not found", &p).as_deref(),
            Some("page not found")
        );
        assert_eq!(
            not_found_phrase("<body><p>Lo sentimos, la página no existe.</p></body>", &p)
                .as_deref(),
            Some("la página no existe")
        );
    }

    #[test]
    fn a_long_article_mentioning_the_phrase_is_not_a_soft_404() {
        let p = phrases();
        let article = format!(
            "<html><head><title>Why links rot</title></head><body><h1>Why links rot</h1><p>{}</p><p>Readers meet a page not found error.</p></body></html>",
            "Words about archives and citations. ".repeat(40)
        );
        assert_eq!(not_found_phrase(&article, &p), None);
        assert_eq!(
            not_found_phrase("<title>Annual report</title><body>Figures</body>", &p),
            None
        );
        // A `<header>` is not a `<head>`; entities cut short do not break the reading.
        assert_eq!(
            not_found_phrase(
                "<body><header>Menu</header><p>Page not found</p></body>",
                &p
            )
            .as_deref(),
            Some("page not found")
        );
        assert_eq!(not_found_phrase("<title>&ééééééééé</title>", &p), None);
        // Scripts do not count as visible text.
        assert_eq!(
            not_found_phrase(
                "<body><script>var m = 'page not found';</script>Welcome</body>",
                &p
            ),
            None
        );
        assert_eq!(not_found_phrase("Page not found", &[]), None);
    }

    #[test]
    fn home_pages() {
        let home = |u: &str| is_home_page(&Url::parse(u).unwrap());
        assert!(home("https://a.org/"));
        assert!(home("https://a.org"));
        assert!(home("https://a.org/index.html"));
        assert!(home("https://a.org/en/"));
        assert!(home("https://a.org/es-ES"));
        assert!(!home("https://a.org/?p=12"));
        assert!(!home("https://a.org/news/"));
        assert!(!home("https://a.org/2023/"));
    }
}
