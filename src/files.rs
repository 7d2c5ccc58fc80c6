//! The files copydesk reads and writes: regular files only, of bounded size, and fixes
//! written so that nothing on disk is lost — atomically, through symbolic links, keeping
//! hard links, owner, group and permissions, and never over a write that came meanwhile.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The default bound on an article, a config file or a pack: far above any real article,
/// low enough that `/dev/zero` or a runaway log cannot exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// A FIFO, a device, a socket or a directory: reading it could block or never end.
    NotRegular(&'static str),
    TooLarge {
        limit: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(error) => write!(f, "{error}"),
            ReadError::NotRegular(kind) => write!(f, "not a regular file (a {kind}); not read"),
            ReadError::TooLarge { limit } => write!(
                f,
                "larger than the limit of {} (`--max-file-size` raises it)",
                describe_size(*limit)
            ),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(error: io::Error) -> Self {
        ReadError::Io(error)
    }
}

/// `64 MB`, `512 KB`, `100 bytes`.
pub fn describe_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Parses a size: plain bytes, or a number with `K`, `KB`, `M`, `MB`, `G`, `GB` (powers of
/// 1024, case-insensitive).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 64MB"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "`{text}`: unknown unit `{unit}` (use KB, MB or GB)"
            ));
        }
    };
    number
        .checked_mul(multiplier)
        .filter(|&size| size > 0)
        .ok_or_else(|| format!("`{text}` is not a usable size"))
}

fn kind_of(metadata: &Metadata) -> Option<&'static str> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("named pipe");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("device");
        }
        if file_type.is_socket() {
            return Some("socket");
        }
    }
    Some("special file")
}

/// Opens a file for reading only if it is a regular file: a FIFO is never opened (that
/// would block until a writer came), and the type is checked again on the open handle.
fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    if let Some(kind) = kind_of(&std::fs::metadata(path)?) {
        return Err(ReadError::NotRegular(kind));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the path turn into a FIFO between the check and the open, do not block.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if let Some(kind) = kind_of(&metadata) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok((file, metadata))
}

/// Reads at most `limit` bytes from `reader`; more is an error. The length a file claims is
/// not trusted (files under `/proc` claim 0).
pub fn read_bounded(mut reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(hint.min(limit) as usize);
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, metadata) = open_regular(path)?;
    read_bounded(file, limit, metadata.len())
}

/// [`read_regular`] for text: UTF-8 or an error that says so.
pub fn read_regular_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_regular(path, limit)?).map_err(|error| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// The identity of a file on disk (device and inode), to tell when two paths name one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity of the file `path` names, following symbolic links; `None` when it does
    /// not exist (or on a platform without inodes).
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).ok().map(|m| FileId {
                device: m.dev(),
                inode: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// Why a fix was not written.
#[derive(Debug)]
pub enum WriteError {
    Io(io::Error),
    /// The file no longer holds what was checked: somebody edited it meanwhile.
    Changed,
    ReadOnly,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io(error) => write!(f, "{error}"),
            WriteError::Changed => {
                f.write_str("file changed on disk while it was being fixed; not overwritten")
            }
            WriteError::ReadOnly => {
                f.write_str("file is read-only; not fixed (make it writable to fix it)")
            }
        }
    }
}

impl std::error::Error for WriteError {}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError::Io(error)
    }
}

/// Replaces the content of `path`, which held `original` when it was checked, with
/// `fixed`.
///
/// - A symbolic link is followed: its target is fixed and the link stays a link.
/// - A read-only file (no write bit for anyone) is refused, even for root.
/// - A file with one name is replaced atomically: a temporary file in the same directory
///   gets the new bytes, the permissions, owner and group, and is synced; then, under an
///   exclusive lock of the original, the file is compared with `original` once more and
///   renamed over it. The old file stays open in the [`Replaced`] returned, so that a
///   write that reached it in the moment around the rename can still be carried over
///   ([`Replaced::settle`], done once here and to be done again after a pause).
/// - A file with several hard links, or whose owner cannot be given to a new file, is
///   rewritten in place under the lock (every name keeps the new content; not atomic
///   against a crash during the write); nothing is returned to settle then.
pub fn write_fixed(
    path: &Path,
    original: &[u8],
    fixed: &[u8],
) -> Result<Option<Replaced>, WriteError> {
    let target = resolve_links(path)?;
    let metadata = std::fs::metadata(&target)?;
    if kind_of(&metadata).is_some() {
        return Err(WriteError::Io(io::Error::other("not a regular file")));
    }
    if is_read_only(&metadata) {
        return Err(WriteError::ReadOnly);
    }
    let mut current = OpenOptions::new().read(true).write(true).open(&target)?;
    if link_count(&metadata) > 1 {
        return rewrite_in_place(&mut current, original, fixed).map(|()| None);
    }
    let directory = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut temporary = tempfile::Builder::new()
        .prefix(".copydesk-fix-")
        .tempfile_in(&directory)?;
    temporary.write_all(fixed)?;
    temporary
        .as_file()
        .set_permissions(metadata.permissions())?;
    if !give_owner(temporary.as_file(), &metadata) {
        drop(temporary);
        return rewrite_in_place(&mut current, original, fixed).map(|()| None);
    }
    temporary.as_file().sync_all()?;

    // The slow work is done: from here to the rename is a comparison and one system call.
    current.lock()?;
    if !holds(&mut current, original)? {
        return Err(WriteError::Changed);
    }
    temporary.persist(&target).map_err(|e| e.error)?;
    let replaced = Replaced {
        old: current,
        carried: std::cell::Cell::new(original.len()),
        original: original.to_vec(),
        target,
        directory,
        metadata,
    };
    replaced.settle()?;
    Ok(Some(replaced))
}

/// A file replaced by rename, with its old content still open. A writer that opened the
/// file just before the rename may write to the old content a moment later; settling
/// looks again and carries such a write over into the new file.
#[derive(Debug)]
pub struct Replaced {
    old: File,
    /// How many bytes of the old content the new file accounts for: the original, then
    /// whatever was carried over.
    carried: std::cell::Cell<usize>,
    original: Vec<u8>,
    target: PathBuf,
    directory: PathBuf,
    metadata: Metadata,
}

impl Replaced {
    /// The pause after which to settle a batch of replaced files again: longer than a
    /// writer preempted between its open and its write usually waits for a core.
    pub const PAUSE: std::time::Duration = std::time::Duration::from_millis(5);

    /// The file that was replaced (a link's target, not the link).
    pub fn path(&self) -> &Path {
        &self.target
    }

    /// Carries over anything written to the old content since the last look. Appended
    /// bytes are appended to the new file too (with `O_APPEND`, so they cannot clash with
    /// that writer's next append) and the fix stands; any other change puts the old
    /// content back as that writer left it ([`WriteError::Changed`]).
    pub fn settle(&self) -> Result<(), WriteError> {
        let mut old = &self.old;
        let carried = self.carried.get();
        let mut late = Vec::with_capacity(carried);
        old.seek(SeekFrom::Start(0))?;
        old.read_to_end(&mut late)?;
        if late.len() == carried && late.starts_with(&self.original) {
            return Ok(());
        }
        if late.starts_with(&self.original) && late.len() > carried {
            let mut file = OpenOptions::new().append(true).open(&self.target)?;
            file.write_all(&late[carried..])?;
            file.sync_all()?;
            self.carried.set(late.len());
            return Ok(());
        }
        restore(&self.target, &self.directory, &late, &self.metadata)?;
        Err(WriteError::Changed)
    }
}

/// `path` with every symbolic link resolved, so the file itself is replaced, not the link.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

fn is_read_only(metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        metadata.permissions().mode() & 0o222 == 0
    }
    #[cfg(not(unix))]
    {
        metadata.permissions().readonly()
    }
}

fn link_count(metadata: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        metadata.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        1
    }
}

/// Gives `file` the owner and group of the original; false when that is not permitted.
fn give_owner(file: &File, original: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (uid, gid) = (original.uid(), original.gid());
        let Ok(new) = file.metadata() else {
            return false;
        };
        if new.uid() == uid && new.gid() == gid {
            return true;
        }
        std::os::unix::fs::fchown(file, Some(uid), Some(gid)).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = (file, original);
        true
    }
}

/// Whether the open file holds exactly `expected`.
fn holds(file: &mut File, expected: &[u8]) -> io::Result<bool> {
    if file.metadata()?.len() != expected.len() as u64 {
        return Ok(false);
    }
    let mut bytes = Vec::with_capacity(expected.len());
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes == expected)
}

/// Writes `fixed` through the open file, under its lock, when it still holds `original`.
fn rewrite_in_place(file: &mut File, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    file.lock()?;
    if !holds(file, original)? {
        return Err(WriteError::Changed);
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(fixed)?;
    file.set_len(fixed.len() as u64)?;
    file.sync_all()?;
    Ok(())
}

/// Puts `bytes` back at `target` (atomically, with the original's permissions and owner).
fn restore(target: &Path, directory: &Path, bytes: &[u8], metadata: &Metadata) -> io::Result<()> {
    let mut temporary = tempfile::Builder::new()
        .prefix(".copydesk-fix-")
        .tempfile_in(directory)?;
    temporary.write_all(bytes)?;
    temporary
        .as_file()
        .set_permissions(metadata.permissions())?;
    give_owner(temporary.as_file(), metadata);
    temporary.as_file().sync_all()?;
    temporary.persist(target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("64MB"), Ok(64 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(describe_size(64 << 20), "64 MB");
        assert_eq!(describe_size(100), "100 bytes");
    }

    #[test]
    fn reading_is_bounded() {
        let bytes = read_bounded(&b"abcdef"[..], 6, 0).unwrap();
        assert_eq!(bytes, b"abcdef");
        assert!(matches!(
            read_bounded(&b"abcdefg"[..], 6, 0),
            Err(ReadError::TooLarge { limit: 6 })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadError::NotRegular("directory"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("device"))
        ));
    }

    #[test]
    fn a_changed_file_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "edited meanwhile").unwrap();
        assert!(matches!(
            write_fixed(&path, b"as checked", b"fixed"),
            Err(WriteError::Changed)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"edited meanwhile");
    }
}
