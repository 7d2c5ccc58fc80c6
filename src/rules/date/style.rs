use std::collections::HashMap;
use std::hash::Hash;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::Document;
use crate::document::date::{
    self, DateFormat, DateKind, DayMonthOrder, FoundDate, NumericDate, NumericOrder,
};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Within one part of a document (the prose, or the notes), flags a date whose format
    /// departs from the format most of that part's dates use: a `5/9/2022` among
    /// `September 5, 2022`, a `2023-07-26` among `26/7/2023`, a `2/08/2023` among
    /// unpadded `20/7/2023`, a `20-7-2023` among `20/7/2023`, a `Sept. 4, 2022` among
    /// spelled-out months, a `20 July 2023` among `July 20, 2023`.
    ///
    /// Dates inside inline `<ref>…</ref>` notes count as notes. Only dates with a year
    /// count, and a style is dominant only when at least twice as
    /// many dates use it as all others together. A spelled-out date among numeric ones is
    /// left alone: it is usually part of a quoted title. Spelled-out dates in another
    /// language (a Spanish title in English notes) are not compared either, nor are
    /// access and retrieval dates (`Retrieved 2006-12-05`), which house styles often
    /// write differently on purpose.
    ///
    /// ## Why is this bad
    /// House style asks for one date format; a date that looks different draws the eye and
    /// is often copied from a source without being checked.
    ///
    /// ## Example
    /// ```markdown
    /// [^1]: *Title*. 20/7/2023.
    /// [^2]: *Title*. 23/7/2023.
    /// [^3]: *Title*. 2/08/2023.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// [^3]: *Title*. 2/8/2023.
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the date in the dominant format; it is unsafe because the date may
    /// be quoted. It is offered only when the date itself is unambiguous, or the
    /// document's day/month order is known.
    ///
    /// ## Options
    /// `dates.order` settles how ambiguous numeric dates are read.
    pub static DATE_STYLE = {
        name: "date-style",
        code: "CD403",
        severity: Info,
        enabled_by_default: true,
        fixable: true,
        summary: "A date written in a format the rest of its part does not use",
        options: &["day-first"],
        check: check,
    };
}

/// How the single-digit days and months of a numeric date are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Padding {
    Padded,
    Unpadded,
    Mixed,
}

/// The style of one date, attribute by attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Style {
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

fn style(found: &FoundDate) -> Option<Style> {
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
struct Departure {
    what: String,
    target: Option<DateFormat>,
    /// A date of the part written in the dominant way.
    example: usize,
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let order = date::document_order(&document.dates, &settings.dates);
    let styled: Vec<(&FoundDate, Style, bool)> = document
        .dates
        .iter()
        .filter(|d| !date::is_access_date(document.text, d.span))
        .filter(|d| !in_file_name(document.text, d.span))
        // An impossible date is date-invalid's to report, not a matter of style.
        .filter(|d| !impossible(d, order))
        .filter_map(|d| {
            let style = style(d)?;
            Some((d, style, d.note.is_some() || in_ref(document.text, d.span)))
        })
        .collect();
    for notes in [false, true] {
        let part: Vec<(&FoundDate, Style)> = styled
            .iter()
            .filter(|&&(_, _, in_notes)| in_notes == notes)
            .map(|&(d, style, _)| (d, style))
            .collect();
        let place = if notes { "the notes" } else { "the prose" };
        // A departure depends only on the part and the style, and a part holds few styles:
        // computing it once per style keeps a document with many dates linear.
        let mut by_style: HashMap<Style, Option<Departure>> = HashMap::new();
        for (found, style) in &part {
            let found_departure = by_style
                .entry(*style)
                .or_insert_with(|| departure(&part, style, order));
            let Some(departure) = found_departure.clone() else {
                continue;
            };
            let text = document.slice(found.span);
            let example = part[departure.example].0.span;
            let mut diagnostic = Diagnostic::new(
                &DATE_STYLE,
                found.span,
                format!(
                    "date `{text}` {}, unlike most dates in {place}",
                    departure.what
                ),
            )
            .with_label(
                example,
                format!("{place} write dates like `{}`", document.slice(example)),
            );
            let rewritten = departure
                .target
                .and_then(|target| Some(date::render(resolve(found, order)?, target)))
                .filter(|r| r != text);
            if let Some(rewritten) = rewritten {
                diagnostic = diagnostic.with_fix(Fix::replace(
                    format!("Rewrite as `{rewritten}`"),
                    Applicability::Unsafe,
                    found.span,
                    rewritten,
                ));
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// Whether a date is part of an embedded file's name (`[[File:Bridge, 2014-08-12.jpg|…]]`):
/// a name is not prose and keeps whatever format its author chose.
fn in_file_name(text: &str, span: crate::document::Span) -> bool {
    let from = text.floor_char_boundary(span.start.saturating_sub(512));
    let before = &text[from..span.start];
    let Some(open) = memchr::memmem::rfind(before.as_bytes(), b"[[") else {
        return false;
    };
    let inside = &before[open + 2..];
    !inside.contains("]]")
        && !inside.contains('|')
        && ["File:", "Image:", "file:", "image:"]
            .iter()
            .any(|p| inside.starts_with(p))
}

/// Whether a date sits in an inline `<ref>…</ref>` note (wiki-style sources written into
/// the prose): such dates belong to the notes.
fn in_ref(text: &str, span: crate::document::Span) -> bool {
    let from = span.start.saturating_sub(4096);
    let Some(before) = (from..span.start).find_map(|start| text.get(start..span.start)) else {
        return false;
    };
    // Most dates have no `<ref` in the 4 KB before them: a vectorised search says so fast.
    let Some(open) = memchr::memmem::rfind(before.as_bytes(), b"<ref") else {
        return false;
    };
    // `<ref name="x" />` cites a note defined elsewhere and opens nothing.
    let self_closing = before[open..]
        .find('>')
        .is_some_and(|end| before[open..open + end].ends_with('/'));
    !self_closing && before.rfind("</ref>").is_none_or(|close| close < open)
}

/// Whether the date cannot exist under the order it is read in.
fn impossible(found: &FoundDate, order: Option<DayMonthOrder>) -> bool {
    match &found.kind {
        DateKind::Numeric(n) => {
            let read_as = order
                .or(n.evident_order())
                .unwrap_or(DayMonthOrder::DayFirst);
            matches!(n.read(read_as), date::Reading::Invalid(_))
        }
        DateKind::Textual(t) => matches!(t.read(), date::Reading::Invalid(_)),
        DateKind::Malformed(_) => true,
    }
}

/// The calendar date, when the text or the document's order settles it.
fn resolve(found: &FoundDate, order: Option<DayMonthOrder>) -> Option<jiff::civil::Date> {
    found.date(order)
}

/// How `style` departs from its part, checked from the broadest attribute down.
fn departure(
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

#[cfg(test)]
mod tests {
    use super::DATE_STYLE;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn dates_in_embedded_file_names_are_not_prose() {
        let text = "[[File:Old bridge, 2014-08-12, DD 18.JPG|thumb|A bridge]]";
        let at = text.find("2014").unwrap();
        assert!(super::in_file_name(
            text,
            crate::document::Span::new(at, at + 10)
        ));
        assert!(!super::in_file_name(
            "On 2014-08-12 it opened.",
            crate::document::Span::new(3, 13)
        ));
    }

    #[test]
    fn numeric_among_spelled_out() {
        let text = "Claim[^1][^2][^3].\n\n[^1]: *A*. September 5, 2022.\n\n\
                    [^2]: *B*. October 1, 2022.\n\n[^3]: *C*. 5/9/2022.\n";
        assert_eq!(flagged(&DATE_STYLE, text, Format::Markdown), ["5/9/2022"]);
    }

    #[test]
    fn padding_and_separators() {
        let text = "Claim¹²³⁴.\n\n¹ A. 20/7/2023.\n\n² B. 23/7/2023.\n\n³ C. 2/08/2023.\n\n⁴ D. 16/1/2020.\n";
        assert_eq!(flagged(&DATE_STYLE, text, Format::Plain), ["2/08/2023"]);
        let text = "Claim¹²³.\n\n¹ A. 20/7/2023.\n\n² B. 23/7/2023.\n\n³ C. 24-7-2023.\n";
        assert_eq!(flagged(&DATE_STYLE, text, Format::Plain), ["24-7-2023"]);
    }

    #[test]
    fn prose_and_notes_are_separate_and_titles_are_spared() {
        let text = "On July 20, 1994 and March 3, 2001 it began[^1][^2].\n\n\
                    [^1]: *Update, July 26, 2023*. 26/7/2023.\n\n[^2]: *B*. 27/7/2023.\n";
        assert!(flagged(&DATE_STYLE, text, Format::Markdown).is_empty());
    }

    mod properties {
        use crate::document::{Document, Format};
        use crate::rules::settings::Settings;
        use proptest::prelude::*;

        /// Pieces of articles: notes, URLs with dates, dates of every kind, traps.
        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("\n\n".to_string()),
                Just("¹ ".to_string()),
                Just("[^1]: ".to_string()),
                Just("Claim¹[^1]. ".to_string()),
                Just("<https://a.com/2023/07/26/x>".to_string()),
                Just("https://b.org/x-20200116-y.html ".to_string()),
                Just("*Title, July 26, 2023*. ".to_string()),
                Just("20 de julio de 2023".to_string()),
                Just("Sept. 4, 2022".to_string()),
                Just("`23//2023`".to_string()),
                Just("<!-- 7//2022 -->".to_string()),
                "[0-9]{1,4}[/.-]{1,2}[0-9]{0,4}[/.-]{0,2}[0-9]{0,5}",
                "[a-zA-Z ,.ñé]{0,12}",
            ]
        }

        proptest! {
            #[test]
            fn date_rules_never_panic(pieces in prop::collection::vec(piece(), 0..24)) {
                let text = pieces.concat();
                for format in [Format::Markdown, Format::Plain] {
                    let document = Document::parse(&text, format);
                    let settings = Settings::default();
                    let mut diagnostics = Vec::new();
                    for rule in [
                        &super::super::DATE_STYLE,
                        &crate::rules::date::invalid::DATE_INVALID,
                        &crate::rules::date::malformed::DATE_MALFORMED,
                        &crate::rules::date::mismatch::DATE_MISMATCH,
                    ] {
                        (rule.check)(&document, &settings, &mut diagnostics);
                    }
                    for diagnostic in &diagnostics {
                        prop_assert!(text.get(diagnostic.span.start..diagnostic.span.end).is_some());
                        for edit in diagnostic.fix.iter().flat_map(|f| &f.edits) {
                            prop_assert!(text.get(edit.span.start..edit.span.end).is_some());
                        }
                    }
                }
            }
        }
    }
}
