//! The git pre-commit hook, in a temporary repository.

mod common;

use common::copydesk;

use std::path::Path;
use std::process::{Command, Output};

fn git(dir: &Path, args: &[&str]) -> Output {
    git_command(dir, args).output().expect("run git")
}

/// `git ARGS` in `dir` with an empty global config and a fixed author.
fn git_command(dir: &Path, args: &[&str]) -> Command {
    let empty = dir.join(".git-global-config");
    if !empty.exists() {
        std::fs::write(&empty, "").unwrap();
    }
    let mut command = Command::new("git");
    command
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", &empty)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.org")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.org")
        .env("NO_COLOR", "1");
    command
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

/// The directory on PATH that holds `git`.
fn git_directory() -> std::path::PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .find(|dir| dir.join("git").is_file())
        .expect("git on PATH")
}

/// The hook runs `copydesk` from PATH, so moving the binary that installed it does not
/// break every commit; with no copydesk anywhere, the commit fails saying what to do.
#[test]
fn the_hook_finds_copydesk_on_path_after_the_installer_moved() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    assert!(git(&repo, &["init", "-q"]).status.success());
    std::fs::write(repo.join(".gitignore"), ".git-global-config\n").unwrap();
    git(&repo, &["add", ".gitignore"]);
    assert!(commit(&repo, "start"));

    // Installed by a copy of the binary, which then goes away.
    let installer_dir = dir.path().join("installer");
    std::fs::create_dir(&installer_dir).unwrap();
    let installer = installer_dir.join("copydesk");
    std::fs::copy(env!("CARGO_BIN_EXE_copydesk"), &installer).unwrap();
    let installed = Command::new(&installer)
        .args(["hook", "install"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert!(installed.status.success(), "{installed:?}");
    std::fs::remove_dir_all(&installer_dir).unwrap();

    let on_path = dir.path().join("bin");
    std::fs::create_dir(&on_path).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_copydesk"), on_path.join("copydesk")).unwrap();
    let commit_with_path = |path: &std::ffi::OsStr| {
        let mut command = git_command(&repo, &["commit", "-q", "-m", "story"]);
        command.env("PATH", path);
        command.output().unwrap()
    };
    let system = std::env::join_paths([git_directory(), "/usr/bin".into(), "/bin".into()]).unwrap();
    let with_copydesk = std::env::join_paths(
        std::iter::once(on_path.clone()).chain(std::env::split_paths(&system)),
    )
    .unwrap();

    std::fs::write(repo.join("story.md"), BROKEN).unwrap();
    git(&repo, &["add", "story.md"]);
    let blocked = commit_with_path(&with_copydesk);
    let message = String::from_utf8_lossy(&blocked.stderr).into_owned()
        + &String::from_utf8_lossy(&blocked.stdout);
    assert!(
        !blocked.status.success(),
        "a broken article must block the commit"
    );
    assert!(message.contains("footnote-undefined"), "{message}");
    assert!(
        message.contains("--fix") && message.contains("--no-verify"),
        "the blocked commit says how to go on: {message}"
    );

    let missing = commit_with_path(&system);
    assert!(!missing.status.success());
    let message = String::from_utf8_lossy(&missing.stderr);
    assert!(
        message.contains("copydesk: not found on PATH") && message.contains("--no-verify"),
        "{message}"
    );

    std::fs::write(repo.join("story.md"), CLEAN).unwrap();
    git(&repo, &["add", "story.md"]);
    assert!(commit_with_path(&with_copydesk).status.success());
}
