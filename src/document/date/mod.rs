//! The date grammar: numeric (`20/7/2023`, `7-20-2023`, `20.7.2023`), ISO (`2023-07-20`),
//! English (`July 20, 2023`, `20 July 2023`, `Sept. 4, 2022`) and Spanish
//! (`20 de julio de 2023`, `3 de marzo`, `setiembre`, `dic.`) dates, with a span for
//! every part.
//!
//! One ASCII regex finds where a date could start (a digit, or a month name from the
//! `months` table); nom grammars then read the date from there. Tokens that are
//! clearly meant as dates but are broken (`23//2023`, `2023-7-`, `20/7/20233`) are kept as
//! [`DateKind::Malformed`] so that `date-malformed` can report them. Calendar validity is
//! left to jiff, never to hand-written month lengths.
//!
//! The same month table and tokens also read the looser dates of citations
//! (`lenient`) and the dates embedded in URLs (`url`).

mod access;
mod calendar;
mod grammar;
mod lenient;
mod months;
mod numeric;
mod render;
mod scan;
mod textual;
mod url;
mod weekday;

use jiff::civil;
use serde::Deserialize;

use super::Span;

pub use access::is_access_date;
pub use calendar::{describe, document_order, inferred_order};
pub use lenient::{PartialDate, lenient_dates};
pub use months::{Language, is_month_name, languages, month_name};
pub use render::{DateFormat, NumericOrder, render};
pub use scan::{find_dates, scan};
pub use url::{UrlDate, url_dates};
pub use weekday::{WeekdayMention, weekday_before, weekday_name};

/// Whether `5/9/2022` is read as 5 September (day first) or May 9 (month first).
/// Written `day-first` / `month-first` in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayMonthOrder {
    DayFirst,
    MonthFirst,
}

impl DayMonthOrder {
    pub fn describe(self) -> &'static str {
        match self {
            DayMonthOrder::DayFirst => "day first",
            DayMonthOrder::MonthFirst => "month first",
        }
    }
}

/// Options of the date family.
#[derive(Debug, Clone, Default)]
pub struct DateOptions {
    /// The numeric day/month order; `None` infers it per document from its unambiguous
    /// dates (a first field above 12 means day first).
    pub order: Option<DayMonthOrder>,
}

// ---------------------------------------------------------------------------------------
// The model of a found date.

/// One run of digits in a date, with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub span: Span,
    pub value: u32,
    pub digits: u8,
}

impl Field {
    /// Whether a single-digit value is written with a leading zero (`08`); `None` when the
    /// value has two digits anyway.
    pub fn padded(self) -> Option<bool> {
        (self.value < 10).then_some(self.digits >= 2)
    }
}

/// `20/7/2023`, `7-20-2023`, `2023-07-20`: three fields and one separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumericDate {
    pub fields: [Field; 3],
    pub separator: char,
    /// `yyyy-mm-dd` (and `/`, `.`); otherwise the year comes last.
    pub year_first: bool,
}

/// `July 20, 2023`, `20 July 2023`, `20 de julio de 2023`, `3 de marzo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextualDate {
    /// Index into [`languages`].
    pub language: u8,
    pub month: u8,
    pub month_span: Span,
    pub abbreviated: bool,
    pub day_first: bool,
    pub day: Field,
    pub year: Option<Field>,
}

/// What is wrong with a token that is clearly meant as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// `23//2023`, `2023-7-`: a part is missing between or after separators.
    EmptyPart,
    /// `23//07/2023`: a separator written twice.
    DoubledSeparator,
    /// `20/07/2023/`: a separator after the year.
    StraySeparator,
    /// `20/07-2023`: two different separators.
    MixedSeparators,
    /// `20/7/20233`: a year with the wrong number of digits.
    YearDigits,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedDate {
    pub problem: Problem,
    /// The offending part: the doubled separator, the empty slot, the year.
    pub part: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    Numeric(NumericDate),
    Textual(TextualDate),
    Malformed(MalformedDate),
}

/// A date in the prose or the notes of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub span: Span,
    pub kind: DateKind,
    /// The note definition the date sits in; `None` for prose.
    pub note: Option<usize>,
}

/// Why a date does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub reason: String,
    /// The field at fault.
    pub part: Span,
}

/// What a date means, once the day/month order is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Valid(civil::Date),
    /// A day and month with no year (`3 de marzo`) that exist in a leap year.
    NoYear {
        month: u8,
        day: u8,
    },
    Invalid(Invalid),
}
