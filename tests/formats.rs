//! Every output format on one fixture, SARIF schema validation, baselines and gating flags.

mod common;

use common::copydesk;

use std::path::Path;

const CONFIG: &str = r#"
[[rule]]
name = "house-email"
kind = "substitution"
swap = { "e-mail" = "email" }
"#;

const STORY: &str = "Readers wrote by e-mail, \"50% said: yes, please\".[^1] Others disagreed.[^2]\n\n[^1]: Readers' desk, 2024.\n[^1]: Readers' desk, again.\n";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), CONFIG).unwrap();
    std::fs::write(dir.path().join("story.md"), STORY).unwrap();
    dir
}

#[test]
fn every_format_snapshot() {
    let dir = setup();
    for format in ["human", "json", "sarif", "github", "junit", "concise"] {
        let out = copydesk(dir.path(), &["check", "--format", format, "story.md"]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8(out.stdout)
            .unwrap()
            .replace(env!("CARGO_PKG_VERSION"), "[version]");
        assert!(
            stdout.ends_with('\n'),
            "{format} output ends without a newline"
        );
        insta::assert_snapshot!(format!("format-{format}"), stdout);
    }
}

#[test]
fn sarif_validates_against_the_schema() {
    let dir = setup();
    let out = copydesk(dir.path(), &["check", "--format", "sarif", "story.md"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/sarif-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["fixes"].is_array()),
        "fixes[] present"
    );
    assert!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "footnote-undefined")
    );
}

#[test]
fn output_file_statistics_and_exit_zero() {
    let dir = setup();
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "report.json",
            "--statistics",
            "story.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("1 error") || stdout.contains("2 errors"),
        "{stdout}"
    );
    assert!(
        stdout.contains("footnote-duplicate"),
        "statistics: {stdout}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(
        copydesk(dir.path(), &["check", "--exit-zero", "story.md"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn baseline_hides_old_findings_and_reports_new_ones() {
    let dir = setup();
    let write = copydesk(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "story.md"],
    );
    assert_eq!(write.status.code(), Some(0));
    let clean = copydesk(
        dir.path(),
        &["check", "--baseline", "baseline.json", "story.md"],
    );
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    // A new paragraph above the old findings moves every line; none comes back.
    let moved = format!("A new opening paragraph, with no defect at all.\n\n{STORY}");
    std::fs::write(dir.path().join("story.md"), &moved).unwrap();
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
            "story.md",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A new defect is the only finding.
    std::fs::write(
        dir.path().join("story.md"),
        format!("{moved}\nA new claim.[^new]\n"),
    )
    .unwrap();
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
            "story.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["note `new` is not defined"]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("hidden by the baseline, 0 baseline entries stale")
    );
}

#[test]
fn parallel_output_is_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::write(dir.path().join(format!("a{i:02}.md")), "Claim.[^1]\n").unwrap();
    }
    let out = copydesk(dir.path(), &["check", "--format", "concise", "."]);
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines.len(), 40);
    assert_eq!(lines, sorted);
}

/// JUnit follows `--fail-on`: a finding below it is a passing testcase that shows the
/// finding, so a CI dashboard agrees with the exit code.
#[test]
fn junit_failures_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    // One error (an undefined note) and one info (a date in another style).
    let text = "Ships sailed.[^1][^2][^3][^9]\n\n\
                [^1]: Port office: *Log*. March 3, 2021. <https://example.org/log>\n\n\
                [^2]: Harbour board: *Notice*. April 9, 2021. <https://example.org/notice>\n\n\
                [^3]: Pilots' guild: *Bulletin*. 2021-05-14. <https://example.org/bulletin>\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let junit = |fail_on: &str| {
        let out = copydesk(
            dir.path(),
            &["check", "--format", "junit", "--fail-on", fail_on, "a.md"],
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let default = junit("warning");
    assert!(
        default.contains("<testsuites name=\"copydesk\" tests=\"2\" failures=\"1\">"),
        "{default}"
    );
    assert_eq!(default.matches("<failure").count(), 1, "{default}");
    assert!(default.contains("<system-out>a.md:7:"), "{default}");
    let strict = junit("info");
    assert!(strict.contains("failures=\"2\""), "{strict}");
    assert_eq!(strict.matches("<failure").count(), 2, "{strict}");
    let never = junit("never");
    assert!(!never.contains("<failure"), "{never}");
}
