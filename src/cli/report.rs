//! Where a report goes, and what happens when it cannot be written.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the report goes: stdout, or a temporary file beside `--output-file` that replaces
/// it only once every input has been read and checked. The first write error is kept (a
/// closed pipe just ends the output), so that a lost report is never a silent success.
pub struct ReportSink {
    writer: Box<dyn Write>,
    temporary: Option<(tempfile::NamedTempFile, PathBuf)>,
    error: Option<std::io::Error>,
    closed: bool,
}

impl ReportSink {
    pub fn stdout() -> Self {
        ReportSink {
            writer: Box::new(std::io::stdout().lock()),
            temporary: None,
            error: None,
            closed: false,
        }
    }

    pub fn stderr() -> Self {
        ReportSink {
            writer: Box::new(std::io::stderr()),
            ..ReportSink::stdout()
        }
    }

    /// A report for `path`, written to a temporary file in its directory.
    pub fn file(path: &Path) -> std::io::Result<Self> {
        let target = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)?,
            _ => path.to_path_buf(),
        };
        let directory = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temporary = tempfile::Builder::new()
            .prefix(".copydesk-report-")
            .tempfile_in(directory)?;
        let writer = Box::new(std::io::BufWriter::new(temporary.as_file().try_clone()?));
        Ok(ReportSink {
            writer,
            temporary: Some((temporary, target)),
            error: None,
            closed: false,
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) {
        if self.closed || bytes.is_empty() {
            return;
        }
        if let Err(error) = self.writer.write_all(bytes) {
            self.fail(error);
        }
    }

    fn fail(&mut self, error: std::io::Error) {
        self.closed = true;
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            self.error.get_or_insert(error);
        }
    }

    /// Flushes the report and, for `--output-file`, moves it into place.
    pub fn finish(mut self) -> Result<(), std::io::Error> {
        if !self.closed
            && let Err(error) = self.writer.flush()
        {
            self.fail(error);
        }
        drop(self.writer);
        if let Some(error) = self.error {
            return Err(error);
        }
        if let Some((temporary, target)) = self.temporary {
            temporary.as_file().sync_all()?;
            temporary.persist(&target).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

impl Write for ReportSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        ReportSink::write_all(self, bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
