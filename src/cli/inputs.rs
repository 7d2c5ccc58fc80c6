//! What to check: files named or found in a walk, standard input, or the staged content of
//! the git index; each read as a bounded regular file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use copydesk::Source;
use copydesk::files::{self, FileId};

use super::git::{git, git_with_input, path_from_bytes};

const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Something to check: a file on disk, or content already read (stdin, the git index).
pub struct Input {
    /// Where it lives; config files are looked up from here.
    pub path: PathBuf,
    /// The path shown in reports.
    pub(super) display: String,
    pub content: Option<Vec<u8>>,
    /// Named on the command line (rather than found in a walk).
    pub explicit: bool,
}

pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

/// Expands the command-line paths into inputs; errors are reported per path. A file named
/// twice, or reached both by name and in a walk (or through a link), is checked once.
pub fn collect_inputs(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut seen: HashSet<FileId> = HashSet::new();
    let mut stdin_seen = false;
    let mut first_time = |path: &Path| match FileId::of(path) {
        Some(id) => seen.insert(id),
        None => true,
    };
    for path in paths {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin_seen, true) {
                inputs.push(Input {
                    path: path.clone(),
                    display: path.display().to_string(),
                    content: None,
                    explicit: true,
                });
            }
            continue;
        }
        if !path.is_dir() {
            if first_time(path) {
                inputs.push(Input {
                    path: path.clone(),
                    display: path.display().to_string(),
                    content: None,
                    explicit: true,
                });
            }
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
            match entry {
                Ok(entry)
                    if entry.file_type().is_some_and(|t| t.is_file())
                        && is_article(entry.path()) =>
                {
                    found.push(entry.into_path());
                }
                Ok(_) => {}
                Err(error) => errors.push(format!("{}: {error}", path.display())),
            }
        }
        found.sort();
        found.retain(|path| first_time(path));
        inputs.extend(found.into_iter().map(|path| Input {
            display: path.display().to_string(),
            path,
            content: None,
            explicit: false,
        }));
    }
    inputs
}

/// Whether the bytes hold a NUL anywhere: a binary file, not an article (UTF-16 text, whose
/// byte order mark says so, has NULs of its own).
fn is_binary(bytes: &[u8]) -> bool {
    !bytes.starts_with(&[0xff, 0xfe])
        && !bytes.starts_with(&[0xfe, 0xff])
        && memchr::memchr(0, bytes).is_some()
}

pub fn read(input: &Input, max_file_size: u64) -> Result<Source, String> {
    let bytes = match &input.content {
        Some(bytes) => bytes.clone(),
        None => files::read_regular(&input.path, max_file_size)
            .map_err(|error| format!("{}: {error}", input.display))?,
    };
    if bytes.len() as u64 > max_file_size {
        return Err(format!(
            "{}: {}",
            input.display,
            files::ReadError::TooLarge {
                limit: max_file_size
            }
        ));
    }
    if is_binary(&bytes) {
        return Err(format!("{}: binary file, not an article", input.display));
    }
    Source::from_bytes(input.display.clone(), bytes).map_err(|e| e.to_string())
}

pub fn read_stdin(name: &str, limit: u64) -> Result<Vec<u8>, String> {
    files::read_bounded(std::io::stdin().lock(), limit, 0).map_err(|e| format!("{name}: {e}"))
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
        if !is_article(&on_disk) {
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
