//! The `copydesk` command line: argument parsing and dispatch.

/// Prints a line on stdout; a closed pipe (`copydesk rules | head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod cli;

/// mimalloc: the rules allocate many small short-lived vectors and strings per document,
/// where glibc's malloc and free took about 13% of a whole run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
