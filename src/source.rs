//! An article's text with a line index, so spans stay byte ranges until rendering.

use std::fmt;

/// One checked file: its display path and its text, with the BOM removed.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
    /// Whether the file started with a byte order mark (kept when writing fixes).
    pub bom: bool,
    /// How the file was encoded on disk (fixes are written back the same way).
    pub encoding: Encoding,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    /// Characters before every `CHECKPOINT`-th byte (rounded down to a character start),
    /// so a column costs at most one stretch of counting however long its line is.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 4096;

/// The encodings copydesk reads: UTF-8, and UTF-16 when a byte order mark says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    Utf16Le,
    Utf16Be,
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
    InvalidUtf16 { path: String },
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
            SourceError::InvalidUtf16 { path } => {
                write!(
                    f,
                    "{path}: starts with a UTF-16 byte order mark but is not valid UTF-16"
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
        let bytes = text.as_bytes();
        // `\n`, `\r\n` and a lone `\r` all end a line.
        let line_starts = std::iter::once(0)
            .chain(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                    .map(|i| i + 1),
            )
            .collect();
        let checkpoints = checkpoints(&text);
        Source {
            path: path.into(),
            text,
            bom,
            encoding: Encoding::Utf8,
            line_starts,
            checkpoints,
        }
    }

    /// Decodes raw bytes, naming the first invalid byte offset on failure.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, SourceError> {
        let path = path.into();
        let utf16 = match bytes.get(..2) {
            Some([0xff, 0xfe]) => Some(Encoding::Utf16Le),
            Some([0xfe, 0xff]) => Some(Encoding::Utf16Be),
            _ => None,
        };
        if let Some(encoding) = utf16 {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|pair| match (encoding, pair) {
                    (Encoding::Utf16Le, [a, b]) => u16::from_le_bytes([*a, *b]),
                    (_, [a, b]) => u16::from_be_bytes([*a, *b]),
                    // An odd trailing byte cannot be UTF-16.
                    _ => 0xdc00,
                })
                .collect();
            let text = String::from_utf16(&units)
                .map_err(|_| SourceError::InvalidUtf16 { path: path.clone() })?;
            let mut source = Source::new(path, text);
            source.bom = true;
            source.encoding = encoding;
            return Ok(source);
        }
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
        let offset = self.text.floor_char_boundary(offset);
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.chars_before(offset) - self.chars_before(line_start) + 1;
        Location {
            line: line_index + 1,
            column,
            offset,
        }
    }

    /// The byte range of the line holding `offset`, without its line ending.
    pub fn line_content(&self, offset: usize) -> std::ops::Range<usize> {
        let offset = offset.min(self.text.len());
        let index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[index];
        let next = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = &self.text[start..next];
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        start..start + line.len()
    }

    /// Characters before a character boundary, counted from the nearest checkpoint.
    fn chars_before(&self, offset: usize) -> usize {
        let index = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, chars) = self.checkpoints[index];
        chars + self.text[at..offset].chars().count()
    }
}

/// `(byte offset, characters before it)` about every `CHECKPOINT` bytes, from offset 0.
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    let mut checkpoints = vec![(0, 0)];
    let (mut at, mut chars) = (0, 0);
    while text.len() - at > CHECKPOINT {
        let next = text.floor_char_boundary(at + CHECKPOINT);
        chars += text[at..next].chars().count();
        checkpoints.push((next, chars));
        at = next;
    }
    checkpoints
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
    fn columns_on_a_long_line_count_characters_across_checkpoints() {
        let text = "é".repeat(3 * CHECKPOINT) + "x";
        let source = Source::new("long.md", text.clone());
        let x = text.find('x').unwrap();
        assert_eq!(source.location(x).column, 3 * CHECKPOINT + 1);
        let lines = format!(
            "{}\n{}y",
            "a".repeat(CHECKPOINT + 5),
            "ü".repeat(CHECKPOINT)
        );
        let source = Source::new("two.md", lines.clone());
        let y = lines.find('y').unwrap();
        assert_eq!(
            (source.location(y).line, source.location(y).column),
            (2, CHECKPOINT + 1)
        );
    }

    #[test]
    fn utf16_is_decoded_and_lone_cr_ends_lines() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("a¹\r\nb".encode_utf16().flat_map(u16::to_le_bytes));
        let source = Source::from_bytes("u.md", bytes).unwrap();
        assert_eq!(
            (source.text.as_str(), source.encoding),
            ("a¹\r\nb", Encoding::Utf16Le)
        );
        assert_eq!(source.location(source.text.len()).line, 2);
        assert_eq!(Source::new("cr", "a\rb\rc").location(4).line, 3);
        assert!(Source::from_bytes("odd", vec![0xfe, 0xff, 0x00]).is_err());
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
