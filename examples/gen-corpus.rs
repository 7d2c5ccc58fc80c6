//! Writes a deterministic corpus of realistic articles for benchmarks.
//!
//! `cargo run --release --example gen-corpus -- DIR N [SEED]` writes N articles of about
//! 5 KB each (see `benches/support/corpus.rs`).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen-corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let seed = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_c0de_u64)
        | 1;
    let dir = PathBuf::from(dir);
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {error}", dir.display());
        std::process::exit(2);
    }
    let mut rng = corpus::Rng(seed);
    let mut bytes = 0;
    for index in 0..count {
        let (text, extension) = corpus::article(&mut rng, index);
        bytes += text.len();
        let path = dir.join(format!("article-{index:05}.{extension}"));
        if let Err(error) = std::fs::write(&path, text) {
            eprintln!("error: {}: {error}", path.display());
            std::process::exit(2);
        }
    }
    println!(
        "wrote {count} articles, {bytes} bytes, to {}",
        dir.display()
    );
}
