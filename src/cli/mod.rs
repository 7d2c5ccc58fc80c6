//! The `copydesk` binary: its commands, each in its own file, over the library.

pub mod args;
mod check;
mod claims;
mod git;
mod hook;
mod inputs;
mod online;
mod report;
mod settings;

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use copydesk::{config, rules};

use args::{Cli, Command};

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Rules => {
            print_rules();
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(rule) => {
                say!("# {} ({})\n\n{}", rule.name, rule.code, rule.explanation());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: unknown rule `{rule}`; `copydesk rules` lists them");
                ExitCode::from(2)
            }
        },
        Command::Init => init(),
        Command::Claims(args) => claims::run(args),
        Command::Hook { action } => hook::run(action),
    }
}

fn print_rules() {
    say!(
        "{:<6} {:<20} {:<8} {:<7} {:<4} summary",
        "code",
        "name",
        "severity",
        "default",
        "fix"
    );
    for rule in rules::REGISTRY {
        say!(
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

fn init() -> ExitCode {
    let path = Path::new(config::CONFIG_FILE_NAMES[0]);
    if path.exists() {
        eprintln!("error: {} already exists; not overwritten", path.display());
        return ExitCode::from(2);
    }
    match std::fs::write(path, config::STARTER) {
        Ok(()) => {
            say!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {}: {error}", path.display());
            ExitCode::from(2)
        }
    }
}
