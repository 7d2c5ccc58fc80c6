//! Bad and adversarial inputs: a clear error or a clean pass, never a panic or a hang.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use copydesk::{Settings, Source, check};

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run copydesk")
}

#[test]
fn binary_files_error_when_named_and_are_skipped_in_walks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nul.md"), [0u8; 64]).unwrap();
    std::fs::write(dir.path().join("ok.md"), "Fine.\n").unwrap();
    let named = copydesk(dir.path(), &["check", "nul.md", "ok.md"]);
    assert_eq!(named.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&named.stderr).contains("nul.md: binary file"));
    let walked = copydesk(dir.path(), &["check", "."]);
    assert_eq!(
        walked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&walked.stderr)
    );
}

#[test]
fn empty_utf16_and_cr_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("Claim.[^1]\r\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("wide.md"), &utf16).unwrap();
    std::fs::write(dir.path().join("cr.md"), "One.\rTwo.[^1]\rThree.\r").unwrap();
    let out = copydesk(
        dir.path(),
        &[
            "check", "--format", "concise", "empty.md", "wide.md", "cr.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("wide.md:1:7: error[footnote-undefined]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("cr.md:2:5: error[footnote-undefined]"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_a_walk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("a/up")).unwrap();
    std::fs::write(dir.path().join("a/story.md"), "Fine.\n").unwrap();
    let out = copydesk(dir.path(), &["check", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Checks a generated document under a generous bound: enough to catch a quadratic
/// blow-up, not a benchmark.
fn bounded(name: &str, text: String, format_path: &str) {
    let source = Source::new(format_path, text);
    let started = Instant::now();
    let _ = check(&source, &Settings::default());
    let elapsed = started.elapsed();
    // Unoptimised builds of copydesk itself are several times slower.
    let bound = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 20 });
    assert!(elapsed < bound, "{name} took {elapsed:?}");
    eprintln!("{name}: {elapsed:?}");
}

#[test]
fn adversarial_documents_stay_linear() {
    let sentences: String = (0..100_000)
        .map(|i| format!("Sentence {i} says the U.S. grew by {i}% in 2019. "))
        .collect();
    bounded("one paragraph of 100,000 sentences", sentences, "a.md");

    let names: String = (0..20_000)
        .map(|i| {
            let a = char::from(b'A' + (i % 26) as u8);
            let b = char::from(b'a' + (i / 26 % 26) as u8);
            let c = char::from(b'a' + (i / 676 % 26) as u8);
            format!("Minister {a}{b}{c}ovich Q{i} met {a}{c}{b}ev. ")
        })
        .collect();
    bounded("20,000 distinct capitalised names", names, "b.md");

    let line = "word https://example.org/a/b 23/7/2023 ".repeat(10 * 1024 * 1024 / 38);
    bounded("a 10 MB single line", line, "c.txt");

    let mut notes: String = (1..=50_000).map(|i| format!("Claim {i}.[^{i}] ")).collect();
    notes.push_str("\n\n");
    notes.extend((1..=50_000).map(|i| format!("[^{i}]: Source {i}, 2020.\n")));
    bounded("50,000 notes", notes, "d.md");

    let superscripts: String = (1..=5_000)
        .map(|i| format!("Claim {i} word{}.\n\n", to_superscript(i)))
        .collect::<String>()
        + &(1..=5_000)
            .map(|i| format!("{} Source {i}.\n\n", to_superscript(i)))
            .collect::<String>();
    bounded("5,000 superscript notes", superscripts, "e.txt");

    let quotes = format!("{} deep quote with a note.[^1]\n", ">".repeat(10_000));
    bounded("10,000 nested block quotes", quotes, "f.md");
}

fn to_superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][c.to_digit(10).unwrap() as usize]
        })
        .collect()
}

/// The best of three wall times of `run` on `text`: the least disturbed by other work on
/// the machine.
fn best_time(text: &str, run: &dyn Fn(&str) -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut found = 0;
    for _ in 0..3 {
        let started = Instant::now();
        found = run(text);
        best = best.min(started.elapsed());
    }
    (best, found)
}

/// Checks `make(n)` and `make(4 * n)`: four times the input may cost at most seven times
/// the time (linear is four, quadratic sixteen), and the larger run stays under a
/// generous bound, a backstop only. A ratio over the limit is measured again, up to three
/// times, since other tests share the machine: a quadratic cost fails every time.
fn grows_linearly(
    name: &str,
    n: usize,
    make: &dyn Fn(usize) -> String,
    run: &dyn Fn(&str) -> usize,
) {
    let (small, large) = (make(n), make(4 * n));
    let mut best_ratio = f64::MAX;
    for _ in 0..3 {
        let (small_time, small_found) = best_time(&small, run);
        let (large_time, large_found) = best_time(&large, run);
        let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-4);
        eprintln!(
            "{name}: {} B {small_time:?} ({small_found} findings) → {} B {large_time:?} ({large_found} findings), ×{ratio:.1}",
            small.len(),
            large.len()
        );
        let bound = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 20 });
        assert!(large_time < bound, "{name}: {large_time:?}");
        best_ratio = best_ratio.min(ratio);
        if best_ratio <= 7.0 {
            return;
        }
    }
    panic!("{name}: 4× the input took {best_ratio:.1}× the time");
}

/// Checks a document as `path` and renders its findings in every format, as the CLI does.
fn check_and_render(path: &str, text: &str) -> usize {
    use copydesk::render::{Format as Output, file_part};
    let source = Source::new(path, text);
    let diagnostics = check(&source, &Settings::default());
    for format in [
        Output::Human,
        Output::Json,
        Output::Sarif,
        Output::Concise,
        Output::Github,
    ] {
        let part = file_part(format, &source, &diagnostics, false);
        if format == Output::Human {
            // Each finding shows a window of its line, not the whole line.
            let per_finding = part.text.len() / diagnostics.len().max(1);
            assert!(
                per_finding < 2_000,
                "{path}: {per_finding} bytes of human output per finding"
            );
        }
    }
    diagnostics.len()
}

/// Issue 14, rows 6–12: each shape that was quadratic, at sizes where it showed.
#[test]
fn scaling_rows_grow_linearly() {
    // 6: many findings on one line, in the default human output.
    grows_linearly("notes on one line", 1_250, &|n| "a[^x] ".repeat(n), &|t| {
        check_and_render("a.md", t)
    });
    grows_linearly(
        "one paragraph of claim sentences",
        400,
        &|n| {
            (0..n)
                .map(|i| {
                    format!("The ministry said exports rose {i}% in 2019 to 3 billion dollars. ")
                })
                .collect()
        },
        &|t| check_and_render("claims.txt", t),
    );
    // 7: findings of every family on one line, in every format.
    grows_linearly(
        "every family on one line",
        2_500,
        &|n| "word 23//2023 Shaheed Shahed ".repeat(n),
        &|t| check_and_render("b.txt", t),
    );
    // 8: url-malformed.
    grows_linearly(
        "malformed URLs",
        10_000,
        &|n| "see http//example.com/a\n".repeat(n),
        &|t| check_and_render("c.txt", t),
    );
    // 9: url-path-typo, thousands of near-miss sections of one host.
    grows_linearly(
        "near-miss URL sections",
        2_500,
        &|n| {
            (0..n)
                .map(|i| {
                    let letters: String = [i % 26, i / 26 % 26, i / 676 % 26, i / 17_576 % 26]
                        .iter()
                        .map(|&k| char::from(b'a' + k as u8))
                        .collect();
                    format!("<https://example.org/{letters}ection/p>\n")
                })
                .collect()
        },
        &|t| check_and_render("d.txt", t),
    );
    // 10: citation-duplicate, one title cited with a different URL in every note.
    grows_linearly(
        "one title, many URLs",
        2_500,
        &|n| {
            let mut text: String = (1..=n).map(|i| format!("Claim {i}.[^{i}]\n")).collect();
            text.push('\n');
            text.extend((1..=n).map(|i| {
                format!("[^{i}]: Author, *The Same Report on Water*, 2021. <https://example.org/r/{i}>\n")
            }));
            text
        },
        &|t| check_and_render("e.md", t),
    );
    // 11: name-inconsistent, one sound written in thousands of ways.
    grows_linearly(
        "vowel variants of one name",
        4_000,
        &|n| {
            let vowels = ['a', 'e', 'i', 'o', 'u'];
            (0..n)
                .map(|i| {
                    let v = |k: usize| vowels[i / 5usize.pow(k as u32) % 5];
                    format!(
                        "Minister B{}r{}t{}n{}k{}l{} spoke today.\n\n",
                        v(0),
                        v(1),
                        v(2),
                        v(3),
                        v(4),
                        v(5)
                    )
                })
                .collect()
        },
        &|t| check_and_render("f.md", t),
    );
    // 12: suppressions, disable/enable pairs and next-line comments around findings.
    grows_linearly(
        "suppression comments",
        2_500,
        &|n| {
            (0..n)
                .map(|i| {
                    format!(
                        "<!-- copydesk-disable date-malformed -->\nOn 23//2023 it rained.\n<!-- copydesk-enable date-malformed -->\n\
                         <!-- copydesk-disable-next-line name -->\nSee http//example.com/{i} here.\n\n"
                    )
                })
                .collect()
        },
        &|t| check_and_render("g.md", t),
    );
}

/// Issue 14, rows 15 and 18: escape sequences in an article never reach the terminal raw,
/// and a file with lone carriage returns has one line model in every format.
#[test]
fn control_characters_are_escaped_and_lone_cr_lines_agree() {
    use copydesk::render::{Format as Output, file_part};
    let text = "Intro.\rOn 31/06/2022 the title \u{1b}]0;pwned\u{7} changed \u{1b}[2J.\r";
    let source = Source::new("cr.md", text);
    let diagnostics = check(&source, &Settings::default());
    assert!(!diagnostics.is_empty());
    let human =
        String::from_utf8(file_part(Output::Human, &source, &diagnostics, false).text).unwrap();
    let concise =
        String::from_utf8(file_part(Output::Concise, &source, &diagnostics, false).text).unwrap();
    for output in [&human, &concise] {
        assert!(
            !output.contains('\u{1b}') && !output.contains('\u{7}'),
            "{output}"
        );
    }
    assert!(human.contains("␛]0;pwned␇"), "{human}");
    // Human output names the file once, then each finding's line and column.
    assert!(
        human.starts_with("cr.md\n") && human.contains("\n2:4: "),
        "{human}"
    );
    assert!(concise.contains("cr.md:2:4:"), "{concise}");
    let sarif = &file_part(Output::Sarif, &source, &diagnostics, false).values[0];
    let region = &sarif["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(2), Some(4)),
        "{sarif}"
    );
}
