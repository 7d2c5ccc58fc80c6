//! Dates as notes write them, read part by part: `20/7/2023`, `23//2023` (the month left
//! empty), `2023-07-20`, `26 July 2023`, `26 de julio de 2023`, `July 26, 2023` and
//! `July 2023`, with month names in any case. The citation rules compare these parts
//! between notes; whether the date exists is not judged here.
//!
//! The month word, the day digits and the month table are the prose grammar's. What
//! differs is what a note may leave out (the day, the month) and that inside a note a
//! number shaped like a date needs no context to tell it from a score or a fraction.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{opt, recognize};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::Span;
use super::grammar::{day_digits, month_word};
use super::months;

/// A date as a note writes it; `None` parts were not written (or were left empty, as in
/// `23//2023`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub span: Span,
    pub year: u32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// (year, month, day) as written.
type Parts = (u32, Option<u32>, Option<u32>);

/// A month name from the month table, in any case, with an optional period.
fn month(input: &str) -> IResult<&str, u32> {
    let (rest, (word, _)) = month_word(input)?;
    match months::readings(word).and_then(<[_]>::first) {
        Some(name) => Ok((rest, u32::from(name.month))),
        None => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// A day or a numeric month: one or two digits.
fn day_or_month(input: &str) -> IResult<&str, u32> {
    let (rest, digits) = day_digits(input)?;
    Ok((rest, digits.parse().unwrap_or(0)))
}

fn year(input: &str) -> IResult<&str, u32> {
    let (rest, digits) = recognize(digit1).parse(input)?;
    if digits.len() != 4 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, digits.parse().unwrap_or(0)))
}

/// `20/7/2023`, `2/08/2023`, `23//2023` (day, month, year; the month may be missing).
fn numeric_date(input: &str) -> IResult<&str, Parts> {
    let (rest, day) = day_or_month(input)?;
    let (rest, separator) = alt((char('/'), char('.'), char('-'))).parse(rest)?;
    let (rest, month) = opt(day_or_month).parse(rest)?;
    let (rest, _) = char(separator).parse(rest)?;
    let (rest, year) = year(rest)?;
    Ok((rest, (year, month, Some(day))))
}

/// `2023-07-20`.
fn iso_date(input: &str) -> IResult<&str, Parts> {
    let (rest, year) = year(input)?;
    let (rest, month) = preceded(char('-'), day_or_month).parse(rest)?;
    let (rest, day) = preceded(char('-'), day_or_month).parse(rest)?;
    Ok((rest, (year, Some(month), Some(day))))
}

/// `July 26, 2023` and `July 2023`.
fn month_first(input: &str) -> IResult<&str, Parts> {
    let (rest, month) = month(input)?;
    let (rest, _) = space1(rest)?;
    let (rest, day) = opt((
        day_or_month,
        opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
        opt(char(',')),
        space1,
    ))
    .parse(rest)?;
    let (rest, year) = year(rest)?;
    Ok((rest, (year, Some(month), day.map(|d| d.0))))
}

/// `26 July 2023` and `26 de julio de 2023`.
fn day_first(input: &str) -> IResult<&str, Parts> {
    let (rest, day) = day_or_month(input)?;
    let (rest, _) = (space1, opt((tag_no_case("de"), space1))).parse(rest)?;
    let (rest, month) = month(rest)?;
    let (rest, _) = (
        opt(char(',')),
        space1,
        opt((tag_no_case("de"), space1)),
        space0,
    )
        .parse(rest)?;
    let (rest, year) = year(rest)?;
    Ok((rest, (year, Some(month), Some(day))))
}

fn date(input: &str) -> IResult<&str, Parts> {
    // The first three start with digits and the last with letters: only one side can
    // match, so each input tries only its own.
    if input.starts_with(|c: char| c.is_ascii_digit()) {
        alt((iso_date, numeric_date, day_first)).parse(input)
    } else {
        month_first(input)
    }
}

/// The dates written inside `text[span]`, in order.
pub fn lenient_dates(text: &str, span: Span) -> Vec<PartialDate> {
    let Some(source) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let bytes = source.as_bytes();
    let mut dates = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let starts_word = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        // A date starts with a digit or with a month name.
        let could_start = bytes[at].is_ascii_digit() || months::could_start_name(bytes[at]);
        if starts_word
            && could_start
            && source.is_char_boundary(at)
            && let Ok((rest, (year, month, day))) = date(&source[at..])
            && !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            let end = source.len() - rest.len();
            dates.push(PartialDate {
                span: Span::new(span.start + at, span.start + end),
                year,
                month,
                day,
            });
            at = end;
            continue;
        }
        at += 1;
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(&str, Parts)> {
        lenient_dates(text, Span::new(0, text.len()))
            .iter()
            .map(|d| (d.span.text(text), (d.year, d.month, d.day)))
            .collect()
    }

    #[test]
    fn dates() {
        let text = "on 23//2023, 2023-07-20, 26 de julio de 2023 and May 4, 2021; not 24/7 or 1/2";
        let values: Vec<_> = parts(text).into_iter().map(|(_, p)| p).collect();
        assert_eq!(
            values,
            [
                (2023, None, Some(23)),
                (2023, Some(7), Some(20)),
                (2023, Some(7), Some(26)),
                (2021, Some(5), Some(4)),
            ]
        );
    }

    #[test]
    fn a_note_may_leave_the_day_out_and_write_months_in_any_case() {
        assert_eq!(
            parts("issue of MARCH 2019, or june 3rd 2020"),
            [
                ("MARCH 2019", (2019, Some(3), None)),
                ("june 3rd 2020", (2020, Some(6), Some(3))),
            ]
        );
    }

    #[test]
    fn month_names_come_from_the_one_table() {
        assert_eq!(
            parts("visto el 9 dic. 2021 y el 2 set 2019"),
            [
                ("9 dic. 2021", (2021, Some(12), Some(9))),
                ("2 set 2019", (2019, Some(9), Some(2))),
            ]
        );
        assert!(parts("Julyx 4, 2020 and 4 Jule 2020").is_empty());
    }
}
