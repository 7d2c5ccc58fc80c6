//! Every rule's fixtures: `fail.*` files must fire (and their rendered output is
//! snapshotted), `pass.*` files are the traps that must stay silent.

use std::path::Path;

use copydesk::{Settings, Source, check, render, rules};

fn only(rule: &'static rules::Rule) -> Settings {
    let mut settings = Settings::default();
    for other in rules::REGISTRY {
        settings.set_enabled(other, false);
    }
    settings.set_enabled(rule, true);
    settings
}

#[test]
fn fixtures_fire_and_stay_silent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for rule in rules::REGISTRY {
        let settings = only(rule);
        let mut entries: Vec<_> = std::fs::read_dir(root.join(rule.name))
            .unwrap_or_else(|_| panic!("{} has no fixtures", rule.name))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let source = Source::new(format!("fixtures/{}/{name}", rule.name), text);
            let diagnostics = check(&source, &settings);
            if name.starts_with("pass") {
                let rendered =
                    String::from_utf8(render::human(&source, &diagnostics, false)).unwrap();
                assert!(
                    diagnostics.is_empty(),
                    "{} must stay silent on {name}:\n{rendered}",
                    rule.name
                );
            } else {
                assert!(!diagnostics.is_empty(), "{} must fire on {name}", rule.name);
                let rendered =
                    String::from_utf8(render::human(&source, &diagnostics, false)).unwrap();
                insta::assert_snapshot!(format!("{}__{name}", rule.name), rendered);
            }
        }
    }
}
