//! The language a stretch of prose is written in, told from its function words.
//!
//! Names keep a title's own spelling in its language (`Irán` in a Spanish note title), so
//! they ask about each paragraph or note ([`passage_language`]); a lexicon of another
//! language misreads a whole article, so a rule that has one asks about the document's
//! prose ([`StopWords::prose_language`]), with the stop words of its own packs.

use rustc_hash::FxHashMap as HashMap;

use super::Document;
use super::words::{alphabetic_words, lower_case};

/// The languages whose function words are known. The order is the order of
/// [`Lang::ALL`]: where two languages score alike, it decides between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    English,
    Spanish,
    Portuguese,
    French,
    German,
    Italian,
    Dutch,
}

impl Lang {
    /// Every language, in tie-breaking order.
    pub const ALL: [Lang; 7] = [
        Lang::English,
        Lang::Spanish,
        Lang::Portuguese,
        Lang::French,
        Lang::German,
        Lang::Italian,
        Lang::Dutch,
    ];

    /// The ISO 639-1 code, as packs write it (`lang = "es"`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::Spanish => "es",
            Lang::Portuguese => "pt",
            Lang::French => "fr",
            Lang::German => "de",
            Lang::Italian => "it",
            Lang::Dutch => "nl",
        }
    }

    /// The language's place in [`Lang::ALL`], its bit in a word's mask.
    fn index(self) -> usize {
        self as usize
    }
}

/// Function words that mark each language; a word may mark several.
const FUNCTION_WORDS: &[(Lang, &[&str])] = &[
    (
        Lang::English,
        &[
            "the", "of", "and", "to", "in", "is", "that", "for", "with", "on", "was", "as", "by",
            "are", "it", "which", "from", "this", "be", "has", "have", "its", "an", "at", "were",
            "he", "she", "his", "her", "they", "not", "or", "but",
        ],
    ),
    (
        Lang::Spanish,
        &[
            "el", "la", "los", "las", "de", "del", "que", "en", "y", "por", "para", "con", "una",
            "un", "su", "sus", "se", "es", "al", "lo", "como", "más", "está", "fue", "sobre",
        ],
    ),
    (
        Lang::Portuguese,
        &[
            "o", "os", "as", "da", "do", "das", "dos", "de", "que", "em", "e", "para", "com",
            "uma", "um", "não", "na", "no", "pelo", "pela", "foi", "ao",
        ],
    ),
    (
        Lang::French,
        &[
            "le", "la", "les", "des", "du", "de", "et", "en", "un", "une", "est", "dans", "pour",
            "que", "qui", "sur", "au", "aux", "par", "avec", "pas", "il", "elle",
        ],
    ),
    (
        Lang::German,
        &[
            "der", "die", "das", "und", "ist", "den", "dem", "des", "ein", "eine", "einer",
            "nicht", "mit", "von", "auf", "für", "sich", "zu", "im", "auch", "wurde", "als",
        ],
    ),
    (
        Lang::Italian,
        &[
            "il", "lo", "gli", "della", "delle", "degli", "di", "che", "e", "per", "con", "una",
            "un", "non", "sono", "nel", "nella", "alla", "è",
        ],
    ),
    (
        Lang::Dutch,
        &[
            "de", "het", "een", "en", "van", "is", "dat", "niet", "met", "voor", "zijn", "op",
            "te", "ook", "wordt", "werd", "bij", "naar",
        ],
    ),
];

/// How many of a text's words mark each language, by [`Lang::index`].
type Counts = [usize; Lang::ALL.len()];

/// Stop words of one or more languages: the words that say which language a text is in.
#[derive(Debug, Clone, Default)]
pub struct StopWords {
    /// Word, as written in its list → bit mask of the languages it marks.
    marks: HashMap<Box<[u8]>, u8>,
    /// Bytes in the longest word: longer words are never looked up.
    longest: usize,
}

impl StopWords {
    /// The function words of every language in [`Lang::ALL`].
    pub fn builtin() -> &'static StopWords {
        static BUILTIN: std::sync::LazyLock<StopWords> = std::sync::LazyLock::new(|| {
            let mut stop_words = StopWords::default();
            for (lang, words) in FUNCTION_WORDS {
                stop_words.add(*lang, words.iter().copied());
            }
            stop_words
        });
        &BUILTIN
    }

    /// Adds words that mark `lang`. Text is lower-cased before it is looked up, so a word
    /// with a capital in the list never matches.
    pub fn add<'w>(&mut self, lang: Lang, words: impl IntoIterator<Item = &'w str>) {
        for word in words {
            *self.marks.entry(word.as_bytes().into()).or_default() |= 1 << lang.index();
            self.longest = self.longest.max(word.len());
        }
    }

    /// Counts `word` (already lower case) for each language it marks.
    fn tally(&self, word: &[u8], counts: &mut Counts) {
        if word.is_empty() || word.len() > self.longest {
            return;
        }
        let Some(&mask) = self.marks.get(word) else {
            return;
        };
        for (i, count) in counts.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *count += 1;
            }
        }
    }

    /// The language of a paragraph or a title, from its first couple of dozen words;
    /// English unless another language has at least two marks and more than English.
    /// Accents and inverted marks (`ñ`, `¿`, `ción`) count as one mark of Spanish, which
    /// tips a short title that has few function words.
    pub fn passage_language(&self, text: &str) -> Lang {
        let sample = &text.as_bytes()[..text.len().min(200)];
        let mut counts = Counts::default();
        let mut lower = Vec::new();
        // Words are runs of ASCII letters and UTF-8 bytes (`más`, `für`).
        for word in sample.split(|b| !(b.is_ascii_alphabetic() || *b >= 0x80)) {
            if word.len() > self.longest {
                continue;
            }
            lower.clear();
            lower.extend(word.iter().map(u8::to_ascii_lowercase));
            self.tally(&lower, &mut counts);
        }
        let head = &text[..text.floor_char_boundary(sample.len())];
        if has_spanish_marks(head.as_bytes()) {
            counts[Lang::Spanish.index()] += 1;
        }
        let english = counts[Lang::English.index()];
        // Of the other languages, the last that scores highest.
        let (best, count) = counts
            .iter()
            .enumerate()
            .skip(1)
            .max_by_key(|&(_, c)| *c)
            .map_or((0, 0), |(i, c)| (i, *c));
        if count >= 2 && count > english {
            Lang::ALL[best]
        } else {
            Lang::English
        }
    }

    /// The language of the document's prose, from the words of five bytes or fewer in its
    /// first 20,000 bytes or so: the language whose stop words are the most of them (the
    /// first in [`Lang::ALL`] on a tie). `None` when that is under a tenth of the short
    /// words: prose in a language without a list is not guessed at.
    pub fn prose_language(&self, document: &Document<'_>) -> Option<Lang> {
        let mut counts = Counts::default();
        let (mut short, mut seen) = (0usize, 0usize);
        let mut buffer = String::new();
        for run in &document.text_runs {
            let text = document.slice(run.span);
            for word in alphabetic_words(text) {
                if word.len() > 5 {
                    continue;
                }
                short += 1;
                self.tally(lower_case(word, &mut buffer).as_bytes(), &mut counts);
            }
            seen += text.len();
            if seen > 20_000 {
                break;
            }
        }
        let mut best = 0;
        for (i, &count) in counts.iter().enumerate() {
            if count > counts[best] {
                best = i;
            }
        }
        (counts[best] * 10 >= short).then_some(Lang::ALL[best])
    }
}

/// The language of a paragraph or a title, by the built-in function words
/// ([`StopWords::passage_language`]).
pub fn passage_language(text: &str) -> Lang {
    StopWords::builtin().passage_language(text)
}

/// Whether `head` holds `ñ`, `¿`, `¡`, `ción` or `ón `: all of them are found from the lead
/// byte of their non-ASCII letter, without decoding the text.
fn has_spanish_marks(head: &[u8]) -> bool {
    memchr::memchr2_iter(0xc2, 0xc3, head).any(|at| {
        let next = |n: usize| head.get(at + n).copied();
        match (head[at], next(1)) {
            // ñ, ¿, ¡
            (0xc3, Some(0xb1)) | (0xc2, Some(0xbf | 0xa1)) => true,
            // ó: `ción` or `ón `
            (0xc3, Some(0xb3)) => {
                next(2) == Some(b'n')
                    && (next(3) == Some(b' ')
                        || at.checked_sub(2).is_some_and(|s| &head[s..at] == b"ci"))
            }
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn spanish_marks_match_the_text_search() {
        let by_chars = |head: &str| {
            head.contains(['ñ', '¿', '¡']) || head.contains("ción") || head.contains("ón ")
        };
        let pieces = [
            "ñ", "¿", "¡", "ó", "ci", "c", "n", " ", "ón", "ción", "Ñ", "á", "é", "x", "ò", "¢",
            "Ã",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut head = String::new();
            for _ in 0..6 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                head.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            assert_eq!(
                has_spanish_marks(head.as_bytes()),
                by_chars(&head),
                "{head:?}"
            );
        }
    }

    #[test]
    fn spanish_titles_are_spanish() {
        assert_eq!(
            passage_language("El ministro dijo que la ruta por Perú sigue abierta"),
            Lang::Spanish
        );
        // `ción` tips a title of few function words.
        assert_eq!(passage_language("Canción de Perú"), Lang::Spanish);
        assert_eq!(passage_language("Cancion de Peru"), Lang::English);
        assert_eq!(
            passage_language("Harbour Report, May 4, 2031"),
            Lang::English
        );
    }

    #[test]
    fn passages_in_other_languages() {
        assert_eq!(
            passage_language("Die Regierung hat den Plan nicht mit der Opposition besprochen"),
            Lang::German
        );
        assert_eq!(
            passage_language("Le ministre a présenté le budget dans une lettre aux députés"),
            Lang::French
        );
        // Two Spanish words in a title do not outvote as many English ones.
        assert_eq!(
            passage_language("The film Como agua para chocolate was shown"),
            Lang::English
        );
    }

    #[test]
    fn a_cut_through_a_letter_is_not_a_word() {
        // The sample ends inside `á`: `de` glued to half a letter is not Spanish `de`.
        let text = format!("el {}x_de\u{e1}", "x ".repeat(96));
        assert_eq!(text.find('\u{e1}'), Some(199));
        assert_eq!(passage_language(&text), Lang::English);
        assert_eq!(
            passage_language(&text.replace('\u{e1}', " ")),
            Lang::Spanish
        );
    }

    fn prose(text: &str, stop_words: &StopWords) -> Option<Lang> {
        stop_words.prose_language(&Document::parse(text, Format::Markdown))
    }

    fn english_and_spanish() -> StopWords {
        let mut stop_words = StopWords::default();
        stop_words.add(Lang::English, ["the", "of", "and", "was"]);
        stop_words.add(Lang::Spanish, ["el", "de", "la", "y", "fue"]);
        stop_words
    }

    #[test]
    fn prose_language_counts_the_given_lists() {
        let lists = english_and_spanish();
        assert_eq!(
            prose(
                "The mayor of the town was late, and the council waited.\n",
                &lists
            ),
            Some(Lang::English)
        );
        assert_eq!(
            prose(
                "El alcalde de la ciudad fue a la reunión y habló.\n",
                &lists
            ),
            Some(Lang::Spanish)
        );
        // Code is not prose; a tie goes to the first language.
        assert_eq!(prose("```\nel de la\n```\n", &lists), Some(Lang::English));
    }

    #[test]
    fn prose_without_a_list_is_not_guessed() {
        let lists = english_and_spanish();
        let text = "Die Regierung hat den Plan nicht mit der Opposition besprochen.\n";
        assert_eq!(prose(text, &lists), None);
        assert_eq!(prose(text, StopWords::builtin()), Some(Lang::German));
    }

    #[test]
    fn listed_words_are_matched_in_lower_case_only() {
        let mut lists = StopWords::default();
        lists.add(Lang::Spanish, ["Él", "él", "ya"]);
        assert_eq!(prose("ÉL YA ÉL ya zzz\n", &lists), Some(Lang::Spanish));
        let mut capitalised = StopWords::default();
        capitalised.add(Lang::Spanish, ["Ya"]);
        // `Ya` in the text is looked up as `ya`, which the list does not hold: English
        // (the first language) with no marks among five short words is under a tenth.
        assert_eq!(prose("Ya ya Ya ya Ya\n", &capitalised), None);
    }
}
