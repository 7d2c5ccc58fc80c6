//! Numeric dates in prose: `20/7/2023`, `7-20-2023`, `2023-07-26`, `5.9.2022`, `5/9/22`,
//! and the broken tokens clearly meant as one (`23//2023`, `2023-7-`, `20/07-2023`,
//! ` /07/2023`), told apart from fractions, ranges, scores and version numbers.

use nom::bytes::complete::take_while1;
use nom::character::complete::{digit0, digit1};
use nom::multi::many0;
use nom::{IResult, Parser};

use super::grammar::{field, is_separator};
use super::{DateKind, Field, MalformedDate, NumericDate, Problem, Span};

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
pub(super) fn numeric(base: usize, input: &str) -> Option<DateKind> {
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

/// ` /07/2023`: a date whose first part is missing, as (start, end) in `run`. The token
/// at `start` must be `mm/yyyy` with the separator before it, and that separator must
/// follow a space, a parenthesis or the start of the text.
pub(super) fn leading_empty_part(
    run: &str,
    start: usize,
    token_len: usize,
) -> Option<(usize, usize)> {
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
