//! `--fix`, `--diff`, config files, suppressions and user-defined rules, end to end.

mod common;

use common::copydesk;

use std::path::Path;

fn write(dir: &Path, name: &str, text: &[u8]) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The rules of the findings of `copydesk ARGS --format json`, in order.
fn rules_found(args: &[&str], dir: &Path) -> Vec<String> {
    let out = copydesk(dir, args);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}

const HOUSE_STYLE: &str = r#"
[[rule]]
name = "house-email"
kind = "substitution"
message = "house style is `{right}`, not `{wrong}`"
swap = { "e-mail" = "email", "web site" = "website" }
"#;

#[test]
fn fix_applies_safe_fixes_keeps_crlf_and_bom_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "copydesk.toml", HOUSE_STYLE.as_bytes());
    let original =
        "\u{feff}Send an E-mail to the desk.\r\nThe Web site lists it.\r\nUntouched line.\r\n";
    write(dir.path(), "a.md", original.as_bytes());
    let out = copydesk(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("applied 2 fixes"));
    let fixed =
        "\u{feff}Send an Email to the desk.\r\nThe Website lists it.\r\nUntouched line.\r\n";
    assert_eq!(String::from_utf8(read(dir.path(), "a.md")).unwrap(), fixed);
    let again = copydesk(dir.path(), &["check", "--fix", "a.md"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("applied 0 fixes"));
    assert_eq!(String::from_utf8(read(dir.path(), "a.md")).unwrap(), fixed);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "copydesk.toml", HOUSE_STYLE.as_bytes());
    write(dir.path(), "a.md", b"An e-mail.\n");
    std::fs::set_permissions(
        dir.path().join("a.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    copydesk(dir.path(), &["check", "--fix", "a.md"]);
    let mode = std::fs::metadata(dir.path().join("a.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(read(dir.path(), "a.md"), b"An email.\n");
}

#[test]
fn diff_prints_unified_diff_writes_nothing_and_reports_unfixable_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "copydesk.toml", HOUSE_STYLE.as_bytes());
    let text = "One e-mail here.[^9]\n";
    write(dir.path(), "a.md", text.as_bytes());
    let out = copydesk(dir.path(), &["check", "--diff", "a.md"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("--- a/a.md\n+++ b/a.md\n"), "{stdout}");
    assert!(
        stdout.contains("-One e-mail here.[^9]\n+One email here.[^9]\n"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("footnote-undefined"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read(dir.path(), "a.md"), text.as_bytes());
}

/// A finding whose only fix is unsafe is not in the diff (without `--unsafe-fixes`), so it
/// is reported on stderr with its fix, and counted in the exit code.
#[test]
fn diff_reports_findings_whose_only_fix_is_unsafe() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ships sailed.[^1][^2][^3]\n\n\
                [^1]: Port office: *Log*. March 3, 2021. <https://example.org/log>\n\n\
                [^2]: Harbour board: *Notice*. April 9, 2021. <https://example.org/notice>\n\n\
                [^3]: Pilots' guild: *Bulletin*. 2021-05-14. <https://example.org/bulletin>\n";
    write(dir.path(), "a.md", text.as_bytes());
    let out = copydesk(
        dir.path(),
        &["check", "--diff", "--fail-on", "info", "a.md"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(stderr.contains("[date-style]"), "{stderr}");
    assert!(stderr.contains("fix (unsafe)"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read(dir.path(), "a.md"), text.as_bytes());
}

#[test]
fn a_file_edited_after_reading_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, "An e-mail.\n").unwrap();
    let original = copydesk::Source::read(&path).unwrap();
    let fixed = copydesk::Source::new("a.md", "An email.\n");
    std::fs::write(&path, "Edited meanwhile.\n").unwrap();
    let error = copydesk::fix::write_atomically(&path, &original, &fixed).unwrap_err();
    assert!(error.to_string().contains("changed on disk"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Edited meanwhile.\n"
    );
}

#[test]
fn existence_and_consistency_rules() {
    let dir = tempfile::tempdir().unwrap();
    let config = r#"
[[rule]]
name = "no-weasel"
kind = "existence"
severity = "info"
message = "`{match}` hides the source"
tokens = ["sources say"]
patterns = ['(?i)\bit is (?:widely )?believed\b']
scope = ["prose"]

[[rule]]
name = "adviser-spelling"
kind = "consistency"
pairs = [["adviser", "advisor"]]
"#;
    write(dir.path(), "copydesk.toml", config.as_bytes());
    let text = "Sources say the adviser left. It is widely believed he will return.\n\nThe advisor denied it.\n\n```\nsources say in code\n```\n";
    write(dir.path(), "a.md", text.as_bytes());
    let out = copydesk(dir.path(), &["check", "--format", "json", "a.md"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "no-weasel".to_string(),
                "`Sources say` hides the source".to_string()
            ),
            (
                "no-weasel".to_string(),
                "`It is widely believed` hides the source".to_string()
            ),
            (
                "adviser-spelling".to_string(),
                "`advisor` and `adviser` are both used; keep one".to_string()
            ),
        ]
    );
}

#[test]
fn select_ignore_severity_and_fail_on_from_config_and_cli() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        b"Claim.[^1] More.[^2]\n\n[^1]: Source.\n[^3]: Unused.\n",
    );
    let json = |args: &[&str]| -> serde_json::Value {
        let out = copydesk(dir.path(), args);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let rules = |v: &serde_json::Value| -> Vec<String> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    write(
        dir.path(),
        "copydesk.toml",
        b"ignore = [\"footnote-unused\"]\n[severity]\nfootnote-undefined = \"info\"\n",
    );
    let report = json(&["check", "--format", "json", "a.md"]);
    assert_eq!(rules(&report), ["footnote-undefined"]);
    assert_eq!(report["diagnostics"][0]["severity"], "info");
    assert_eq!(
        copydesk(dir.path(), &["check", "a.md"]).status.code(),
        Some(0)
    );
    assert_eq!(
        copydesk(dir.path(), &["check", "--fail-on", "info", "a.md"])
            .status
            .code(),
        Some(1)
    );
    // The command line wins over the file.
    let report = json(&[
        "check",
        "--format",
        "json",
        "--select",
        "footnote-unused",
        "a.md",
    ]);
    assert_eq!(rules(&report), ["footnote-unused"]);
    write(dir.path(), "copydesk.toml", b"fail-on = \"never\"\n");
    assert_eq!(
        copydesk(dir.path(), &["check", "a.md"]).status.code(),
        Some(0)
    );
}

#[test]
fn config_is_found_walking_up_and_per_file_ignores_apply() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("drafts/deep")).unwrap();
    write(
        dir.path(),
        ".copydesk.toml",
        b"[per-file-ignores]\n\"drafts/**\" = [\"footnote\"]\n",
    );
    write(dir.path(), "drafts/deep/a.md", b"Claim.[^1]\n");
    write(dir.path(), "b.md", b"Claim.[^1]\n");
    let out = copydesk(dir.path(), &["check", "--format", "json", "."]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 2);
    let paths: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["./b.md"]);
}

#[test]
fn suppressions_silence_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let text = "<!-- copydesk-disable-next-line footnote-undefined -- moved to the appendix -->\nClaim.[^1]\n\nOther.[^2]\n\n<!-- copydesk-disable footnote -->\nHidden.[^3]\n<!-- copydesk-enable footnote -->\nShown.[^4]\n";
    write(dir.path(), "a.md", text.as_bytes());
    let out = copydesk(dir.path(), &["check", "--format", "json", "a.md"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["note `2` is not defined", "note `4` is not defined"]
    );
}

#[test]
fn config_errors_point_into_the_toml_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", b"Fine.\n");
    let cases: [(&str, &str); 5] = [
        ("unknown-key", "selct = [\"footnote\"]\n"),
        ("unknown-rule", "ignore = [\"footnote-undefind\"]\n"),
        ("wrong-type", "require-reason = \"yes\"\n"),
        ("bad-severity", "[severity]\nfootnote-unused = \"warn\"\n"),
        (
            "invalid-regex",
            "[[rule]]\nname = \"x\"\nkind = \"existence\"\npatterns = [\"(unclosed\"]\n",
        ),
    ];
    for (name, config) in cases {
        write(dir.path(), "copydesk.toml", config.as_bytes());
        let out = copydesk(dir.path(), &["check", "a.md"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        insta::assert_snapshot!(
            format!("config-error-{name}"),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn init_writes_a_starter_that_parses() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(copydesk(dir.path(), &["init"]).status.code(), Some(0));
    assert_eq!(
        copydesk(dir.path(), &["init"]).status.code(),
        Some(2),
        "never overwrites"
    );
    write(dir.path(), "a.md", b"Fine.\n");
    assert_eq!(
        copydesk(dir.path(), &["check", "a.md"]).status.code(),
        Some(0)
    );
}

#[test]
fn per_rule_options_and_packs_from_config() {
    let dir = tempfile::tempdir().unwrap();
    let rules_of = |args: &[&str]| rules_found(args, dir.path());
    // Without a configured order, 11/12/2022 is ambiguous and 13/12/2022 is day first.
    write(
        dir.path(),
        "a.md",
        b"The treaty was signed on 11/25/2022 by both ministers.\n",
    );
    write(
        dir.path(),
        "copydesk.toml",
        b"select = [\"date\"]\n[rules.date-invalid]\nday-first = true\n",
    );
    assert_eq!(
        rules_of(&["check", "--format", "json", "a.md"]),
        ["date-invalid"]
    );
    write(
        dir.path(),
        "copydesk.toml",
        b"select = [\"date\"]\n[rules.date-invalid]\nday-first = false\n",
    );
    assert!(rules_of(&["check", "--format", "json", "a.md"]).is_empty());

    // A house names pack, read relative to the config file.
    write(
        dir.path(),
        "house.toml",
        b"[[name]]\ncanonical = \"Zorvath Ministry\"\nvariants = [\"Zorvat Ministry\"]\n",
    );
    write(
        dir.path(),
        "b.md",
        b"Officials at the Zorvat Ministry declined to comment.\n",
    );
    write(
        dir.path(),
        "copydesk.toml",
        b"select = [\"name-variant\"]\n[packs]\nnames = [\"house.toml\"]\n",
    );
    assert_eq!(
        rules_of(&["check", "--format", "json", "b.md"]),
        ["name-variant"]
    );

    // Options a rule does not take are errors on the TOML.
    write(
        dir.path(),
        "copydesk.toml",
        b"[rules.claim-uncited]\nscope = \"chapter\"\n",
    );
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(
        errors.contains("`scope` of `claim-uncited`: unknown variant")
            && errors.contains("expected `sentence` or `paragraph`"),
        "{errors}"
    );
    write(
        dir.path(),
        "copydesk.toml",
        b"[rules.footnote-order]\nstrict = true\n",
    );
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("rule `footnote-order` takes no options")
    );
}

#[test]
fn claim_and_source_packs_extend_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let rules_of = |file: &str| rules_found(&["check", "--format", "json", file], dir.path());
    // `unrivalled` is no superlative of the built-in lexicon; a house pack makes it one.
    write(
        dir.path(),
        "a.md",
        b"The Port of Zorvath is unrivalled on the Pacific coast. Its cranes came from \
          a yard in Gdansk[^1].\n\n[^1]: Port authority, <https://example.org/port>.\n",
    );
    write(dir.path(), "copydesk.toml", b"select = [\"claim\"]\n");
    assert!(rules_of("a.md").is_empty());
    write(
        dir.path(),
        "claims.toml",
        b"language = \"en\"\n[phrases]\nsuperlative = [\"unrivalled\"]\n",
    );
    write(
        dir.path(),
        "copydesk.toml",
        b"select = [\"claim\"]\n[packs]\nclaims = [\"claims.toml\"]\n",
    );
    assert_eq!(rules_of("a.md"), ["claim-uncited"]);

    // A pack with a misspelt list or no language is a config error on its name.
    for bad in [
        "language = \"en\"\n[phrases]\nsuperlatives = [\"unrivalled\"]\n",
        "[phrases]\nsuperlative = [\"unrivalled\"]\n",
    ] {
        write(dir.path(), "claims.toml", bad.as_bytes());
        let out = copydesk(dir.path(), &["check", "a.md"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("invalid claims pack"), "{stderr}");
        assert!(stderr.contains("claims.toml"), "{stderr}");
    }

    // A house sources pack gives a host's known sections: `reserch` is flagged even with
    // no sibling URL in the document.
    write(
        dir.path(),
        "b.md",
        b"The survey was published in May[^1].\n\n\
          [^1]: Survey, <https://zorvath-institute.org/reserch/survey-2024>.\n",
    );
    write(dir.path(), "copydesk.toml", b"select = [\"url\"]\n");
    assert!(rules_of("b.md").is_empty());
    write(
        dir.path(),
        "sources.toml",
        b"[hosts]\n\"zorvath-institute.org\" = [\"research\", \"commentary\"]\n",
    );
    write(
        dir.path(),
        "copydesk.toml",
        b"select = [\"url\"]\n[packs]\nsources = [\"sources.toml\"]\n",
    );
    assert_eq!(rules_of("b.md"), ["url-path-typo"]);
    write(dir.path(), "sources.toml", b"[hosts]\nsections = 3\n");
    let out = copydesk(dir.path(), &["check", "b.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid sources pack"));
}
