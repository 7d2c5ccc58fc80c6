//! Throughput per stage (parse, each rule family, render), whole-file latency for a 12 KB
//! article, and a whole-corpus run, over the generated corpus.

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::hint::black_box;

use copydesk::{Document, Format, Settings, Source, render, rules};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// 400 generated articles (about 2 MB), as (path, text).
fn articles() -> Vec<(String, String)> {
    let mut rng = corpus::Rng(corpus::SEED | 1);
    (0..400)
        .map(|i| {
            let (text, extension) = corpus::article(&mut rng, i);
            (format!("article-{i}.{extension}"), text)
        })
        .collect()
}

fn family_settings(family: &str) -> Settings {
    let mut settings = Settings::default();
    for rule in rules::REGISTRY {
        settings.set_enabled(rule, rule.family() == family && rule.enabled_by_default);
    }
    settings
}

fn benches(c: &mut Criterion) {
    let articles = articles();
    let bytes: u64 = articles.iter().map(|(_, t)| t.len() as u64).sum();
    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (path, text) in &articles {
                black_box(Document::parse(text, Format::from_path(path)));
            }
        })
    });
    let documents: Vec<Document<'_>> = articles
        .iter()
        .map(|(p, t)| Document::parse(t, Format::from_path(p)))
        .collect();
    let mut families: Vec<&str> = rules::REGISTRY.iter().map(|r| r.family()).collect();
    families.dedup();
    for family in families {
        let settings = family_settings(family);
        group.bench_function(format!("rules/{family}"), |b| {
            b.iter(|| {
                for document in &documents {
                    black_box(copydesk::check_document(document, &settings));
                }
            })
        });
    }
    let sources: Vec<Source> = articles
        .iter()
        .map(|(p, t)| Source::new(p.clone(), t.clone()))
        .collect();
    let settings = Settings::default();
    let checked: Vec<_> = sources
        .iter()
        .map(|s| copydesk::check(s, &settings))
        .collect();
    group.bench_function("render/human", |b| {
        b.iter(|| {
            for (source, diagnostics) in sources.iter().zip(&checked) {
                black_box(render::human(source, diagnostics, false));
            }
        })
    });
    group.bench_function("render/json", |b| {
        b.iter(|| {
            for (source, diagnostics) in sources.iter().zip(&checked) {
                black_box(render::file_part(
                    render::Format::Json,
                    source,
                    diagnostics,
                    false,
                ));
            }
        })
    });
    group.bench_function("whole/check", |b| {
        b.iter(|| {
            for source in &sources {
                black_box(copydesk::check(source, &settings));
            }
        })
    });
    group.finish();

    // One 12 KB article: parse, every rule, render.
    let mut rng = corpus::Rng(7);
    let mut article = String::new();
    let mut index = 0;
    while article.len() < 12 * 1024 {
        article.push_str(&corpus::article(&mut rng, index * 2).0);
        index += 1;
    }
    article.truncate(article.floor_char_boundary(12 * 1024));
    let source = Source::new("latency.md", article);
    c.bench_function("latency/12KB-article", |b| {
        b.iter(|| {
            let diagnostics = copydesk::check(&source, &settings);
            black_box(render::human(&source, &diagnostics, false))
        })
    });
}

/// One paragraph of `megabytes` MB with `count` findings spread evenly over it, each with
/// a primary label, as the claim rule reports them.
fn spread_findings(megabytes: usize, count: usize) -> (Source, Vec<copydesk::Diagnostic>) {
    let sentence = "The council said the plant cost 45% more than planned in 2024. ";
    let text = format!(
        "{}\n",
        sentence.repeat(megabytes * 1_000_000 / sentence.len())
    );
    let step = text.len() / count;
    let diagnostics = (0..count)
        .map(|i| {
            let at = text.floor_char_boundary(i * step);
            let span = copydesk::span::Span::new(at, at + 3);
            copydesk::Diagnostic::new(rules::REGISTRY[0], span, "finding")
                .with_primary_label(span, "here")
        })
        .collect();
    (Source::new("big.md", text), diagnostics)
}

/// Issue 18's target: rendering 1,000 findings stays linear and under 50 ms per MB of
/// article. 1 MB and 10 MB with 1,000 findings tell the cost per byte, 10 MB with 10,000
/// the cost per finding; criterion's MiB/s over 20 MiB/s meets the target.
fn many_findings(c: &mut Criterion) {
    let mut group = c.benchmark_group("render-findings");
    group.sample_size(10);
    for (megabytes, count) in [(1, 1_000), (10, 1_000), (10, 10_000)] {
        let (source, diagnostics) = spread_findings(megabytes, count);
        group.throughput(Throughput::Bytes(source.text.len() as u64));
        for format in [render::Format::Human, render::Format::Html] {
            group.bench_function(format!("{format:?}/{megabytes}MB-{count}"), |b| {
                b.iter(|| {
                    black_box(render::file_part_at_width(
                        format,
                        &source,
                        &diagnostics,
                        false,
                        100,
                        Some(copydesk::Severity::Warning),
                    ))
                })
            });
        }
    }
    group.finish();
}

criterion_group!(throughput, benches, many_findings);
criterion_main!(throughput);
