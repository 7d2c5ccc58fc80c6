//! Every rule's fixtures: `fail.*` files must fire (and their rendered output is
//! snapshotted), `pass.*` files are the traps that must stay silent.
//!
//! The online rules (`url-broken`, `url-redirected`, `url-unchecked`) read what the online
//! pass learnt about each URL, not the text alone. Their folders hold a `links.json`: the
//! outcomes the network would have given (the same data the link cache stores), loaded as
//! the run's link report, so their fixtures fire and stay silent offline, without a
//! server. (`tests/online.rs` checks the same rules against a real local server.)

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use copydesk::online::archive::Snapshot;
use copydesk::online::{LinkReport, Outcome};
use copydesk::{Settings, Source, check, render, rules};

fn only(rule: &'static rules::Rule) -> Settings {
    let mut settings = Settings::default();
    for other in rules::REGISTRY {
        settings.set_enabled(other, false);
    }
    settings.set_enabled(rule, true);
    settings
}

#[derive(serde::Deserialize)]
struct Links {
    outcomes: HashMap<String, Outcome>,
    #[serde(default)]
    snapshots: Vec<(String, String, Snapshot)>,
}

/// The link report of an online rule's fixtures, from its `links.json`.
fn link_report(dir: &Path) -> Option<Arc<LinkReport>> {
    let text = std::fs::read_to_string(dir.join("links.json")).ok()?;
    let links: Links = serde_json::from_str(&text).expect("valid links.json");
    Some(Arc::new(LinkReport {
        outcomes: links.outcomes,
        snapshots: links
            .snapshots
            .into_iter()
            .map(|(url, timestamp, snapshot)| ((url, timestamp), snapshot))
            .collect(),
        ..LinkReport::default()
    }))
}

#[test]
fn fixtures_fire_and_stay_silent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for rule in rules::REGISTRY {
        let mut settings = only(rule);
        let dir = root.join(rule.name);
        settings.link_report = link_report(&dir);
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{} has no fixtures", rule.name))
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with("pass") || name.starts_with("fail")
            })
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

/// Offline, the online rules never fire: the same fixtures without a link report.
#[test]
fn online_rules_are_silent_offline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for name in ["url-broken", "url-redirected", "url-unchecked"] {
        let rule = rules::find(name).unwrap();
        let settings = only(rule);
        let path = root.join(name).join("fail.md");
        let source = Source::new(name, std::fs::read_to_string(path).unwrap());
        assert!(check(&source, &settings).is_empty(), "{name} fired offline");
    }
}
