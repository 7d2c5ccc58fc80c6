//! The online pass of `copydesk check`: collect the URLs of every file that checks online,
//! verify each once, and hand the report to the settings the rules read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use copydesk::online::{self, LinkRequest, OnlineOptions, Progress};
use copydesk::{Document, Format, Settings, rules};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::args::CheckArgs;
use super::inputs::{Input, read};

/// The rules that read the online report.
const ONLINE_RULES: [&str; 3] = ["url-broken", "url-redirected", "url-unchecked"];

/// Applies the command line's online flags over the config's.
pub fn apply_args(args: &CheckArgs, options: &mut OnlineOptions) {
    options.enabled |= args.online;
    if let Some(timeout) = args.timeout {
        options.timeout = timeout;
    }
    if let Some(age) = args.max_cache_age {
        options.max_cache_age = age;
    }
    if let Some(dir) = &args.cache_dir {
        options.cache_dir = dir.clone();
    }
    options.allow_private_hosts |= args.allow_private_hosts;
    options.allow_hosts.extend(args.allow_host.iter().cloned());
    options.exclude.extend(args.exclude_url.iter().cloned());
    options.accept.extend(args.accept.iter().copied());
    if let Some(endpoint) = &args.archive_endpoint {
        options.archive_endpoint = endpoint.clone();
    }
    if args.no_archive {
        options.archive = false;
    }
}

/// Whether `path` has any online rule to run under `settings`.
fn wants_online(settings: &Settings, path: &str) -> bool {
    settings.online.enabled
        && ONLINE_RULES
            .iter()
            .filter_map(|name| rules::find(name))
            .any(|rule| settings.is_enabled(rule) && !settings.is_ignored_for(rule.id(), path))
}

/// An indicatif bar on stderr.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
        self.0.reset();
    }

    fn advance(&self, url: &str) {
        self.0.set_message(url.to_string());
        self.0.inc(1);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Verifies the links of the inputs whose settings check online (one pass per config),
/// stores each report in its settings, and returns the lines for the run's summary.
/// Files that cannot be read are skipped here: the main pass reports them.
pub(super) fn verify_links(
    inputs: &[Input],
    settings_of: &[Option<usize>],
    settings: &mut [Settings],
    show_progress: bool,
    max_file_size: u64,
) -> Vec<String> {
    let mut groups: BTreeMap<usize, Vec<&Input>> = BTreeMap::new();
    for (input, index) in inputs.iter().zip(settings_of) {
        let Some(index) = *index else { continue };
        if wants_online(&settings[index], &input.display) {
            groups.entry(index).or_default().push(input);
        }
    }
    let mut lines = Vec::new();
    for (index, group) in groups {
        let found: Vec<Vec<(String, String)>> = group
            .par_iter()
            .map(|input| {
                let Ok(source) = read(input, max_file_size) else {
                    return Vec::new();
                };
                let document = Document::parse(&source.text, Format::from_path(&source.path));
                online::document_links(&document)
                    .into_iter()
                    .map(|l| (l.url, l.timestamp))
                    .collect()
            })
            .collect();
        let mut urls: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (url, timestamp) in found.into_iter().flatten() {
            urls.entry(url).or_default().insert(timestamp);
        }
        let requests: Vec<LinkRequest> = urls
            .into_iter()
            .map(|(url, timestamps)| LinkRequest { url, timestamps })
            .collect();
        let bar = if show_progress {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        if show_progress {
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} checking links {pos}/{len} {wide_msg}")
        {
            bar.set_style(style);
        }
        let report = online::verify(&requests, &settings[index].online, &Bar(bar));
        for warning in &report.warnings {
            eprintln!("warning: {warning}");
        }
        if report.unreached > 0 {
            eprintln!(
                "warning: the network is unreachable (no host resolved or answered): {} link{} \
                 left unchecked (url-unchecked), nothing cached",
                report.unreached,
                if report.unreached == 1 { "" } else { "s" }
            );
        }
        let refused = report
            .outcomes
            .values()
            .filter(|o| matches!(o, online::Outcome::Refused { .. }))
            .count();
        let excluded = requests.len() - report.outcomes.len();
        let mut line = format!(
            "links: {} checked online ({} request{}), {} from the cache",
            report.checked - refused - report.unreached,
            report.requests,
            if report.requests == 1 { "" } else { "s" },
            report.from_cache
        );
        if refused > 0 {
            line.push_str(&format!(", {refused} refused (internal address)"));
        }
        if report.unreached > 0 {
            line.push_str(&format!(
                ", {} unchecked (network unreachable)",
                report.unreached
            ));
        }
        if excluded > 0 {
            line.push_str(&format!(", {excluded} excluded"));
        }
        lines.push(line);
        settings[index].link_report = Some(Arc::new(report));
    }
    lines
}
