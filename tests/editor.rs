//! A real editor on `copydesk server`: headless Neovim opens the reference article with
//! the server attached, and its `vim.diagnostic.get()` must hold the same findings as
//! `copydesk check --format json`. Skipped, saying so, where Neovim is not installed
//! (`.ci/run` installs the Debian package `neovim`).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Attaches the server to the current buffer and writes its diagnostics as JSON:
/// `{line, col, code}` with 0-based lines and byte columns, as Neovim keeps them.
const SCRIPT: &str = r#"
local bin, file, out = os.getenv("COPYDESK_BIN"), os.getenv("ARTICLE"), os.getenv("OUT")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local client = vim.lsp.start_client({
  name = "copydesk",
  cmd = { bin, "server" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
vim.lsp.buf_attach_client(0, client)
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(found, { line = d.lnum, col = d.col, code = code })
end
local handle = io.open(out, "w")
handle:write(vim.fn.json_encode(found))
handle:close()
vim.lsp.stop_client(client)
vim.cmd("qa!")
"#;

fn neovim() -> Option<&'static str> {
    Command::new("nvim")
        .arg("--version")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|_| "nvim")
}

/// `(line, byte column, rule)` of every finding, sorted.
fn sorted(mut found: Vec<(u64, u64, String)>) -> Vec<(u64, u64, String)> {
    found.sort();
    found
}

#[test]
fn neovim_shows_the_findings_of_copydesk_check() {
    let Some(nvim) = neovim() else {
        eprintln!("skipped: Neovim (`nvim`) is not installed; `apt-get install neovim` runs it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("reference-article.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readable/reference-article.txt"),
        &article,
    )
    .unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    let script = dir.path().join("attach.lua");
    std::fs::write(&script, SCRIPT).unwrap();
    let out = dir.path().join("diagnostics.json");
    let ran = Command::new(nvim)
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("COPYDESK_BIN", env!("CARGO_BIN_EXE_copydesk"))
        .env("ARTICLE", &article)
        .env("OUT", &out)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(ran.status.success(), "nvim: {ran:?}");
    let shown: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("the script wrote")).unwrap();
    let shown = sorted(
        shown
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap(),
                    d["col"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_string(),
                )
            })
            .collect(),
    );

    let checked = common::copydesk(
        dir.path(),
        &["check", "--format", "json", "reference-article.txt"],
    );
    let report: Value = serde_json::from_slice(&checked.stdout).unwrap();
    let line_start = |line: u64| -> u64 {
        text.split_inclusive('\n')
            .take(line as usize - 1)
            .map(|l| l.len() as u64)
            .sum()
    };
    let expected = sorted(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let start = &d["range"]["start"];
                let line = start["line"].as_u64().unwrap();
                let column = start["offset"].as_u64().unwrap() - line_start(line);
                (line - 1, column, d["rule"].as_str().unwrap().to_string())
            })
            .collect(),
    );
    assert!(
        expected.len() > 20,
        "the article has findings: {expected:?}"
    );
    assert_eq!(shown, expected);
}
