//! `copydesk check`: find the inputs, resolve their settings, check them in parallel and
//! print the results in input order.

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copydesk::baseline::Baseline;
use copydesk::config::{self, ConfigFile};
use copydesk::fix::{self, FixMode};
use copydesk::render::{self, FilePart, Format, Summary};
use copydesk::rules::Rule;
use copydesk::{Diagnostic, Settings, Source, SourceError};
use rayon::prelude::*;

use super::{hook, online};
use crate::{CheckArgs, ColorChoice};

const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// How many files are checked in parallel before their output is printed.
const CHUNK: usize = 256;

/// Something to check: a file on disk, or content already read (stdin, the git index).
pub(super) struct Input {
    /// Where it lives; config files are looked up from here.
    path: PathBuf,
    /// The path shown in reports.
    pub(super) display: String,
    content: Option<Vec<u8>>,
    /// Named on the command line (rather than found in a walk).
    explicit: bool,
}

pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

/// Expands the command-line paths into inputs; errors are reported per path.
fn collect_inputs(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            inputs.push(Input {
                path: path.clone(),
                display: path.display().to_string(),
                content: None,
                explicit: true,
            });
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
            match entry {
                Ok(entry)
                    if entry.file_type().is_some_and(|t| t.is_file())
                        && is_article(entry.path()) =>
                {
                    found.push(entry.into_path());
                }
                Ok(_) => {}
                Err(error) => errors.push(format!("{}: {error}", path.display())),
            }
        }
        found.sort();
        inputs.extend(found.into_iter().map(|path| Input {
            display: path.display().to_string(),
            path,
            content: None,
            explicit: false,
        }));
    }
    inputs
}

fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && to_terminal
        }
    }
}

/// Settings for each config file, resolved once per run.
struct SettingsCache<'a> {
    args: &'a CheckArgs,
    resolved: HashMap<Option<PathBuf>, Option<usize>>,
    /// The settings index found for each directory: files of one directory share their
    /// config, so its lookup (a walk up the tree, two stats per level) runs once.
    by_directory: HashMap<PathBuf, Option<usize>>,
    settings: Vec<Settings>,
    color: bool,
}

impl SettingsCache<'_> {
    /// The index of the settings for a file: its config (or `--config`), then the command
    /// line. `None` when the config is invalid; the error is printed once.
    fn for_file(&mut self, file: &Path) -> Option<usize> {
        let config_path = match &self.args.config {
            Some(path) => Some(path.clone()),
            None => {
                let start = if file.as_os_str() == "-" {
                    Path::new(".")
                } else {
                    file.parent().unwrap_or(Path::new("."))
                };
                if let Some(&index) = self.by_directory.get(start) {
                    return index;
                }
                let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
                let index = self.for_config(ConfigFile::find_from(&absolute));
                self.by_directory.insert(start.to_path_buf(), index);
                return index;
            }
        };
        self.for_config(config_path)
    }

    /// The index of the settings for a config file (or none).
    fn for_config(&mut self, config_path: Option<PathBuf>) -> Option<usize> {
        if let Some(&index) = self.resolved.get(&config_path) {
            return index;
        }
        let index = self.resolve(config_path.as_deref()).map(|settings| {
            self.settings.push(settings);
            self.settings.len() - 1
        });
        self.resolved.insert(config_path, index);
        index
    }

    fn resolve(&self, config_path: Option<&Path>) -> Option<Settings> {
        let loaded = match config_path {
            None => Ok(Settings::default()),
            Some(path) => ConfigFile::read(path).and_then(|file| {
                file.options()
                    .and_then(|options| config::resolve(&file, options))
            }),
        };
        let mut settings = match loaded {
            Ok(settings) => settings,
            Err(error) => {
                let _ = std::io::stderr().write_all(&render::config_error(&error, self.color));
                return None;
            }
        };
        let args = self.args;
        for selector in args.select.iter().chain(&args.ignore) {
            if !config::is_known_selector(selector) {
                eprintln!("error: unknown rule `{selector}`; `copydesk rules` lists them");
                return None;
            }
        }
        let select = (!args.select.is_empty()).then_some(args.select.as_slice());
        settings.apply_selection(select, &[], &args.ignore);
        if let Some(fail_on) = args.fail_on {
            settings.fail_on = fail_on.level();
        }
        online::apply_args(args, &mut settings.online);
        Some(settings)
    }
}

/// What checking one input produced.
#[derive(Default)]
struct Outcome {
    errors: Vec<String>,
    part: FilePart,
    /// `--diff` output, or fixed text for stdin with `--fix`.
    stdout: Vec<u8>,
    /// Findings printed on stderr (`--diff`).
    stderr: Vec<u8>,
    summary: Summary,
    failed: bool,
    fixes: usize,
    hidden: usize,
    rules: Vec<&'static str>,
    baseline: Baseline,
}

/// Whether the first bytes hold a NUL: a binary file, not an article.
fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

pub(super) fn read(input: &Input) -> Result<Source, String> {
    let bytes = match &input.content {
        Some(bytes) => bytes.clone(),
        None => std::fs::read(&input.path).map_err(|error| {
            SourceError::Io {
                path: input.display.clone(),
                error,
            }
            .to_string()
        })?,
    };
    if is_binary(&bytes) && !bytes.starts_with(&[0xff, 0xfe]) && !bytes.starts_with(&[0xfe, 0xff]) {
        return Err(format!("{}: binary file, not an article", input.display));
    }
    Source::from_bytes(input.display.clone(), bytes).map_err(|e| e.to_string())
}

struct Job<'a> {
    args: &'a CheckArgs,
    format: Format,
    color: bool,
    mode: FixMode,
    baseline: Option<&'a Baseline>,
    /// Fewer files than cores: run each file's rules side by side.
    rules_in_parallel: bool,
}

impl Job<'_> {
    fn check(&self, input: &Input, settings: &Settings) -> Outcome {
        let mut outcome = Outcome::default();
        let source = match read(input) {
            Ok(source) => source,
            // A binary file found in a walk is skipped; named explicitly, it is an error.
            Err(error) if !input.explicit && error.ends_with("binary file, not an article") => {
                return outcome;
            }
            Err(error) => {
                outcome.errors.push(error);
                return outcome;
            }
        };
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.check_source(input, source, settings, &mut outcome)
        }));
        if checked.is_err() {
            outcome.errors.push(format!(
                "{}: internal error while checking this file; please report it",
                input.display
            ));
        }
        outcome
    }

    fn check_source(
        &self,
        input: &Input,
        source: Source,
        settings: &Settings,
        outcome: &mut Outcome,
    ) {
        let args = self.args;
        let from_stdin = input.path.as_os_str() == "-";
        let (source, mut diagnostics) = if args.diff {
            let (fixed, _) = fix::fix_until_stable(&source, settings, self.mode);
            outcome.stdout =
                render::diff::unified(&source.path, &source.text, &fixed.text).into_bytes();
            let diagnostics = copydesk::check(&source, settings);
            let unfixable: Vec<Diagnostic> = diagnostics
                .iter()
                .filter(|d| d.fix.is_none())
                .cloned()
                .collect();
            outcome.stderr = render::human(&source, &unfixable, self.color);
            (source, diagnostics)
        } else if args.fix {
            let (fixed, applied) = fix::fix_until_stable(&source, settings, self.mode);
            if applied > 0 {
                if from_stdin {
                    outcome.stdout = fix::file_bytes(&fixed);
                } else if let Err(error) = fix::write_atomically(&input.path, &source, &fixed) {
                    outcome.errors.push(format!("{}: {error}", source.path));
                    return;
                }
                outcome.fixes = applied;
            }
            let diagnostics = copydesk::check(&fixed, settings);
            (fixed, diagnostics)
        } else if self.rules_in_parallel {
            let diagnostics = copydesk::check_rules_in_parallel(&source, settings);
            (source, diagnostics)
        } else {
            let diagnostics = copydesk::check(&source, settings);
            (source, diagnostics)
        };
        if let Some(baseline) = self.baseline {
            outcome.hidden = baseline.hide(&source, &mut diagnostics);
        }
        if args.write_baseline.is_some() {
            outcome.baseline.record(&source, &diagnostics);
        }
        outcome.summary.add(&diagnostics);
        outcome.failed = diagnostics.iter().any(|d| settings.fails(d.severity));
        outcome.rules = diagnostics.iter().map(|d| d.rule.name).collect();
        let quiet = self.format == Format::Human && (args.diff || (args.fix && from_stdin));
        if !quiet {
            outcome.part = render::file_part(self.format, &source, &diagnostics, self.color);
        }
    }
}

fn read_stdin(name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(bytes)
}

pub fn run(args: CheckArgs) -> ExitCode {
    let mut errors = Vec::new();
    let mut inputs = if args.staged {
        match hook::staged_inputs() {
            Ok(staged) => staged
                .into_iter()
                .map(|(path, display, content)| Input {
                    path,
                    display,
                    content: Some(content),
                    explicit: true,
                })
                .collect(),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(2);
            }
        }
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        collect_inputs(&paths, &mut errors)
    };
    for input in inputs.iter_mut().filter(|i| i.path.as_os_str() == "-") {
        input.display = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string());
        match read_stdin(&input.display) {
            Ok(bytes) => input.content = Some(bytes),
            Err(error) => errors.push(error),
        }
    }
    for error in &errors {
        eprintln!("error: {error}");
    }
    let format: Format = args.format.into();
    let to_terminal = args.output_file.is_none() && std::io::stdout().is_terminal();
    let color = use_color(args.color, to_terminal);
    let baseline = match args.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let mut cache = SettingsCache {
        args: &args,
        resolved: HashMap::new(),
        by_directory: HashMap::new(),
        settings: Vec::new(),
        color,
    };
    let settings_of: Vec<Option<usize>> = inputs.iter().map(|i| cache.for_file(&i.path)).collect();
    let mut had_error = !errors.is_empty() || settings_of.iter().any(Option::is_none);
    let mut settings = cache.settings;
    // Only with `--online` (or `[online] enabled = true`) is any request sent.
    let show_progress = format == Format::Human && to_terminal && std::io::stderr().is_terminal();
    let online_lines = online::verify_links(&inputs, &settings_of, &mut settings, show_progress);
    let checked_files = settings_of.iter().filter(|s| s.is_some()).count();
    let job = Job {
        args: &args,
        format,
        color,
        mode: if args.unsafe_fixes {
            FixMode::Unsafe
        } else {
            FixMode::Safe
        },
        baseline: baseline.as_ref(),
        rules_in_parallel: checked_files < rayon::current_num_threads(),
    };

    let mut report: Box<dyn Write> = match &args.output_file {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(error) => {
                eprintln!("error: {}: {error}", path.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let mut summary = Summary::default();
    let (mut failed, mut fixes, mut hidden) = (false, 0, 0);
    let mut collected = render::Collected::default();
    let mut statistics: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut new_baseline = Baseline {
        version: 1,
        entries: Vec::new(),
    };
    let work: Vec<(&Input, usize)> = inputs
        .iter()
        .zip(&settings_of)
        .filter_map(|(i, s)| Some((i, (*s)?)))
        .collect();
    for chunk in work.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|&(input, index)| job.check(input, &settings[index]))
            .collect();
        for outcome in outcomes {
            for error in &outcome.errors {
                eprintln!("error: {error}");
            }
            had_error |= !outcome.errors.is_empty();
            let _ = std::io::stderr().write_all(&outcome.stderr);
            let _ = report.write_all(&outcome.stdout);
            if format.streams() {
                let _ = report.write_all(&outcome.part.text);
            } else {
                collected.push(outcome.part);
            }
            if outcome.summary.files > 0 {
                summary.files += 1;
                summary.clean_files += outcome.summary.clean_files;
                summary.errors += outcome.summary.errors;
                summary.warnings += outcome.summary.warnings;
                summary.infos += outcome.summary.infos;
                summary.fixable += outcome.summary.fixable;
            }
            failed |= outcome.failed;
            fixes += outcome.fixes;
            hidden += outcome.hidden;
            for rule in outcome.rules {
                *statistics.entry(rule).or_default() += 1;
            }
            new_baseline.entries.extend(outcome.baseline.entries);
        }
    }
    let user_rules: Vec<&Rule> = settings
        .iter()
        .flat_map(|s| s.user_rules.iter().map(|u| u.rule))
        .collect();
    if let Err(error) = collected.write_to(&mut report, format, summary, &user_rules) {
        eprintln!("error: temporary file for the report: {error}");
        had_error = true;
    }
    let _ = report.flush();
    drop(report);

    // The summary goes where it does not mix with a machine-readable report.
    let mut lines = Vec::new();
    if args.fix {
        lines.push(format!(
            "applied {fixes} fix{}",
            if fixes == 1 { "" } else { "es" }
        ));
    }
    lines.extend(online_lines);
    let mut described = summary.describe();
    if let Some(baseline) = &baseline {
        let matched_entries = hidden;
        described.push_str(&format!(
            "; {hidden} hidden by the baseline, {} baseline entries stale",
            baseline.entries.len().saturating_sub(matched_entries)
        ));
    }
    lines.push(described);
    if args.statistics {
        for (rule, count) in &statistics {
            lines.push(format!("{count:>6}  {rule}"));
        }
    }
    if let Some(path) = &args.write_baseline {
        match new_baseline.write(path) {
            Ok(()) => lines.push(format!(
                "wrote {} findings to baseline {}",
                new_baseline.entries.len(),
                path.display()
            )),
            Err(error) => {
                eprintln!("error: {error}");
                had_error = true;
            }
        }
    }
    let summary_to_stdout = args.output_file.is_some()
        || (format == Format::Human
            && !args.diff
            && !(args.fix && inputs.iter().any(|i| i.path.as_os_str() == "-")));
    for line in lines {
        if summary_to_stdout {
            say!("{line}");
        } else {
            eprintln!("{line}");
        }
    }
    if had_error {
        ExitCode::from(2)
    } else if failed && !args.exit_zero && args.write_baseline.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
