//! The `copydesk` command line: argument parsing, file discovery and output.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use std::collections::HashMap;

use copydesk::config::{self, ConfigFile};
use copydesk::fix::{self, FixMode};
use copydesk::render::{self, Report, Summary};
use copydesk::{Settings, Severity, Source, SourceError, rules};

/// An editorial fact-check linter: notes, links, dates, names and uncited claims.
#[derive(Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles (Markdown or plain text) and report findings
    Check(CheckArgs),
    /// List every rule with its code, default severity and whether it can fix
    Rules,
    /// Write a commented starter `copydesk.toml` in the current directory
    Init,
    /// Explain a rule: what it does, why, examples and options
    Explain {
        /// Rule name (`footnote-undefined`) or code (`CD101`)
        rule: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Defaults to `.`
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// When to color human output (NO_COLOR is honoured by `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Path to report for text read from standard input; its extension picks the format
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    /// Lowest severity that makes the run fail with exit code 1 [default: warning]
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Config file to use instead of the nearest `copydesk.toml` / `.copydesk.toml`
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Rules, codes or families to run instead of the configured ones
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Rules, codes or families not to run
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Apply safe fixes in place, then report what is left
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change, and write nothing
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

impl FailOn {
    fn level(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Error => Some(Severity::Error),
            FailOn::Never => None,
        }
    }
}

const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Init => init(),
        Command::Rules => {
            print_rules();
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(rule) => {
                println!("# {} ({})\n\n{}", rule.name, rule.code, rule.explanation());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: unknown rule `{rule}`; `copydesk rules` lists them");
                ExitCode::from(2)
            }
        },
    }
}

fn print_rules() {
    println!(
        "{:<6} {:<20} {:<8} {:<7} {:<4} summary",
        "code", "name", "severity", "default", "fix"
    );
    for rule in rules::REGISTRY {
        println!(
            "{:<6} {:<20} {:<8} {:<7} {:<4} {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            if rule.enabled_by_default { "on" } else { "off" },
            if rule.fixable { "yes" } else { "no" },
            rule.summary
        );
    }
}

/// Expands the command-line paths into files; errors are reported per path.
fn collect_inputs(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(path).require_git(false).build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_article = entry.file_type().is_some_and(|t| t.is_file())
                        && entry
                            .path()
                            .extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| {
                                ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a))
                            });
                    if is_article {
                        found.push(entry.into_path());
                    }
                }
                Err(error) => errors.push(format!("{}: {error}", path.display())),
            }
        }
        found.sort();
        files.extend(found);
    }
    files
}

fn read_input(path: &Path, stdin_filename: Option<&str>) -> Result<Source, SourceError> {
    if path.as_os_str() != "-" {
        return Source::read(path);
    }
    let name = stdin_filename.unwrap_or("<stdin>").to_string();
    let mut bytes = Vec::new();
    match std::io::stdin().read_to_end(&mut bytes) {
        Ok(_) => Source::from_bytes(name, bytes),
        Err(error) => Err(SourceError::Io { path: name, error }),
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn init() -> ExitCode {
    let path = Path::new(config::CONFIG_FILE_NAMES[0]);
    if path.exists() {
        eprintln!("error: {} already exists; not overwritten", path.display());
        return ExitCode::from(2);
    }
    match std::fs::write(path, config::STARTER) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {}: {error}", path.display());
            ExitCode::from(2)
        }
    }
}

/// Settings for each config file, resolved once per run.
struct SettingsCache<'a> {
    args: &'a CheckArgs,
    resolved: HashMap<Option<PathBuf>, Option<Settings>>,
    color: bool,
}

impl SettingsCache<'_> {
    /// The settings for a file: its config (or `--config`), then the command line.
    /// `None` when the config is invalid; the error is printed once.
    fn for_file(&mut self, file: &Path) -> Option<&Settings> {
        let config_path = match &self.args.config {
            Some(path) => Some(path.clone()),
            None => {
                let start = if file.as_os_str() == "-" {
                    Path::new(".")
                } else {
                    file.parent().unwrap_or(Path::new("."))
                };
                let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
                ConfigFile::find_from(&start)
            }
        };
        if !self.resolved.contains_key(&config_path) {
            let settings = self.resolve(config_path.as_deref());
            self.resolved.insert(config_path.clone(), settings);
        }
        self.resolved.get(&config_path).and_then(Option::as_ref)
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
        if !args.select.is_empty() {
            for rule in rules::REGISTRY {
                let on = args.select.iter().any(|s| {
                    (config::selects(s, rule) && rule.enabled_by_default)
                        || s == rule.name
                        || rule.code.eq_ignore_ascii_case(s)
                });
                settings.set_enabled(rule, on);
            }
        }
        for rule in rules::REGISTRY {
            if args.ignore.iter().any(|s| config::selects(s, rule)) {
                settings.set_enabled(rule, false);
            }
        }
        if let Some(fail_on) = args.fail_on {
            settings.fail_on = fail_on.level();
        }
        Some(settings)
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let files = collect_inputs(&paths, &mut errors);
    for error in &errors {
        eprintln!("error: {error}");
    }
    let color = use_color(args.color);
    let mode = if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    };
    let mut cache = SettingsCache {
        args: &args,
        resolved: HashMap::new(),
        color,
    };
    let mut stdout = std::io::stdout().lock();
    let mut summary = Summary::default();
    let mut failed = false;
    let mut had_error = !errors.is_empty();
    let mut fixes_applied = 0;
    let mut checked = Vec::new();
    for path in &files {
        let Some(settings) = cache.for_file(path) else {
            had_error = true;
            continue;
        };
        let source = match read_input(path, args.stdin_filename.as_deref()) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("error: {error}");
                had_error = true;
                continue;
            }
        };
        let from_stdin = path.as_os_str() == "-";
        let diagnostics = if args.diff {
            let (fixed, _) = fix::fix_until_stable(&source, settings, mode);
            let _ = stdout.write_all(
                render::diff::unified(&source.path, &source.text, &fixed.text).as_bytes(),
            );
            let diagnostics = copydesk::check(&source, settings);
            let unfixable: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.fix.is_none())
                .cloned()
                .collect();
            let _ = std::io::stderr().write_all(&render::human(&source, &unfixable, color));
            diagnostics
        } else if args.fix {
            let (fixed, applied) = fix::fix_until_stable(&source, settings, mode);
            if applied > 0 {
                let written = if from_stdin {
                    stdout.write_all(&fix::file_bytes(&fixed))
                } else {
                    fix::write_atomically(path, &source, &fixed)
                };
                if let Err(error) = written {
                    eprintln!("error: {}: {error}", source.path);
                    had_error = true;
                    continue;
                }
                fixes_applied += applied;
            }
            copydesk::check(&fixed, settings)
        } else {
            copydesk::check(&source, settings)
        };
        summary.add(&diagnostics);
        failed |= diagnostics.iter().any(|d| settings.fails(d.severity));
        match args.format {
            OutputFormat::Human if args.diff || (args.fix && from_stdin) => {}
            OutputFormat::Human => {
                let _ = stdout.write_all(&render::human(&source, &diagnostics, color));
            }
            OutputFormat::Json => checked.push((source, diagnostics)),
        }
    }
    if args.fix {
        eprintln!(
            "applied {fixes_applied} fix{}",
            if fixes_applied == 1 { "" } else { "es" }
        );
    }
    match args.format {
        OutputFormat::Human
            if args.diff || (args.fix && files.iter().any(|f| f.as_os_str() == "-")) =>
        {
            eprintln!("{}", summary.describe());
        }
        OutputFormat::Human => {
            let _ = writeln!(stdout, "{}", summary.describe());
        }
        OutputFormat::Json => {
            let reports: Vec<Report<'_>> = checked
                .iter()
                .map(|(source, diagnostics)| Report {
                    source,
                    diagnostics,
                })
                .collect();
            let _ = writeln!(stdout, "{}", render::json(&reports, summary));
        }
    }
    if had_error {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
