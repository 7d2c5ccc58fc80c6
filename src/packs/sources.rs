//! `rules/sources.toml`: section words, user-content hosts and the known sections of
//! each host, for the URL and citation rules.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::words::ENGLISH;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    user_content: Vec<String>,
    #[serde(default)]
    hosts: HashMap<String, Vec<String>>,
}

/// Section words, user-content hosts and known sections per host: `rules/sources.toml`,
/// with the config's `[packs] sources` added.
#[derive(Debug, Default)]
pub struct SourcePack {
    words: HashSet<String>,
    user_content: HashSet<String>,
    /// Known sections per host (without `www.`).
    pub hosts: HashMap<String, Vec<String>>,
}

impl SourcePack {
    /// The built-in pack extended by `extra` packs (TOML text in the format of
    /// `rules/sources.toml`; every key optional, lists added to the built-in ones).
    pub fn with_packs(extra: &[&str]) -> Result<SourcePack, String> {
        let mut pack = SourcePack::default();
        for text in std::iter::once(&include_str!("../../rules/sources.toml")).chain(extra) {
            let raw: RawPack = toml::from_str(text).map_err(|e| e.message().to_string())?;
            pack.words.extend(raw.words);
            pack.user_content.extend(
                raw.user_content
                    .iter()
                    .map(|h| h.trim_start_matches("www.").to_string()),
            );
            for (host, sections) in raw.hosts {
                let host = host.trim_start_matches("www.").to_ascii_lowercase();
                pack.hosts.entry(host).or_default().extend(sections);
            }
        }
        Ok(pack)
    }

    /// Whether paths on `host` (or a parent domain of it) are user content.
    pub fn is_user_content(&self, host: &str) -> bool {
        let mut rest = host;
        loop {
            if self.user_content.contains(rest) {
                return true;
            }
            let Some((_, parent)) = rest.split_once('.') else {
                return false;
            };
            if !parent.contains('.') {
                return false;
            }
            rest = parent;
        }
    }

    /// Whether a segment is spelled right as words go: a known section word, or English
    /// words joined by hyphens or underscores.
    pub fn is_word(&self, segment: &str) -> bool {
        self.words.contains(segment)
            || segment
                .split(['-', '_'])
                .all(|part| part.len() < 4 || ENGLISH.contains(part))
    }
}

/// `rules/sources.toml`, parsed once.
pub static PACK: LazyLock<SourcePack> =
    LazyLock::new(|| SourcePack::with_packs(&[]).expect("rules/sources.toml is valid"));
