//! The on-disk cache of link checks: `links.json` in the cache directory, keyed by
//! normalised URL. Failures are kept for a twenty-fourth of the maximum age (an hour with
//! the default day), so a page that was down briefly is soon asked again.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::Checked;
use super::archive::Snapshot;

const VERSION: u32 = 1;
const FILE_NAME: &str = "links.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    #[serde(default)]
    links: BTreeMap<String, LinkEntry>,
    /// Keyed by `URL timestamp`.
    #[serde(default)]
    archive: BTreeMap<String, ArchiveEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct LinkEntry {
    /// Seconds since the Unix epoch.
    checked: u64,
    result: Checked,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ArchiveEntry {
    checked: u64,
    snapshot: Option<Snapshot>,
}

/// The cache of one run, loaded at the start and saved at the end.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    file: CacheFile,
    max_age: Duration,
    now: u64,
    /// Something was added since loading.
    dirty: bool,
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// Loads `links.json` from `dir`. A missing file is an empty cache; an unreadable or
    /// corrupt one is ignored (and replaced on save), with a warning.
    pub fn load(dir: &Path, max_age: Duration, now: SystemTime) -> (Cache, Option<String>) {
        let path = dir.join(FILE_NAME);
        let mut warning = None;
        let read = match symbolic_link_in(dir, &path) {
            Some(link) => Err(crate::files::ReadError::Io(std::io::Error::other(format!(
                "{} is a symbolic link; the link cache is never read or written through one",
                link.display()
            )))),
            None => crate::files::read_regular(&path, crate::files::DEFAULT_MAX_FILE_SIZE),
        };
        let file = match read {
            Ok(bytes) => match serde_json::from_slice::<CacheFile>(&bytes) {
                Ok(file) if file.version == VERSION => file,
                Ok(_) => CacheFile::default(),
                Err(error) => {
                    warning = Some(format!(
                        "ignoring the corrupt link cache {}: {error}",
                        path.display()
                    ));
                    CacheFile::default()
                }
            },
            Err(crate::files::ReadError::Io(error))
                if error.kind() == std::io::ErrorKind::NotFound =>
            {
                CacheFile::default()
            }
            Err(error) => {
                warning = Some(format!(
                    "ignoring the link cache {}: {error}",
                    path.display()
                ));
                CacheFile::default()
            }
        };
        let cache = Cache {
            path,
            file,
            max_age,
            now: seconds(now),
            dirty: false,
        };
        (cache, warning)
    }

    fn fresh(&self, checked: u64, failed: bool) -> bool {
        let max_age = if failed {
            self.max_age / 24
        } else {
            self.max_age
        };
        checked <= self.now && self.now - checked < max_age.as_secs()
    }

    /// A fresh result for `key`.
    pub fn link(&self, key: &str) -> Option<&Checked> {
        let entry = self.file.links.get(key)?;
        self.fresh(entry.checked, entry.result.is_failure())
            .then_some(&entry.result)
    }

    pub fn put_link(&mut self, key: &str, result: Checked) {
        self.dirty = true;
        self.file.links.insert(
            key.to_string(),
            LinkEntry {
                checked: self.now,
                result,
            },
        );
    }

    fn archive_key(key: &str, timestamp: &str) -> String {
        format!("{key} {timestamp}")
    }

    /// A fresh archive answer for `key` near `timestamp`: `Some(None)` when the archive
    /// had no copy.
    pub fn snapshot(&self, key: &str, timestamp: &str) -> Option<Option<&Snapshot>> {
        let entry = self.file.archive.get(&Self::archive_key(key, timestamp))?;
        self.fresh(entry.checked, false)
            .then_some(entry.snapshot.as_ref())
    }

    pub fn put_snapshot(&mut self, key: &str, timestamp: &str, snapshot: Option<Snapshot>) {
        self.dirty = true;
        self.file.archive.insert(
            Self::archive_key(key, timestamp),
            ArchiveEntry {
                checked: self.now,
                snapshot,
            },
        );
    }

    /// Writes the cache atomically (a temporary file in the same directory, then a
    /// rename), dropping entries too old to be used again. The directory gets a
    /// `.gitignore` so that the cache is never committed. Nothing is written when nothing
    /// was added.
    pub fn save(&mut self) -> Result<(), String> {
        if !self.dirty {
            return Ok(());
        }
        let (now, max_age) = (self.now, self.max_age.as_secs());
        let keep = |checked: u64| checked <= now && now - checked < max_age;
        self.file.links.retain(|_, e| keep(e.checked));
        self.file.archive.retain(|_, e| keep(e.checked));
        self.file.version = VERSION;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let failed =
            |e: std::io::Error| format!("cannot write the link cache {}: {e}", self.path.display());
        let ignore = dir.join(".gitignore");
        if let Some(link) = [dir, ignore.as_path(), self.path.as_path()]
            .into_iter()
            .find(|p| is_symbolic_link(p))
        {
            return Err(format!(
                "not writing the link cache: {} is a symbolic link, and copydesk never writes \
                 through one (it could point outside the repository)",
                link.display()
            ));
        }
        std::fs::create_dir_all(dir).map_err(failed)?;
        if std::fs::symlink_metadata(&ignore).is_err() {
            std::fs::write(&ignore, "# Written by copydesk.\n*\n").map_err(failed)?;
        }
        let json = serde_json::to_vec(&self.file).map_err(|e| e.to_string())?;
        let mut temporary = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
        temporary.write_all(&json).map_err(failed)?;
        temporary.persist(&self.path).map_err(|e| failed(e.error))?;
        Ok(())
    }
}

fn is_symbolic_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The cache directory or file, if either is a symbolic link.
fn symbolic_link_in<'p>(dir: &'p Path, file: &'p Path) -> Option<&'p Path> {
    [dir, file].into_iter().find(|p| is_symbolic_link(p))
}

#[cfg(test)]
mod tests {
    use super::super::{Checked, End, Failure};
    use super::*;

    fn ok() -> Checked {
        Checked {
            redirects: Vec::new(),
            end: End::Status {
                code: 200,
                not_found: None,
                retry_after: None,
            },
        }
    }

    fn failed() -> Checked {
        Checked {
            redirects: Vec::new(),
            end: End::Failed {
                failure: Failure::Timeout,
                detail: "1 s".into(),
            },
        }
    }

    #[test]
    fn round_trip_and_ages() {
        let dir = tempfile::tempdir().unwrap();
        let day = Duration::from_secs(86_400);
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let (mut cache, warning) = Cache::load(dir.path(), day, start);
        assert!(warning.is_none());
        cache.put_link("https://a.org/", ok());
        cache.put_link("https://b.org/", failed());
        cache.put_snapshot("https://b.org/", "2023", None);
        cache.save().unwrap();
        assert!(dir.path().join(".gitignore").is_file());

        let later = start + Duration::from_secs(2 * 3600);
        let (cache, warning) = Cache::load(dir.path(), day, later);
        assert!(warning.is_none());
        assert_eq!(cache.link("https://a.org/"), Some(&ok()));
        // Failures live a twenty-fourth of the maximum age: an hour here.
        assert_eq!(cache.link("https://b.org/"), None);
        assert_eq!(cache.snapshot("https://b.org/", "2023"), Some(None));
        assert_eq!(cache.snapshot("https://b.org/", "2024"), None);

        let next_day = start + day;
        let (cache, _) = Cache::load(dir.path(), day, next_day);
        assert_eq!(cache.link("https://a.org/"), None);
    }

    #[test]
    fn corrupt_cache_is_ignored_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), b"{\"version\": 1, \"links\": [").unwrap();
        let (mut cache, warning) =
            Cache::load(dir.path(), Duration::from_secs(60), SystemTime::now());
        assert!(warning.unwrap().contains("corrupt link cache"));
        assert_eq!(cache.link("https://a.org/"), None);
        cache.put_link("https://a.org/", ok());
        cache.save().unwrap();
        let (cache, warning) = Cache::load(dir.path(), Duration::from_secs(60), SystemTime::now());
        assert!(warning.is_none());
        assert!(cache.link("https://a.org/").is_some());
    }

    #[test]
    fn zero_max_age_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let (mut cache, _) = Cache::load(dir.path(), Duration::ZERO, now);
        cache.put_link("https://a.org/", ok());
        assert_eq!(cache.link("https://a.org/"), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_cache_is_never_written_through_a_symbolic_link() {
        let repository = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let day = Duration::from_secs(86_400);

        // The cache directory itself is a link to somewhere else.
        let linked_dir = repository.path().join(".copydesk-cache");
        std::os::unix::fs::symlink(outside.path(), &linked_dir).unwrap();
        let (mut cache, warning) = Cache::load(&linked_dir, day, now);
        assert!(warning.unwrap().contains("symbolic link"));
        cache.put_link("https://a.org/", ok());
        assert!(cache.save().unwrap_err().contains("symbolic link"));
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);

        // A real directory whose `.gitignore` is a link out of the repository.
        let dir = repository.path().join("cache");
        std::fs::create_dir(&dir).unwrap();
        let victim = outside.path().join("victim");
        std::fs::write(&victim, "keep me\n").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join(".gitignore")).unwrap();
        let (mut cache, _) = Cache::load(&dir, day, now);
        cache.put_link("https://a.org/", ok());
        assert!(cache.save().unwrap_err().contains("symbolic link"));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
        assert!(!dir.join(FILE_NAME).exists());
    }
}
