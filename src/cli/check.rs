//! `copydesk check`: find the inputs, resolve their settings, check them in parallel and
//! print the results in input order.

use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use copydesk::baseline::Baseline;
use copydesk::files::{self, FileId};
use copydesk::fix::{self, FixMode};
use copydesk::render::{self, FilePart, Format, Summary};
use copydesk::{Diagnostic, Settings, Source};
use rayon::prelude::*;

use super::args::{CheckArgs, ColorChoice};
use super::inputs::{Input, collect_inputs, read, read_stdin};
use super::online;
use super::report::ReportSink;
use super::settings::SettingsCache;

/// How many files are checked in parallel before their output is printed.
const CHUNK: usize = 256;

fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && to_terminal
        }
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
    /// Baseline entries of this file that matched no finding.
    stale: usize,
    rules: Vec<&'static str>,
    baseline: Baseline,
    /// A fixed file whose old content is to be looked at once more after a pause.
    replaced: Option<files::Replaced>,
}

struct Job<'a> {
    args: &'a CheckArgs,
    format: Format,
    color: bool,
    width: usize,
    mode: FixMode,
    baseline: Option<&'a Baseline>,
    /// Fewer files than cores: run each file's rules side by side.
    rules_in_parallel: bool,
    max_file_size: u64,
}

impl Job<'_> {
    fn check(&self, input: &Input, settings: &Settings) -> Outcome {
        let mut outcome = Outcome::default();
        let source = match read(input, self.max_file_size) {
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
        let (source, mut diagnostics) = if args.diff || args.fix {
            let fixed = fix::fix_until_stable(&source, settings, self.mode);
            if let Some(rules) = &fixed.cycle {
                outcome.errors.push(format!(
                    "{}: the fixes of {} undo each other (the text came back to an earlier \
                     state); no fix applied",
                    source.path,
                    rules
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if args.diff {
                outcome.stdout = render::diff::unified_colored(
                    &source.path,
                    &source.text,
                    &fixed.source.text,
                    self.color,
                )
                .into_bytes();
                let diagnostics = copydesk::check(&source, settings);
                // Whatever the diff does not change is still reported.
                let unfixed: Vec<Diagnostic> = diagnostics
                    .iter()
                    .filter(|d| {
                        d.fix
                            .as_ref()
                            .is_none_or(|f| !self.mode.allows(f.applicability))
                    })
                    .cloned()
                    .collect();
                outcome.stderr = render::human_at_width(&source, &unfixed, self.color, self.width);
                (source, diagnostics)
            } else {
                let mut written = true;
                if from_stdin {
                    // The whole text, fixed or not, so that `--fix - > out` never loses it.
                    outcome.stdout = fix::file_bytes(&fixed.source);
                } else if fixed.applied > 0 {
                    match fix::write_atomically(&input.path, &source, &fixed.source) {
                        Ok(replaced) => outcome.replaced = replaced,
                        Err(error) => {
                            outcome.errors.push(format!("{}: {error}", source.path));
                            written = false;
                        }
                    }
                }
                if written {
                    outcome.fixes = fixed.applied;
                    let diagnostics = copydesk::check(&fixed.source, settings);
                    (fixed.source, diagnostics)
                } else {
                    // The file is as it was: report what it holds.
                    let diagnostics = copydesk::check(&source, settings);
                    (source, diagnostics)
                }
            }
        } else if self.rules_in_parallel {
            let diagnostics = copydesk::check_rules_in_parallel(&source, settings);
            (source, diagnostics)
        } else {
            let diagnostics = copydesk::check(&source, settings);
            (source, diagnostics)
        };
        // The baseline names files where they are, or standard input by its given name.
        let location = if from_stdin {
            std::path::Path::new(&source.path)
        } else {
            input.path.as_path()
        };
        if let Some(baseline) = self.baseline {
            let hidden = baseline.hide(location, &source, &mut diagnostics);
            (outcome.hidden, outcome.stale) = (hidden.hidden, hidden.stale);
        }
        if args.write_baseline.is_some() {
            outcome.baseline.record(location, &source, &diagnostics);
        }
        outcome.summary.add(&diagnostics);
        outcome.summary.failing = diagnostics
            .iter()
            .filter(|d| settings.fails(d.severity))
            .count();
        outcome.failed = outcome.summary.failing > 0;
        outcome.rules = diagnostics.iter().map(|d| d.rule.name).collect();
        if !(self.format == Format::Human && args.diff) {
            outcome.part = render::file_part_at_width(
                self.format,
                &source,
                &diagnostics,
                self.color,
                self.width,
                settings.fail_on,
            );
        }
    }
}

/// Looks once more, after one pause for the whole batch, at the old content of the files
/// just fixed, carrying over what a writer put there around the rename.
fn settle_replaced(outcomes: &mut [Outcome]) {
    if outcomes.iter().all(|o| o.replaced.is_none()) {
        return;
    }
    std::thread::sleep(files::Replaced::PAUSE);
    for outcome in outcomes {
        if let Some(replaced) = outcome.replaced.take()
            && let Err(error) = replaced.settle()
        {
            outcome
                .errors
                .push(format!("{}: {error}", replaced.path().display()));
        }
    }
}

pub fn run(args: CheckArgs) -> ExitCode {
    // Without `-` among the paths the name would silently apply to nothing.
    if args.stdin_filename.is_some() && !args.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!(
            "error: --stdin-filename names the text read from `-`, but `-` is not among the \
             paths (pipe the text in and add `-`: `copydesk check --stdin-filename NAME -`)"
        );
        return ExitCode::from(2);
    }
    let max_file_size = args.max_file_size.unwrap_or(files::DEFAULT_MAX_FILE_SIZE);
    let mut errors = Vec::new();
    let mut inputs = if args.staged {
        match super::inputs::staged_inputs() {
            Ok(staged) => staged
                .into_iter()
                .filter_map(|staged| match staged.content {
                    Ok(content) => Some(Input {
                        path: staged.path,
                        display: staged.display,
                        content: Some(content),
                        explicit: true,
                    }),
                    Err(error) => {
                        errors.push(format!("{}: {error}", staged.display));
                        None
                    }
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
    let input_ids: HashSet<FileId> = inputs.iter().filter_map(|i| FileId::of(&i.path)).collect();
    for output in [&args.output_file, &args.write_baseline]
        .into_iter()
        .flatten()
    {
        if FileId::of(output).is_some_and(|id| input_ids.contains(&id)) {
            eprintln!(
                "error: the output file {} is also an input; it would be overwritten, so \
                 nothing was checked",
                output.display()
            );
            return ExitCode::from(2);
        }
    }
    for input in inputs.iter_mut().filter(|i| i.path.as_os_str() == "-") {
        input.display = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string());
        match read_stdin(&input.display, max_file_size) {
            Ok(bytes) => input.content = Some(bytes),
            Err(error) => errors.push(error),
        }
    }
    for error in &errors {
        eprintln!("error: {error}");
    }
    let format = args.format;
    // `--fix -` writes the text on stdout: the report goes to stderr, in every format.
    let fixing_stdin = args.fix && inputs.iter().any(|i| i.path.as_os_str() == "-");
    let report_to_stdout = args.output_file.is_none() && !fixing_stdin;
    let to_terminal = if report_to_stdout {
        std::io::stdout().is_terminal()
    } else {
        args.output_file.is_none() && std::io::stderr().is_terminal()
    };
    let color = use_color(args.color, to_terminal);
    let baseline = match args
        .baseline
        .as_deref()
        .map(|path| Baseline::read(path, max_file_size))
        .transpose()
    {
        Ok(baseline) => baseline,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let mut cache = SettingsCache::new(args.config.clone(), color, max_file_size, |settings| {
        for selector in args.select.iter().chain(&args.ignore) {
            if !settings.knows(selector) {
                return Err(copydesk::rules::selector::unknown(
                    selector,
                    settings.user_rule_ids(),
                ));
            }
        }
        let select = (!args.select.is_empty()).then_some(args.select.as_slice());
        settings.apply_selection(select, &[], &args.ignore);
        if let Some(fail_on) = args.fail_on {
            settings.fail_on = fail_on.level();
        }
        online::apply_args(&args, &mut settings.online);
        Ok(())
    });
    let settings_of: Vec<Option<usize>> = inputs.iter().map(|i| cache.for_file(&i.path)).collect();
    let mut had_error = !errors.is_empty() || settings_of.iter().any(Option::is_none);
    let mut settings = cache.settings;
    // Only with `--online` (or `[online] enabled = true`) is any request sent.
    let show_progress = format == Format::Human && to_terminal && std::io::stderr().is_terminal();
    let online_lines = online::verify_links(
        &inputs,
        &settings_of,
        &mut settings,
        show_progress,
        max_file_size,
    );
    let checked_files = settings_of.iter().filter(|s| s.is_some()).count();
    let job = Job {
        args: &args,
        format,
        color,
        width: args.width.map(usize::from).unwrap_or_else(|| {
            to_terminal
                .then(render::terminal_width)
                .flatten()
                .unwrap_or(render::DEFAULT_WIDTH)
        }),
        mode: if args.unsafe_fixes {
            FixMode::Unsafe
        } else {
            FixMode::Safe
        },
        baseline: baseline.as_ref(),
        rules_in_parallel: checked_files < rayon::current_num_threads(),
        max_file_size,
    };

    let mut report = match &args.output_file {
        Some(path) => match ReportSink::file(path) {
            Ok(sink) => sink,
            Err(error) => {
                eprintln!("error: {}: {error}", path.display());
                return ExitCode::from(2);
            }
        },
        None if fixing_stdin => ReportSink::stderr(),
        None => ReportSink::stdout(),
    };
    // The fixed text of `--fix -`, or the diff of `--diff`.
    let mut text_out = if fixing_stdin || args.diff {
        Some(ReportSink::stdout())
    } else {
        None
    };
    let mut summary = Summary::default();
    let (mut failed, mut fixes, mut hidden, mut stale) = (false, 0, 0, 0);
    let mut collected = render::Collected::default();
    let mut statistics: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut new_baseline = Baseline::new();
    let work: Vec<(&Input, usize)> = inputs
        .iter()
        .zip(&settings_of)
        .filter_map(|(i, s)| Some((i, (*s)?)))
        .collect();
    for chunk in work.chunks(CHUNK) {
        let mut outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|&(input, index)| job.check(input, &settings[index]))
            .collect();
        settle_replaced(&mut outcomes);
        for outcome in outcomes {
            for error in &outcome.errors {
                eprintln!("error: {error}");
            }
            had_error |= !outcome.errors.is_empty();
            let _ = std::io::stderr().write_all(&outcome.stderr);
            match &mut text_out {
                Some(out) => out.write_all(&outcome.stdout),
                None => report.write_all(&outcome.stdout),
            }
            if format.streams() {
                report.write_all(&outcome.part.text);
            } else {
                collected.push(outcome.part);
            }
            summary.merge(&outcome.summary);
            failed |= outcome.failed;
            fixes += outcome.fixes;
            hidden += outcome.hidden;
            stale += outcome.stale;
            for rule in outcome.rules {
                *statistics.entry(rule).or_default() += 1;
            }
            new_baseline.entries.extend(outcome.baseline.entries);
        }
    }
    let user_rules: Vec<copydesk::RuleId> = settings
        .iter()
        .flat_map(|s| s.user_rules.iter().map(|u| u.rule))
        .collect();
    if let Err(error) = collected.write_to(&mut report, format, summary, &user_rules) {
        eprintln!("error: temporary file for the report: {error}");
        had_error = true;
    }
    let report_name = match &args.output_file {
        Some(path) => path.display().to_string(),
        None if fixing_stdin => "standard error".to_string(),
        None => "standard output".to_string(),
    };
    if let Err(error) = report.finish() {
        eprintln!("error: cannot write the report to {report_name}: {error}");
        had_error = true;
    }
    if let Some(out) = text_out
        && let Err(error) = out.finish()
    {
        eprintln!("error: cannot write to standard output: {error}");
        had_error = true;
    }

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
    if summary.files == 0 && had_error {
        // "No findings" would read as a pass after a fatal config or input error.
        described = "no file checked, because of the errors above".to_string();
    }
    // Stale counts only the entries of files checked in this run.
    if baseline.is_some() {
        described.push_str(&format!(
            "; {hidden} hidden by the baseline, {stale} baseline entries stale"
        ));
    }
    lines.push(described);
    if args.staged && failed && !args.exit_zero {
        lines.push(
            "the commit is blocked: `copydesk check --diff FILE` shows the fixes, `copydesk \
             check --fix FILE` applies them (then `git add` the file again); `git commit \
             --no-verify` commits without the check"
                .to_string(),
        );
    }
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
    let summary_to_stdout =
        args.output_file.is_some() || (format == Format::Human && !args.diff && report_to_stdout);
    let mut summary_out = if summary_to_stdout {
        ReportSink::stdout()
    } else {
        ReportSink::stderr()
    };
    for line in lines {
        // Human output keeps every line within the width, the summary too.
        let line = if format == Format::Human {
            render::wrap_to_width(&line, job.width)
        } else {
            line
        };
        summary_out.write_all(line.as_bytes());
        summary_out.write_all(b"\n");
    }
    if let Err(error) = summary_out.finish() {
        if summary_to_stdout {
            eprintln!("error: cannot write the summary to standard output: {error}");
        }
        had_error = true;
    }
    if had_error {
        ExitCode::from(2)
    } else if failed && !args.exit_zero && args.write_baseline.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
