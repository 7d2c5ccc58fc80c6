//! The git pre-commit hook, in a temporary repository.

mod common;

use common::copydesk;

use std::path::Path;
use std::process::{Command, Output};

fn git(dir: &Path, args: &[&str]) -> Output {
    let empty = dir.join(".git-global-config");
    if !empty.exists() {
        std::fs::write(&empty, "").unwrap();
    }
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", &empty)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.org")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.org")
        .env("NO_COLOR", "1")
        .output()
        .expect("run git")
}

fn commit(dir: &Path, message: &str) -> bool {
    git(dir, &["commit", "-q", "-m", message]).status.success()
}

const CLEAN: &str = "The council approved the budget.[^1]\n\n[^1]: Council minutes, 2024.\n";
const BROKEN: &str =
    "The council approved the budget.[^1] Spending rose.[^2]\n\n[^1]: Council minutes, 2024.\n";

#[test]
fn hook_blocks_broken_staged_content_and_uninstalls_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    assert!(git(repo, &["init", "-q"]).status.success());
    std::fs::write(repo.join(".gitignore"), ".git-global-config\n").unwrap();
    git(repo, &["add", ".gitignore"]);
    assert!(commit(repo, "start"));

    // A foreign hook is kept unless --force, and restored on uninstall.
    let hook = repo.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\nexit 0\n").unwrap();
    assert_eq!(copydesk(repo, &["hook", "install"]).status.code(), Some(2));
    assert_eq!(
        copydesk(repo, &["hook", "install", "--force"])
            .status
            .code(),
        Some(0)
    );
    assert!(std::fs::read_to_string(&hook).unwrap().contains("copydesk"));

    // A staged file with a defect is rejected; a clean one passes.
    std::fs::write(repo.join("story.md"), BROKEN).unwrap();
    git(repo, &["add", "story.md"]);
    assert!(
        !commit(repo, "broken"),
        "a broken staged file must block the commit"
    );
    std::fs::write(repo.join("story.md"), CLEAN).unwrap();
    git(repo, &["add", "story.md"]);
    assert!(commit(repo, "clean"));

    // Broken in the working tree, clean in the index: the commit holds the clean copy.
    std::fs::write(repo.join("other.md"), CLEAN).unwrap();
    git(repo, &["add", "other.md"]);
    std::fs::write(repo.join("other.md"), BROKEN).unwrap();
    assert!(commit(repo, "staged copy is clean"));

    // Clean in the working tree, broken in the index: rejected.
    std::fs::write(repo.join("third.md"), BROKEN).unwrap();
    git(repo, &["add", "third.md"]);
    std::fs::write(repo.join("third.md"), CLEAN).unwrap();
    assert!(!commit(repo, "staged copy is broken"));
    let staged = copydesk(repo, &["check", "--staged", "--format", "concise"]);
    assert_eq!(staged.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&staged.stdout).starts_with("third.md:1:"));

    assert_eq!(
        copydesk(repo, &["hook", "uninstall"]).status.code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\nexit 0\n"
    );
    assert!(commit(repo, "hook removed"));
}

/// The pre-commit framework's hook runs on article extensions only: its `text` type
/// matched every non-binary file, so a date in a Python string blocked a commit.
#[test]
fn the_pre_commit_framework_hook_runs_on_articles_only() {
    let hooks = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .expect("read .pre-commit-hooks.yaml");
    assert!(!hooks.contains("types"), "{hooks}");
    let files = hooks
        .lines()
        .find_map(|line| line.trim().strip_prefix("files:"))
        .expect("a files: pattern")
        .trim();
    let pattern = regex::Regex::new(files).expect("a valid pattern");
    for article in ["a.md", "notes/b.markdown", "c.txt"] {
        assert!(pattern.is_match(article), "{article}");
    }
    for other in ["x.py", "src/y.rs", "README.md.orig", "data.txt.bak"] {
        assert!(!pattern.is_match(other), "{other}");
    }
}
