//! How a date's format departs from the format most dates of its part use, attribute by
//! attribute: spelled out or numeric, year first or last, separator, year digits, padding,
//! day or month first, abbreviated or not. Used by `date-style`.

use std::collections::HashMap;
use std::hash::Hash;

use crate::document::date::{
    DateFormat, DateKind, DayMonthOrder, FoundDate, NumericDate, NumericOrder,
};

/// How the single-digit days and months of a numeric date are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Padding {
    Padded,
    Unpadded,
    Mixed,
}

/// The style of one date, attribute by attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Style {
    textual: bool,
    year_first: bool,
    separator: char,
    two_digit_year: bool,
    padding: Option<Padding>,
    language: u8,
    day_first: bool,
    abbreviated: bool,
}

fn padding(n: &NumericDate) -> Option<Padding> {
    let fields = if n.year_first {
        [n.fields[1], n.fields[2]]
    } else {
        [n.fields[0], n.fields[1]]
    };
    let known: Vec<bool> = fields.iter().filter_map(|f| f.padded()).collect();
    match (known.iter().any(|p| *p), known.iter().any(|p| !*p)) {
        (true, true) => Some(Padding::Mixed),
        (true, false) => Some(Padding::Padded),
        (false, true) => Some(Padding::Unpadded),
        (false, false) => None,
    }
}

pub(super) fn style(found: &FoundDate) -> Option<Style> {
    match &found.kind {
        DateKind::Numeric(n) => Some(Style {
            textual: false,
            year_first: n.year_first,
            separator: n.separator,
            two_digit_year: !n.year_first && n.fields[2].digits == 2,
            padding: padding(n),
            language: 0,
            day_first: false,
            abbreviated: false,
        }),
        DateKind::Textual(t) if t.year.is_some() => Some(Style {
            textual: true,
            year_first: false,
            separator: ' ',
            two_digit_year: false,
            padding: None,
            language: t.language,
            day_first: t.day_first,
            abbreviated: t.abbreviated,
        }),
        _ => None,
    }
}

/// The value most dates share, when it clearly dominates: at least two dates, and at
/// least twice as many as all the others together.
fn dominant<T: Copy + Eq + Hash>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: HashMap<T, usize> = HashMap::new();
    let mut total = 0;
    for value in values {
        *counts.entry(value).or_default() += 1;
        total += 1;
    }
    let (&value, &count) = counts.iter().max_by_key(|(_, c)| **c)?;
    (count >= 2 && count >= 2 * (total - count)).then_some(value)
}

/// One departure: what differs and how to write the date instead.
#[derive(Clone)]
pub(super) struct Departure {
    pub(super) what: String,
    pub(super) target: Option<DateFormat>,
    /// A date of the part written in the dominant way.
    pub(super) example: usize,
}

/// How `style` departs from its part, checked from the broadest attribute down.
pub(super) fn departure(
    part: &[(&FoundDate, Style)],
    style: &Style,
    order: Option<DayMonthOrder>,
) -> Option<Departure> {
    let find = |pred: &dyn Fn(&Style) -> bool| part.iter().position(|(_, s)| pred(s));
    // A numeric date among spelled-out ones (the reverse is usually a quoted title).
    let textual = dominant(part.iter().map(|(_, s)| s.textual))?;
    if textual {
        if style.textual {
            return textual_departure(part, style);
        }
        let textuals = part.iter().filter(|(_, s)| s.textual);
        let target = dominant(textuals.map(|(_, s)| (s.language, s.day_first, s.abbreviated))).map(
            |(language, day_first, abbreviated)| DateFormat::Textual {
                language,
                day_first,
                abbreviated,
            },
        );
        return Some(Departure {
            what: "is numeric".to_string(),
            target,
            example: find(&|s| s.textual)?,
        });
    }
    if style.textual {
        return None;
    }
    let numeric: Vec<&Style> = part.iter().map(|(_, s)| s).filter(|s| !s.textual).collect();
    let base = |s: &Style| {
        let order = match (s.year_first, order) {
            (true, _) => NumericOrder::YearMonthDay,
            (false, Some(DayMonthOrder::MonthFirst)) => NumericOrder::MonthDayYear,
            (false, _) => NumericOrder::DayMonthYear,
        };
        DateFormat::Numeric {
            order,
            separator: s.separator,
            pad_day: s.padding == Some(Padding::Padded),
            pad_month: s.padding == Some(Padding::Padded),
            two_digit_year: s.two_digit_year,
        }
    };
    let with = |f: &dyn Fn(&mut Style)| {
        let mut s = *style;
        f(&mut s);
        base(&s)
    };
    if let Some(year_first) = dominant(numeric.iter().map(|s| s.year_first))
        && year_first != style.year_first
    {
        let what = if style.year_first {
            "puts the year first"
        } else {
            "puts the year last"
        };
        // A year-first date can only be rewritten year last when the order is known.
        let target = (year_first || order.is_some()).then(|| {
            with(&|s| {
                s.year_first = year_first;
                s.padding = numeric
                    .iter()
                    .filter(|o| o.year_first == year_first)
                    .find_map(|o| o.padding);
                s.separator = numeric
                    .iter()
                    .find(|o| o.year_first == year_first)
                    .map_or(s.separator, |o| o.separator);
            })
        });
        return Some(Departure {
            what: what.to_string(),
            target,
            example: find(&|s| !s.textual && s.year_first == year_first)?,
        });
    }
    if let Some(separator) = dominant(numeric.iter().map(|s| s.separator))
        && separator != style.separator
    {
        return Some(Departure {
            what: format!("uses `{}` as separator, not `{separator}`", style.separator),
            target: Some(with(&|s| s.separator = separator)),
            example: find(&|s| !s.textual && s.separator == separator)?,
        });
    }
    if let Some(two) = dominant(numeric.iter().map(|s| s.two_digit_year))
        && two != style.two_digit_year
    {
        let what = if style.two_digit_year {
            "has a two-digit year"
        } else {
            "has a four-digit year"
        };
        return Some(Departure {
            what: what.to_string(),
            target: Some(with(&|s| s.two_digit_year = two)),
            example: find(&|s| !s.textual && s.two_digit_year == two)?,
        });
    }
    let padding = dominant(numeric.iter().filter_map(|s| s.padding))?;
    let own = style.padding?;
    if own == padding || padding == Padding::Mixed {
        return None;
    }
    let what = match own {
        Padding::Padded | Padding::Mixed => "pads a day or month with a zero",
        Padding::Unpadded => "does not pad its day or month with a zero",
    };
    Some(Departure {
        what: what.to_string(),
        target: Some(with(&|s| s.padding = Some(padding))),
        example: find(&|s| !s.textual && s.padding == Some(padding))?,
    })
}

/// A spelled-out date among spelled-out dates of the same language.
fn textual_departure(part: &[(&FoundDate, Style)], style: &Style) -> Option<Departure> {
    let same: Vec<(usize, &Style)> = part
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| s.textual && s.language == style.language)
        .map(|(i, (_, s))| (i, s))
        .collect();
    let target = |day_first: bool, abbreviated: bool| DateFormat::Textual {
        language: style.language,
        day_first,
        abbreviated,
    };
    if let Some(day_first) = dominant(same.iter().map(|(_, s)| s.day_first))
        && day_first != style.day_first
    {
        let what = if style.day_first {
            "puts the day before the month"
        } else {
            "puts the month before the day"
        };
        return Some(Departure {
            what: what.to_string(),
            target: Some(target(day_first, style.abbreviated)),
            example: same.iter().find(|(_, s)| s.day_first == day_first)?.0,
        });
    }
    let abbreviated = dominant(same.iter().map(|(_, s)| s.abbreviated))?;
    if abbreviated == style.abbreviated {
        return None;
    }
    // Abbreviating is the mildest departure: ask for a firmer majority.
    if same
        .iter()
        .filter(|(_, s)| s.abbreviated == abbreviated)
        .count()
        < 3
    {
        return None;
    }
    let what = if style.abbreviated {
        "abbreviates the month"
    } else {
        "spells the month out"
    };
    Some(Departure {
        what: what.to_string(),
        target: Some(target(style.day_first, abbreviated)),
        example: same.iter().find(|(_, s)| s.abbreviated == abbreviated)?.0,
    })
}
