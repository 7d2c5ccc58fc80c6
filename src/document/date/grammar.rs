//! The tokens every date production is made of: digit fields, ordinals, the spaces
//! between words and the month word. The prose grammar ([`super::textual`],
//! [`super::numeric`]) and the note grammar ([`super::lenient`]) share them.

use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{alpha1, char, multispace1};
use nom::combinator::opt;
use nom::{IResult, Parser};

use super::{Field, Span};

pub(super) fn is_separator(c: char) -> bool {
    matches!(c, '/' | '-' | '.')
}

pub(super) fn consumed(input: &str, rest: &str) -> usize {
    input.len() - rest.len()
}

pub(super) fn field(base: usize, input: &str, digits: &str) -> Field {
    let start = base + (digits.as_ptr() as usize - input.as_ptr() as usize);
    Field {
        span: Span::new(start, start + digits.len()),
        value: digits.parse().unwrap_or(u32::MAX),
        digits: u8::try_from(digits.len()).unwrap_or(u8::MAX),
    }
}

/// `st`, `nd`, `rd`, `th` (or Spanish `º`) after a day.
pub(super) fn ordinal(input: &str) -> IResult<&str, &str> {
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
pub(super) fn gap(input: &str) -> IResult<&str, &str> {
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
pub(super) fn day_digits(input: &str) -> IResult<&str, &str> {
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
pub(super) fn month_word(input: &str) -> IResult<&str, (&str, bool)> {
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
