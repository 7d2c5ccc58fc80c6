//! The git pre-commit hook, and reading staged content from the index.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::HookAction;

/// The line that marks a hook as copydesk's own.
const MARKER: &str = "# Installed by copydesk (`copydesk hook install`)";
const BACKUP_SUFFIX: &str = "copydesk-backup";

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}

fn git_line(args: &[&str]) -> Result<String, String> {
    Ok(String::from_utf8_lossy(&git(args)?).trim().to_string())
}

/// A staged article: where it lives, the path shown, and its staged content (or why that
/// could not be read).
pub struct Staged {
    pub path: PathBuf,
    pub display: String,
    pub content: Result<Vec<u8>, String>,
}

/// The staged articles. Blobs are read by object id from the index, never by a `:path`
/// revision (a file named `1:x.md` is not stage 1 of `x.md`), in one `git cat-file`.
pub fn staged_inputs() -> Result<Vec<Staged>, String> {
    let root = git(&["rev-parse", "--show-toplevel"])?;
    let root = path_from_bytes(root.strip_suffix(b"\n").unwrap_or(&root));
    // `:old-mode new-mode old-id new-id status\0path\0` per added, copied or modified file.
    let raw = git(&[
        "diff",
        "--cached",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-renames",
        "--diff-filter=ACM",
    ])?;
    let mut wanted: Vec<(PathBuf, String, String)> = Vec::new();
    let mut fields = raw.split(|&b| b == 0);
    while let (Some(header), Some(name)) = (fields.next(), fields.next()) {
        let header = String::from_utf8_lossy(header);
        let parts: Vec<&str> = header.trim_start_matches(':').split(' ').collect();
        let [_, new_mode, _, new_id, _] = parts[..] else {
            continue;
        };
        // Regular files only: not symbolic links (120000) or submodules (160000).
        if !new_mode.starts_with("100") {
            continue;
        }
        let relative = path_from_bytes(name);
        let on_disk = root.join(&relative);
        if !super::check::is_article(&on_disk) {
            continue;
        }
        let display = relative.display().to_string();
        wanted.push((on_disk, display, new_id.to_string()));
    }
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let ids: String = wanted.iter().map(|(_, _, id)| format!("{id}\n")).collect();
    let batch = git_with_input(&["-C", &root.to_string_lossy(), "cat-file", "--batch"], ids)?;
    let mut blobs = parse_batch(&batch).into_iter();
    Ok(wanted
        .into_iter()
        .map(|(path, display, id)| Staged {
            path,
            display,
            content: match blobs.next() {
                Some(Some(bytes)) => Ok(bytes),
                _ => Err(format!("object {id} missing from the git index")),
            },
        })
        .collect())
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

fn git_with_input(args: &[&str], input: String) -> Result<Vec<u8>, String> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new("git")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from another thread: git answers while it reads, and both pipes are bounded.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("git {}: {e}", args.join(" ")))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}

/// The blobs of `git cat-file --batch` output, in order; `None` for a missing object.
fn parse_batch(mut output: &[u8]) -> Vec<Option<Vec<u8>>> {
    let mut blobs = Vec::new();
    while let Some(end) = output.iter().position(|&b| b == b'\n') {
        let header = String::from_utf8_lossy(&output[..end]).into_owned();
        output = &output[end + 1..];
        let parts: Vec<&str> = header.split(' ').collect();
        match parts[..] {
            [_, _, size] => {
                let Ok(size) = size.parse::<usize>() else {
                    break;
                };
                let Some(content) = output.get(..size) else {
                    break;
                };
                blobs.push(Some(content.to_vec()));
                output = output.get(size + 1..).unwrap_or_default();
            }
            _ => blobs.push(None),
        }
    }
    blobs
}

fn hook_path() -> Result<PathBuf, String> {
    let hooks = PathBuf::from(git_line(&["rev-parse", "--git-path", "hooks"])?);
    std::fs::create_dir_all(&hooks).map_err(|e| format!("{}: {e}", hooks.display()))?;
    Ok(hooks.join("pre-commit"))
}

fn is_ours(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains(MARKER))
}

fn script() -> String {
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_else(|| "copydesk".to_string());
    let quoted = format!("'{}'", binary.replace('\'', r"'\''"));
    format!(
        "#!/bin/sh\n{MARKER}; `copydesk hook uninstall` removes it.\n# Checks what the commit will hold: the staged content of staged articles.\nexec {quoted} check --staged\n"
    )
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
