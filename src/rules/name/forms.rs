//! The spellings of names in one document, with what is known of each (how often, where,
//! beside which other words), and which pairs of them are worth comparing.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::document::lang::Lang;
use crate::document::names::{NameToken, SpellingKey, fold, is_english_word};

/// One spelling of a name, with everything known about its occurrences.
pub(super) struct Form<'a> {
    pub(super) text: &'a str,
    pub(super) lang: Lang,
    pub(super) key: SpellingKey,
    pub(super) occurrences: Vec<usize>,
    /// Seen mid-sentence outside headings: its capital marks a name.
    pub(super) mid_sentence: bool,
    /// Every occurrence is set off in italics or quotes as a word (`*Bodmyn* in 1522`).
    pub(super) mentioned: bool,
    /// Folded words written next to it (`sebastian` beside `Piñera`).
    pub(super) neighbours: HashSet<String>,
    /// The names pack writes it so.
    pub(super) canonical: bool,
}

impl Form<'_> {
    /// Higher is more authoritative: the pack's spelling, then the most used, then the
    /// one with diacritics (dropping them is the commoner slip), then the one with inner
    /// capitals, then the one written in a full name, then the earliest.
    pub(super) fn weight(&self) -> (bool, usize, usize, usize, bool, std::cmp::Reverse<usize>) {
        (
            self.canonical,
            self.occurrences.len(),
            self.text.chars().filter(|c| !c.is_ascii()).count(),
            // `GitHub` over `Github`: inner capitals are written on purpose.
            self.text
                .chars()
                .skip(1)
                .filter(|c| c.is_uppercase())
                .count(),
            !self.neighbours.is_empty(),
            std::cmp::Reverse(self.occurrences.first().copied().unwrap_or(0)),
        )
    }
}

/// The spellings of the name words, one per language and spelling, with `canonical`
/// telling which the names pack writes (word, folded word).
pub(super) fn forms<'a>(
    tokens: &[NameToken<'a>],
    canonical: impl Fn(&str, &str) -> bool,
) -> Vec<Form<'a>> {
    let mut index: HashMap<(Lang, &str), usize> = HashMap::default();
    let mut forms: Vec<Form<'a>> = Vec::new();
    let mut raw_neighbours: Vec<Vec<(&'a str, bool)>> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        // German capitalises every noun: a capital marks no name there.
        if token.lang == Lang::German {
            continue;
        }
        let slot = *index.entry((token.lang, token.text)).or_insert_with(|| {
            let key = SpellingKey::new(token.text);
            let canonical = canonical(token.text, &key.folded);
            forms.push(Form {
                text: token.text,
                lang: token.lang,
                key,
                occurrences: Vec::new(),
                mid_sentence: false,
                mentioned: true,
                neighbours: HashSet::default(),
                canonical,
            });
            raw_neighbours.push(Vec::new());
            forms.len() - 1
        });
        let form = &mut forms[slot];
        form.occurrences.push(i);
        form.mid_sentence |= !token.initial && !token.heading;
        form.mentioned &= token.mentioned;
        let raw = &mut raw_neighbours[slot];
        if let Some(initial) = token.after_initial {
            raw.push((initial, true));
        }
        // Every other word of the same name, both ways.
        for step in [|t: &NameToken<'_>| t.prev, |t: &NameToken<'_>| t.next] {
            let mut at = step(token);
            for _ in 0..6 {
                let Some(n) = at.and_then(|i| tokens.get(i)) else {
                    break;
                };
                // `Later Pinera said`: a common word opening the sentence is no first name.
                if opener_not_name(n) {
                    break;
                }
                raw.push((n.text, false));
                at = step(n);
            }
        }
    }
    // Folding allocates: do it once per distinct neighbour, not per occurrence.
    for (form, mut raw) in forms.iter_mut().zip(raw_neighbours) {
        raw.sort_unstable();
        raw.dedup();
        form.neighbours = raw
            .into_iter()
            .map(|(word, initial)| {
                if initial {
                    format!("{}.", word.to_lowercase())
                } else {
                    fold(word)
                }
            })
            .collect();
    }
    forms
}

/// A capitalised word opening a sentence that is an ordinary English word (`Later`,
/// `Critics`): the name after it starts there, whatever the capital suggests.
fn opener_not_name(token: &NameToken<'_>) -> bool {
    token.initial && is_english_word(&fold(token.text))
}

/// Written beside different names: two people (`Evo Morales`, `Alexandre de Moraes`;
/// `Robert Louis Stevenson`, `George` and `Robert Stephenson`). Neither name's words are
/// a subset of the other's, while `Javier Milei` and `Javier Gerardo Millei` may be one.
pub(super) fn different_people(a: &Form<'_>, b: &Form<'_>) -> bool {
    !a.neighbours.is_empty()
        && !b.neighbours.is_empty()
        && !a.neighbours.is_subset(&b.neighbours)
        && !b.neighbours.is_subset(&a.neighbours)
}

/// How often each folded word is written as a name, to tell a recurring name beside a
/// spelling (`Michael David Behr` … `Behr`) from a first name given once.
pub(super) fn totals(forms: &[Form<'_>]) -> HashMap<String, usize> {
    let mut totals: HashMap<String, usize> = HashMap::default();
    for form in forms {
        *totals.entry(form.key.folded.clone()).or_default() += form.occurrences.len();
    }
    totals
}

/// `a` is written beside a name that recurs on its own in the document and that `b` is
/// never written beside: `a` belongs to someone else (`Michael David Behr` and `Michiel`).
pub(super) fn namesake(a: &Form<'_>, b: &Form<'_>, totals: &HashMap<String, usize>) -> bool {
    a.neighbours.iter().any(|n| {
        !n.ends_with('.')
            && !b.neighbours.contains(n)
            && totals.get(n).copied().unwrap_or(0) > a.occurrences.len()
    })
}

/// Distinct spellings sharing one phonetic code (or one folded form) that are still
/// compared pairwise.
const MAX_SPELLINGS_OF_A_SOUND: usize = 32;

/// Longer words are not filed by their deletions: a name word that long is a compound
/// or a run of letters, and the deletions would grow with it.
const MAX_LETTERS_FOR_DELETIONS: usize = 40;

/// Pairs of forms worth comparing: same language and the same folded spelling, a shared
/// Double Metaphone code, or one edit apart. Bucketing keeps long documents near linear.
pub(super) fn candidate_pairs(forms: &[Form<'_>]) -> Vec<(usize, usize)> {
    // Spellings compared only share a first-letter class (a changed first letter is never
    // a slip, but for vowels and c/k/q/g), which keeps the phonetic buckets small.
    let first_class = |folded: &str| match folded.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'y') => 'a',
        Some('c' | 'k' | 'q' | 'g') => 'k',
        Some(c) => c,
        None => ' ',
    };
    let mut buckets: HashMap<(Lang, &str, char), Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        let key = &form.key;
        let class = first_class(&key.folded);
        buckets
            .entry((form.lang, key.folded.as_str(), class))
            .or_default()
            .push(i);
        for code in [&key.primary, &key.alternate] {
            // Codes are upper case, folded spellings lower case: the keys never collide.
            if code.is_empty() {
                continue;
            }
            buckets
                .entry((form.lang, code.as_str(), class))
                .or_default()
                .push(i);
        }
    }
    // Symmetric deletion: two spellings one edit apart (a letter dropped, added, changed
    // or two swapped) share the spelling with one letter deleted, so each form is filed
    // under its deletions, a number linear in its length, and no pair is tried blindly.
    let mut deletions: HashMap<(Lang, String), Vec<usize>> = HashMap::default();
    for (i, form) in forms.iter().enumerate() {
        let folded = &form.key.folded;
        if form.key.len < 4 || form.key.len > MAX_LETTERS_FOR_DELETIONS {
            continue;
        }
        deletions
            .entry((form.lang, folded.clone()))
            .or_default()
            .push(i);
        for (at, c) in folded.char_indices() {
            let mut deleted = String::with_capacity(folded.len());
            deleted.push_str(&folded[..at]);
            deleted.push_str(&folded[at + c.len_utf8()..]);
            deletions.entry((form.lang, deleted)).or_default().push(i);
        }
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::default();
    for members in buckets.values().chain(deletions.values()) {
        // A sound written in dozens of ways is a list of names, not a slip: comparing
        // them all would be quadratic in the bucket.
        if members.len() < 2 || members.len() > MAX_SPELLINGS_OF_A_SOUND {
            continue;
        }
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                if a != b && forms[a].key.len.abs_diff(forms[b].key.len) <= 2 {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_unstable();
    pairs
}
