//! Weekday names written next to a date (`Tuesday, July 20, 2023`, `el martes 20 de
//! julio de 2023`, `Tue 20/07/2023`), English and Spanish, full and abbreviated.

use jiff::civil::Weekday;

use super::super::Span;

/// Monday first, as [`Weekday::to_monday_zero_offset`] counts.
const ENGLISH: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const ENGLISH_ABBREVIATIONS: [&[&str]; 7] = [
    &["Mon"],
    &["Tue", "Tues"],
    &["Wed"],
    &["Thu", "Thur", "Thurs"],
    &["Fri"],
    &["Sat"],
    &["Sun"],
];
const SPANISH: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];
/// Spellings without the accent, read as the same day.
const SPANISH_UNACCENTED: [(&str, usize); 2] = [("miercoles", 2), ("sabado", 5)];

/// A weekday written right before a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekdayMention {
    pub span: Span,
    pub weekday: Weekday,
    pub spanish: bool,
    pub abbreviated: bool,
}

impl WeekdayMention {
    /// `weekday` written as this mention is: same language, length and capital.
    pub fn rewrite(&self, weekday: Weekday, written: &str) -> String {
        let index = weekday.to_monday_zero_offset() as usize;
        let name = match (self.spanish, self.abbreviated) {
            (true, _) => SPANISH[index].to_string(),
            (false, true) => ENGLISH_ABBREVIATIONS[index][0].to_string(),
            (false, false) => ENGLISH[index].to_string(),
        };
        match written.chars().next() {
            Some(first) if first.is_uppercase() => {
                let mut chars = name.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
            _ => name,
        }
    }
}

/// The English name of a weekday, for messages.
pub fn weekday_name(weekday: Weekday) -> &'static str {
    ENGLISH[weekday.to_monday_zero_offset() as usize]
}

fn weekday_of(index: usize) -> Weekday {
    Weekday::from_monday_zero_offset(i8::try_from(index).unwrap_or(0)).unwrap_or(Weekday::Monday)
}

/// Reads a weekday word.
fn read(word: &str) -> Option<(Weekday, bool, bool)> {
    let bare = word.trim_end_matches('.');
    if let Some(i) = ENGLISH.iter().position(|n| *n == bare) {
        return Some((weekday_of(i), false, false));
    }
    if let Some(i) = ENGLISH_ABBREVIATIONS.iter().position(|a| a.contains(&bare)) {
        return Some((weekday_of(i), false, true));
    }
    let lower = bare.to_lowercase();
    let spanish = SPANISH.iter().position(|n| *n == lower).or_else(|| {
        SPANISH_UNACCENTED
            .iter()
            .find(|(n, _)| *n == lower)
            .map(|&(_, i)| i)
    })?;
    Some((weekday_of(spanish), true, false))
}

/// The weekday written right before the date that starts at `date_start`: only
/// whitespace and one comma between them (`Tuesday, July 20`), or Spanish `el` before
/// the weekday. A weekday further away (`the Tuesday after 20 July`) is no mention of
/// this date.
pub fn weekday_before(text: &str, date_start: usize) -> Option<WeekdayMention> {
    let before = text.get(..date_start)?;
    let gap = before.trim_end_matches([' ', '\t']);
    let gap = gap
        .strip_suffix(',')
        .unwrap_or(gap)
        .trim_end_matches([' ', '\t']);
    if gap.len() == before.len() {
        return None;
    }
    let start = gap
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphabetic() || *c == '.'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let word = &gap[start..];
    let (weekday, spanish, abbreviated) = read(word)?;
    Some(WeekdayMention {
        span: Span::new(start, start + word.trim_end_matches('.').len()),
        weekday,
        spanish,
        abbreviated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_right_before_a_date() {
        let at = |text: &str, date: &str| weekday_before(text, text.find(date).unwrap());
        let found = at("They met on Tuesday, July 20, 2023.", "July").unwrap();
        assert_eq!((found.weekday, found.spanish), (Weekday::Tuesday, false));
        let found = at("se reunieron el martes 20 de julio de 2023", "20").unwrap();
        assert_eq!((found.weekday, found.spanish), (Weekday::Tuesday, true));
        let found = at("Tue. 20/07/2023", "20").unwrap();
        assert!(found.abbreviated);
        assert_eq!(
            at("el miercoles 3 de mayo", "3").unwrap().weekday,
            Weekday::Wednesday
        );
        assert!(at("the Tuesday after 20 July 2023", "20").is_none());
        assert!(at("Mondays 3 March 2023", "3").is_none());
    }

    #[test]
    fn rewrites_keep_language_length_and_capital() {
        let mention = weekday_before("Tue 20/07/2023", 4).unwrap();
        assert_eq!(mention.rewrite(Weekday::Thursday, "Tue"), "Thu");
        let mention = weekday_before("el martes 20", 10).unwrap();
        assert_eq!(mention.rewrite(Weekday::Saturday, "martes"), "sábado");
        assert_eq!(mention.rewrite(Weekday::Saturday, "Martes"), "Sábado");
    }
}
