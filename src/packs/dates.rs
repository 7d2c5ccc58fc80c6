//! `rules/dates.toml`: the month names of every language the date grammar reads, as the
//! pack writes them. The grammar's lookup table is built from this in
//! `document::date::months`.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct DatesPack {
    pub language: Vec<LanguageMonths>,
}

/// The twelve months of one language, January first.
#[derive(Debug, Deserialize)]
pub struct LanguageMonths {
    pub code: String,
    /// Month names must start with a capital letter (English `may` is a verb).
    #[serde(default)]
    pub capitalized: bool,
    pub months: Vec<MonthNames>,
}

#[derive(Debug, Deserialize)]
pub struct MonthNames {
    /// The name the date-style fix writes.
    pub full: String,
    /// Other full spellings (`setiembre`).
    #[serde(default)]
    pub also: Vec<String>,
    /// Abbreviations, read with or without a trailing period; the first is the one the
    /// fix writes.
    #[serde(default)]
    pub abbr: Vec<String>,
}

/// The pack embedded in the binary.
pub fn builtin() -> DatesPack {
    toml::from_str(include_str!("../../rules/dates.toml"))
        .expect("rules/dates.toml is valid (checked by a test)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_builtin_pack_parses_with_twelve_months_a_language() {
        let pack = super::builtin();
        assert!(pack.language.len() >= 2);
        assert!(pack.language.iter().all(|l| l.months.len() == 12));
    }
}
