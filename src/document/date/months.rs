//! The one month table: every month name a date parser reads (English and Spanish, full
//! and abbreviated), built once from the `rules/dates.toml` pack. The prose grammar, the
//! lenient note grammar, URL slugs, messages and the date-style fix all look names up
//! here.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::packs::dates;

/// One language of the pack, as the grammar and the renderer use it.
#[derive(Debug)]
pub struct Language {
    pub code: String,
    /// Month names must start with a capital letter (English `may` is a verb).
    pub capitalized: bool,
    /// Full names, January first.
    pub full: Vec<String>,
    /// The first abbreviation of each month, for rendering.
    pub abbr: Vec<String>,
    /// Every way prose writes a month: full names, other full spellings, and
    /// abbreviations with their period (`Sept.`).
    pub written: Vec<String>,
}

/// A month name as written: which language, which month, abbreviated or not.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthName {
    /// Index into [`languages`].
    pub(super) language: u8,
    pub(super) month: u8,
    pub(super) abbreviated: bool,
}

struct Months {
    languages: Vec<Language>,
    /// Lower-cased name → every reading of it (`mar` is English and Spanish).
    names: HashMap<String, Vec<MonthName>>,
    /// Full names and other full spellings with a capital first letter (`July`, `Julio`).
    capitalised_full: HashSet<String>,
    /// The first letters of the names, as bits (`a` is bit 0).
    initials: u32,
}

static MONTHS: LazyLock<Months> = LazyLock::new(|| build(&dates::builtin()));

fn build(pack: &dates::DatesPack) -> Months {
    let mut names: HashMap<String, Vec<MonthName>> = HashMap::new();
    let mut capitalised_full = HashSet::new();
    let mut languages = Vec::new();
    for (language, lang) in pack.language.iter().enumerate() {
        let language = u8::try_from(language).unwrap_or(u8::MAX);
        for (month, names_of) in lang.months.iter().enumerate().take(12) {
            let month = u8::try_from(month + 1).unwrap_or(1);
            let full = std::iter::once(&names_of.full).chain(&names_of.also);
            capitalised_full.extend(full.clone().map(|n| capitalise(n)));
            for (name, abbreviated) in full
                .map(|n| (n, false))
                .chain(names_of.abbr.iter().map(|n| (n, true)))
            {
                names
                    .entry(name.to_lowercase())
                    .or_default()
                    .push(MonthName {
                        language,
                        month,
                        abbreviated,
                    });
            }
        }
        languages.push(Language {
            code: lang.code.clone(),
            capitalized: lang.capitalized,
            full: lang.months.iter().map(|m| m.full.clone()).collect(),
            abbr: lang
                .months
                .iter()
                .map(|m| m.abbr.first().unwrap_or(&m.full).clone())
                .collect(),
            written: lang
                .months
                .iter()
                .flat_map(|m| {
                    let full = std::iter::once(&m.full).chain(&m.also).cloned();
                    full.chain(m.abbr.iter().map(|a| format!("{a}.")))
                })
                .collect(),
        });
    }
    let initials = names
        .keys()
        .filter_map(|name| name.bytes().next().filter(u8::is_ascii_lowercase))
        .fold(0, |mask, initial| mask | 1 << (initial - b'a'));
    Months {
        languages,
        names,
        capitalised_full,
        initials,
    }
}

fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The languages of the month pack, in pack order.
pub fn languages() -> &'static [Language] {
    &MONTHS.languages
}

/// Every reading of a month word, ignoring ASCII case; `None` when it names no month.
pub(super) fn readings(word: &str) -> Option<&'static [MonthName]> {
    // Most words looked up are short and ASCII: lower-case them on the stack.
    let mut buffer = [0u8; 16];
    let found = match buffer.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower)
                .ok()
                .and_then(|key| MONTHS.names.get(key))
        }
        _ => MONTHS.names.get(&word.to_ascii_lowercase()),
    };
    found.map(Vec::as_slice)
}

/// The month (1–12) a full name means in any language, ignoring ASCII case: `july` in
/// a URL slug.
pub(super) fn full_name_month(word: &str) -> Option<u8> {
    languages().iter().find_map(|l| {
        let index = l.full.iter().position(|n| n.eq_ignore_ascii_case(word))?;
        u8::try_from(index + 1).ok()
    })
}

/// Whether a word could begin with a month name: its first letter is the first letter of
/// some name. Lets a scan pass over most words without looking them up.
pub(super) fn could_start_name(first: u8) -> bool {
    first.is_ascii_alphabetic() && MONTHS.initials & (1 << (first.to_ascii_lowercase() - b'a')) != 0
}

/// Whether `word` is a full month name written with a capital (`July`, `Julio`,
/// `Setiembre`): such a capitalised word is a calendar word, not a person's name.
pub fn is_month_name(word: &str) -> bool {
    MONTHS.capitalised_full.contains(word)
}

/// The name of a month in English, for messages; `?` for a number that is no month.
pub fn month_name(month: u8) -> &'static str {
    languages()
        .iter()
        .find(|l| l.code == "en")
        .and_then(|l| l.full.get(usize::from(month).wrapping_sub(1)))
        .map_or("?", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_parses() {
        assert!(languages().len() >= 2);
        assert!(languages().iter().all(|l| l.full.len() == 12));
    }

    #[test]
    fn a_name_means_one_month_in_every_language() {
        for (name, readings) in &MONTHS.names {
            assert!(
                readings.iter().all(|r| r.month == readings[0].month),
                "{name}"
            );
        }
    }

    #[test]
    fn readings_ignore_ascii_case_only() {
        let month = |word: &str| readings(word).map(|r| r[0].month);
        assert_eq!(month("JuLy"), Some(7));
        assert_eq!(month("setiembre"), Some(9));
        assert_eq!(month("DIC"), Some(12));
        assert_eq!(month("Jule"), None);
        assert_eq!(month("Marzó"), None);
        assert_eq!(month("averyveryverylongword"), None);
        assert_eq!(readings("mar").map(<[MonthName]>::len), Some(2));
    }

    #[test]
    fn initials_cover_every_name() {
        for name in MONTHS.names.keys() {
            assert!(could_start_name(name.as_bytes()[0]), "{name}");
        }
        assert!(!could_start_name(b'z') && !could_start_name(b'7'));
    }

    #[test]
    fn capitalised_full_names_are_calendar_words() {
        for word in ["July", "Julio", "Setiembre", "May"] {
            assert!(is_month_name(word), "{word}");
        }
        for word in ["july", "JULY", "Jul", "Sept", "Maya"] {
            assert!(!is_month_name(word), "{word}");
        }
    }

    #[test]
    fn messages_and_slugs_use_the_pack() {
        assert_eq!(month_name(2), "February");
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(13), "?");
        assert_eq!(full_name_month("JULIO"), Some(7));
        assert_eq!(full_name_month("sept"), None);
    }
}
