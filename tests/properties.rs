//! Properties of `check` and `--fix` over generated articles built from fragments that make
//! the rules fire (malformed and invalid dates, URL typos, notes, superscripts, name
//! variants), so that real fixes are exercised, not just empty inputs.

use copydesk::document::Span;
use copydesk::fix::{self, FixMode};
use copydesk::{Diagnostic, Settings, Source, check};
use proptest::prelude::*;

/// Words and phrases, each of which takes part in at least one rule.
const FRAGMENTS: &[&str] = &[
    "The ministry said",
    "exports rose",
    "the largest number of staff",
    "by 45% in 2019",
    "on 23//2023",
    "on 31/06/2022",
    "on 2/08/2023",
    "on 20/7/2023",
    "on 2023-07-20",
    "on 20 July 2023",
    "on July 20, 2023",
    "24/7",
    "the Shaheed 136 drone",
    "the Shahed-136 drone",
    "Pinera",
    "Piñera",
    "Zelensky",
    "Zelenskyy",
    "Teheran",
    "see https://www.understandingwar.org/backgroundunder/iran-update",
    "see <https://www.understandingwar.org/backgrounder/iran-update>",
    "see http//example.org/news",
    "see htp://example.org/news",
    "[^1]",
    "[^2]",
    "[^3]",
    "¹",
    "²",
    "³",
    "`23//2023`",
    "<!-- 31/06/2022 -->",
    "é",
    "🦀",
];

/// Note definitions, both syntaxes, with dates and URLs that rules check.
const NOTES: &[&str] = &[
    "[^1]: ISW, *Iran Update*. 23//2023. <https://www.understandingwar.org/backgroundunder/iran-update>",
    "[^2]: ISW, *Iran Update*. 20/7/2023. https://www.understandingwar.org/backgrounder/iran-update-b",
    "[^3]: Wire, [Drones](https://www.reuters.com/wrold/drones-2023-07-04/), 5 July 2023.",
    "[^1]: Ministry, *Tables*, 31/06/2022, <htp://trade.example.gov/statistics/tables>",
    "¹ ISW: *Iran Update*. 2/08/2023. <https://www.understandingwar.org/backgroundunder/a>",
    "² Desk notes, 20/7/2023. https://www.understandingwar.org/backgrounder/b",
    "³ Wire: “Shaheed 136 seen”. 2023-7-. http//example.org/news/drones",
    "¹ Notes with neither date nor URL.",
];

fn article() -> impl Strategy<Value = String> {
    let sentence = prop::collection::vec(prop::sample::select(FRAGMENTS), 1..8)
        .prop_map(|words| format!("{}.", words.join(" ")));
    let paragraph = prop::collection::vec(sentence, 1..4).prop_map(|sentences| sentences.join(" "));
    (
        prop::collection::vec(paragraph, 1..4),
        prop::collection::vec(prop::sample::select(NOTES), 0..4),
        any::<bool>(),
    )
        .prop_map(|(paragraphs, notes, crlf)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut text = paragraphs.join(&format!("{newline}{newline}"));
            text.push_str(newline);
            for note in notes {
                text.push_str(newline);
                text.push_str(note);
                text.push_str(newline);
            }
            text
        })
}

fn path() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&["article.md", "article.txt"][..])
}

fn assert_on_boundaries(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} outside {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} not on char boundaries"
    );
    Ok(())
}

fn check_spans(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        assert_on_boundaries(text, d.span, d.rule.name)?;
        for label in &d.labels {
            assert_on_boundaries(text, label.span, d.rule.name)?;
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert_on_boundaries(text, edit.span, d.rule.name)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// `--fix` output parses and checks again without a panic, and is itself within bounds.
    #[test]
    fn fixed_output_rechecks(text in article(), path in path(), unsafe_fixes in any::<bool>()) {
        let settings = Settings::default();
        let mode = if unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
        let fixed = fix::fix_until_stable(&Source::new(path, text), &settings, mode).source;
        let diagnostics = check(&fixed, &settings);
        check_spans(&fixed.text, &diagnostics)?;
        // A fixed point: nothing is left for another pass to change.
        prop_assert_eq!(fix::apply(&fixed.text, &diagnostics, mode).1, 0, "{:?}", fixed.text);
    }

    /// The edits `fix::apply` chooses are sorted and never overlap, and applying them is
    /// exactly what `apply` returns.
    #[test]
    fn chosen_fixes_never_overlap(text in article(), path in path()) {
        let source = Source::new(path, text);
        let diagnostics = check(&source, &Settings::default());
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let (chosen, applied) = fix::choose(&source.text, &diagnostics, mode);
            prop_assert!(applied <= diagnostics.len());
            for pair in chosen.windows(2) {
                let (a, b) = (pair[0].span, pair[1].span);
                prop_assert!(
                    a.end <= b.start && a.start != b.start,
                    "overlapping edits {:?} and {:?}", pair[0], pair[1]
                );
            }
            let mut expected = String::new();
            let mut cursor = 0;
            for edit in &chosen {
                expected.push_str(&source.text[cursor..edit.span.start]);
                expected.push_str(&edit.content);
                cursor = edit.span.end;
            }
            expected.push_str(&source.text[cursor..]);
            prop_assert_eq!(fix::apply(&source.text, &diagnostics, mode), (expected, applied));
        }
    }

    /// Every diagnostic span, label span and fix edit span lies on char boundaries within
    /// the text.
    #[test]
    fn spans_lie_on_char_boundaries(text in article(), path in path()) {
        let source = Source::new(path, text);
        let diagnostics = check(&source, &Settings::default());
        check_spans(&source.text, &diagnostics)?;
    }
}

/// The generator is worth something only if the rules fire and fixes get applied.
#[test]
fn generated_articles_exercise_fixes() {
    let text = format!(
        "{} {} {}.\n\n{}\n",
        FRAGMENTS[4], FRAGMENTS[12], FRAGMENTS[14], NOTES[0]
    );
    let source = Source::new("article.md", text);
    let diagnostics = check(&source, &Settings::default());
    assert!(
        diagnostics.iter().any(|d| d.fix.is_some()),
        "{diagnostics:?}"
    );
    let applied = fix::fix_until_stable(&source, &Settings::default(), FixMode::Unsafe).applied;
    assert!(applied > 0);
}
