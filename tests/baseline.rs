//! Baselines name files relative to the baseline file, so that they work from any
//! directory, and count as stale only the entries of files checked in the run.

mod common;

use common::copydesk;

use std::path::Path;

/// Two findings: an undefined note and a note defined twice.
const ARTICLE: &str = "The council met on Tuesday.[^1] It voted twice.[^2]\n\n\
                       [^1]: Council minutes, 2023.\n[^1]: Council minutes, again.\n";

/// A project with two articles under `docs/` and a baseline of both written from the
/// project's root into `gate/baseline.json`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::create_dir_all(dir.path().join("gate")).unwrap();
    std::fs::write(dir.path().join("docs/a.md"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("docs/b.md"), ARTICLE).unwrap();
    let write = copydesk(
        dir.path(),
        &["check", "--write-baseline", "gate/baseline.json", "docs"],
    );
    assert_eq!(write.status.code(), Some(0), "{write:?}");
    dir
}

fn summary(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn recorded_paths(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("gate/baseline.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 2);
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn paths_are_written_relative_to_the_baseline_file() {
    let dir = project();
    assert_eq!(
        recorded_paths(dir.path()),
        [
            "../docs/a.md",
            "../docs/a.md",
            "../docs/b.md",
            "../docs/b.md"
        ]
    );
}

#[test]
fn a_baseline_hides_its_findings_from_any_directory() {
    let dir = project();
    let runs: [(&Path, &[&str]); 3] = [
        (
            dir.path(),
            &["check", "--baseline", "gate/baseline.json", "docs"],
        ),
        (
            &dir.path().join("docs"),
            &[
                "check",
                "--baseline",
                "../gate/baseline.json",
                "a.md",
                "b.md",
            ],
        ),
        (
            &dir.path().join("gate"),
            &["check", "--baseline", "baseline.json", "../docs"],
        ),
    ];
    for (cwd, args) in runs {
        let out = copydesk(cwd, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert_eq!(
            summary(&out),
            "no findings in 2 files; 4 hidden by the baseline, 0 baseline entries stale",
            "{args:?}"
        );
    }
}

#[test]
fn only_the_checked_files_entries_can_be_stale() {
    let dir = project();
    let one = copydesk(
        dir.path(),
        &["check", "--baseline", "gate/baseline.json", "docs/a.md"],
    );
    assert_eq!(one.status.code(), Some(0), "{one:?}");
    assert_eq!(
        summary(&one),
        "no findings in 1 file; 2 hidden by the baseline, 0 baseline entries stale"
    );
    // Fixing one finding of a.md leaves its entry stale; b.md is not checked.
    let fixed = ARTICLE.replace("[^1]: Council minutes, again.\n", "");
    std::fs::write(dir.path().join("docs/a.md"), fixed).unwrap();
    let after_fix = copydesk(
        dir.path(),
        &["check", "--baseline", "gate/baseline.json", "docs/a.md"],
    );
    assert_eq!(after_fix.status.code(), Some(0), "{after_fix:?}");
    assert_eq!(
        summary(&after_fix),
        "no findings in 1 file; 1 hidden by the baseline, 1 baseline entries stale"
    );
}

#[test]
fn a_baseline_of_an_unknown_version_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), ARTICLE).unwrap();
    std::fs::write(
        dir.path().join("future.json"),
        r#"{"version": 99, "entries": []}"#,
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check", "--baseline", "future.json", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("future.json: baseline version 99"),
        "{stderr}"
    );
}
