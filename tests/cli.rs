//! The command line: exit codes, formats and error paths.

mod common;

use common::copydesk;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn write(dir: &Path, name: &str, text: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const CLEAN: &str = "A claim.[^1]\n\n[^1]: Source, 2023.\n";
const UNDEFINED: &str = "A claim.[^1] Another.[^2]\n\n[^1]: Source, 2023.\n";

#[test]
fn clean_file_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", CLEAN.as_bytes());
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no findings in 1 file"));
}

#[test]
fn findings_exit_one_and_render_rustc_style() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", UNDEFINED.as_bytes());
    let out = copydesk(dir.path(), &["check", "--color", "never", "a.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The file once, then each finding's line and column before its severity and code.
    assert!(
        stdout.starts_with("a.md\n1:22: error[footnote-undefined]: note `2` is not defined\n"),
        "{stdout}"
    );
}

#[test]
fn fail_on_error_ignores_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        b"Claim.[^1]\n\n[^1]: One.\n[^2]: Two.\n",
    );
    assert_eq!(
        copydesk(dir.path(), &["check", "a.md"]).status.code(),
        Some(1)
    );
    let out = copydesk(dir.path(), &["check", "--fail-on", "error", "a.md"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "Ünïcode claim.[^1] More.[^2]\n\n[^1]: Source.\n".as_bytes(),
    );
    let out = copydesk(dir.path(), &["check", "--format", "json", "a.md"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["errors"], 1);
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "footnote-undefined");
    assert_eq!(diagnostic["code"], "CD101");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["path"], "a.md");
    let start = &diagnostic["range"]["start"];
    // Columns count scalar values, offsets count bytes: `Ü` and `ï` are two bytes each.
    assert_eq!(start["line"], 1);
    assert_eq!(start["column"], 25);
    assert_eq!(start["offset"], 26);
    assert_eq!(diagnostic["range"]["end"]["offset"], 30);
    assert!(diagnostic["labels"].is_array());
}

#[test]
fn missing_file_and_invalid_utf8_exit_two_but_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.md", b"valid start \xff\xfe end");
    write(dir.path(), "a.md", UNDEFINED.as_bytes());
    let out = copydesk(
        dir.path(),
        &["check", "--color", "never", "missing.md", "bad.md", "a.md"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.md"), "{stderr}");
    assert!(
        stderr.contains("bad.md: not valid UTF-8 (invalid byte at offset 12)"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("footnote-undefined"),
        "other files still checked: {stdout}"
    );
}

#[test]
fn stdin_uses_stdin_filename() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "story.txt",
            "-",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Claim¹ and claim².\n\n¹ Source.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 error"),
        "the summary goes to stderr: {stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["path"], "story.txt");
    assert_eq!(report["diagnostics"][0]["rule"], "footnote-undefined");
}

#[test]
fn directory_walk_honours_gitignore_and_extensions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", b"drafts/\n");
    write(dir.path(), "articles/a.md", UNDEFINED.as_bytes());
    write(dir.path(), "articles/b.txt", CLEAN.as_bytes());
    write(dir.path(), "articles/c.markdown", CLEAN.as_bytes());
    write(dir.path(), "articles/notes.html", UNDEFINED.as_bytes());
    write(dir.path(), "drafts/d.md", UNDEFINED.as_bytes());
    let out = copydesk(dir.path(), &["check", "--format", "json", "."]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 3);
    let paths: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["./articles/a.md"]);
}

#[test]
fn color_follows_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", UNDEFINED.as_bytes());
    let always = copydesk(dir.path(), &["check", "--color", "always", "a.md"]);
    assert!(always.stdout.contains(&0x1b));
    let auto = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "a.md"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!auto.stdout.contains(&0x1b));
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let rules = copydesk(dir.path(), &["rules"]);
    let table = String::from_utf8_lossy(&rules.stdout);
    assert!(
        table.contains("CD101") && table.contains("footnote-undefined"),
        "{table}"
    );
    let explain = copydesk(dir.path(), &["explain", "CD104"]);
    assert_eq!(explain.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&explain.stdout).contains("## Why is this bad"));
    assert_eq!(
        copydesk(dir.path(), &["explain", "no-such-rule"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn usage_error_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        copydesk(dir.path(), &["check", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
}

/// A fatal config error is not followed by "no findings in 0 files", which reads as a pass.
#[test]
fn a_fatal_config_error_is_not_summarised_as_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "bogus = 1\n").unwrap();
    std::fs::write(dir.path().join("a.md"), "Fine.\n").unwrap();
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!printed.contains("no findings"), "{printed}");
    assert!(
        printed.contains("no file checked, because of the errors above"),
        "{printed}"
    );
}

/// Every problem of a config file is shown in one run, in the order of the file, as a
/// compiler does: mistyped keys, unknown rules and bad values alike.
#[test]
fn every_config_error_is_shown_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "selekt = [\"date\"]\nignore = [\"dates\", \"url-stlye\"]\n\n[severity]\n\
         claim-uncitd = \"info\"\n\n[online]\ntimeout = 0\nmax-per-hst = 3\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "Fine.\n").unwrap();
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = [
        "unknown field `selekt`",
        "unknown rule `dates`",
        "unknown rule `url-stlye`",
        "unknown rule `claim-uncitd`",
        "must be more than zero",
        "unknown field `max-per-hst`",
    ];
    let mut at = 0;
    for message in expected {
        let found = stderr[at..].find(message);
        assert!(found.is_some(), "`{message}` after byte {at} in:\n{stderr}");
        at += found.unwrap();
    }
    assert_eq!(
        stderr.matches("error: invalid config").count(),
        6,
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `max-per-host`?"), "{stderr}");
}

/// `--stdin-filename` without `-` used to check `.` silently instead.
#[test]
fn stdin_filename_without_a_dash_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "On 31/06/2022 it rained.\n").unwrap();
    let out = copydesk(dir.path(), &["check", "--stdin-filename", "x.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`-` is not among the paths"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing was checked");
}

#[test]
fn claims_worksheet_lists_cited_and_uncited_claims_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "port.md",
        b"# Port\n\nExports from Callao grew 45 % in 2019.[^1] Imports from Chile fell 12 % \
          in 2020.\n\n[^1]: Port Authority, \"Annual report\", 3 March 2020, \
          https://example.org/report\n",
    );
    let table = copydesk(dir.path(), &["claims", "port.md"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(table.status.success(), "{text}");
    assert!(
        text.contains("note 1 (https://example.org/report, 3 March 2020)"),
        "{text}"
    );
    assert!(text.ends_with("2 claims, 1 without a source\n"), "{text}");

    let csv = copydesk(
        dir.path(),
        &["claims", "--format", "csv", "--uncited", "port.md"],
    );
    let text = String::from_utf8_lossy(&csv.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].starts_with("port.md,3,"), "{text}");
    assert!(
        lines[1].contains(",none,,,,Imports from Chile fell 12 %"),
        "{text}"
    );

    let json = copydesk(
        dir.path(),
        &["claims", "--format", "json", "port.md", "missing.md"],
    );
    assert_eq!(json.status.code(), Some(2), "a missing input is an error");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["claims"].as_array().unwrap().len(), 2);
    assert!(String::from_utf8_lossy(&json.stderr).contains("missing.md"));
}

#[test]
fn completions_for_each_shell_know_the_commands_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = copydesk(dir.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for word in ["check", "explain", "unsafe-fixes", "stdin-filename"] {
            assert!(script.contains(word), "{shell} completions lack `{word}`");
        }
    }
    let out = copydesk(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = copydesk(dir.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH copydesk 1"),
        "{page}"
    );
    for command in ["check", "rules", "explain", "claims", "hook"] {
        assert!(page.contains(command), "the man page lacks `{command}`");
    }
    let out = copydesk(dir.path(), &["man", "--dir", "pages"]);
    assert_eq!(out.status.code(), Some(0));
    let check = std::fs::read_to_string(dir.path().join("pages/copydesk-check.1")).unwrap();
    assert!(check.contains("unsafe\\-fixes"), "{check}");
}
