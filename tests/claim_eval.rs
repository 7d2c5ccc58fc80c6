//! Scores `claim-uncited` against hand-labelled articles: `fixtures/claim-eval/`, the set
//! the rule was tuned on, and `fixtures/claim-holdout/`, written afterwards by a different
//! writer and only scored, never tuned on.
//!
//! Each article has a `NAME.labels.toml` beside it: `claims` are substrings of the
//! sentences that must be flagged, `scope` those whose status depends on the citation
//! scope (not counted either way). Every other sentence must stay silent. A finding
//! matches a label when the label starts inside the finding's sentence.
//!
//! `CLAIM_EVAL_VERBOSE=1 cargo test --test claim_eval -- --nocapture` prints every miss
//! and every false alarm.

use std::path::{Path, PathBuf};

use copydesk::{Settings, Source};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    claims: Vec<String>,
    #[serde(default)]
    scope: Vec<String>,
}

#[derive(Default)]
struct Score {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        let found = self.true_positives + self.false_positives;
        if found == 0 {
            1.0
        } else {
            self.true_positives as f64 / found as f64
        }
    }

    fn recall(&self) -> f64 {
        let expected = self.true_positives + self.false_negatives;
        if expected == 0 {
            1.0
        } else {
            self.true_positives as f64 / expected as f64
        }
    }
}

fn articles(set: &str) -> Vec<(PathBuf, Labels)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(set);
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the evaluation set exists") {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".labels.toml") else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let labels: Labels =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let article = ["md", "txt"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no article for {}", path.display()));
        found.push((article, labels));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The offset of `label` in `text`; each label must occur exactly once.
fn locate(text: &str, label: &str, article: &Path) -> usize {
    let mut at = text.match_indices(label).map(|(i, _)| i);
    match (at.next(), at.next()) {
        (Some(offset), None) => offset,
        _ => panic!(
            "{}: label `{label}` must occur exactly once",
            article.display()
        ),
    }
}

fn score(set: &str, language: &str) -> Score {
    let mut settings = Settings::default();
    settings.apply_selection(Some(&["claim-uncited".to_string()]), &[], &[]);
    let verbose = std::env::var_os("CLAIM_EVAL_VERBOSE").is_some();
    let mut total = Score::default();
    let selected = articles(set)
        .into_iter()
        .filter(|(path, _)| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{language}-")))
        })
        .collect::<Vec<_>>();
    assert!(!selected.is_empty(), "no `{language}-` articles");
    for (article, labels) in selected {
        let source = Source::read(&article).unwrap();
        let text = &source.text;
        let findings: Vec<_> = copydesk::check(&source, &settings)
            .into_iter()
            .map(|d| d.span)
            .collect();
        let claims: Vec<usize> = labels
            .claims
            .iter()
            .map(|l| locate(text, l, &article))
            .collect();
        let scoped: Vec<usize> = labels
            .scope
            .iter()
            .map(|l| locate(text, l, &article))
            .collect();
        let inside = |span: &copydesk::document::Span, at: usize| span.start <= at && at < span.end;
        for (label, &at) in labels.claims.iter().zip(&claims) {
            if findings.iter().any(|span| inside(span, at)) {
                total.true_positives += 1;
            } else {
                total.false_negatives += 1;
                if verbose {
                    println!("MISS  {}: {label}", article.display());
                }
            }
        }
        for span in &findings {
            let labelled = claims.iter().chain(&scoped).any(|&at| inside(span, at));
            if !labelled {
                total.false_positives += 1;
                if verbose {
                    println!(
                        "FALSE {}: {}",
                        article.display(),
                        text[span.start..span.end].replace('\n', " ")
                    );
                }
            }
        }
    }
    println!(
        "{set} {language}: precision {:.2}, recall {:.2} ({} true, {} false, {} missed)",
        total.precision(),
        total.recall(),
        total.true_positives,
        total.false_positives,
        total.false_negatives
    );
    total
}

fn assert_above_the_bar(set: &str, language: &str) {
    let score = score(set, language);
    assert!(
        score.precision() >= 0.85,
        "precision {:.2}",
        score.precision()
    );
    assert!(score.recall() >= 0.85, "recall {:.2}", score.recall());
}

#[test]
fn english_articles_score_above_the_bar() {
    assert_above_the_bar("claim-eval", "en");
}

#[test]
fn spanish_articles_score_above_the_bar() {
    assert_above_the_bar("claim-eval", "es");
}

#[test]
fn held_out_english_articles_score_above_the_bar() {
    assert_above_the_bar("claim-holdout", "en");
}

#[test]
fn held_out_spanish_articles_score_above_the_bar() {
    assert_above_the_bar("claim-holdout", "es");
}

#[test]
fn blind_english_articles_score_above_the_bar() {
    assert_above_the_bar("claim-blind", "en");
}

#[test]
fn blind_spanish_articles_score_above_the_bar() {
    assert_above_the_bar("claim-blind", "es");
}
