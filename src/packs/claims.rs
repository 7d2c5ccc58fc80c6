//! `rules/claims-en.toml` and `rules/claims-es.toml`: the claim lexicons as data, with the
//! config's `[packs] claims` merged in. The claim rule compiles them.

const ENGLISH: &str = include_str!("../../rules/claims-en.toml");
const SPANISH: &str = include_str!("../../rules/claims-es.toml");

/// The English and Spanish packs as TOML tables, each extended by the extra packs (TOML
/// text) of its language.
///
/// An extra pack names its `language` and may hold any key of the built-in packs: its
/// lists are appended to the built-in lists, its numbers (`threshold`, weights,
/// modifiers) replace the built-in ones. Unknown keys are left for the compiler of the
/// lexicon to refuse, so that a misspelt list is not silently ignored.
pub fn merged(extra: &[&str]) -> Result<(toml::Table, toml::Table), String> {
    let mut english: toml::Table = toml::from_str(ENGLISH).map_err(|e| e.to_string())?;
    let mut spanish: toml::Table = toml::from_str(SPANISH).map_err(|e| e.to_string())?;
    for text in extra {
        let pack: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let target = match pack.get("language").and_then(toml::Value::as_str) {
            Some("en") => &mut english,
            Some("es") => &mut spanish,
            Some(other) => {
                return Err(format!("unknown language `{other}` (\"en\" or \"es\")"));
            }
            None => return Err("a claim pack names its `language` (\"en\" or \"es\")".into()),
        };
        merge_pack(target, pack);
    }
    Ok((english, spanish))
}

/// Adds `extra` to `base`: arrays are appended, tables merged key by key, other values
/// replaced.
fn merge_pack(base: &mut toml::Table, extra: toml::Table) {
    for (key, value) in extra {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Array(list)), toml::Value::Array(more)) => list.extend(more),
            (Some(toml::Value::Table(table)), toml::Value::Table(more)) => merge_pack(table, more),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}
