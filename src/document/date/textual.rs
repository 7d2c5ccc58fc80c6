//! Spelled-out dates in prose: `July 20, 2023`, `20 July 2023`, `Sept. 4`,
//! `20 de julio de 2023`, `3 de marzo`, with the month read from the one month table.

use nom::bytes::complete::tag_no_case;
use nom::character::complete::{char, digit1};
use nom::combinator::opt;
use nom::sequence::terminated;
use nom::{IResult, Parser};

use super::grammar::{consumed, day_digits, field, gap, month_word, ordinal};
use super::months::{self, MonthName};
use super::{DateKind, Field, MalformedDate, Problem, Span, TextualDate};

/// Reads a month word: which readings the case allows, preferring `prefer_spanish_like`
/// (languages without capitalisation) when the date uses a connector such as `de`.
fn month_reading(word: &str, connector: bool) -> Option<MonthName> {
    let readings = months::readings(word)?;
    let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
    let allowed = |r: &&MonthName| {
        let language = &months::languages()[usize::from(r.language)];
        capital || !language.capitalized
    };
    let mut candidates = readings.iter().filter(allowed);
    let first = *candidates.next()?;
    let preferred = readings.iter().filter(allowed).find(|r| {
        let language = &months::languages()[usize::from(r.language)];
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
pub(super) fn month_before(run: &str, start: usize) -> Option<usize> {
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
    months::readings(word).is_some().then_some(word_start)
}

pub(super) fn textual_day_first(base: usize, input: &str) -> Option<(usize, DateKind)> {
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

pub(super) fn textual_month_first(base: usize, input: &str) -> Option<(usize, DateKind)> {
    let (rest, (word, period)) = month_word(input).ok()?;
    let name = month_reading(word, false)?;
    let language = &months::languages()[usize::from(name.language)];
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
