//! A measurement of the name rules, run by hand.

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
        &super::inconsistent::NAME_INCONSISTENT,
        &super::variant::NAME_VARIANT,
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
