//! The date grammar: numeric (`20/7/2023`, `7-20-2023`, `20.7.2023`), ISO (`2023-07-20`),
//! English (`July 20, 2023`, `20 July 2023`, `Sept. 4, 2022`) and Spanish
//! (`20 de julio de 2023`, `3 de marzo`, `setiembre`, `dic.`) dates, with a span for
//! every part.
//!
//! One ASCII regex finds where a date could start (a digit, or a month name from the
//! `rules/dates.toml` pack); nom grammars then read the date from there. Tokens that are
//! clearly meant as dates but are broken (`23//2023`, `2023-7-`, `20/7/20233`) are kept as
//! [`DateKind::Malformed`] so that `date-malformed` can report them. Calendar validity is
//! left to jiff, never to hand-written month lengths.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil;
use nom::bytes::complete::{tag_no_case, take_while_m_n, take_while1};
use nom::character::complete::{alpha1, char, digit0, digit1, multispace1};
use nom::combinator::opt;
use nom::multi::many0;
use nom::sequence::terminated;
use nom::{IResult, Parser};
use regex::Regex;
use serde::Deserialize;

use super::{Document, Span};

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
// The month-name pack.

#[derive(Deserialize)]
struct Pack {
    language: Vec<LanguagePack>,
}

#[derive(Deserialize)]
struct LanguagePack {
    code: String,
    #[serde(default)]
    capitalized: bool,
    months: Vec<MonthPack>,
}

#[derive(Deserialize)]
struct MonthPack {
    full: String,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    abbr: Vec<String>,
}

/// One language of the pack, as the grammar and the renderer use it.
#[derive(Debug)]
pub struct Language {
    pub code: String,
    /// Month names must start with a capital letter (English `may` is a verb).
    pub capitalized: bool,
    /// Full names, January first.
    pub full: Vec<String>,
    /// The first abbreviation of each month, for rendering.
    pub abbr: Vec<String>,
}

/// A month name as written: which language, which month, abbreviated or not.
#[derive(Debug, Clone, Copy)]
struct MonthName {
    language: u8,
    month: u8,
    abbreviated: bool,
}

struct Months {
    languages: Vec<Language>,
    /// Lower-cased name → every reading of it (`mar` is English and Spanish).
    names: HashMap<String, Vec<MonthName>>,
}

static MONTHS: LazyLock<Months> = LazyLock::new(|| {
    let pack: Pack = toml::from_str(include_str!("../../rules/dates.toml"))
        .expect("rules/dates.toml is valid (checked by a test)");
    let mut names: HashMap<String, Vec<MonthName>> = HashMap::new();
    let mut languages = Vec::new();
    for (language, lang) in pack.language.iter().enumerate() {
        let language = u8::try_from(language).unwrap_or(u8::MAX);
        for (month, names_of) in lang.months.iter().enumerate().take(12) {
            let month = u8::try_from(month + 1).unwrap_or(1);
            let full = std::iter::once(&names_of.full).chain(&names_of.also);
            for (name, abbreviated) in full
                .map(|n| (n, false))
                .chain(names_of.abbr.iter().map(|n| (n, true)))
            {
                names
                    .entry(name.to_lowercase())
                    .or_default()
                    .push(MonthName {
                        language,
                        month,
                        abbreviated,
                    });
            }
        }
        languages.push(Language {
            code: lang.code.clone(),
            capitalized: lang.capitalized,
            full: lang.months.iter().map(|m| m.full.clone()).collect(),
            abbr: lang
                .months
                .iter()
                .map(|m| m.abbr.first().unwrap_or(&m.full).clone())
                .collect(),
        });
    }
    Months { languages, names }
});

/// The languages of the month pack, in pack order.
pub fn languages() -> &'static [Language] {
    &MONTHS.languages
}

/// Where a date is anchored: a run of digits and separators at an ASCII word boundary.
/// Every date the grammar reads has a number in it (a day or a year), so month names are
/// looked for only next to one: a search for sixty month names over all prose would
/// cost more than the rest of the scan.
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[0-9][0-9./\-]*").expect("the anchor pattern is valid"));

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

/// The name of a month in English, for messages.
pub fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

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

/// Words before a date that make it an access or update date rather than the date of
/// the source (`Retrieved 2006-12-05`, `consultado el 3 de marzo de 2024`).
const NOT_PUBLICATION: &[&str] = &[
    "accessed",
    "access date",
    "accessdate",
    "retrieved",
    "consulted",
    "visited",
    "updated",
    "archived",
    "consultado",
    "consulta",
    "visitado",
    "recuperado",
    "actualizado",
    "archivado",
    "acceso",
];

/// Whether the date at `span` is an access, retrieval or update date: one of
/// [`NOT_PUBLICATION`] within the few words before it.
pub fn is_access_date(text: &str, span: Span) -> bool {
    let from = span.start.saturating_sub(32);
    let Some(before) = (from..span.start).find_map(|start| text.get(start..span.start)) else {
        return false;
    };
    let before = before.to_ascii_lowercase();
    NOT_PUBLICATION.iter().any(|w| before.contains(w))
}

// ---------------------------------------------------------------------------------------
// The grammar.

fn is_separator(c: char) -> bool {
    matches!(c, '/' | '-' | '.')
}

fn consumed(input: &str, rest: &str) -> usize {
    input.len() - rest.len()
}

fn field(base: usize, input: &str, digits: &str) -> Field {
    let start = base + (digits.as_ptr() as usize - input.as_ptr() as usize);
    Field {
        span: Span::new(start, start + digits.len()),
        value: digits.parse().unwrap_or(u32::MAX),
        digits: u8::try_from(digits.len()).unwrap_or(u8::MAX),
    }
}

/// `st`, `nd`, `rd`, `th` (or Spanish `º`) after a day.
fn ordinal(input: &str) -> IResult<&str, &str> {
    // Spanish `1º`, `1.º`, `1ª`.
    let spanish: IResult<&str, &str> = nom::branch::alt((
        nom::bytes::complete::tag(".º"),
        nom::bytes::complete::tag(".ª"),
        nom::bytes::complete::tag("º"),
        nom::bytes::complete::tag("ª"),
    ))
    .parse(input);
    if spanish.is_ok() {
        return spanish;
    }
    let (rest, suffix) = take_while_m_n(2, 2, |c: char| c.is_ascii_alphabetic()).parse(input)?;
    let lower = suffix.to_ascii_lowercase();
    if matches!(lower.as_str(), "st" | "nd" | "rd" | "th") {
        Ok((rest, suffix))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )))
    }
}

/// Spaces between the words of a date: at most one line break.
fn gap(input: &str) -> IResult<&str, &str> {
    let (rest, space) = multispace1(input)?;
    if space.matches('\n').count() > 1 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Space,
        )));
    }
    Ok((rest, space))
}

/// One or two digits not followed by another digit.
fn day_digits(input: &str) -> IResult<&str, &str> {
    let (rest, digits) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(input)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, digits))
}

/// The month word and whether a period follows it.
fn month_word(input: &str) -> IResult<&str, (&str, bool)> {
    let (rest, word) = alpha1(input)?;
    if rest.starts_with(char::is_alphanumeric) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Alpha,
        )));
    }
    let (rest, period) = opt(char('.')).parse(rest)?;
    Ok((rest, (word, period.is_some())))
}

/// Reads a month word: which readings the case allows, preferring `prefer_spanish_like`
/// (languages without capitalisation) when the date uses a connector such as `de`.
fn month_reading(word: &str, connector: bool) -> Option<MonthName> {
    let readings = MONTHS.names.get(&word.to_ascii_lowercase())?;
    let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
    let allowed = |r: &&MonthName| {
        let language = &MONTHS.languages[usize::from(r.language)];
        capital || !language.capitalized
    };
    let mut candidates = readings.iter().filter(allowed);
    let first = *candidates.next()?;
    let preferred = readings.iter().filter(allowed).find(|r| {
        let language = &MONTHS.languages[usize::from(r.language)];
        if connector {
            !language.capitalized
        } else {
            language.capitalized == capital
        }
    });
    Some(preferred.copied().unwrap_or(first))
}

/// The year after a textual date: `, 2023`, ` 2023`, ` de 2023`, ` del 2023`.
enum YearTail {
    Year(Field),
    /// 3 or 5 digits that start like a year (`20233`).
    BadYear(Field),
}

fn year_tail<'a>(base: usize, input: &'a str, rest: &'a str) -> Option<(&'a str, YearTail)> {
    let parsed: IResult<&str, &str> = (
        opt(char(',')),
        gap,
        opt(terminated(
            nom::branch::alt((tag_no_case("del"), tag_no_case("de"), tag_no_case("of"))),
            gap,
        )),
    )
        .parse(rest)
        .and_then(|(r, _)| digit1(r));
    let (after, digits) = parsed.ok()?;
    // `2,000 people` and `2023a` are not years.
    let mut next = after.chars();
    match next.next() {
        Some(c) if c.is_alphanumeric() => return None,
        // `15th Sep 2012-Abdn.jpg`: a file name, not a year.
        Some('-' | '_') if next.next().is_some_and(char::is_alphanumeric) => return None,
        Some(',' | '.') if next.next().is_some_and(|c| c.is_ascii_digit()) => return None,
        _ => {}
    }
    let year = field(base, input, digits);
    match digits.len() {
        4 if (1000..3000).contains(&year.value) => Some((after, YearTail::Year(year))),
        3 | 5 if digits.starts_with("19") || digits.starts_with("20") => {
            Some((after, YearTail::BadYear(year)))
        }
        _ => None,
    }
}

/// Where a month-like word ends right before the number at `start`: `July 20`,
/// `Sept. 4`, `dic.\n9`. Returns the word's start; the grammar then reads from there.
fn month_before(run: &str, start: usize) -> Option<usize> {
    let before = run.get(..start)?;
    let spaced = before.trim_end_matches([' ', '\t', '\r', '\n']);
    if spaced.len() == before.len() {
        return None;
    }
    let word_end = spaced.strip_suffix('.').unwrap_or(spaced);
    let word_start = word_end
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &word_end[word_start..];
    if !(3..=10).contains(&word.len()) {
        return None;
    }
    if word_end[..word_start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    MONTHS
        .names
        .contains_key(&word.to_ascii_lowercase())
        .then_some(word_start)
}

fn textual_day_first(base: usize, input: &str) -> Option<(usize, DateKind)> {
    let parsed: IResult<&str, (&str, Option<&str>)> = (
        terminated(day_digits, opt(ordinal)),
        nom::sequence::preceded(
            gap,
            opt(terminated(
                nom::branch::alt((tag_no_case("de"), tag_no_case("of"))),
                gap,
            )),
        ),
    )
        .parse(input);
    let (rest, (day, connector)) = parsed.ok()?;
    let (rest, (word, period)) = month_word(rest).ok()?;
    let name = month_reading(word, connector.is_some())?;
    let month_span = Span::new(
        base + consumed(input, rest) - word.len() - usize::from(period),
        base + consumed(input, rest) - usize::from(period),
    );
    finish_textual(
        base,
        input,
        rest,
        name,
        month_span,
        field(base, input, day),
        true,
    )
}

fn textual_month_first(base: usize, input: &str) -> Option<(usize, DateKind)> {
    let (rest, (word, period)) = month_word(input).ok()?;
    let name = month_reading(word, false)?;
    let language = &MONTHS.languages[usize::from(name.language)];
    // `may 5` or `mar 3` without a period is not a date in a language of lower-case months.
    if name.abbreviated && !period && !language.capitalized {
        return None;
    }
    let (rest, day) = nom::sequence::preceded(gap, terminated(day_digits, opt(ordinal)))
        .parse(rest)
        .ok()?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let month_span = Span::new(base, base + word.len());
    finish_textual(
        base,
        input,
        rest,
        name,
        month_span,
        field(base, input, day),
        false,
    )
}

fn finish_textual(
    base: usize,
    input: &str,
    rest: &str,
    name: MonthName,
    month_span: Span,
    day: Field,
    day_first: bool,
) -> Option<(usize, DateKind)> {
    if !(1..=31).contains(&day.value) {
        return None;
    }
    let mut date = TextualDate {
        language: name.language,
        month: name.month,
        month_span,
        abbreviated: name.abbreviated,
        day_first,
        day,
        year: None,
    };
    let Some((after, tail)) = year_tail(base, input, rest) else {
        // Without a year, the date ends at the month name (or the day); a trailing
        // period belongs to the sentence unless the month is abbreviated.
        let end = if day_first {
            month_span.end + usize::from(name.abbreviated && rest.len() < input.len())
        } else {
            day.span.end
        };
        let end = end.min(base + consumed(input, rest));
        return Some((end - base, DateKind::Textual(date)));
    };
    match tail {
        YearTail::Year(year) => {
            date.year = Some(year);
            Some((consumed(input, after), DateKind::Textual(date)))
        }
        YearTail::BadYear(year) => Some((
            consumed(input, after),
            DateKind::Malformed(MalformedDate {
                problem: Problem::YearDigits,
                part: year.span,
            }),
        )),
    }
}

/// A run of digits and separators: the first digits, then (separators, digits) pairs.
type Token<'a> = (&'a str, Vec<(&'a str, &'a str)>);

fn numeric_token(input: &str) -> IResult<&str, Token<'_>> {
    (digit1, many0((take_while1(is_separator), digit0))).parse(input)
}

/// Whether a year of four digits is plausible in an article.
fn plausible_year(field: Field) -> bool {
    field.digits == 4 && (1700..=2199).contains(&field.value)
}

fn day_or_month(field: Field) -> bool {
    field.digits <= 2 && (1..=31).contains(&field.value)
}

/// Classifies a run of digits and separators: a date, a broken date, or nothing.
fn numeric(base: usize, input: &str) -> Option<DateKind> {
    let (rest, (first, pairs)) = numeric_token(input).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let f = |digits: &str| field(base, input, digits);
    let sep_span = |sep: &str| {
        let start = base + (sep.as_ptr() as usize - input.as_ptr() as usize);
        Span::new(start, start + sep.len())
    };
    let single = |sep: &str| sep.len() == 1;
    let doubled = |sep: &str| {
        let bytes = sep.as_bytes();
        bytes.len() == 2 && bytes[0] == bytes[1]
    };
    let g0 = f(first);
    match pairs.as_slice() {
        // `23//2023`, `7//2022`, `2023//07`: a missing part.
        [(sep, last)] if doubled(sep) && !last.is_empty() => {
            let g1 = f(last);
            // `2021//22` is a fiscal year with a typo, not a date: a year first must be
            // followed by a month.
            let shaped = (day_or_month(g0) && plausible_year(g1))
                || (plausible_year(g0) && g1.digits <= 2 && (1..=12).contains(&g1.value));
            shaped.then_some(DateKind::Malformed(MalformedDate {
                problem: Problem::EmptyPart,
                part: sep_span(sep),
            }))
        }
        // `2023-7-`: the day is missing; `20/7/`: the year is.
        [(s1, middle), (s2, "")] => {
            let g1 = f(middle);
            let year_first = matches!(*s1, "-" | "/")
                && plausible_year(g0)
                && g1.digits <= 2
                && (1..=12).contains(&g1.value);
            let year_last =
                *s1 == "/" && day_or_month(g0) && day_or_month(g1) && g0.value.min(g1.value) <= 12;
            let shaped = single(s1) && s1 == s2 && (year_first || year_last);
            shaped.then_some(DateKind::Malformed(MalformedDate {
                problem: Problem::EmptyPart,
                part: sep_span(s2),
            }))
        }
        [(s1, middle), (s2, last)] => {
            let (g1, g2) = (f(middle), f(last));
            if single(s1) && s1 == s2 {
                return three_fields(g0, g1, g2, s1);
            }
            // `20/07-2023`: two different separators in an otherwise sound date. Single
            // digits on both sides (`3-4/2021`, an issue range) are left alone.
            if single(s1) && single(s2) {
                let sound = matches!(three_fields(g0, g1, g2, s1), Some(DateKind::Numeric(_)))
                    && matches!(three_fields(g0, g1, g2, s2), Some(DateKind::Numeric(_)));
                let padded = g0.digits == 4 || g0.digits == 2 || g1.digits == 2;
                return (sound && padded).then_some(DateKind::Malformed(MalformedDate {
                    problem: Problem::MixedSeparators,
                    part: sep_span(s2),
                }));
            }
            // `23//07/2023`, `20//07//2023`, `20-/07/2023`: a separator doubled, or a
            // stray one beside it, in an otherwise sound date.
            let separator = if single(s1) { s1 } else { s2 };
            let c = separator.chars().next()?;
            let holds = |run: &str| run.len() <= 3 && run.contains(c);
            let sound = holds(s1)
                && holds(s2)
                && matches!(
                    three_fields(g0, g1, g2, separator),
                    Some(DateKind::Numeric(_))
                );
            let bad = if single(s1) { s2 } else { s1 };
            sound.then_some(DateKind::Malformed(MalformedDate {
                problem: Problem::DoubledSeparator,
                part: sep_span(bad),
            }))
        }
        // `20/07/2023/`: a separator after a sound date.
        [(s1, middle), (s2, last), (s3, "")] => {
            let sound = single(s1)
                && s1 == s2
                && s2 == s3
                && matches!(*s1, "/" | "-")
                && matches!(
                    three_fields(g0, f(middle), f(last), s1),
                    Some(DateKind::Numeric(_))
                );
            sound.then_some(DateKind::Malformed(MalformedDate {
                problem: Problem::StraySeparator,
                part: sep_span(s3),
            }))
        }
        _ => None,
    }
}

/// Three fields with one single separator: a date, a year with the wrong digit count, or
/// nothing (`3.4.1`, `555-123-4567`).
fn three_fields(g0: Field, g1: Field, g2: Field, sep: &str) -> Option<DateKind> {
    let separator = sep.chars().next()?;
    let year_like_typo = |g: Field| {
        matches!(g.digits, 3 | 5) && matches!(g.value.to_string().get(..2), Some("19" | "20"))
    };
    // Year first: `2023-07-26`, `2023/7/26`, `2023.07.26` (dots need two-digit fields, so
    // that `2019.1.2` stays a version number).
    if plausible_year(g0) {
        let two = g1.digits == 2 && g2.digits == 2;
        let shaped = g1.digits <= 2
            && g2.digits <= 2
            && (1..=31).contains(&g1.value)
            && (1..=31).contains(&g2.value)
            && (separator != '.' || two);
        return shaped.then_some(DateKind::Numeric(NumericDate {
            fields: [g0, g1, g2],
            separator,
            year_first: true,
        }));
    }
    if year_like_typo(g0) && separator == '-' && g1.digits == 2 && g2.digits == 2 {
        let sound = (1..=12).contains(&g1.value) && (1..=31).contains(&g2.value);
        return sound.then_some(DateKind::Malformed(MalformedDate {
            problem: Problem::YearDigits,
            part: g0.span,
        }));
    }
    // With a four-digit year, `32/01/2023` is still meant as a date (an impossible one).
    // Only slashes make an impossible pair (`13/14/2022`) a date; `31-30-2020` may be
    // a score.
    let loose = |g: Field| g.digits <= 2 && g.value >= 1;
    let impossible_pair = g0.value.min(g1.value) > 12 || g0.value.max(g1.value) > 31;
    if plausible_year(g2)
        && loose(g0)
        && loose(g1)
        && g0.value.min(g1.value) <= 31
        && (!impossible_pair || separator == '/')
    {
        return Some(DateKind::Numeric(NumericDate {
            fields: [g0, g1, g2],
            separator,
            year_first: false,
        }));
    }
    if !day_or_month(g0) || !day_or_month(g1) || (g0.value > 12 && g1.value > 12) {
        return None;
    }
    let two_digit_year = g2.digits == 2 && separator == '/';
    if two_digit_year {
        return Some(DateKind::Numeric(NumericDate {
            fields: [g0, g1, g2],
            separator,
            year_first: false,
        }));
    }
    let day_month = (g0.value <= 12) || (g1.value <= 12);
    (year_like_typo(g2) && day_month).then_some(DateKind::Malformed(MalformedDate {
        problem: Problem::YearDigits,
        part: g2.span,
    }))
}

/// Characters before a number that make it part of something else (`v3.4.1`, `/2023/07`,
/// `#12-3-2020`, `doi:10.1/2`).
fn glued_before(c: char) -> bool {
    c.is_alphanumeric() && !is_superscript(c)
        || matches!(
            c,
            '_' | '/'
                | '.'
                | '-'
                | '#'
                | '@'
                | '$'
                | '€'
                | '£'
                | ':'
                | '+'
                | '\\'
                | '='
                | '&'
                | '%'
                | '~'
        )
}

/// Characters after a number that make it part of something else (`2-0-1a`, `1.2.3%`).
fn glued_after(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '_' | '%' | '@' | '+' | '$' | '€' | '°' | '\\' | '=' | '&' | '~' | '×'
        )
}

fn is_superscript(c: char) -> bool {
    super::notes::superscript_value(c).is_some()
}

/// The dates in `text[span]`, skipping anything inside `holes` (URLs, sorted by start and
/// not nested).
pub fn scan(text: &str, span: Span, holes: &[Span]) -> Vec<(Span, DateKind)> {
    let mut found = Vec::new();
    let Some(run) = text.get(span.start..span.end) else {
        return found;
    };
    let mut at = 0;
    for anchor in ANCHOR.find_iter(run) {
        let start = anchor.start();
        if start < at {
            continue;
        }
        let previous_end = at;
        at = anchor.end();
        let abs = span.start + start;
        let containing = holes
            .partition_point(|h| h.start <= abs)
            .checked_sub(1)
            .map(|i| holes[i]);
        if let Some(hole) = containing.filter(|h| abs < h.end) {
            at = at.max(hole.end.saturating_sub(span.start));
            continue;
        }
        let before = run[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() && !is_superscript(c)) {
            continue;
        }
        // `|date = 2014-09-08`: a markup attribute, not prose.
        if run[..start].trim_end().ends_with('=') {
            continue;
        }
        // `July 20, 2023`, `Sept. 4`: a month name just before the number.
        let word = month_before(run, start).filter(|&w| w >= previous_end);
        if word.is_some_and(|w| run[..w].trim_end().ends_with('=')) {
            continue;
        }
        if let Some(word) = word
            && let Some((len, kind)) = textual_month_first(span.start + word, &run[word..])
        {
            found.push((Span::new(span.start + word, span.start + word + len), kind));
            at = word + len;
            continue;
        }
        let rest = &run[start..];
        if let Some((len, kind)) = textual_day_first(abs, rest) {
            found.push((Span::new(abs, abs + len), kind));
            at = start + len;
            continue;
        }
        let token_len = anchor.len();
        // A plain number (`2023`, `45`) is no date; most anchors end here.
        if !anchor.as_str().contains(is_separator) && !run[..start].ends_with(['/', '-']) {
            continue;
        }
        if let Some(leading) = leading_empty_part(run, start, token_len) {
            found.push((
                Span::new(span.start + leading.0, span.start + leading.1),
                DateKind::Malformed(MalformedDate {
                    problem: Problem::EmptyPart,
                    part: Span::new(span.start + leading.0, span.start + leading.0 + 1),
                }),
            ));
            continue;
        }
        if before.is_some_and(glued_before) {
            continue;
        }
        // A period after the token ends the sentence (`on 5.9.2022.`).
        let token = rest[..token_len].trim_end_matches('.');
        let after = &rest[token.len()..];
        let mut next = after.chars();
        let glued = match next.next() {
            // An ISO date followed by a time: `2023-07-26T14:45`.
            Some('T') => !next.next().is_some_and(|c| c.is_ascii_digit()),
            Some(c) => glued_after(c),
            None => false,
        };
        if glued || after.starts_with(".") && after[1..].starts_with(|c: char| c.is_alphanumeric())
        {
            continue;
        }
        if let Some(kind) = numeric(abs, token) {
            found.push((Span::new(abs, abs + token.len()), kind));
        }
    }
    found
}

/// ` /07/2023`: a date whose first part is missing, as (start, end) in `run`. The token
/// at `start` must be `mm/yyyy` with the separator before it, and that separator must
/// follow a space, a parenthesis or the start of the text.
fn leading_empty_part(run: &str, start: usize, token_len: usize) -> Option<(usize, usize)> {
    let sep = run[..start]
        .chars()
        .next_back()
        .filter(|&c| c == '/' || c == '-')?;
    let sep_start = start - 1;
    let open = run[..sep_start]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || c == '(');
    if !open {
        return None;
    }
    let token = run.get(start..start + token_len)?.trim_end_matches('.');
    let (month, year) = token.split_once(sep)?;
    let shaped = (1..=2).contains(&month.len())
        && month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && year.len() == 4
        && year
            .parse::<u32>()
            .is_ok_and(|y| (1700..=2199).contains(&y));
    shaped.then_some((sep_start, start + token.len()))
}

/// Every date in the document's prose and notes, in text order; code, comments and URLs
/// are never read.
pub fn find_dates(document: &Document<'_>) -> Vec<FoundDate> {
    let mut dates = Vec::new();
    let links: Vec<Span> = document.links.iter().map(|l| l.span).collect();
    // Runs and links are both in text order: walk them together instead of searching.
    let (mut first, mut previous_start) = (0, 0);
    for run in &document.text_runs {
        if run.span.start < previous_start {
            first = links.partition_point(|l| l.end <= run.span.start);
        }
        previous_start = run.span.start;
        while links.get(first).is_some_and(|l| l.end <= run.span.start) {
            first += 1;
        }
        let mut last = first;
        while links.get(last).is_some_and(|l| l.start < run.span.end) {
            last += 1;
        }
        for (span, kind) in scan(document.text, run.span, &links[first..last]) {
            dates.push(FoundDate {
                span,
                kind,
                note: document.note_at(span),
            });
        }
    }
    dates.sort_by_key(|d| d.span.start);
    dates.dedup_by_key(|d| d.span);
    dates
}

// ---------------------------------------------------------------------------------------
// Rendering, for the date-style fix and the round-trip property test.

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
            let Some(lang) = MONTHS.languages.get(usize::from(language)) else {
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
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, DateKind)> {
        scan(text, Span::new(0, text.len()), &[])
            .into_iter()
            .map(|(span, kind)| (span.text(text), kind))
            .collect()
    }

    fn found(text: &str) -> Vec<&str> {
        kinds(text).into_iter().map(|(t, _)| t).collect()
    }

    fn malformed(text: &str) -> Vec<(&str, Problem)> {
        kinds(text)
            .into_iter()
            .filter_map(|(t, k)| match k {
                DateKind::Malformed(m) => Some((t, m.problem)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn pack_parses() {
        assert!(languages().len() >= 2);
        assert!(languages().iter().all(|l| l.full.len() == 12));
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(
            found("On 20/7/2023, 2/08/2023 and 7-20-2023; also 2023-07-26 and 5.9.2022."),
            [
                "20/7/2023",
                "2/08/2023",
                "7-20-2023",
                "2023-07-26",
                "5.9.2022"
            ]
        );
        assert_eq!(found("Filed 5/9/22 at noon"), ["5/9/22"]);
        assert_eq!(found("at 2023-07-26T14:45 UTC"), ["2023-07-26"]);
    }

    #[test]
    fn textual_dates() {
        assert_eq!(
            found("On July 20, 2023 and 20 July 2023 and Sept. 4, 2022 we met."),
            ["July 20, 2023", "20 July 2023", "Sept. 4, 2022"]
        );
        assert_eq!(
            found("el 20 de julio de 2023, el 3 de marzo y el 4 de setiembre del 2021"),
            [
                "20 de julio de 2023",
                "3 de marzo",
                "4 de setiembre del 2021"
            ]
        );
        assert_eq!(
            found("el 5 ene. 2023 y 9 dic. 2022"),
            ["5 ene. 2023", "9 dic. 2022"]
        );
        assert_eq!(found("On July 4th, 1776."), ["July 4th, 1776"]);
        assert_eq!(found("el 1º de mayo de 2020"), ["1º de mayo de 2020"]);
    }

    #[test]
    fn words_that_are_not_months() {
        assert!(found("You may 5 times over; we set 3 goals; 10 days ago 2020").is_empty());
        assert!(found("May 2023 was warm").is_empty());
        assert_eq!(found("On July 20, 2,000 people marched"), ["July 20"]);
    }

    #[test]
    fn traps_are_not_dates() {
        let traps = "24/7, 1/2, 9/10 of them, 2019/20, 2021/22, 1998–2004, 1998-2004, \
                     pp. 45–52, 14:45, 2-0, 3.4.1, 10.0.0.1, 555-123-4567, 1.000.000, \
                     v1.2.2023, #12-3-2020, 2019.1.2, 12-34-5678, 31-30-2020, 2021//22";
        assert_eq!(kinds(traps), []);
    }

    #[test]
    fn malformed_dates() {
        assert_eq!(
            malformed("dated 23//2023 and 7//2022."),
            [
                ("23//2023", Problem::EmptyPart),
                ("7//2022", Problem::EmptyPart)
            ]
        );
        assert_eq!(
            malformed("from 2023-7- on"),
            [("2023-7-", Problem::EmptyPart)]
        );
        assert_eq!(
            malformed("on 23//07/2023, 20/07/2023/ and 20/7/20233"),
            [
                ("23//07/2023", Problem::DoubledSeparator),
                ("20/07/2023/", Problem::StraySeparator),
                ("20/7/20233", Problem::YearDigits)
            ]
        );
        assert_eq!(
            malformed("on 20//07//2023 and 20-/07/2023."),
            [
                ("20//07//2023", Problem::DoubledSeparator),
                ("20-/07/2023", Problem::DoubledSeparator)
            ]
        );
        assert_eq!(
            malformed("on /07/2023, 20/7/ and 20/07-2023 but not 3-4/2021 or x/07/2023"),
            [
                ("/07/2023", Problem::EmptyPart),
                ("20/7/", Problem::EmptyPart),
                ("20/07-2023", Problem::MixedSeparators)
            ]
        );
        assert_eq!(
            malformed("on July 26, 20233."),
            [("July 26, 20233", Problem::YearDigits)]
        );
    }

    #[test]
    fn readings() {
        let date = |text: &str| match kinds(text).first().map(|k| k.1) {
            Some(DateKind::Numeric(n)) => n.read(DayMonthOrder::DayFirst),
            Some(DateKind::Textual(t)) => t.read(),
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

    mod properties {
        use super::super::*;
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

            #[test]
            fn digits_and_separators_never_panic(text in "[0-9/.\\-–: ,a-zé¹]{0,40}") {
                let _ = scan(&text, Span::new(0, text.len()), &[]);
            }

            #[test]
            fn any_text_never_panics(text in "\\PC{0,60}") {
                let found = scan(&text, Span::new(0, text.len()), &[]);
                for (span, _) in found {
                    prop_assert!(text.get(span.start..span.end).is_some());
                }
            }
        }
    }
}
