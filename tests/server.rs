//! `copydesk server` driven over JSON-RPC as an editor drives it: the real binary, real
//! framing, articles of our own writing.

mod common;

use std::time::Duration;

use common::lsp::{Client, url};
use serde_json::{Value, json};

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// Applies the single-file `changes` of a workspace edit to `text`, with UTF-16 ranges.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (at, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + at;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = text.to_string();
    for (start, end, new) in edits {
        text.replace_range(start..end, &new);
    }
    text
}

#[test]
fn diagnostics_have_utf16_positions_and_a_quick_fix_makes_them_go() {
    let dir = tempfile::tempdir().unwrap();
    let uri = url(&dir.path().join("draft.md"));
    let mut client = Client::start(dir.path(), json!({}));
    // `é` is one UTF-16 unit and two bytes, the emoji two units and four bytes.
    let text = "# Notes\n\nThe café 🎉 reopened on 31/06/2022 after the flood.\n";
    let found = client.open(&uri, text);
    let invalid = found
        .iter()
        .find(|d| d["code"] == "date-invalid")
        .unwrap_or_else(|| panic!("a date-invalid finding in {found:?}"));
    assert_eq!(invalid["source"], "copydesk");
    assert_eq!(
        invalid["range"]["start"],
        json!({ "line": 2, "character": 24 })
    );
    assert_eq!(
        invalid["range"]["end"],
        json!({ "line": 2, "character": 34 })
    );
    assert_eq!(invalid["severity"], 1);

    // A safe fix from a quick fix, applied as the editor applies it.
    let text = "# Notes\n\nThe café 🎉 reopened: see [the plan](http:/port.example.org/plan).\n";
    let found = client.change(&uri, 2, text);
    let malformed = found
        .iter()
        .find(|d| d["code"] == "url-malformed")
        .unwrap_or_else(|| panic!("a url-malformed finding in {found:?}"))
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": malformed["range"],
            "context": { "diagnostics": [malformed] },
        }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Disable url-malformed for this line"),
        "{titles:?}"
    );
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && !a["title"].as_str().unwrap().starts_with("Disable"))
        .unwrap_or_else(|| panic!("a quick fix among {titles:?}"));
    let fixed = apply(text, &fix["edit"], &uri);
    assert_ne!(fixed, text);
    let found = client.change(&uri, 3, &fixed);
    assert!(!codes(&found).contains(&"url-malformed"), "{found:?}");

    // The suppression action silences the finding without a new one.
    let again = client.change(&uri, 4, text);
    let malformed = again
        .iter()
        .find(|d| d["code"] == "url-malformed")
        .unwrap()
        .clone();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 38 } }),
    );
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(shown.contains("# url-malformed (CD"), "{hover}");

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": malformed["range"],
            "context": { "diagnostics": [malformed], "only": ["quickfix"] },
        }),
    );
    let disable = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable url-malformed for this line")
        .unwrap()
        .clone();
    let suppressed = apply(text, &disable["edit"], &uri);
    assert!(suppressed.contains("<!-- copydesk-disable-next-line url-malformed -- reason -->\n"));
    let found = client.change(&uri, 5, &suppressed);
    assert!(!codes(&found).contains(&"url-malformed"), "{found:?}");
    assert!(!codes(&found).contains(&"suppression-unused"), "{found:?}");

    let took = client.shut_down();
    assert!(took < Duration::from_secs(2), "exit took {took:?}");
}

#[test]
fn utf8_positions_when_the_client_offers_them_and_fix_all_in_one_action() {
    let dir = tempfile::tempdir().unwrap();
    let uri = url(&dir.path().join("draft.md"));
    let mut client = Client::start(
        dir.path(),
        json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }),
    );
    let text = "Le café: [plan](http:/a.example.org/p).\n\nVoir [carte](http:/b.example.org/c).\n";
    let found = client.open(&uri, text);
    let first = found.iter().find(|d| d["code"] == "url-malformed").unwrap();
    assert_eq!(
        first["range"]["start"]["character"], 17,
        "bytes, with `é` as two"
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    let actions = actions["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.copydesk");
    client.shut_down();
}

#[test]
fn a_config_change_refreshes_diagnostics_and_config_errors_show_on_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let uri = url(&dir.path().join("draft.md"));
    let config = dir.path().join("copydesk.toml");
    let config_uri = url(&config);
    let mut client = Client::start(
        dir.path(),
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    let text = "It rained on 31/06/2022.\n";
    assert!(codes(&client.open(&uri, text)).contains(&"date-invalid"));

    std::fs::write(&config, "ignore = [\"date-invalid\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 1 }] }),
    );
    assert!(!codes(&client.diagnostics(&uri)).contains(&"date-invalid"));

    std::fs::write(
        &config,
        "ignore = [\"date-invalidd\"]\nfail-on = \"warnin\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let errors = client.diagnostics(&config_uri);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown rule `date-invalidd`")
    );
    assert_eq!(
        errors[0]["range"]["start"],
        json!({ "line": 0, "character": 10 })
    );
    let unchecked = client.diagnostics(&uri);
    assert_eq!(unchecked.len(), 1, "{unchecked:?}");
    assert!(
        unchecked[0]["message"]
            .as_str()
            .unwrap()
            .contains("copydesk.toml has 2 errors"),
        "{unchecked:?}"
    );

    std::fs::write(&config, "").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    assert!(codes(&client.diagnostics(&uri)).contains(&"date-invalid"));
    assert!(client.diagnostics(&config_uri).is_empty(), "errors cleared");
    client.shut_down();
}

#[test]
fn initialization_options_select_rules_and_unknown_requests_get_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let uri = url(&dir.path().join("draft.md"));
    let mut client = Client::start_with(dir.path(), json!({}), json!({ "ignore": ["date"] }));
    let found = client.open(&uri, "It rained on 31/06/2022.\n");
    assert!(
        !codes(&found).iter().any(|c| c.starts_with("date-")),
        "{found:?}"
    );
    let answer = client.request("textDocument/formatting", json!({}));
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    client.shut_down();
}

/// Two roots of one workspace, each with its own config: each document follows the
/// nearest one.
#[test]
fn each_root_of_a_workspace_has_its_own_config() {
    let workspace = tempfile::tempdir().unwrap();
    let (news, essays) = (
        workspace.path().join("news"),
        workspace.path().join("essays"),
    );
    for (root, ignored) in [(&news, "date-invalid"), (&essays, "url-malformed")] {
        std::fs::create_dir(root).unwrap();
        std::fs::write(
            root.join("copydesk.toml"),
            format!("ignore = [\"{ignored}\"]\n"),
        )
        .unwrap();
    }
    let mut client = Client::start(workspace.path(), json!({}));
    let text = "It rained on 31/06/2022, see [the plan](http:/port.example.org/plan).\n";
    let in_news = codes_of(client.open(&url(&news.join("a.md")), text));
    let in_essays = codes_of(client.open(&url(&essays.join("b.md")), text));
    assert_eq!(in_news, ["url-malformed"]);
    assert_eq!(in_essays, ["date-invalid"]);
    client.shut_down();
}

fn codes_of(diagnostics: Vec<Value>) -> Vec<String> {
    codes(&diagnostics).into_iter().map(String::from).collect()
}
