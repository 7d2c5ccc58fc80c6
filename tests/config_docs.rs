//! Every config key that `copydesk explain`, README.md or `copydesk init` shows is one the
//! config accepts: each TOML example they give is loaded as a config file.

use std::path::Path;

use copydesk::config::{self, ConfigFile};
use copydesk::rules::REGISTRY;

/// The ```toml blocks of a Markdown text: copydesk config examples. A block for another
/// program says so in its info string (`` ```toml title="languages.toml" ``) and is left out.
fn toml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim() == "```toml" => current = Some(String::new()),
            Some(block) if line.trim() == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// Loads `text` as `copydesk.toml` in a fresh directory, with an empty pack file for
/// every pack it names; the error, rendered, if the config is refused.
fn load(text: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let table: toml::Table = text.parse().map_err(|e| format!("not TOML: {e}"))?;
    if let Some(packs) = table.get("packs").and_then(|p| p.as_table()) {
        for (kind, files) in packs {
            for file in files.as_array().into_iter().flatten() {
                let contents = if kind == "claims" {
                    "language = \"en\"\n"
                } else {
                    ""
                };
                std::fs::write(dir.path().join(file.as_str().unwrap()), contents).unwrap();
            }
        }
    }
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, text).unwrap();
    let file = ConfigFile::read(&path, 1 << 20).map_err(|e| e.message)?;
    file.settings().map(drop).map_err(|errors| {
        let messages: Vec<String> = errors.into_iter().map(|e| e.message).collect();
        messages.join("; ")
    })
}

/// The `## Options` section of a rule's explanation.
fn options_section(explanation: &str) -> &str {
    let start = explanation.find("## Options").expect("an Options section");
    &explanation[start..]
}

/// The inline code spans of a text, outside code blocks.
fn inline_code(text: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        spans.extend(line.split('`').skip(1).step_by(2));
    }
    spans
}

#[test]
fn every_toml_example_in_explain_loads() {
    for rule in REGISTRY {
        for block in toml_blocks(&rule.explanation()) {
            if let Err(error) = load(&block) {
                panic!(
                    "`copydesk explain {}` shows a config the config refuses: {error}\n{block}",
                    rule.name
                );
            }
        }
    }
}

#[test]
fn every_option_a_rule_takes_is_shown_in_its_explanation() {
    for rule in REGISTRY {
        let blocks = toml_blocks(options_section(&rule.explanation())).join("\n");
        for key in rule.options {
            assert!(
                blocks
                    .lines()
                    .any(|line| line.starts_with(&format!("{key} ="))),
                "`copydesk explain {}` does not show its option `{key}` in a TOML example",
                rule.name
            );
        }
    }
}

/// A dotted path (`dates.order`) or an internal name (`Settings::x`) in prose reads as a
/// key the config would take; the examples show the real tables and keys.
#[test]
fn no_explanation_names_a_key_in_a_form_the_config_does_not_take() {
    for rule in REGISTRY {
        for span in inline_code(options_section(&rule.explanation())) {
            let dotted = span.split('.').count() > 1
                && span
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_' || c == '-')
                && !span.ends_with(".toml");
            assert!(
                !dotted && !span.contains("::") && !span.contains('_'),
                "`copydesk explain {}` names `{span}`, which is not how the config spells a key",
                rule.name
            );
        }
    }
}

#[test]
fn every_toml_example_in_the_readme_loads() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let blocks = toml_blocks(&readme);
    assert!(
        blocks.len() >= 2,
        "the README's config examples were not found"
    );
    for block in blocks {
        if let Err(error) = load(&block) {
            panic!("README.md shows a config the config refuses: {error}\n{block}");
        }
    }
}

/// `copydesk init` writes every key commented out; uncommented, the file must load.
#[test]
fn the_starter_config_loads_with_every_key_uncommented() {
    let uncommented: String = config::STARTER
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("# ")?;
            let looks_like_toml = rest.starts_with('[')
                || rest.starts_with('"')
                || rest.split_once(" = ").is_some_and(|(key, _)| {
                    key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                });
            looks_like_toml.then(|| format!("{rest}\n"))
        })
        .collect();
    assert!(uncommented.contains("[online]") && uncommented.contains("[[rule]]"));
    if let Err(error) = load(&uncommented) {
        panic!("the starter config, uncommented, is refused: {error}\n{uncommented}");
    }
}
