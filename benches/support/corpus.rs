//! A deterministic generator of realistic articles, shared by the `gen-corpus` example
//! and the benchmarks: Markdown with `[^n]` notes and plain text with superscript notes,
//! citation URLs, dates in every supported spelling, names, Spanish source titles, and a
//! few planted defects per article.

use std::fmt::Write as _;

/// xorshift64*: small, fast and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const PEOPLE: &[&str] = &[
    "Gabriel Boric",
    "Luis Arce",
    "Gustavo Petro",
    "Dina Boluarte",
    "Javier Milei",
    "Sebastián Piñera",
    "Ebrahim Raisi",
    "Hossein Amir-Abdollahian",
    "Recep Tayyip Erdoğan",
    "Volodymyr Zelensky",
    "Andrés Manuel López Obrador",
    "Nicolás Maduro",
    "Evo Morales",
    "Lula da Silva",
    "Ali Khamenei",
];
const PLACES: &[&str] = &[
    "La Paz",
    "Santiago",
    "Lima",
    "Buenos Aires",
    "Tehran",
    "Caracas",
    "Bogotá",
    "Quito",
    "Asunción",
    "Montevideo",
    "Brasília",
    "Ankara",
    "Kyiv",
    "French Guiana",
    "Suriname",
];
const TOPICS: &[&str] = &[
    "lithium concessions",
    "border surveillance",
    "drone purchases",
    "river patrol boats",
    "energy cooperation",
    "defence agreements",
    "mining royalties",
    "port investments",
    "customs reform",
    "grain exports",
];
const VERBS: &[&str] = &[
    "signed",
    "announced",
    "criticised",
    "defended",
    "postponed",
    "approved",
    "questioned",
];
const CLAIMS: &[&str] = &[
    "Exports of {topic} rose by {n}% in {year}",
    "The ministry reported {n} million dollars in new contracts for {topic}",
    "{person} said the plan was the largest of its kind in the region",
    "According to officials, {topic} doubled between {year} and {year2}",
    "It was the first agreement on {topic} since {year}",
    "Analysts in {place} see {topic} as a long-term bet",
    "The talks on {topic} are expected to resume after the rainy season",
    "Critics argue that {topic} has little public support",
];
const OUTLETS: &[(&str, &str)] = &[
    ("Reuters", "www.reuters.com/world/americas"),
    ("Infobae", "www.infobae.com/america/america-latina"),
    ("El País", "elpais.com/internacional"),
    ("ISW", "www.understandingwar.org/backgrounder"),
    ("La Razón", "www.larazon.es/internacional"),
    ("Associated Press", "apnews.com/article"),
    ("Ministerio de Defensa", "www.mindef.gob.bo/noticias"),
];
const SPANISH_TITLES: &[&str] = &[
    "El gobierno anunció un acuerdo sobre {topic}",
    "Críticas de la oposición al plan de {topic}",
    "Irán y Bolivia firman un memorando sobre {topic}",
    "Perú refuerza la vigilancia en la frontera",
];
const MONTHS: &[&str] = &[
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
const MESES: &[&str] = &[
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn fill(rng: &mut Rng, template: &str) -> String {
    let year = 2005 + rng.below(19);
    template
        .replace("{topic}", rng.pick(TOPICS))
        .replace("{person}", rng.pick(PEOPLE))
        .replace("{place}", rng.pick(PLACES))
        .replace("{n}", &(3 + rng.below(90)).to_string())
        .replace("{year2}", &(year + 1 + rng.below(4)).to_string())
        .replace("{year}", &year.to_string())
}

/// A date in one of the supported spellings (day-first numeric, ISO, English, Spanish).
fn date(rng: &mut Rng, day: usize, month: usize, year: usize) -> String {
    match rng.below(5) {
        0 => format!("{day}/{month}/{year}"),
        1 => format!("{year}-{month:02}-{day:02}"),
        2 => format!("{} {day}, {year}", MONTHS[month - 1]),
        3 => format!("{day} de {} de {year}", MESES[month - 1]),
        _ => format!("{day:02}/{month:02}/{year}"),
    }
}

fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][c.to_digit(10).unwrap_or(0) as usize]
        })
        .collect()
}

/// Article `index`, about 5 KB, and its file extension.
pub fn article(rng: &mut Rng, index: usize) -> (String, &'static str) {
    let markdown = index.is_multiple_of(2);
    let marker = |n: usize| {
        if markdown {
            format!("[^{n}]")
        } else {
            superscript(n)
        }
    };
    let mut text = String::new();
    if markdown {
        let _ = writeln!(
            text,
            "---\ntitle: Article {index}\ndate: 2023-{:02}-{:02}\n---\n",
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let _ = writeln!(text, "# {} and {}\n", rng.pick(PLACES), rng.pick(TOPICS));
    } else {
        let _ = writeln!(
            text,
            "{} AND THE QUESTION OF {}\n",
            rng.pick(PLACES).to_uppercase(),
            rng.pick(TOPICS).to_uppercase()
        );
    }
    let mut notes = 0;
    while text.len() < 2_300 {
        let mut paragraph = String::new();
        for _ in 0..3 + rng.below(3) {
            let template = rng.pick(CLAIMS);
            let sentence = fill(rng, template);
            paragraph.push_str(&sentence);
            if rng.chance(45) {
                notes += 1;
                paragraph.push_str(&marker(notes));
            }
            paragraph.push_str(". ");
        }
        let _ = write!(
            paragraph,
            "{} {} the deal in {}",
            rng.pick(PEOPLE),
            rng.pick(VERBS),
            rng.pick(PLACES)
        );
        if rng.chance(10) {
            paragraph.push_str(" (see `config-v2.1` and <!-- editor: check 24/7 -->)");
        }
        let _ = writeln!(text, "{paragraph}.\n");
    }
    // Planted defects: an undefined marker, an impossible and a malformed date, a typo.
    if rng.chance(30) {
        let _ = writeln!(
            text,
            "A late addition cites a missing source{}.\n",
            marker(notes + 2)
        );
    }
    for n in 1..=notes {
        let (outlet, section) = OUTLETS[rng.below(OUTLETS.len())];
        let year = 2015 + rng.below(9);
        let (day, month) = (1 + rng.below(28), 1 + rng.below(12));
        let mut when = date(rng, day, month, year);
        if rng.chance(3) {
            when = format!("{day}//{year}");
        } else if rng.chance(2) {
            when = format!("31/{}/{year}", [4, 6, 9, 11][rng.below(4)]);
        }
        let template = rng.pick(SPANISH_TITLES);
        let title = fill(rng, template);
        let slug = title.to_lowercase().replace(' ', "-");
        let section = if rng.chance(3) {
            section.replace("backgrounder", "backgroundunder")
        } else {
            section.to_string()
        };
        let url = format!(
            "https://{section}/{year}/{month:02}/{day:02}/{slug}-{}/",
            100_000 + rng.below(900_000)
        );
        let url = if rng.chance(85) {
            format!("<{url}>")
        } else {
            url
        };
        if markdown {
            let _ = writeln!(text, "[^{n}]: {outlet}: *{title}*. {when}. {url}");
        } else {
            let _ = writeln!(
                text,
                "{} {outlet}: *{title}*. {when}. {url}\n",
                superscript(n)
            );
        }
    }
    (text, if markdown { "md" } else { "txt" })
}

/// The default seed, so every run writes the same corpus.
#[allow(dead_code)]
pub const SEED: u64 = 0x5eed_c0de;
