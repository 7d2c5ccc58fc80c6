//! Injection test of `name-inconsistent` on real articles: one realistic slip put into one
//! occurrence of a name the article uses at least twice, then the rule is run.
//!
//! `cargo run --example name_eval -- [CORPUS_DIR] [RUNS] [SEED]` (defaults:
//! `../shared/corpus/real`, 2000 runs, seed 1). Prints recall (the slip is flagged),
//! fix direction (the fix writes the original spelling back), collateral findings the
//! slip caused elsewhere, and the rule's findings on the untouched articles per 20,000
//! words. Figures are kept in BENCHMARKS.md. Seeds are deterministic: the same corpus and
//! seed give the same slips.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use copydesk::document::lang::Lang;
use copydesk::document::names::{fold, is_english_word, name_tokens};
use copydesk::{Diagnostic, Document, Format, Settings, Source, check, rules};

/// A tiny linear congruential generator (Knuth's MMIX constants): enough for picking
/// slips, and deterministic across platforms.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The kinds of slip an editor meets, each drawn equally often.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slip {
    Deletion,
    Insertion,
    Substitution,
    Transposition,
    Accent,
}

const SLIPS: [Slip; 5] = [
    Slip::Deletion,
    Slip::Insertion,
    Slip::Substitution,
    Slip::Transposition,
    Slip::Accent,
];

const KEY_ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// A letter on a key next to `c` (same row or the rows above and below).
fn neighbour_key(c: char, rng: &mut Lcg) -> Option<char> {
    let lower = c.to_ascii_lowercase();
    let (row, col) = KEY_ROWS
        .iter()
        .enumerate()
        .find_map(|(r, keys)| keys.find(lower).map(|col| (r, col)))?;
    let mut near = Vec::new();
    let rows = row.saturating_sub(1)..=(row + 1).min(2);
    for keys in &KEY_ROWS[rows] {
        for (k, key) in keys.chars().enumerate() {
            if k.abs_diff(col) <= 1 && key != lower {
                near.push(key);
            }
        }
    }
    let pick = near[rng.below(near.len())];
    Some(if c.is_uppercase() {
        pick.to_ascii_uppercase()
    } else {
        pick
    })
}

const ACCENTED: [(char, char); 6] = [
    ('a', 'á'),
    ('e', 'é'),
    ('i', 'í'),
    ('o', 'ó'),
    ('u', 'ú'),
    ('n', 'ñ'),
];

/// The word with one slip of `kind`, never touching the first letter (writers rarely get
/// a name's first letter wrong), or `None` when the word allows no such slip.
fn inject(word: &str, kind: Slip, rng: &mut Lcg) -> Option<String> {
    let mut chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    match kind {
        Slip::Deletion => {
            chars.remove(1 + rng.below(n - 1));
        }
        Slip::Insertion => {
            let at = 1 + rng.below(n - 1);
            // Half doubled letters, half a neighbouring key struck as well.
            let letter = if rng.below(2) == 0 {
                chars[at]
            } else {
                neighbour_key(chars[at], rng)?
            };
            chars.insert(at, letter);
        }
        Slip::Substitution => {
            let at = 1 + rng.below(n - 1);
            chars[at] = neighbour_key(chars[at], rng)?;
        }
        Slip::Transposition => {
            let at = 1 + rng.below(n - 2);
            if chars[at] == chars[at + 1] {
                return None;
            }
            chars.swap(at, at + 1);
        }
        Slip::Accent => {
            // A lost accent where the name has one, else one added.
            if let Some(at) = chars.iter().position(|c| !c.is_ascii()) {
                let bare = fold(&chars[at].to_string());
                chars.splice(at..=at, bare.chars());
            } else {
                let places: Vec<usize> = (1..n)
                    .filter(|&i| ACCENTED.iter().any(|(b, _)| *b == chars[i]))
                    .collect();
                let &at = places.get(rng.below(places.len()))?;
                chars[at] = ACCENTED.iter().find(|(b, _)| *b == chars[at])?.1;
            }
        }
    }
    let slipped: String = chars.into_iter().collect();
    (slipped != word).then_some(slipped)
}

/// One article of the corpus, with what the untouched text gives.
struct Article {
    path: String,
    text: String,
    words: usize,
    /// Name words written at least twice: (word, byte offsets of its occurrences).
    names: Vec<(String, Vec<usize>)>,
    /// Every word of the text, to keep slips that happen to be written elsewhere out.
    vocabulary: HashSet<String>,
    /// Findings on the untouched text: (start, flagged text).
    findings: Vec<(usize, String)>,
}

fn only_name_inconsistent() -> Settings {
    let mut settings = Settings::default();
    for rule in rules::REGISTRY {
        settings.set_enabled(rule, rule.name == "name-inconsistent");
    }
    settings
}

fn read_corpus(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((path.to_string_lossy().into_owned(), text));
            }
        }
    }
    files.sort();
    files
}

/// The name words a slip may be put into: written at least twice, at least once
/// mid-sentence, five letters or more, not an ordinary English word, and not in German
/// (which capitalises every noun, so the rule leaves it alone).
fn names_of(text: &str, format: Format) -> Vec<(String, Vec<usize>)> {
    let document = Document::parse(text, format);
    let mut seen: BTreeMap<&str, (Vec<usize>, bool)> = BTreeMap::new();
    for token in name_tokens(&document) {
        if token.lang == Lang::German {
            continue;
        }
        let entry = seen.entry(token.text).or_default();
        entry.0.push(token.span.start);
        entry.1 |= !token.initial && !token.heading;
    }
    seen.into_iter()
        .filter(|(word, (at, mid))| {
            at.len() >= 2
                && *mid
                && word.chars().count() >= 5
                && word.chars().all(char::is_alphabetic)
                && !is_english_word(&fold(word))
        })
        .map(|(word, (at, _))| (word.to_string(), at))
        .collect()
}

fn findings(path: &str, text: &str, settings: &Settings) -> Vec<Diagnostic> {
    check(&Source::new(path, text), settings)
}

#[derive(Default)]
struct Tally {
    runs: usize,
    flagged: usize,
    fixed_right: usize,
    fixed_wrong: usize,
    reported_without_fix: usize,
    /// Reported as two spellings seen, the slip among them, without a fix.
    split: usize,
    collateral: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.runs += other.runs;
        self.flagged += other.flagged;
        self.fixed_right += other.fixed_right;
        self.fixed_wrong += other.fixed_wrong;
        self.reported_without_fix += other.reported_without_fix;
        self.split += other.split;
        self.collateral += other.collateral;
    }

    fn line(&self, label: &str) -> String {
        let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
        let fixes = self.fixed_right + self.fixed_wrong;
        format!(
            "{label:<14} runs {:>5}  recall {:.3}  fix right {:.3} ({} of {} fixes; {} wrong way, \
             {} flagged without fix, {} as split spellings)  collateral {}",
            self.runs,
            share(self.flagged, self.runs),
            share(self.fixed_right, fixes),
            self.fixed_right,
            fixes,
            self.fixed_wrong,
            self.reported_without_fix,
            self.split,
            self.collateral
        )
    }
}

#[allow(clippy::print_stdout, reason = "the figures are the output")]
fn main() {
    let mut args = std::env::args().skip(1);
    let root =
        PathBuf::from(args.next().unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real").into()
        }));
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let seed: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let settings = only_name_inconsistent();

    let articles: Vec<Article> = read_corpus(&root)
        .into_iter()
        .map(|(path, text)| {
            let format = Format::from_path(&path);
            let names = names_of(&text, format);
            let vocabulary = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            let findings = findings(&path, &text, &settings)
                .into_iter()
                .map(|d| (d.span.start, text[d.span.start..d.span.end].to_string()))
                .collect();
            Article {
                words: text.split_whitespace().count(),
                path,
                text,
                names,
                vocabulary,
                findings,
            }
        })
        .collect();
    let words: usize = articles.iter().map(|a| a.words).sum();
    let untouched: usize = articles.iter().map(|a| a.findings.len()).sum();
    println!(
        "corpus {}: {} articles, {} words; untouched findings {} = {:.2} per 20,000 words",
        root.display(),
        articles.len(),
        words,
        untouched,
        untouched as f64 * 20_000.0 / words.max(1) as f64
    );
    for article in &articles {
        for (at, word) in &article.findings {
            println!("  untouched: {} @{at} {word}", article.path);
        }
    }

    // Every (article, name) pair is equally likely: long articles with many names weigh
    // more, as they would in an editor's week.
    let pool: Vec<(usize, usize)> = articles
        .iter()
        .enumerate()
        .flat_map(|(a, article)| (0..article.names.len()).map(move |n| (a, n)))
        .collect();
    println!("names written at least twice: {}", pool.len());
    let mut rng = Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut by_kind: BTreeMap<Slip, Tally> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let mut done = 0;
    let mut attempts = 0;
    while done < runs && attempts < runs * 20 && !pool.is_empty() {
        attempts += 1;
        let (a, n) = pool[rng.below(pool.len())];
        let article = &articles[a];
        let (word, occurrences) = &article.names[n];
        let at = occurrences[rng.below(occurrences.len())];
        let kind = SLIPS[rng.below(SLIPS.len())];
        let Some(slipped) = inject(word, kind, &mut rng) else {
            continue;
        };
        // A slip that is already a word of the text is not a slip the rule could see.
        if article.vocabulary.contains(&slipped) {
            continue;
        }
        done += 1;
        let end = at + word.len();
        let delta = slipped.len() as isize - word.len() as isize;
        let text = format!("{}{slipped}{}", &article.text[..at], &article.text[end..]);
        let found = findings(&article.path, &text, &settings);
        let tally = by_kind.entry(kind).or_default();
        tally.runs += 1;
        let mut hit = false;
        for d in &found {
            let fix = d.fix.as_ref().and_then(|f| f.edits.first());
            if d.span.start == at {
                hit = true;
                match fix {
                    Some(e) if e.content == *word => tally.fixed_right += 1,
                    Some(_) => tally.fixed_wrong += 1,
                    None => tally.reported_without_fix += 1,
                }
                continue;
            }
            // No fix, and the slip named among the spellings seen: the editor sees it.
            if fix.is_none() && d.labels.iter().any(|l| l.span.start == at) {
                hit = true;
                tally.split += 1;
                continue;
            }
            let flagged = &text[d.span.start..d.span.end];
            // The right spelling "fixed" to the slip: the wrong way round.
            if flagged == word && fix.is_some_and(|e| e.content == slipped) {
                tally.fixed_wrong += 1;
                continue;
            }
            let original = if d.span.start > at {
                (d.span.start as isize - delta) as usize
            } else {
                d.span.start
            };
            if !article.findings.iter().any(|(s, _)| *s == original) {
                tally.collateral += 1;
            }
        }
        if hit {
            tally.flagged += 1;
        } else if misses.len() < 60 {
            misses.push(format!(
                "  missed {kind:?}: {word} -> {slipped} ({}x) in {}",
                occurrences.len(),
                article.path.rsplit('/').next().unwrap_or_default()
            ));
        }
    }
    let mut total = Tally::default();
    for (kind, tally) in &by_kind {
        println!("{}", tally.line(&format!("{kind:?}")));
        total.add(tally);
    }
    println!("{}", total.line("all"));
    if std::env::var_os("NAME_EVAL_MISSES").is_some() {
        for miss in misses {
            println!("{miss}");
        }
    }
}
