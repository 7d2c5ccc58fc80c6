use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::lang::Lang;
use crate::document::names::{
    Likeness, NameToken, SpellingKey, active_pack, fold, is_english_word, likeness, name_tokens,
    occurs_lowercase, variant_matches,
};
use crate::document::{Document, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a name spelled two ways in one document (`Piñera` and `Pinera`, `Zelensky`
    /// and `Zelenskyy`, `Boluarte` and `Bolaurte`). The less frequent spelling is flagged
    /// and a label points at the dominant one. Spellings match when they are equal once
    /// diacritics, capitals and hyphens are set aside, or when they sound alike (Double
    /// Metaphone) and differ by one or two letters. The surname alone counts as well as
    /// the full name.
    ///
    /// Different people who share a name, place names that differ by a letter (`Iran`,
    /// `Iraq`), derived words (`Bolivia`, `Bolivian`) and source titles in another
    /// language (`Irán` in a Spanish note title beside `Iran` in English prose) are not
    /// reported.
    ///
    /// ## Why is this bad
    /// A reader who meets two spellings cannot tell which is right, or whether they are
    /// two people; at best the article looks careless.
    ///
    /// ## Example
    /// ```markdown
    /// Sebastián Piñera took office in 2018. Critics of Pinera said the reform was late.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Sebastián Piñera took office in 2018. Critics of Piñera said the reform was late.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix writes the dominant spelling (or the names pack's canonical one),
    /// which an editor should confirm.
    ///
    /// ## Options
    /// `names.packs`: extra packs whose canonical spellings win over the document's
    /// majority.
    pub static NAME_INCONSISTENT = {
        name: "name-inconsistent",
        code: "CD501",
        severity: Warning,
        enabled_by_default: true,
        fixable: true,
        summary: "One name spelled two ways in the same document",
        check: check,
    };
}

/// One spelling of a name, with everything known about its occurrences.
struct Form<'a> {
    text: &'a str,
    lang: Lang,
    key: SpellingKey,
    occurrences: Vec<usize>,
    /// Seen mid-sentence outside headings: its capital marks a name.
    mid_sentence: bool,
    /// Every occurrence is set off in italics or quotes as a word (`*Bodmyn* in 1522`).
    mentioned: bool,
    /// Folded words written next to it (`sebastian` beside `Piñera`).
    neighbours: HashSet<String>,
    canonical: bool,
}

impl Form<'_> {
    /// Higher is more authoritative: the pack's spelling, then the most used, then the
    /// one with diacritics (dropping them is the commoner slip), then the one with inner
    /// capitals, then the one written in a full name, then the earliest.
    fn weight(&self) -> (bool, usize, usize, usize, bool, std::cmp::Reverse<usize>) {
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

fn forms<'a>(tokens: &[NameToken<'a>], canonical: impl Fn(&str, &str) -> bool) -> Vec<Form<'a>> {
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

/// Written beside different names: two people (`Evo Morales`, `Alexandre de Moraes`;
/// `Robert Louis Stevenson`, `George` and `Robert Stephenson`). Neither name's words are
/// a subset of the other's, while `Javier Milei` and `Javier Gerardo Millei` may be one.
fn different_people(a: &Form<'_>, b: &Form<'_>) -> bool {
    !a.neighbours.is_empty()
        && !b.neighbours.is_empty()
        && !a.neighbours.is_subset(&b.neighbours)
        && !b.neighbours.is_subset(&a.neighbours)
}

/// `a` is written beside a name that recurs on its own in the document and that `b` is
/// never written beside: `a` belongs to someone else (`Michael David Behr` and `Michiel`).
fn namesake(a: &Form<'_>, b: &Form<'_>, totals: &HashMap<String, usize>) -> bool {
    a.neighbours.iter().any(|n| {
        !n.ends_with('.')
            && !b.neighbours.contains(n)
            && totals.get(n).copied().unwrap_or(0) > a.occurrences.len()
    })
}

/// Distinct spellings sharing one phonetic code (or one folded form) that are still
/// compared pairwise.
const MAX_SPELLINGS_OF_A_SOUND: usize = 32;

/// Pairs of forms worth comparing: same language and the same folded spelling or a
/// shared Double Metaphone code. Bucketing keeps long documents near linear.
fn candidate_pairs(forms: &[Form<'_>]) -> Vec<(usize, usize)> {
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
    let mut pairs: HashSet<(usize, usize)> = HashSet::default();
    for members in buckets.values() {
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

/// Every all-lower-case word of the prose, outside links: what `occurs_lowercase` answers
/// for single words, in one pass.
fn lowercase_prose_words<'a>(document: &Document<'a>) -> HashSet<&'a str> {
    let mut words = HashSet::default();
    let mut links = document.links.iter().map(|l| l.span).peekable();
    for run in &document.text_runs {
        let text = document.slice(run.span);
        for (offset, word) in text
            .split(|c: char| !c.is_alphanumeric())
            .scan(0, |at, word| {
                let start = *at;
                *at += word.len()
                    + text[*at + word.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                Some((start, word))
            })
        {
            if word.is_empty() || word.chars().any(char::is_uppercase) {
                continue;
            }
            let start = run.span.start + offset;
            while links.peek().is_some_and(|l| l.end <= start) {
                links.next();
            }
            if links.peek().is_some_and(|l| l.start <= start) {
                continue;
            }
            words.insert(word);
        }
    }
    words
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let pack = active_pack(&settings.names);
    let tokens = name_tokens(document);
    if tokens.len() < 2 {
        return;
    }
    let forms = forms(&tokens, |word, folded| {
        pack.canonical_word(folded) == Some(word)
    });
    // How often each folded word is written as a name, to tell a recurring name beside a
    // spelling (`Michael David Behr` … `Behr`) from a first name given once.
    let mut totals: HashMap<String, usize> = HashMap::default();
    for form in &forms {
        *totals.entry(form.key.folded.clone()).or_default() += form.occurrences.len();
    }
    // Each misspelt form → the form it should be.
    let mut target: HashMap<usize, usize> = HashMap::default();
    // Folded spellings that sound like each form: three or more means the document
    // discusses the variants (`Alhazen, also Alhacen, Alhazan`), not that it slipped.
    let mut spellings: HashMap<usize, HashSet<String>> = HashMap::default();
    let mut common_word: HashMap<usize, bool> = HashMap::default();
    // Lower-case prose words, gathered once: searching the whole text per name would make
    // a document with thousands of names quadratic.
    let mut prose_words: Option<HashSet<&str>> = None;
    let mut is_common = |i: usize, forms: &[Form<'_>]| {
        *common_word.entry(i).or_insert_with(|| {
            let text = forms[i].text;
            if !text.chars().all(char::is_alphanumeric) {
                return occurs_lowercase(document, text);
            }
            let lower = text.to_lowercase();
            lower != text
                && prose_words
                    .get_or_insert_with(|| lowercase_prose_words(document))
                    .contains(lower.as_str())
        })
    };
    for (a, b) in candidate_pairs(&forms) {
        {
            let (fa, fb) = (&forms[a], &forms[b]);
            if fa.key.len < 3 {
                continue;
            }
            let Some(like) = likeness(&fa.key, &fb.key) else {
                continue;
            };
            if like == Likeness::Near {
                for (x, y) in [(a, b), (b, a)] {
                    spellings
                        .entry(x)
                        .or_insert_with(|| HashSet::from_iter([forms[x].key.folded.clone()]))
                        .insert(forms[y].key.folded.clone());
                }
            }
            if pack.are_distinct(&fa.key.folded, &fb.key.folded) || different_people(fa, fb) {
                continue;
            }
            let (dominant, minority) = if fa.weight() >= fb.weight() {
                (a, b)
            } else {
                (b, a)
            };
            let (fd, fm) = (&forms[dominant], &forms[minority]);
            if fm.mentioned || (like == Likeness::Near && namesake(fm, fd, &totals)) {
                continue;
            }
            // A real word (`Corpus` beside `Corps`) is not a misspelt name.
            if is_english_word(&fm.key.folded) {
                continue;
            }
            // A slip is rare: the right spelling must clearly win, unless the pack knows
            // it. Equal counts are decided only for diacritics and capitals.
            if like == Likeness::Near {
                let clear_majority = fd.occurrences.len() >= 2 * fm.occurrences.len();
                if !(fd.canonical || clear_majority) {
                    continue;
                }
                // `Crown` beside `Crohn`: an ordinary word written with a capital.
                if is_english_word(&fd.key.folded) && !fd.canonical {
                    continue;
                }
            }
            // The dominant spelling must be seen as a name: mid-sentence, or more than once
            // and not an English word. Neither may be a common word that merely starts a
            // sentence.
            let seen_as_name = forms[dominant].mid_sentence
                || (forms[dominant].occurrences.len() >= 2
                    && !is_english_word(&forms[dominant].key.folded));
            if !seen_as_name || is_common(dominant, &forms) || is_common(minority, &forms) {
                continue;
            }
            let better = target
                .get(&minority)
                .is_none_or(|&t| forms[dominant].weight() > forms[t].weight());
            if better {
                target.insert(minority, dominant);
            }
        }
    }
    if target.is_empty() {
        return;
    }
    let known: Vec<Span> = variant_matches(document, &pack)
        .into_iter()
        .map(|m| m.span)
        .collect();
    let mut flagged: Vec<(usize, usize)> = Vec::new();
    for (&minority, &first_target) in &target {
        // Follow chains (`Mohamad` → `Mohammed` → `Mohammad`) to the final spelling.
        let mut dominant = first_target;
        for _ in 0..forms.len() {
            match target.get(&dominant) {
                Some(&next) if next != minority => dominant = next,
                _ => break,
            }
        }
        if spellings.get(&dominant).is_some_and(|s| s.len() >= 3) {
            continue;
        }
        for &occurrence in &forms[minority].occurrences {
            flagged.push((occurrence, dominant));
        }
    }
    flagged.sort_unstable();
    for (occurrence, dominant) in flagged {
        let token = &tokens[occurrence];
        if known.iter().any(|k| k.contains(token.span)) {
            continue;
        }
        let form = &forms[dominant];
        let Some(&evidence) = form.occurrences.first() else {
            continue;
        };
        let times = form.occurrences.len();
        let count = if times == 1 {
            "once".to_string()
        } else {
            format!("{times} times")
        };
        diagnostics.push(
            Diagnostic::new(
                &NAME_INCONSISTENT,
                token.span,
                format!(
                    "`{}` is spelled `{}` elsewhere in this document",
                    token.text, form.text
                ),
            )
            .with_label(
                tokens[evidence].span,
                format!("`{}` here ({count})", form.text),
            )
            .with_fix(Fix::replace(
                format!("Replace `{}` with `{}`", token.text, form.text),
                Applicability::Unsafe,
                token.span,
                form.text.to_string(),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::NAME_INCONSISTENT;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    fn run(text: &str) -> Vec<String> {
        flagged(&NAME_INCONSISTENT, text, Format::Markdown)
    }

    #[test]
    fn dropped_diacritic_and_surname_alone() {
        let text = "Sebastián Piñera won. Aides to Piñera agreed. \
                    Officials in President Pinera's office did not.\n";
        assert_eq!(run(text), ["Pinera"]);
    }

    #[test]
    fn one_letter_slips_and_transliterations() {
        assert_eq!(
            run("Mayor Lucía Arrieta spoke. Critics of Arrieta and Arreita met.\n"),
            ["Arreita"]
        );
        assert_eq!(
            run("Tomás Vilela won. Under Vilela, prices fell. Villela said so.\n"),
            ["Villela"]
        );
        assert_eq!(
            run("Omar Qadiri spoke. Qadiri denied it, said aides to Qaderi.\n"),
            ["Qaderi"]
        );
    }

    #[test]
    fn different_people_and_places() {
        let text = "Ali Khamenei met Ali Larijani. Hassan Rouhani and Hassan Nasrallah spoke. \
                    Evo Morales, or Juan Evo Morales Ayma, flew to Iran and Iraq, then \
                    Guinea and Guyana, Austria and Australia, Niger and Nigeria. \
                    Evo Morales met Alexandre de Moraes. Mohammed bin Salman called \
                    Mohammad Javad Zarif. Bolivia and the Bolivian army. \
                    Recep Tayyip Erdoğan spoke. Colombia, Colombia and Columbia University. \
                    Ruhollah Khomeini and Khamenei, Khamenei.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn spanish_titles_keep_their_spelling() {
        let text = "Iran and Peru signed it in Tehran.[^1] Iran and Peru agree.\n\n\
                    [^1]: *El acuerdo con Irán y el Perú se firmó en Teherán*. 2023.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn surnames_that_open_sentences_and_table_cells() {
        let text = "Arrieta spoke first. Arrieta then left. Later Arreita returned.\n";
        assert_eq!(run(text), ["Arreita"]);
        let table = "| Minister | Country |\n|---|---|\n| Lucía Arrieta | Peru |\n\n\
                     Arrieta and Arrieta met Arreita.\n";
        assert_eq!(run(table), ["Arreita"]);
    }

    #[test]
    fn swapped_letters_and_transliterated_first_letters() {
        let text = "Nasser Kanaani spoke. Kanaani said so, and Kanaaní agreed; Kanaain did not.\n";
        assert_eq!(run(text), ["Kanaaní", "Kanaain"]);
        let text = "Mohammad Bagher Ghalibaf arrived. Ghalibaf spoke; Qalibaf left.\n";
        assert_eq!(run(text), ["Qalibaf"]);
    }

    #[test]
    fn wiki_file_names_link_targets_and_fields() {
        let text = "The Dún Laoghaire station and Dún Laoghaire harbour. \
                    [[File:The Dun Laoghaire station.jpg|thumb]] \
                    {{cite |title=Ibn Al-Haitham: Optics}} Ibn al-Haytham and al-Haytham wrote. \
                    [[Jean M'voto|Jean M'Voto]] and M'Voto played.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn four_letter_names_only_doubled() {
        assert_eq!(
            run("Lula won. Lula spoke, and Lulla left. Iran, Iran and Iraq.\n"),
            ["Lulla"]
        );
    }

    #[test]
    fn turkish_letters() {
        let text =
            "Recep Tayyip Erdoğan spoke; Erdoğan's envoy agreed and Erdogan's office confirmed.\n";
        assert_eq!(run(text), ["Erdogan"]);
    }

    #[test]
    fn data_and_mentions_are_not_prose() {
        let text = "{{cite |first=Martyn |last=Smith}} Martin Luther and Martin Amis met. \
                    Spellings include *Bodmyn* and Bodmin, Bodmin, Bodmin.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn sentence_starts_are_not_names() {
        let text = "These are the facts. There was no deal. The lighting was poor.\n";
        assert!(run(text).is_empty());
    }
}

#[cfg(test)]
mod speed {
    use crate::document::{Document, Format};
    use crate::rules::settings::Settings;

    /// Throughput of the name rules on the real corpus, beside parsing alone:
    /// `cargo test --release --lib name_speed -- --ignored --nocapture`.
    #[test]
    #[ignore = "measures speed; run by hand in release mode"]
    #[allow(clippy::print_stderr, reason = "the measurement is the output")]
    fn name_speed() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real");
        let mut texts = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    let format = Format::from_path(&path.to_string_lossy());
                    texts.push((text, format));
                }
            }
        }
        let bytes: usize = texts.iter().map(|(t, _)| t.len()).sum();
        let settings = Settings::default();
        let rules = [
            &super::NAME_INCONSISTENT,
            &crate::rules::name::variant::NAME_VARIANT,
        ];
        let (mut parse, mut names) = (0.0, 0.0);
        let mut each = [0.0f64; 2];
        let mut found = Vec::new();
        for _ in 0..3 {
            for (text, format) in &texts {
                let t = std::time::Instant::now();
                let document = Document::parse(text, *format);
                parse += t.elapsed().as_secs_f64();
                for (i, rule) in rules.iter().enumerate() {
                    let t = std::time::Instant::now();
                    (rule.check)(&document, &settings, &mut found);
                    each[i] += t.elapsed().as_secs_f64();
                    names += t.elapsed().as_secs_f64();
                }
            }
        }
        let mb = 3.0 * bytes as f64 / 1e6;
        eprintln!(
            "SPEED {mb:.1} MB: parse {:.0} MB/s, name rules {:.0} MB/s \
             (name-inconsistent {:.0}, name-variant {:.0})",
            mb / parse,
            mb / names,
            mb / each[0],
            mb / each[1]
        );
    }
}
