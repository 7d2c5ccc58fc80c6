//! Nothing on disk is lost and every input is bounded: the data-loss and resource rows of
//! the reliability issue, each reproduced as a hostile user would.

mod common;

use common::{copydesk, copydesk_with_stdin, stderr};

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SWAP_EMAIL: &str = "[[rule]]\nname = \"house-email\"\nkind = \"substitution\"\n\
                          swap = { \"e-mail\" = \"email\" }\n";
const FIXABLE: &str = "Send an e-mail today.\n";

#[test]
fn an_output_file_that_is_also_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "A claim.[^1]\n").unwrap();
    std::fs::create_dir(dir.path().join("desk")).unwrap();
    std::fs::write(dir.path().join("desk/b.md"), "B.\n").unwrap();
    for args in [
        &["check", "--output-file", "a.md", "a.md"][..],
        &["check", "--output-file", "./a.md", "a.md"],
        &["check", "--output-file", "desk/b.md", "desk"],
        &["check", "--write-baseline", "a.md", "a.md"],
    ] {
        let out = copydesk(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is also an input"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "A claim.[^1]\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("desk/b.md")).unwrap(),
        "B.\n"
    );
}

#[test]
fn the_report_file_appears_only_when_the_report_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "A claim.[^1]\n").unwrap();
    std::fs::write(dir.path().join("report.json"), "previous report\n").unwrap();
    // An unreadable config stops the run: the previous report must survive it.
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--config",
            "missing.toml",
            "--format",
            "json",
            "--output-file",
            "report.json",
            "a.md",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "report.json",
            "a.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["errors"], 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".copydesk"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn fixing_stdin_always_writes_the_whole_text_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), SWAP_EMAIL).unwrap();
    for format in ["human", "json", "sarif", "github", "junit", "concise"] {
        let clean = copydesk_with_stdin(
            dir.path(),
            &["check", "--fix", "--format", format, "-"],
            b"Clean.\n",
        );
        assert_eq!(clean.stdout, b"Clean.\n", "{format}: {}", stderr(&clean));
        let fixed = copydesk_with_stdin(
            dir.path(),
            &["check", "--fix", "--format", format, "-"],
            b"An e-mail.[^9]\n",
        );
        assert_eq!(fixed.stdout, b"An email.[^9]\n", "{format}");
        // The findings left go to stderr, in the format asked for.
        assert!(stderr(&fixed).contains("footnote-undefined"), "{format}");
        assert_eq!(fixed.status.code(), Some(1), "{format}");
    }
    let json = copydesk_with_stdin(
        dir.path(),
        &["check", "--fix", "--format", "json", "-"],
        b"An e-mail.[^9]\n",
    );
    let report = stderr(&json);
    let start = report.find('{').unwrap();
    let end = report.rfind('}').unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&report[start..=end]).unwrap();
    assert_eq!(parsed["summary"]["errors"], 1);
}

#[test]
fn a_path_given_twice_is_checked_and_fixed_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), SWAP_EMAIL).unwrap();
    std::fs::write(dir.path().join("a.md"), "One e-mail. Another e-mail.[^9]\n").unwrap();
    let out = copydesk(
        dir.path(),
        &["check", "--fix", "--format", "json", "a.md", "./a.md", "."],
    );
    assert!(stderr(&out).contains("applied 2 fixes"), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 1, "{report}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "One email. Another email.[^9]\n"
    );
}

/// A writer appends a line every few milliseconds while `--fix` runs again and again:
/// every line it wrote must be in the file at the end, fixed or not.
#[test]
fn a_concurrent_writer_never_loses_a_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), SWAP_EMAIL).unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, FIXABLE).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut written = 0usize;
            let mut delay = 3;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && written < 5_000 {
                let mut file = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .unwrap();
                writeln!(file, "Line {written} has an e-mail.").unwrap();
                drop(file);
                written += 1;
                delay = 3 + (delay * 7 + 5) % 18;
                // Now and then a longer pause, so that some runs get to write their fix.
                let pause = if written.is_multiple_of(6) { 300 } else { 0 };
                std::thread::sleep(Duration::from_millis(delay + pause));
            }
            written
        })
    };
    let mut refused = 0;
    for _ in 0..60 {
        let out = copydesk(dir.path(), &["check", "--fix", "--exit-zero", "a.md"]);
        if out.status.code() == Some(2) {
            assert!(stderr(&out).contains("changed on disk"), "{}", stderr(&out));
            refused += 1;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lost: Vec<usize> = (0..written)
        .filter(|n| {
            !text.contains(&format!("Line {n} has an email."))
                && !text.contains(&format!("Line {n} has an e-mail."))
        })
        .collect();
    assert!(lost.is_empty(), "lost lines {lost:?} of {written}");
    eprintln!("{written} lines appended, {refused} runs refused a changed file");
}

/// The same race at the narrowest point: the write itself, called as fast as it can go
/// while another thread appends, so that appends land between the last comparison and
/// the rename. Every appended line must survive, and most writes must go through.
#[test]
fn writing_a_fix_never_loses_a_concurrent_append() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, FIXABLE).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut written = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let mut file = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .unwrap();
                writeln!(file, "Line {written} has an e-mail.").unwrap();
                drop(file);
                written += 1;
                // Bursts of quick appends, then a pause in which a fix can go through.
                let pause = if written.is_multiple_of(8) { 4_000 } else { 0 };
                std::thread::sleep(Duration::from_micros(
                    200 + (written as u64 * 37) % 800 + pause,
                ));
            }
            written
        })
    };
    let (mut fixed, mut refused) = (0, 0);
    for _ in 0..3_000 {
        if fixed >= 40 {
            break;
        }
        let original = std::fs::read(&path).unwrap();
        let new = String::from_utf8(original.clone())
            .unwrap()
            .replace("e-mail", "email");
        match copydesk::files::write_fixed(&path, &original, new.as_bytes()) {
            Ok(replaced) => {
                std::thread::sleep(copydesk::files::Replaced::PAUSE);
                replaced.unwrap().settle().unwrap();
                fixed += 1;
            }
            Err(copydesk::files::WriteError::Changed) => refused += 1,
            Err(other) => panic!("{other}"),
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lost: Vec<usize> = (0..written)
        .filter(|n| {
            !text.contains(&format!("Line {n} has an email.\n"))
                && !text.contains(&format!("Line {n} has an e-mail.\n"))
        })
        .collect();
    assert!(lost.is_empty(), "lost lines {lost:?} of {written}");
    assert!(fixed > 0, "no write went through ({refused} refused)");
    eprintln!("{written} lines appended; {fixed} fixes written, {refused} refused");
}

#[cfg(unix)]
#[test]
fn fixes_keep_symbolic_links_hard_links_and_owners() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), SWAP_EMAIL).unwrap();
    let target = dir.path().join("target.md");
    std::fs::write(&target, FIXABLE).unwrap();
    std::os::unix::fs::symlink("target.md", dir.path().join("link.md")).unwrap();
    let out = copydesk(dir.path(), &["check", "--fix", "link.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link became a file");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "Send an email today.\n"
    );

    let first = dir.path().join("first.md");
    std::fs::write(&first, FIXABLE).unwrap();
    std::fs::hard_link(&first, dir.path().join("second.md")).unwrap();
    let inode = std::fs::metadata(&first).unwrap().ino();
    let out = copydesk(dir.path(), &["check", "--fix", "first.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&first).unwrap().ino(), inode);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("second.md")).unwrap(),
        "Send an email today.\n"
    );

    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        let owned = dir.path().join("owned.md");
        std::fs::write(&owned, FIXABLE).unwrap();
        std::os::unix::fs::chown(&owned, Some(1234), Some(5678)).unwrap();
        let out = copydesk(dir.path(), &["check", "--fix", "owned.md"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let meta = std::fs::metadata(&owned).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (1234, 5678));
        assert_eq!(
            std::fs::read_to_string(&owned).unwrap(),
            "Send an email today.\n"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), SWAP_EMAIL).unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, FIXABLE).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = copydesk(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn fixes_that_undo_each_other_apply_nothing_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    // One rule that swaps both ways is refused when the config is read.
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[[rule]]\nname = \"spelling\"\nkind = \"substitution\"\n\
         swap = { \"colour\" = \"color\", \"color\" = \"colour\" }\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "A colour.\n").unwrap();
    let out = copydesk(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("circle"), "{}", stderr(&out));
    // Two rules that undo each other are caught while fixing.
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[[rule]]\nname = \"british\"\nkind = \"substitution\"\nswap = { \"color\" = \"colour\" }\n\
         [[rule]]\nname = \"american\"\nkind = \"substitution\"\nswap = { \"colour\" = \"color\" }\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("undo each other"), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("applied 0 fixes"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "A colour.\n"
    );
}

#[cfg(unix)]
#[test]
fn only_regular_files_of_bounded_size_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.md"), "A claim.[^1]\n").unwrap();
    let fifo = std::ffi::CString::new(dir.path().join("f.md").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let started = Instant::now();
    let out = copydesk(dir.path(), &["check", "f.md", "/dev/zero", "ok.md"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let errors = stderr(&out);
    assert!(
        errors.contains("f.md: not a regular file (a named pipe)"),
        "{errors}"
    );
    assert!(
        errors.contains("/dev/zero: not a regular file (a device)"),
        "{errors}"
    );
    // The other file is still checked.
    assert!(String::from_utf8_lossy(&out.stdout).contains("footnote-undefined"));

    let out = copydesk(dir.path(), &["check", "--config", "/dev/zero", "ok.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );

    std::fs::write(dir.path().join("big.md"), "word ".repeat(100)).unwrap();
    let out = copydesk(
        dir.path(),
        &["check", "--max-file-size", "100", "big.md", "ok.md"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("big.md: larger than the limit of 100 bytes"),
        "{}",
        stderr(&out)
    );
    let out = copydesk_with_stdin(
        dir.path(),
        &["check", "--max-file-size", "1KB", "-"],
        "word ".repeat(1000).as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("larger than the limit of 1 KB"));
}

#[test]
fn a_nul_anywhere_makes_a_file_binary() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "Prose. ".repeat(2000).into_bytes();
    bytes.push(0);
    std::fs::write(dir.path().join("late.md"), &bytes).unwrap();
    let out = copydesk(dir.path(), &["check", "late.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("late.md: binary file"),
        "{}",
        stderr(&out)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "A claim.[^1]\n").unwrap();
    for format in ["human", "json", "concise"] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--format", format, "a.md"])
            .current_dir(dir.path())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    }
}

#[test]
fn oversized_configs_are_errors_not_gigabytes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "Fine.\n").unwrap();
    let tokens: Vec<String> = (0..20_000).map(|i| format!("\"word{i}\"")).collect();
    let many_tokens = format!(
        "[[rule]]\nname = \"many\"\nkind = \"existence\"\ntokens = [{}]\n",
        tokens.join(", ")
    );
    let many_rules: String = (0..200)
        .map(|i| format!("[[rule]]\nname = \"r{i}\"\nkind = \"existence\"\ntokens = [\"x{i}\"]\n"))
        .collect();
    let huge_pattern =
        "[[rule]]\nname = \"wide\"\nkind = \"existence\"\npatterns = ['\\w{40}\\w{40}']\n";
    for (config, expected) in [
        (many_tokens.as_str(), "at most 10000"),
        (many_rules.as_str(), "at most 100 user rules"),
        (huge_pattern, "compile to more than"),
    ] {
        std::fs::write(dir.path().join("copydesk.toml"), config).unwrap();
        let started = Instant::now();
        let out = copydesk(dir.path(), &["check", "a.md"]);
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(out.status.code(), Some(2), "{expected}");
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn staged_content_is_read_by_object_id_whatever_the_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("x.md"), "Clean text.\n").unwrap();
    std::fs::write(dir.path().join("1:x.md"), "A claim.[^1]\n").unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(dir.path().join(odd), "Another claim.[^2]\n").unwrap();
    git(dir.path(), &["add", "--", "x.md", "1:x.md"]);
    let out = Command::new("git")
        .arg("add")
        .arg("--")
        .arg(odd)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = copydesk(dir.path(), &["check", "--staged", "--format", "concise"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", stderr(&out));
    assert!(
        stdout.contains("1:x.md:1:9: error[footnote-undefined]"),
        "{stdout}"
    );
    assert!(
        stdout.contains(":1:15: error[footnote-undefined]"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("footnote-undefined").count(), 2, "{stdout}");
}
