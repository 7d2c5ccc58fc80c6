//! What each fuzz target runs, shared with the stable replay test
//! (`tests/fuzz_corpus.rs` includes this file), so the seeds are checked on stable too.
//!
//! Every function takes raw bytes and must never panic; each also asserts the invariants
//! that the renderers and `--fix` rely on (spans are in range and on char boundaries).

use std::path::PathBuf;

use copydesk::config::ConfigFile;
use copydesk::document::date::{self, DateKind, FoundDate};
use copydesk::document::{Span, citation};
use copydesk::fix::{self, FixMode};
use copydesk::{Diagnostic, Document, Format, Settings, Source, check};

/// The parser in both formats, then `check` with default settings and both fix modes.
pub fn document(data: &[u8]) {
    for path in ["fuzz.md", "fuzz.txt"] {
        let Ok(source) = Source::from_bytes(path, data.to_vec()) else {
            return;
        };
        let format = Format::from_path(path);
        let parsed = Document::parse(&source.text, format);
        assert_document_spans(&parsed);
        let diagnostics = check(&source, &Settings::default());
        assert_diagnostic_spans(&source.text, &diagnostics);
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let (fixed, _) = fix::apply(&source.text, &diagnostics, mode);
            let _ = check(&Source::new(path, fixed), &Settings::default());
        }
    }
}

/// Settings for the `fix` target: every default rule and a user substitution rule, so that
/// fixes of every kind meet in one text.
fn fix_settings() -> &'static Settings {
    static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
    SETTINGS.get_or_init(|| {
        let file = ConfigFile {
            path: PathBuf::from("fuzz-config-dir-that-does-not-exist/copydesk.toml"),
            text: "[[rule]]\nname = \"house-email\"\nkind = \"substitution\"\n\
                   swap = { \"e-mail\" = \"email\", \"web site\" = \"website\" }\n"
                .to_string(),
            max_file_size: copydesk::files::DEFAULT_MAX_FILE_SIZE,
        };
        file.settings().expect("the fuzz config resolves")
    })
}

/// The whole `--fix` pipeline: check, fix until stable in both modes, check again. No
/// panic; every edit stays on the lines of its finding; fixing the fixed text changes
/// nothing (idempotent); the fixed text's findings have valid spans.
pub fn fix(data: &[u8]) {
    let settings = fix_settings();
    for path in ["fuzz.md", "fuzz.txt"] {
        let Ok(source) = Source::from_bytes(path, data.to_vec()) else {
            return;
        };
        let diagnostics = check(&source, settings);
        assert_diagnostic_spans(&source.text, &diagnostics);
        for diagnostic in &diagnostics {
            assert_edits_near_their_finding(&source.text, diagnostic);
        }
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let fixed = fix::fix_until_stable(&source, settings, mode);
            if fixed.cycle.is_some() {
                assert_eq!(fixed.applied, 0, "a cycle applies nothing");
                assert_eq!(fixed.source.text, source.text);
                continue;
            }
            let again = fix::fix_until_stable(&fixed.source, settings, mode);
            assert_eq!(
                again.applied, 0,
                "fixing the fixed text changed it again: {:?} → {:?}",
                fixed.source.text, again.source.text
            );
            let rechecked = check(&fixed.source, settings);
            assert_diagnostic_spans(&fixed.source.text, &rechecked);
            assert_eq!(
                fix::file_bytes(&again.source),
                fix::file_bytes(&fixed.source)
            );
        }
    }
}

/// A fix edits the finding's own lines: from the start of the line where its span or one
/// of its labels begins to the end of the line where one ends.
fn assert_edits_near_their_finding(text: &str, diagnostic: &Diagnostic) {
    let Some(fix) = &diagnostic.fix else {
        return;
    };
    let spans = std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
    let (start, end) = spans.fold((usize::MAX, 0), |(s, e), span| {
        (s.min(span.start), e.max(span.end))
    });
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| end + i + 1);
    for edit in &fix.edits {
        assert!(
            edit.span.start >= line_start && edit.span.end <= line_end.min(text.len()),
            "{}: edit {:?} outside the lines {line_start}..{line_end} of its finding in {text:?}",
            diagnostic.rule.name,
            edit.span
        );
    }
}

/// The date grammar: `date::scan` over the whole input, then every reading of each date.
pub fn date(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let whole = Span::new(0, text.len());
    // A hole over the middle third, as a URL would make.
    let third = floor_char_boundary(&text, text.len() / 3);
    let two_thirds = floor_char_boundary(&text, 2 * text.len() / 3).max(third);
    let holes = [Span::new(third, two_thirds)];
    for holes in [&[][..], &holes[..]] {
        let mut found = Vec::new();
        for (span, kind) in date::scan(&text, whole, holes) {
            assert_span(&text, span, "date");
            if let DateKind::Malformed(malformed) = kind {
                assert_span(&text, malformed.part, "malformed date part");
            }
            let found_date = FoundDate {
                span,
                kind,
                note: None,
            };
            let _ = found_date.date(None);
            let _ = found_date.possible_dates();
            for order in [
                date::DayMonthOrder::DayFirst,
                date::DayMonthOrder::MonthFirst,
            ] {
                if let Some(rendered_format) = found_date.format(Some(order))
                    && let Some(day) = found_date.date(Some(order))
                {
                    let _ = date::render(day, rendered_format);
                }
            }
            found.push(found_date);
        }
        let _ = date::inferred_order(&found);
    }
    // A scan of a span that starts inside the text, as the parser does for each run.
    let start = floor_char_boundary(&text, data.first().map_or(0, |&b| usize::from(b)));
    let _ = date::scan(&text, Span::new(start, text.len()), &[]);
}

/// The citation parser: dates in a span, and every note of a parsed document as a citation.
pub fn citation(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for found in citation::find_dates(&text, Span::new(0, text.len())) {
        assert_span(&text, found.span, "citation date");
    }
    for format in [Format::Markdown, Format::Plain] {
        let document = Document::parse(&text, format);
        for cited in citation::citations(&document) {
            assert!(cited.note < document.note_defs.len());
            for span in [cited.outlet, cited.title].into_iter().flatten() {
                assert_span(&text, span, "citation field");
            }
            for found in [cited.date, cited.title_date].into_iter().flatten() {
                assert_span(&text, found.span, "citation date");
            }
            if let Some(url) = cited.url {
                assert!(url < document.links.len());
            }
        }
    }
}

/// Config loading: TOML options, then resolution into settings. Errors are fine; their
/// spans must point into the config text, since the error renderer slices it.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = ConfigFile {
        path: PathBuf::from("fuzz-config-dir-that-does-not-exist/copydesk.toml"),
        text: text.to_string(),
        max_file_size: copydesk::files::DEFAULT_MAX_FILE_SIZE,
    };
    match file.settings() {
        Ok(settings) => {
            let source = Source::new("fuzz.md", "Claim 23//2023 in 2019.[^1]\n");
            let _ = check(&source, &settings);
        }
        Err(errors) => {
            for span in errors.iter().filter_map(|error| error.span.clone()) {
                assert_span(text, Span::new(span.start, span.end), "config error");
            }
        }
    }
}

/// Every span the document model holds lies within the text, on char boundaries.
pub fn assert_document_spans(document: &Document<'_>) {
    let text = document.text;
    let spans = document
        .blocks
        .iter()
        .map(|b| b.span)
        .chain(document.text_runs.iter().map(|r| r.span))
        .chain(document.note_refs.iter().map(|r| r.span))
        .chain(
            document
                .note_defs
                .iter()
                .flat_map(|d| [d.span, d.label, d.body]),
        )
        .chain(document.links.iter().map(|l| l.span))
        .chain(document.link_sites.iter().copied())
        .chain(document.excluded.iter().copied())
        .chain(document.dates.iter().map(|d| d.span));
    for span in spans {
        assert_span(text, span, "document");
    }
}

/// Every diagnostic span, label span and fix edit span lies within `text`, on char
/// boundaries, and the edits of one fix are sorted and do not overlap.
pub fn assert_diagnostic_spans(text: &str, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let rule = diagnostic.rule.name;
        assert_span(text, diagnostic.span, rule);
        for label in &diagnostic.labels {
            assert_span(text, label.span, rule);
        }
        let Some(fix) = &diagnostic.fix else {
            continue;
        };
        for edit in &fix.edits {
            assert_span(text, edit.span, rule);
        }
        for pair in fix.edits.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "{rule}: edits of one fix overlap or are unsorted: {:?}",
                fix.edits
            );
        }
    }
}

/// `span` is a well-formed range of `text` that starts and ends on char boundaries.
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries in {text:?}"
    );
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
