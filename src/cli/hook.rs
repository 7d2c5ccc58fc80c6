//! The git pre-commit hook, and reading staged content from the index.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::git::git_line;

use super::args::HookAction;

/// The line that marks a hook as copydesk's own.
const MARKER: &str = "# Installed by copydesk (`copydesk hook install`)";
const BACKUP_SUFFIX: &str = "copydesk-backup";

fn hook_path() -> Result<PathBuf, String> {
    let hooks = PathBuf::from(git_line(&["rev-parse", "--git-path", "hooks"])?);
    std::fs::create_dir_all(&hooks).map_err(|e| format!("{}: {e}", hooks.display()))?;
    Ok(hooks.join("pre-commit"))
}

fn is_ours(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains(MARKER))
}

/// The hook runs `copydesk` from PATH, so that it survives the binary being moved or
/// upgraded; the binary that installed it is the fallback for a PATH without copydesk (as
/// in some GUI git clients).
fn script() -> String {
    let fallback = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .map(|binary| format!("'{}'", binary.replace('\'', r"'\''")));
    let mut script = format!(
        "#!/bin/sh\n{MARKER}; `copydesk hook uninstall` removes it.\n\
         # Checks what the commit will hold: the staged content of staged articles.\n\
         # Runs `copydesk` from PATH, else the binary that installed the hook.\n\
         if command -v copydesk >/dev/null 2>&1; then\n  exec copydesk check --staged\nfi\n"
    );
    if let Some(fallback) = &fallback {
        script.push_str(&format!(
            "if [ -x {fallback} ]; then\n  exec {fallback} check --staged\nfi\n"
        ));
    }
    script.push_str(
        "echo 'copydesk: not found on PATH (nor where the hook was installed from); install \
         it, or commit with `git commit --no-verify` to skip the check' >&2\nexit 1\n",
    );
    script
}

fn install(force: bool) -> Result<String, String> {
    let path = hook_path()?;
    let backup = path.with_extension(BACKUP_SUFFIX);
    if path.exists() && !is_ours(&path) {
        if !force {
            return Err(format!(
                "{} exists and was not written by copydesk; use --force to replace it (it is kept)",
                path.display()
            ));
        }
        std::fs::rename(&path, &backup).map_err(|e| format!("{}: {e}", backup.display()))?;
    }
    std::fs::write(&path, script()).map_err(|e| format!("{}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!("installed {}", path.display()))
}

fn uninstall() -> Result<String, String> {
    let path = hook_path()?;
    if !path.exists() {
        return Ok("no pre-commit hook installed".to_string());
    }
    if !is_ours(&path) {
        return Err(format!(
            "{} was not written by copydesk; left alone",
            path.display()
        ));
    }
    std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let backup = path.with_extension(BACKUP_SUFFIX);
    if backup.exists() {
        std::fs::rename(&backup, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(format!(
            "removed copydesk's hook and restored the previous {}",
            path.display()
        ));
    }
    Ok(format!("removed {}", path.display()))
}

pub fn run(action: HookAction) -> ExitCode {
    let result = match action {
        HookAction::Install { force } => install(force),
        HookAction::Uninstall => uninstall(),
    };
    match result {
        Ok(message) => {
            say!("{message}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
