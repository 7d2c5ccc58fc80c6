//! A `[[rule]]` rule is a rule everywhere a built-in one is: suppressions, `--select` and
//! `--ignore`, `ignore`, `[severity]`, `per-file-ignores`, `copydesk rules` and `explain`.

mod common;

use common::{copydesk, stderr, stdout};
use std::path::Path;

const WEASEL: &str = r#"
[[rule]]
name = "weasel-words"
kind = "existence"
severity = "info"
message = "`{match}` hides the source"
tokens = ["insiders claim"]
"#;

const TEXT: &str = "Insiders claim the bridge will close.\n";

/// A project with the rule; `top_level` (keys and tables) comes before the rule's table.
fn project(top_level: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "copydesk.toml", &format!("{top_level}{WEASEL}"));
    write(dir.path(), "a.md", TEXT);
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The names of the rules that reported, from concise output.
fn reported(dir: &Path, args: &[&str]) -> (Vec<String>, String, Option<i32>) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let out = copydesk(dir, &all);
    let rules = stdout(&out)
        .lines()
        .filter_map(|line| {
            let start = line.find('[')? + 1;
            let end = line[start..].find(']')? + start;
            Some(line[start..end].to_string())
        })
        .collect();
    (rules, stderr(&out), out.status.code())
}

#[test]
fn a_suppression_by_name_silences_it_and_is_not_unknown() {
    let dir = project("");
    write(
        dir.path(),
        "a.md",
        &format!("<!-- copydesk-disable-next-line weasel-words -- quoted from a memo -->\n{TEXT}"),
    );
    let (rules, _, code) = reported(dir.path(), &["a.md"]);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(code, Some(0));
}

#[test]
fn a_suppression_of_it_that_silences_nothing_says_so() {
    let dir = project("");
    write(
        dir.path(),
        "a.md",
        "<!-- copydesk-disable-next-line weasel-words -- stale -->\nA plain line.\n",
    );
    let out = copydesk(dir.path(), &["check", "a.md"]);
    let text = stdout(&out);
    assert!(
        text.contains("suppression of `weasel-words` silences nothing"),
        "{text}"
    );
    assert!(!text.contains("unknown rule"), "{text}");
}

#[test]
fn select_and_ignore_on_the_command_line_name_it() {
    let dir = project("");
    let (rules, _, _) = reported(dir.path(), &["--select", "weasel-words", "a.md"]);
    assert_eq!(rules, ["weasel-words"]);
    let (rules, errors, code) = reported(dir.path(), &["--ignore", "weasel-words", "a.md"]);
    assert!(rules.is_empty(), "{rules:?} {errors}");
    assert_eq!(code, Some(0), "{errors}");
    let (rules, _, _) = reported(dir.path(), &["--select", "footnote", "a.md"]);
    assert!(
        rules.is_empty(),
        "selecting another family leaves it off: {rules:?}"
    );
}

#[test]
fn ignore_severity_and_per_file_ignores_in_config_name_it() {
    let dir = project("ignore = [\"weasel-words\"]\n");
    let (rules, errors, code) = reported(dir.path(), &["a.md"]);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(code, Some(0), "{errors}");

    let dir = project("[severity]\nweasel-words = \"error\"\n");
    let out = copydesk(dir.path(), &["check", "--format", "concise", "a.md"]);
    assert!(
        stdout(&out).contains("error[weasel-words]"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));

    let dir = project("[per-file-ignores]\n\"drafts/*.md\" = [\"weasel-words\"]\n");
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    write(dir.path(), "drafts/a.md", TEXT);
    write(dir.path(), "b.md", TEXT);
    let out = copydesk(dir.path(), &["check", "--format", "concise", "."]);
    let text = stdout(&out);
    assert!(
        text.contains("b.md") && !text.contains("drafts"),
        "{text}{}",
        stderr(&out)
    );
}

#[test]
fn rules_lists_it_and_explain_explains_it() {
    let dir = project("");
    let out = copydesk(dir.path(), &["rules"]);
    let listing = stdout(&out);
    let row = listing
        .lines()
        .find(|line| line.contains("weasel-words"))
        .unwrap_or_else(|| panic!("not listed:\n{listing}"));
    assert!(row.starts_with("CD000") && row.contains("info"), "{row}");
    assert!(row.contains("`insiders claim`"), "{row}");

    let out = copydesk(dir.path(), &["explain", "weasel-words"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("# weasel-words (CD000)"), "{text}");
    assert!(
        text.contains("copydesk.toml") && text.contains("hides the source"),
        "{text}"
    );
}

#[test]
fn a_mistyped_user_rule_gets_a_suggestion() {
    let dir = project("");
    let out = copydesk(dir.path(), &["check", "--select", "weasel-word", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `weasel-words`?"),
        "{}",
        stderr(&out)
    );
    let out = copydesk(dir.path(), &["explain", "weasel-word"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `weasel-words`?"));
}

#[test]
fn a_rules_table_for_it_points_at_its_own_table() {
    let dir = project("[rules.weasel-words]\nx = 1\n");
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("its options go in its own `[[rule]]` table"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_user_rule_cannot_take_a_family_name() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "copydesk.toml",
        &WEASEL.replace("weasel-words", "claim"),
    );
    write(dir.path(), "a.md", TEXT);
    let out = copydesk(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already taken"), "{}", stderr(&out));
}
