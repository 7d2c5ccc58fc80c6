//! Throughput of the learned claim scorer over the sentences of the generated corpus.

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::hint::black_box;

use copydesk::rules::claim::ClaimLanguage;
use copydesk::rules::claim::scorer::ClaimModel;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The lines of 400 generated articles, cut at full stops: sentence-sized pieces.
fn sentences() -> Vec<String> {
    let mut rng = corpus::Rng(corpus::SEED | 1);
    let mut out = Vec::new();
    for i in 0..400 {
        let (text, _) = corpus::article(&mut rng, i);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            out.extend(line.split_inclusive(". ").map(str::to_string));
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let sentences = sentences();
    let bytes: u64 = sentences.iter().map(|s| s.len() as u64).sum();
    let mut group = c.benchmark_group("claim-model");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    for (name, language) in [
        ("en", ClaimLanguage::English),
        ("es", ClaimLanguage::Spanish),
    ] {
        let model = ClaimModel::builtin(language).expect("the shipped model loads");
        group.bench_function(format!("score/{name}"), |b| {
            b.iter(|| {
                for sentence in &sentences {
                    black_box(model.score(sentence));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(claim_model, benches);
criterion_main!(claim_model);
