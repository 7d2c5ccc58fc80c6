//! `copydesk claims`: the claims worksheet of the inputs, as a table, CSV or JSON.

use std::io::Write;
use std::process::ExitCode;

use copydesk::files;
use copydesk::render::worksheet;
use copydesk::worksheet::{ClaimRow, claims};
use rayon::prelude::*;

use super::args::{ClaimsArgs, WorksheetFormat};
use super::inputs::{collect_inputs, read, read_stdin};
use super::settings::SettingsCache;

pub fn run(args: ClaimsArgs) -> ExitCode {
    let max_file_size = args.max_file_size.unwrap_or(files::DEFAULT_MAX_FILE_SIZE);
    let paths = if args.paths.is_empty() {
        vec![std::path::PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let mut inputs = collect_inputs(&paths, &mut errors);
    for input in inputs.iter_mut().filter(|i| i.path.as_os_str() == "-") {
        input.display = "<stdin>".to_string();
        match read_stdin(&input.display, max_file_size) {
            Ok(bytes) => input.content = Some(bytes),
            Err(error) => errors.push(error),
        }
    }
    let mut cache = SettingsCache::new(args.config.clone(), false, max_file_size, |_| Ok(()));
    let settings_of: Vec<Option<usize>> = inputs.iter().map(|i| cache.for_file(&i.path)).collect();
    let settings = cache.settings;
    let read_rows: Vec<Result<Vec<ClaimRow>, String>> = inputs
        .par_iter()
        .zip(&settings_of)
        .map(|(input, index)| {
            let Some(index) = index else {
                return Ok(Vec::new());
            };
            let source = read(input, max_file_size)?;
            Ok(claims(&source, &settings[*index]))
        })
        .collect();
    let mut rows = Vec::new();
    for result in read_rows {
        match result {
            Ok(found) => rows.extend(found),
            Err(error) => errors.push(error),
        }
    }
    if args.uncited {
        rows.retain(|r| r.covered_by == "none");
    }
    for error in &errors {
        eprintln!("error: {error}");
    }
    let text = match args.format {
        WorksheetFormat::Table => worksheet::table(&rows),
        WorksheetFormat::Csv => worksheet::csv(&rows),
        WorksheetFormat::Json => worksheet::json(&rows),
    };
    let written = std::io::stdout().lock().write_all(text.as_bytes());
    if written.is_err() || !errors.is_empty() || settings_of.iter().any(Option::is_none) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
