//! The subcommands that do I/O: checking files and managing the git hook.

pub mod check;
pub mod hook;
pub mod online;
