//! Sources: one source cited under several notes, and notes missing what the house style
//! requires.

pub(super) mod duplicate;
pub(super) mod incomplete;

use serde::Deserialize;

use super::settings::{OptionError, Settings, parse_options};

/// `[rules.citation-incomplete]`: what every citing note must give.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct IncompleteOptions {
    require_url: Option<bool>,
    require_date: Option<bool>,
}

/// Applies a `[rules.NAME]` table of the family.
pub(super) fn configure(settings: &mut Settings, table: &toml::Table) -> Result<(), OptionError> {
    let options: IncompleteOptions = parse_options(table)?;
    if let Some(require_url) = options.require_url {
        settings.sources.require_url = require_url;
    }
    if let Some(require_date) = options.require_date {
        settings.sources.require_date = require_date;
    }
    Ok(())
}
