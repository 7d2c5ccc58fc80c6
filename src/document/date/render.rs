//! Writing a date in a given format, for the date-style fix; the round-trip property
//! test holds the grammar to reading back everything written here.

use jiff::civil;

use super::calendar::describe;
use super::months::languages;
use super::{DateKind, DayMonthOrder, FoundDate};

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateFormat {
    Numeric {
        order: NumericOrder,
        separator: char,
        pad_day: bool,
        pad_month: bool,
        two_digit_year: bool,
    },
    Textual {
        language: u8,
        day_first: bool,
        abbreviated: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumericOrder {
    YearMonthDay,
    DayMonthYear,
    MonthDayYear,
}

/// Writes `date` in `format`.
pub fn render(date: civil::Date, format: DateFormat) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    match format {
        DateFormat::Numeric {
            order,
            separator: s,
            pad_day,
            pad_month,
            two_digit_year,
        } => {
            let d = if pad_day {
                format!("{day:02}")
            } else {
                day.to_string()
            };
            let m = if pad_month {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            let y = if two_digit_year && order != NumericOrder::YearMonthDay {
                format!("{:02}", year.rem_euclid(100))
            } else {
                year.to_string()
            };
            match order {
                NumericOrder::YearMonthDay => format!("{y}{s}{m}{s}{d}"),
                NumericOrder::DayMonthYear => format!("{d}{s}{m}{s}{y}"),
                NumericOrder::MonthDayYear => format!("{m}{s}{d}{s}{y}"),
            }
        }
        DateFormat::Textual {
            language,
            day_first,
            abbreviated,
        } => {
            let Some(lang) = languages().get(usize::from(language)) else {
                return describe(date);
            };
            let index = usize::try_from(month - 1).unwrap_or(0);
            let full = lang.full.get(index).map_or("", String::as_str);
            // `May` has no abbreviation, so it keeps its full name and no period.
            let name = match lang.abbr.get(index) {
                Some(abbr) if abbreviated && abbr != full => format!("{abbr}."),
                _ => full.to_string(),
            };
            match (day_first, lang.capitalized) {
                (true, true) => format!("{day} {name} {year}"),
                (true, false) => format!("{day} de {name} de {year}"),
                (false, _) => format!("{name} {day}, {year}"),
            }
        }
    }
}

impl FoundDate {
    /// How this date is written, given the order it is read in.
    pub fn format(&self, order: Option<DayMonthOrder>) -> Option<DateFormat> {
        match &self.kind {
            DateKind::Numeric(n) => {
                let order = if n.year_first {
                    NumericOrder::YearMonthDay
                } else {
                    match n.evident_order().or(order)? {
                        DayMonthOrder::DayFirst => NumericOrder::DayMonthYear,
                        DayMonthOrder::MonthFirst => NumericOrder::MonthDayYear,
                    }
                };
                let (day, month, year) = n.day_month_year(match order {
                    NumericOrder::MonthDayYear => DayMonthOrder::MonthFirst,
                    _ => DayMonthOrder::DayFirst,
                });
                Some(DateFormat::Numeric {
                    order,
                    separator: n.separator,
                    pad_day: day.padded().unwrap_or(false),
                    pad_month: month.padded().unwrap_or(false),
                    two_digit_year: year.digits == 2,
                })
            }
            DateKind::Textual(t) => Some(DateFormat::Textual {
                language: t.language,
                day_first: t.day_first,
                abbreviated: t.abbreviated,
            }),
            DateKind::Malformed(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan::scan;
    use super::super::{Reading, Span};
    use super::*;
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = civil::Date> {
        (1700i16..2200, 1i8..=12, 1i8..=31)
            .prop_filter_map("real dates", |(y, m, d)| civil::Date::new(y, m, d).ok())
    }

    fn any_format() -> impl Strategy<Value = DateFormat> {
        let numeric = (
            prop_oneof![
                Just(NumericOrder::YearMonthDay),
                Just(NumericOrder::DayMonthYear),
                Just(NumericOrder::MonthDayYear)
            ],
            prop_oneof![Just('/'), Just('-'), Just('.')],
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(order, separator, pad_day, pad_month, two)| {
                let year_first = order == NumericOrder::YearMonthDay;
                // The written forms the grammar promises to read: dotted ISO dates
                // are zero-padded, and two-digit years are written with slashes.
                let dotted_iso = year_first && separator == '.';
                DateFormat::Numeric {
                    order,
                    separator,
                    pad_day: pad_day || dotted_iso,
                    pad_month: pad_month || dotted_iso,
                    two_digit_year: two && !year_first && separator == '/',
                }
            });
        let textual = (0..languages().len(), any::<bool>(), any::<bool>()).prop_map(
            |(language, day_first, abbreviated)| DateFormat::Textual {
                language: u8::try_from(language).unwrap_or(0),
                day_first,
                abbreviated,
            },
        );
        prop_oneof![numeric, textual]
    }

    proptest! {
        #[test]
        fn rendered_dates_parse_back(date in any_date(), format in any_format()) {
            // Two-digit years stand for 1950–2049.
            if matches!(format, DateFormat::Numeric { two_digit_year: true, .. })
                && !(1950..2050).contains(&date.year())
            {
                return Ok(());
            }
            let text = render(date, format);
            let sentence = format!("It happened on {text}, they said.");
            let found = scan(&sentence, Span::new(0, sentence.len()), &[]);
            prop_assert_eq!(found.len(), 1, "{}", sentence);
            let (span, kind) = found[0];
            prop_assert_eq!(span.text(&sentence), text.as_str());
            let reading = match (kind, format) {
                (DateKind::Numeric(n), DateFormat::Numeric { order, .. }) => {
                    n.read(if order == NumericOrder::MonthDayYear {
                        DayMonthOrder::MonthFirst
                    } else {
                        DayMonthOrder::DayFirst
                    })
                }
                (DateKind::Textual(t), DateFormat::Textual { .. }) => t.read(),
                other => return Err(TestCaseError::fail(format!("{other:?} for {text}"))),
            };
            prop_assert_eq!(reading, Reading::Valid(date), "{}", text);
        }
    }
}
