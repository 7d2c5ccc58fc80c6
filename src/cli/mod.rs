//! The `copydesk` binary: its commands, each in its own file, over the library.

pub mod args;
mod catalogue;
mod check;
mod claims;
mod git;
mod hook;
mod inputs;
mod online;
mod report;
mod server;
mod settings;

use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use copydesk::config;

use args::{Cli, Command};

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Rules { config } => catalogue::list(config),
        Command::Explain { rule, config } => catalogue::explain(&rule, config),
        Command::Init => init(),
        Command::Claims(args) => claims::run(args),
        Command::Hook { action } => hook::run(action),
        Command::Server => server::run(),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "copydesk", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man { dir } => man_page(dir.as_deref()),
    }
}

/// The man page of `copydesk` on stdout, or a page per command in `dir`.
fn man_page(dir: Option<&Path>) -> ExitCode {
    let command = Cli::command();
    let written = match dir {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(command, dir))
            .map_err(|e| (dir.display(), e)),
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .and_then(|()| std::io::Write::write_all(&mut std::io::stdout(), &page))
                .map_err(|e| (Path::new("standard output").display(), e))
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err((place, error)) => {
            eprintln!("error: cannot write the man page to {place}: {error}");
            ExitCode::from(2)
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
            say!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {}: {error}", path.display());
            ExitCode::from(2)
        }
    }
}
