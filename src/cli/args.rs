//! The command line's arguments, one clap struct per command.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use copydesk::Severity;
use copydesk::online::{self, safety::AllowedHost};
use copydesk::render::Format;

/// An editorial fact-check linter: notes, links, dates, names and uncited claims.
#[derive(Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check articles (Markdown or plain text) and report findings
    Check(Box<CheckArgs>),
    /// List every rule, built-in and of the config's `[[rule]]` tables, with its code,
    /// default severity and the fixes it offers
    Rules {
        /// The config whose `[[rule]]` rules to list, instead of the nearest `copydesk.toml`
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Explain a rule: what it does, why, examples and options
    Explain {
        /// Rule name (`footnote-undefined`), code (`CD101`) or `[[rule]]` name
        rule: String,
        /// The config whose `[[rule]]` rules to look in, instead of the nearest
        /// `copydesk.toml`
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Write a commented starter `copydesk.toml` in the current directory
    Init,
    /// List every claim sentence with its score and what covers it (note, URL, date)
    Claims(ClaimsArgs),
    /// Install or remove the git pre-commit hook
    Hook {
        #[command(subcommand)]
        action: HookAction,
    },
    /// Serve diagnostics, quick fixes and rule explanations to an editor (the Language
    /// Server Protocol over stdin and stdout)
    Server,
    /// Print shell completions: `copydesk completions bash > ~/.local/share/bash-completion/completions/copydesk`
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `copydesk man > copydesk.1; man ./copydesk.1`
    Man {
        /// Write a page for copydesk and one for each command (`copydesk-check.1`, …)
        /// into DIR instead
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum HookAction {
    /// Write `.git/hooks/pre-commit`, which checks the staged articles
    Install {
        /// Replace a hook that copydesk did not write (it is kept and restored on uninstall)
        #[arg(long)]
        force: bool,
    },
    /// Remove copydesk's hook, restoring the one it replaced
    Uninstall,
}

/// The claims worksheet: what a fact-checker works through before publication.
#[derive(clap::Args)]
pub struct ClaimsArgs {
    /// Files or directories; `-` reads standard input. Defaults to `.`
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = WorksheetFormat::Table)]
    pub format: WorksheetFormat,
    /// Only the claims that nothing covers
    #[arg(long)]
    pub uncited: bool,
    /// Config file to use instead of the nearest `copydesk.toml` / `.copydesk.toml`
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Largest article or config file to read: `64MB`, `512KB`, bytes [default: 64MB]
    #[arg(long, value_name = "SIZE", value_parser = copydesk::files::parse_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum WorksheetFormat {
    /// A table for the terminal
    Table,
    /// Comma-separated values with a header row
    Csv,
    /// One JSON object: `{"version": 1, "claims": [...]}`
    Json,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Defaults to `.`
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to color human output (NO_COLOR is honoured by `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Columns that bound human output, 20 at the least [default: the terminal's, else 100]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Path to report for text read from standard input; its extension picks the format
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Lowest severity that makes the run fail with exit code 1 [default: warning]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit with 0 even when there are findings (errors reading files still exit with 2)
    #[arg(long)]
    pub exit_zero: bool,
    /// Config file to use instead of the nearest `copydesk.toml` / `.copydesk.toml`
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Rules, codes or families to run instead of the configured ones
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules, codes or families not to run
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Apply safe fixes in place, then report what is left
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply unsafe fixes too
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change, and write nothing
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Check the staged content of staged articles (what the next commit will hold)
    #[arg(long, conflicts_with_all = ["fix", "paths"])]
    pub staged: bool,
    /// Write the report to FILE and print only the summary
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Print the number of findings per rule
    #[arg(long)]
    pub statistics: bool,
    /// Record the current findings in FILE, so that later runs with --baseline hide them
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Hide the findings recorded in FILE and report only new ones
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Largest article, config or pack file to read: `64MB`, `512KB`, bytes [default: 64MB]
    #[arg(long, value_name = "SIZE", value_parser = copydesk::files::parse_size)]
    pub max_file_size: Option<u64>,
    /// Verify cited URLs over the network (`copydesk explain url-broken`)
    #[arg(long, help_heading = "Online checking")]
    pub online: bool,
    /// Seconds to wait for each request [default: 20]
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout, help_heading = "Online checking")]
    pub timeout: Option<Duration>,
    /// How long to reuse cached results: `0`, `90s`, `12h`, `1d`... [default: 1d]
    #[arg(long, value_name = "DURATION", value_parser = online::parse_duration, help_heading = "Online checking")]
    pub max_cache_age: Option<Duration>,
    /// Directory of the link cache [default: .copydesk-cache beside the config file]
    #[arg(long, value_name = "DIR", help_heading = "Online checking")]
    pub cache_dir: Option<PathBuf>,
    /// Allow requests to loopback, private, link-local and metadata addresses
    #[arg(long, help_heading = "Online checking")]
    pub allow_private_hosts: bool,
    /// Allow requests to the internal addresses of HOST (or HOST:PORT) only; repeatable
    #[arg(long, value_name = "HOST[:PORT]", value_parser = AllowedHost::parse, help_heading = "Online checking")]
    pub allow_host: Vec<AllowedHost>,
    /// Never request URLs that match REGEX; repeatable
    #[arg(long, value_name = "REGEX", value_parser = parse_regex, help_heading = "Online checking")]
    pub exclude_url: Vec<regex::Regex>,
    /// Status codes or ranges (`400..=403`) that count as success besides 2xx
    #[arg(long, value_delimiter = ',', value_name = "CODES", value_parser = online::parse_accept, help_heading = "Online checking")]
    pub accept: Vec<(u16, u16)>,
    /// Availability API asked for archived copies of broken URLs
    #[arg(long, value_name = "URL", value_parser = parse_endpoint, help_heading = "Online checking")]
    pub archive_endpoint: Option<String>,
    /// Do not look for archived copies of broken URLs
    #[arg(long, help_heading = "Online checking")]
    pub no_archive: bool,
}

fn parse_timeout(text: &str) -> Result<Duration, String> {
    let duration = online::parse_duration(text)?;
    if duration.is_zero() {
        return Err("the timeout must be more than zero".to_string());
    }
    Ok(duration)
}

fn parse_regex(text: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(text).map_err(|e| e.to_string())
}

fn parse_endpoint(text: &str) -> Result<String, String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(text.to_string()),
        _ => Err(format!("`{text}` is not an http(s) URL")),
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

impl FailOn {
    pub fn level(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Error => Some(Severity::Error),
            FailOn::Never => None,
        }
    }
}
