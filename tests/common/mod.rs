//! What the integration tests share: running the `copydesk` binary.

#![allow(dead_code, reason = "each test crate uses its own share of these")]

pub mod lsp;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `copydesk ARGS` in `dir`, without colour and with no standard input.
pub fn copydesk(dir: &Path, args: &[&str]) -> Output {
    command(dir, args)
        .stdin(Stdio::null())
        .output()
        .expect("run copydesk")
}

/// Runs `copydesk ARGS` in `dir` with `input` on its standard input.
pub fn copydesk_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copydesk");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from another thread: the binary may answer before it has read everything.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("run copydesk");
    let _ = writer.join();
    output
}

/// The command, for a test that sets more of it (environment, stdout).
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    command
}

/// A process's standard error, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A process's standard output, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
