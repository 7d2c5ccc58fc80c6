//! Links: malformed URLs, mistyped path segments, inconsistent style, and (online) dead,
//! moved or unchecked pages.

pub(super) mod broken;
mod link_target;
pub(super) mod malformed;
pub(super) mod path_typo;
pub(super) mod redirected;
mod section_spelling;
pub(super) mod style;
pub(super) mod unchecked;

use std::collections::BTreeMap;

use serde::Deserialize;

use super::settings::{OptionError, Settings, parse_options};

/// `[rules.url-path-typo]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PathTypoOptions {
    /// Extra known sections per host, added to `rules/sources.toml`.
    known_sections: Option<BTreeMap<String, Vec<String>>>,
}

/// Applies a `[rules.NAME]` table of the family.
pub(super) fn configure(settings: &mut Settings, table: &toml::Table) -> Result<(), OptionError> {
    let options: PathTypoOptions = parse_options(table)?;
    for (host, sections) in options.known_sections.into_iter().flatten() {
        let host = host.trim_start_matches("www.").to_ascii_lowercase();
        settings.sources.known_sections.push((host, sections));
    }
    Ok(())
}
