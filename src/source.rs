//! An article's text with a line index, so spans stay byte ranges until rendering.

use std::fmt;

/// One checked file: its display path and its text, with the BOM removed.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
    /// Whether the file started with a byte order mark (kept when writing fixes).
    pub bom: bool,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

/// A 1-based line and column (Unicode scalar values) with its byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Why a file could not be read as an article.
#[derive(Debug)]
pub enum SourceError {
    Io { path: String, error: std::io::Error },
    InvalidUtf8 { path: String, offset: usize },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io { path, error } => write!(f, "{path}: {error}"),
            SourceError::InvalidUtf8 { path, offset } => {
                write!(
                    f,
                    "{path}: not valid UTF-8 (invalid byte at offset {offset})"
                )
            }
        }
    }
}

impl std::error::Error for SourceError {}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        let bom = text.starts_with('\u{feff}');
        if bom {
            text.drain(..3);
        }
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            bom,
            line_starts,
        }
    }

    /// Decodes raw bytes, naming the first invalid byte offset on failure.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, SourceError> {
        let path = path.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(path, text)),
            Err(error) => Err(SourceError::InvalidUtf8 {
                offset: error.utf8_error().valid_up_to(),
                path,
            }),
        }
    }

    /// Reads a file from disk.
    pub fn read(path: &std::path::Path) -> Result<Self, SourceError> {
        let display = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => Source::from_bytes(display, bytes),
            Err(error) => Err(SourceError::Io {
                path: display,
                error,
            }),
        }
    }

    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Line and column of a byte offset; offsets inside a character snap back to its start.
    pub fn location(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        Location {
            line: line_index + 1,
            column,
            offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_scalar_values() {
        let source = Source::new("a.md", "ab\n¹²x\n");
        assert_eq!(source.location(0).line, 1);
        let x = source.text.find('x').unwrap();
        let loc = source.location(x);
        assert_eq!((loc.line, loc.column, loc.offset), (2, 3, x));
        assert_eq!(source.location(source.text.len()).line, 3);
    }

    #[test]
    fn bom_is_removed_and_invalid_utf8_names_offset() {
        assert_eq!(Source::new("a", "\u{feff}hi").text, "hi");
        let error = Source::from_bytes("bad.md", b"ok \xff".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "bad.md: not valid UTF-8 (invalid byte at offset 3)"
        );
    }
}
