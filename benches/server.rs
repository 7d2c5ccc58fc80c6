//! `copydesk server` as an editor feels it: the time from a change of the 12 KB
//! reference article to its diagnostics (the 15 ms debounce included), and the server's
//! memory over 1,000 edits. Run with `cargo bench --bench server`.

#[path = "../tests/common/lsp.rs"]
#[allow(dead_code)]
mod lsp;

use std::time::{Duration, Instant};

use lsp::{Client, url};
use serde_json::json;

/// Edits measured by `cargo bench`; `cargo test --all-targets` runs a few, as a smoke test.
const EDITS: usize = 1000;
const SMOKE_EDITS: usize = 12;

/// Resident memory of a process, in KiB, from `/proc` (Linux).
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let edits = if std::env::args().any(|a| a == "--bench") {
        EDITS
    } else {
        SMOKE_EDITS
    };
    let article = include_str!("../tests/readable/reference-article.txt");
    let dir = tempfile::tempdir().unwrap();
    let uri = url(&dir.path().join("reference-article.txt"));
    let mut client = Client::start(dir.path(), json!({}));
    let pid = client.child.id();
    client.open(&uri, article);
    let mut latencies = Vec::with_capacity(edits);
    let mut memory_after_10 = None;
    for edit in 0..edits {
        // A word typed at the end of a paragraph, then taken back.
        let text = if edit % 2 == 0 {
            article.replacen(".\n", &format!(" word{edit}.\n"), 1)
        } else {
            article.to_string()
        };
        let start = Instant::now();
        client.change(&uri, edit as u32 + 2, &text);
        latencies.push(start.elapsed());
        if edit == 9 {
            memory_after_10 = resident_kib(pid);
        }
    }
    let memory_after_all = resident_kib(pid);
    let exit = client.shut_down();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "server/change-to-diagnostics (12 KB article, {edits} edits): median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(1.0))
    );
    if let (Some(before), Some(after)) = (memory_after_10, memory_after_all) {
        println!("server/memory: {before} KiB after 10 edits, {after} KiB after {edits}");
    }
    println!("server/exit: gone {:.1} ms after `exit`", ms(exit));
}
