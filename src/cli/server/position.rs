//! Byte offsets ↔ LSP positions. A position's character counts UTF-16 code units unless
//! the client agreed to UTF-8 (bytes); copydesk's spans are byte offsets.

use lsp_types::{Position, Range};

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line of a text starts, for conversions both ways in O(log lines + line).
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character
    /// boundary).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    pub fn range(&self, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(self.position(start, encoding), self.position(end, encoding))
    }

    /// The byte offset of `position`; a character past the line's end means its end, a
    /// line past the text's end means the text's end.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        let wanted = position.character as usize;
        let mut counted = 0;
        for (at, c) in line.char_indices() {
            if counted >= wanted {
                return start + at;
            }
            counted += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_an_emoji_as_two_and_an_accent_as_one() {
        let text = "ab\nCafé 🎉 on 31/06/2022\n";
        let index = LineIndex::new(text);
        let at = text.find("31/").unwrap();
        assert_eq!(index.position(at, Encoding::Utf16), Position::new(1, 11));
        assert_eq!(index.position(at, Encoding::Utf8), Position::new(1, 14));
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(index.offset(index.position(at, encoding), encoding), at);
        }
        assert_eq!(
            index.offset(Position::new(1, 99), Encoding::Utf16),
            text.len() - 1
        );
        assert_eq!(
            index.offset(Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            index.position(text.len(), Encoding::Utf16),
            Position::new(2, 0)
        );
    }
}
