//! Ordinal numbers as prose writes them, for the fact rules: `25th`, `twenty-fifth`,
//! `30.º`, `30º`, `trigésimo`.

const UNITS_EN: [&str; 10] = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const TEENS_EN: [&str; 10] = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
/// Tens as cardinals (`twenty-fifth`) and as ordinals (`twentieth`), from twenty.
const TENS_EN: [(&str, &str); 8] = [
    ("twenty", "twentieth"),
    ("thirty", "thirtieth"),
    ("forty", "fortieth"),
    ("fifty", "fiftieth"),
    ("sixty", "sixtieth"),
    ("seventy", "seventieth"),
    ("eighty", "eightieth"),
    ("ninety", "ninetieth"),
];
const UNITS_ES: [&str; 10] = [
    "", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno",
];
const TENS_ES: [&str; 9] = [
    "décimo",
    "vigésimo",
    "trigésimo",
    "cuadragésimo",
    "quincuagésimo",
    "sexagésimo",
    "septuagésimo",
    "octogésimo",
    "nonagésimo",
];

/// The value of an ordinal written as one token: `25th`, `1st`, `30.º`, `30º`, `30.°`,
/// `twenty-fifth`, `fiftieth`, `centésimo`, `vigésimo` (not `vigésimo quinto`: two words).
pub fn ordinal(token: &str) -> Option<u32> {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let value: u32 = token[..digits].parse().ok()?;
        let suffix = &token[digits..];
        let english = match value % 100 {
            11..=13 => "th",
            _ => match value % 10 {
                1 => "st",
                2 => "nd",
                3 => "rd",
                _ => "th",
            },
        };
        let spanish = matches!(suffix, "º" | ".º" | "°" | ".°" | "o" | ".o" | "ª" | ".ª");
        return (suffix.eq_ignore_ascii_case(english) || spanish).then_some(value);
    }
    let word = token.to_lowercase();
    english_word(&word).or_else(|| spanish_word(&word))
}

fn english_word(word: &str) -> Option<u32> {
    if word == "hundredth" {
        return Some(100);
    }
    if let Some(i) = UNITS_EN.iter().position(|u| !u.is_empty() && *u == word) {
        return u32::try_from(i).ok();
    }
    if let Some(i) = TEENS_EN.iter().position(|t| *t == word) {
        return u32::try_from(10 + i).ok();
    }
    for (i, (cardinal, ordinal)) in TENS_EN.iter().enumerate() {
        let tens = u32::try_from(20 + 10 * i).ok()?;
        if word == *ordinal {
            return Some(tens);
        }
        if let Some(unit) = word
            .strip_prefix(cardinal)
            .and_then(|r| r.strip_prefix('-'))
        {
            let unit = UNITS_EN.iter().position(|u| !u.is_empty() && *u == unit)?;
            return Some(tens + u32::try_from(unit).ok()?);
        }
    }
    None
}

fn spanish_word(word: &str) -> Option<u32> {
    let word = word.strip_suffix('a').map_or(word, |w| w);
    if word == "centésimo" || word == "centésim" {
        return Some(100);
    }
    let base = word.strip_suffix('o').unwrap_or(word);
    let same = |listed: &str| listed == word || listed.strip_suffix('o') == Some(base);
    if let Some(i) = UNITS_ES.iter().position(|u| !u.is_empty() && same(u)) {
        return u32::try_from(i).ok();
    }
    TENS_ES
        .iter()
        .position(|t| same(t))
        .and_then(|i| u32::try_from(10 * (i + 1)).ok())
}

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn ordinals_in_figures_and_words() {
        for (token, value) in [
            ("25th", 25),
            ("1st", 1),
            ("22nd", 22),
            ("13th", 13),
            ("30.º", 30),
            ("30º", 30),
            ("twenty-fifth", 25),
            ("Fiftieth", 50),
            ("tenth", 10),
            ("hundredth", 100),
            ("vigésimo", 20),
            ("trigésima", 30),
            ("quinto", 5),
        ] {
            assert_eq!(ordinal(token), Some(value), "{token}");
        }
        for token in ["25", "21th", "13rd", "twenty", "first-ever", "décima5"] {
            assert_eq!(ordinal(token), None, "{token}");
        }
    }
}
