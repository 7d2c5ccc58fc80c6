//! Dates: malformed, impossible, off-style, or disagreeing with the date in their own URL.

pub(super) mod invalid;
pub(super) mod malformed;
pub(super) mod mismatch;
pub(super) mod style;

use serde::Deserialize;

use super::settings::{OptionError, Settings, parse_options};
use crate::document::date::DayMonthOrder;

/// `[rules.date-*]`: the day/month order of numeric dates, for the whole family.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DateOptions {
    day_first: Option<bool>,
}

/// Applies a `[rules.NAME]` table of the family.
pub(super) fn configure(settings: &mut Settings, table: &toml::Table) -> Result<(), OptionError> {
    let options: DateOptions = parse_options(table)?;
    if let Some(day_first) = options.day_first {
        settings.dates.order = Some(if day_first {
            DayMonthOrder::DayFirst
        } else {
            DayMonthOrder::MonthFirst
        });
    }
    Ok(())
}
