//! Whether two path sections of one site are near-miss spellings of each other
//! (`backgroundunder` and `backgrounder`, `reserch` and `research`), and which is right.

use crate::packs::sources::SourcePack;

/// Whether a segment is a section name that can be compared at all: letters and inner
/// hyphens only. Ids, dates, language codes, file names and article slugs are not.
pub(super) fn comparable(segment: &str, is_last: bool) -> bool {
    let letters = segment.bytes().filter(u8::is_ascii_alphabetic).count();
    let all_allowed = segment
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'_');
    let slug = is_last && segment.contains(['-', '_']);
    // `JknDbXae`: capitals inside a word mark an id, not a section.
    let id_like = segment
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    all_allowed && letters >= 4 && !slug && !id_like
}

/// `b` is `a` with a chunk of two or more characters written twice (`backgro-und-under`).
fn has_duplicated_chunk(longer: &str, shorter: &str) -> bool {
    let extra = longer.len().saturating_sub(shorter.len());
    if extra < 2 || extra > shorter.len() {
        return false;
    }
    (0..=longer.len() - extra).any(|at| {
        let (Some(head), Some(chunk), Some(tail)) = (
            longer.get(..at),
            longer.get(at..at + extra),
            longer.get(at + extra..),
        ) else {
            return false;
        };
        let joined = head.len() + tail.len() == shorter.len()
            && shorter.starts_with(head)
            && shorter.ends_with(tail);
        joined && (tail.starts_with(chunk) || head.ends_with(chunk))
    })
}

/// Whether two different lower-case segments are near-misses of each other.
pub(super) fn near_miss(pack: &SourcePack, a: &str, b: &str) -> bool {
    if a == b || a.as_bytes().first() != b.as_bytes().first() {
        return false;
    }
    // `briefing-paper` and `briefingpaper` are a site's two styles, not a misspelling.
    let bare = |s: &str| s.replace(['-', '_'], "");
    if bare(a) == bare(b) {
        return false;
    }
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Plurals are different sections, not typos.
    if longer.strip_suffix('s') == Some(shorter) || longer.strip_suffix("es") == Some(shorter) {
        return false;
    }
    if has_duplicated_chunk(longer, shorter) {
        return true;
    }
    if longer.len() - shorter.len() > 2 {
        return false;
    }
    // Slugs that differ by one whole word are different pages.
    if a.contains('-') && b.contains('-') {
        let (words_a, words_b): (Vec<_>, Vec<_>) = (a.split('-').collect(), b.split('-').collect());
        if words_a.len() == words_b.len()
            && words_a
                .iter()
                .zip(&words_b)
                .filter(|(x, y)| x != y)
                .all(|(x, y)| pack.is_word(x) && pack.is_word(y))
        {
            return false;
        }
    }
    let distance = strsim::damerau_levenshtein(a, b);
    let shortest = shorter.chars().count();
    (distance == 1 && shortest >= 4) || (distance == 2 && shortest >= 8)
}

/// Which of two near-miss spellings is right: `Some(true)` for `a`, `Some(false)` for
/// `b`, `None` when nothing tells them apart.
pub(super) fn a_is_right(
    pack: &SourcePack,
    (a, count_a): (&str, usize),
    (b, count_b): (&str, usize),
    known: &[&str],
) -> Option<bool> {
    let (known_a, known_b) = (known.contains(&a), known.contains(&b));
    if known_a != known_b {
        return Some(known_a);
    }
    if known_a {
        return None;
    }
    // In `iran-updates` vs `iran-updtes`, only the differing words are tested.
    let (part_a, part_b) = differing_parts(a, b).unwrap_or((a, b));
    let (word_a, word_b) = (pack.is_word(part_a), pack.is_word(part_b));
    if word_a != word_b {
        return Some(word_a);
    }
    if word_a {
        return None;
    }
    if has_duplicated_chunk(a, b) {
        return Some(false);
    }
    if has_duplicated_chunk(b, a) {
        return Some(true);
    }
    (count_a != count_b).then_some(count_a > count_b)
}

/// The one word in which two hyphenated segments of the same shape differ.
fn differing_parts<'s>(a: &'s str, b: &'s str) -> Option<(&'s str, &'s str)> {
    let (parts_a, parts_b): (Vec<_>, Vec<_>) =
        (a.split(['-', '_']).collect(), b.split(['-', '_']).collect());
    if parts_a.len() < 2 || parts_a.len() != parts_b.len() {
        return None;
    }
    let mut differing = parts_a.iter().zip(&parts_b).filter(|(x, y)| x != y);
    match (differing.next(), differing.next()) {
        (Some((x, y)), None) => Some((x, y)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::sources::PACK;

    #[test]
    fn chunks_and_near_misses() {
        assert!(has_duplicated_chunk("backgroundunder", "backgrounder"));
        assert!(!has_duplicated_chunk("committee", "comittee"));
        assert!(near_miss(&PACK, "backgroundunder", "backgrounder"));
        assert!(near_miss(&PACK, "reserch", "research"));
        assert!(!near_miss(&PACK, "opinion", "opinions"));
        assert!(!near_miss(&PACK, "en", "es"));
        assert!(near_miss(&PACK, "nwes", "news"));
        assert_eq!(
            differing_parts("iran-updtes", "iran-updates"),
            Some(("updtes", "updates"))
        );
    }
}
