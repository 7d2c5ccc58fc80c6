//! The fuzz targets' seeds and a few thousand generated inputs, run on stable: every seed
//! under `fuzz/corpus/<target>/` goes through the same function its target calls
//! (`fuzz/src/lib.rs`, included here), so CI exercises them without cargo-fuzz.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

fn target(name: &str) -> fn(&[u8]) {
    match name {
        "document" => harness::document,
        "date" => harness::date,
        "citation" => harness::citation,
        "config" => harness::config,
        "fix" => harness::fix,
        other => panic!("fuzz/corpus/{other}: no fuzz target of that name"),
    }
}

#[test]
fn every_seed_runs_through_its_target() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut targets: Vec<_> = std::fs::read_dir(&corpus)
        .expect("fuzz/corpus exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    targets.sort();
    let names: Vec<String> = targets
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["citation", "config", "date", "document", "fix"]);
    for (dir, name) in targets.iter().zip(&names) {
        let run = target(name);
        let mut seeds = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{} panicked", path.display());
            seeds += 1;
        }
        assert!(seeds > 0, "fuzz/corpus/{name} has no seeds");
    }
}

/// The benchmark corpus's xorshift64*: a fixed seed gives the same inputs on every run.
#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
use corpus::Rng;

/// Pieces that make the parser and the rules take their less travelled paths.
const FRAGMENTS: &[&str] = &[
    "Claim",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    ".",
    ",",
    "# ",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "`",
    "```\n",
    "*",
    "_",
    "\"",
    "“",
    "”",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "[^1]",
    "[^2]",
    "[^a]",
    "[^1]: ",
    "[^2]: ",
    "[^",
    "¹",
    "²",
    "³",
    "¹³",
    "⁰",
    "\n¹ ",
    "\n² ",
    "<!-- ",
    " -->",
    "<!-- copydesk-disable-next-line date-malformed -- quoted -->",
    "<!-- copydesk-disable url",
    "---\n",
    "23//2023",
    "31/06/2022",
    "2/08/2023",
    "20/7/2023",
    "2023-07-20",
    "2023-7-",
    "20/07-2023",
    "20/7/20233",
    "/07/2023",
    "24/7",
    "1/2",
    "2019/20",
    "July 20, 2023",
    "Sept. 4",
    "20 de julio de 2023",
    "31 de abril",
    "2019",
    "45%",
    "the largest",
    "according to",
    "https://www.understandingwar.org/backgrounder/iran",
    "https://www.understandingwar.org/backgroundunder/iran",
    "<https://example.org/reports/2023/07/20/a>",
    "http//example.org/a",
    "htp://example.org/a b",
    "https://",
    "[text](https://example.org/x)",
    "[id]: https://example.org/y\n",
    "ISW: *Iran Update*. ",
    "Shaheed 136",
    "Shahed-136",
    "Pinera",
    "Piñera",
    "Zelensky",
    "Zelenskyy",
    "é",
    "\u{301}",
    "\u{feff}",
    "\u{200b}",
    "🦀",
    "\t",
    "\\",
    "&amp;",
    "\0",
];

fn generated_input(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..rng.below(40) {
        match rng.below(10) {
            // Random bytes, often invalid UTF-8.
            0 => bytes.extend((0..rng.below(8)).map(|_| rng.next() as u8)),
            // A random ASCII character.
            1 => bytes.push(b' ' + rng.below(95) as u8),
            _ => bytes.extend_from_slice(FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes()),
        }
    }
    bytes
}

#[test]
fn generated_inputs_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..3_000u32 {
        let input = generated_input(&mut rng);
        let outcome = std::panic::catch_unwind(|| {
            harness::document(&input);
            harness::date(&input);
            harness::citation(&input);
            // The whole fix pipeline checks a text several times: a share of the cases.
            if case.is_multiple_of(4) {
                harness::fix(&input);
            }
        });
        assert!(
            outcome.is_ok(),
            "case {case} panicked on {:?}",
            String::from_utf8_lossy(&input)
        );
    }
}
