//! What a found date means on the calendar: validity (left to jiff), the day/month order
//! a date or a document shows, and the calendar dates a date can stand for.

use jiff::civil;

use super::months::month_name;
use super::{
    DateKind, DateOptions, DayMonthOrder, Field, FoundDate, Invalid, NumericDate, Reading, Span,
    TextualDate,
};

/// A date for messages: `26 July 2023`.
pub fn describe(date: civil::Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(u8::try_from(date.month()).unwrap_or(0)),
        date.year()
    )
}

/// Checks a calendar date with jiff and says why it does not exist.
fn validate(year: Option<i32>, month: u32, month_part: Span, day: u32, day_part: Span) -> Reading {
    if !(1..=12).contains(&month) {
        return Reading::Invalid(Invalid {
            reason: format!("there is no month {month}"),
            part: month_part,
        });
    }
    // A date without a year is checked against a leap year, so `29 de febrero` passes.
    let check_year = year.unwrap_or(2000);
    let (Ok(y), Ok(m)) = (i16::try_from(check_year), i8::try_from(month)) else {
        return Reading::Invalid(Invalid {
            reason: format!("year {check_year} is out of range"),
            part: month_part,
        });
    };
    let Ok(first) = civil::Date::new(y, m, 1) else {
        return Reading::Invalid(Invalid {
            reason: format!("year {check_year} is out of range"),
            part: month_part,
        });
    };
    let length = first.days_in_month();
    let day_ok = i8::try_from(day).ok().filter(|d| (1..=length).contains(d));
    let Some(d) = day_ok else {
        let name = month_name(u8::try_from(month).unwrap_or(0));
        let reason = match (m, year) {
            (2, Some(year)) => format!("February {year} has {length} days"),
            (2, None) => "February has 29 days at most".to_string(),
            _ => format!("{name} has {length} days"),
        };
        return Reading::Invalid(Invalid {
            reason,
            part: day_part,
        });
    };
    match year {
        Some(_) => civil::Date::new(y, m, d).map_or_else(
            |_| {
                Reading::Invalid(Invalid {
                    reason: format!("{check_year}-{month}-{day} does not exist"),
                    part: day_part,
                })
            },
            Reading::Valid,
        ),
        None => Reading::NoYear {
            month: u8::try_from(month).unwrap_or(0),
            day: u8::try_from(day).unwrap_or(0),
        },
    }
}

/// `22` → 2022, `98` → 1998.
fn full_year(year: Field) -> i32 {
    let value = i32::try_from(year.value).unwrap_or(0);
    match year.digits {
        2 if value < 50 => 2000 + value,
        2 => 1900 + value,
        _ => value,
    }
}

impl NumericDate {
    /// The order the date proves by itself: a first field above 12 can only be a day.
    pub fn evident_order(&self) -> Option<DayMonthOrder> {
        if self.year_first {
            return None;
        }
        let [a, b, _] = self.fields;
        let day_only = |f: Field| (13..=31).contains(&f.value);
        match (day_only(a), day_only(b)) {
            (true, false) if b.value <= 12 => Some(DayMonthOrder::DayFirst),
            (false, true) if a.value <= 12 => Some(DayMonthOrder::MonthFirst),
            _ => None,
        }
    }

    /// (day, month, year) fields under `order`.
    pub fn day_month_year(&self, order: DayMonthOrder) -> (Field, Field, Field) {
        let [a, b, c] = self.fields;
        match (self.year_first, order) {
            (true, _) => (c, b, a),
            (false, DayMonthOrder::DayFirst) => (a, b, c),
            (false, DayMonthOrder::MonthFirst) => (b, a, c),
        }
    }

    pub fn read(&self, order: DayMonthOrder) -> Reading {
        let (day, month, year) = self.day_month_year(order);
        validate(
            Some(full_year(year)),
            month.value,
            month.span,
            day.value,
            day.span,
        )
    }

    /// Whether the day/month order matters for this date.
    pub fn ambiguous(&self) -> bool {
        let [a, b, _] = self.fields;
        !self.year_first && a.value <= 12 && b.value <= 12 && a.value != b.value
    }
}

impl TextualDate {
    pub fn read(&self) -> Reading {
        validate(
            self.year.map(full_year),
            u32::from(self.month),
            self.month_span,
            self.day.value,
            self.day.span,
        )
    }
}

impl FoundDate {
    /// The calendar date, when the date has a year and `order` (or the date itself)
    /// settles day and month.
    pub fn date(&self, order: Option<DayMonthOrder>) -> Option<civil::Date> {
        let reading = match &self.kind {
            DateKind::Numeric(n) => n.read(
                n.evident_order()
                    .or(order)
                    .or_else(|| (!n.ambiguous()).then_some(DayMonthOrder::DayFirst))?,
            ),
            DateKind::Textual(t) => t.read(),
            DateKind::Malformed(_) => return None,
        };
        match reading {
            Reading::Valid(date) => Some(date),
            _ => None,
        }
    }

    /// Every calendar date the text can mean when the order is unknown.
    pub fn possible_dates(&self) -> Vec<civil::Date> {
        let orders = [DayMonthOrder::DayFirst, DayMonthOrder::MonthFirst];
        let mut dates: Vec<civil::Date> = match &self.kind {
            DateKind::Numeric(n) => orders
                .iter()
                .filter_map(|&o| match n.read(o) {
                    Reading::Valid(d) => Some(d),
                    _ => None,
                })
                .collect(),
            DateKind::Textual(t) => match t.read() {
                Reading::Valid(d) => vec![d],
                _ => Vec::new(),
            },
            DateKind::Malformed(_) => Vec::new(),
        };
        dates.dedup();
        dates
    }
}

/// The document's numeric order: from the options, else from its unambiguous dates when
/// one order clearly dominates (at least twice as many dates as the other).
pub fn document_order(dates: &[FoundDate], options: &DateOptions) -> Option<DayMonthOrder> {
    options.order.or_else(|| inferred_order(dates))
}

/// The order the document's own unambiguous numeric dates show. When they disagree
/// without a clear majority (one `20/7/2023`, one `11/25/2022`), the spelled-out dates
/// break the tie: `20 de julio` and `20 July` write the day first, `July 20` the month.
pub fn inferred_order(dates: &[FoundDate]) -> Option<DayMonthOrder> {
    let (mut numeric, mut textual) = ([0usize; 2], [0usize; 2]);
    for date in dates {
        match &date.kind {
            DateKind::Numeric(n) => match n.evident_order() {
                Some(DayMonthOrder::DayFirst) => numeric[0] += 1,
                Some(DayMonthOrder::MonthFirst) => numeric[1] += 1,
                None => {}
            },
            DateKind::Textual(t) => textual[usize::from(!t.day_first)] += 1,
            DateKind::Malformed(_) => {}
        }
    }
    let dominant = |[day_first, month_first]: [usize; 2]| {
        if day_first > month_first && day_first >= 2 * month_first {
            Some(DayMonthOrder::DayFirst)
        } else if month_first > day_first && month_first >= 2 * day_first {
            Some(DayMonthOrder::MonthFirst)
        } else {
            None
        }
    };
    match dominant(numeric) {
        Some(order) => Some(order),
        None if numeric[0] > 0 && numeric[1] > 0 => dominant(textual),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan::scan;
    use super::*;

    #[test]
    fn readings() {
        let date = |text: &str| match scan(text, Span::new(0, text.len()), &[]).first() {
            Some((_, DateKind::Numeric(n))) => n.read(DayMonthOrder::DayFirst),
            Some((_, DateKind::Textual(t))) => t.read(),
            other => panic!("{other:?}"),
        };
        let reason = |text: &str| match date(text) {
            Reading::Invalid(i) => i.reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason("31/06/2022"), "June has 30 days");
        assert_eq!(reason("2022-14-03"), "there is no month 14");
        assert_eq!(reason("31 de abril de 2021"), "April has 30 days");
        assert_eq!(reason("Nov. 31, 2021"), "November has 30 days");
        assert_eq!(reason("29/2/2023"), "February 2023 has 28 days");
        assert!(matches!(date("29/2/2024"), Reading::Valid(_)));
        assert!(matches!(date("29 de febrero"), Reading::NoYear { .. }));
    }
}
