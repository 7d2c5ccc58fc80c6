//! The `copydesk` command line: argument parsing, file discovery and output.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
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
    /// Lowest severity that makes the run fail with exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
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
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Self {
        match value {
            FailOn::Info => Severity::Info,
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}

const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
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

fn check(args: CheckArgs) -> ExitCode {
    let mut settings = Settings::default();
    settings.fail_on = args.fail_on.into();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut errors = Vec::new();
    let files = collect_inputs(&paths, &mut errors);
    for error in &errors {
        eprintln!("error: {error}");
    }
    let color = use_color(args.color);
    let mut stdout = std::io::stdout().lock();
    let mut summary = Summary::default();
    let mut failed = false;
    let mut had_error = !errors.is_empty();
    let mut checked = Vec::new();
    for path in &files {
        let source = match read_input(path, args.stdin_filename.as_deref()) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("error: {error}");
                had_error = true;
                continue;
            }
        };
        let diagnostics = copydesk::check(&source, &settings);
        summary.add(&diagnostics);
        failed |= diagnostics.iter().any(|d| d.severity >= settings.fail_on);
        match args.format {
            OutputFormat::Human => {
                let _ = stdout.write_all(&render::human(&source, &diagnostics, color));
            }
            OutputFormat::Json => checked.push((source, diagnostics)),
        }
    }
    match args.format {
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
