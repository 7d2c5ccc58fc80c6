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
