//! Source files as text: decoding (UTF-8 with or without BOM, UTF-16 with BOM, CRLF) and
//! the line index that turns byte offsets into `line:column`.

/// A decoded text file of the content tree.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content root, `/`-separated, e.g. `nl/admin/license/index.md`.
    pub rel: String,
    /// The text with line ends normalized to `\n` and any BOM removed.
    pub text: String,
    /// Start offsets of the lines of `text`.
    pub lines: LineIndex,
}

impl SourceFile {
    /// Wraps already-decoded text.
    pub fn new(rel: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            rel: rel.into(),
            text,
            lines,
        }
    }

    /// `(line, column)` of a byte offset, both 1-based.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.lines.line_col(&self.text, offset)
    }

    /// The folder of this file relative to the content root (`""` at the top).
    pub fn dir(&self) -> &str {
        parent_dir(&self.rel)
    }
}

/// Whether an ASCII byte is whitespace to `char::is_whitespace` (which, unlike
/// `u8::is_ascii_whitespace`, counts the vertical tab).
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The folder part of a `/`-separated relative path.
pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// Byte offsets where each line starts.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        LineIndex { starts }
    }

    /// `(line, column)` of `offset` in `text`, 1-based; the column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len()) as u32;
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = text[start..end].chars().count() + 1;
        (line as u32 + 1, col as u32)
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True for an empty index (never: a text has at least one line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// Why a file's bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// 1-based line of the first bad byte.
    pub line: u32,
    /// 1-based column (in characters) of the first bad byte.
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

/// Decodes a text file: UTF-8 (BOM optional) or UTF-16 LE/BE with BOM; CRLF and lone CR
/// become LF.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)?
    } else {
        utf8(bytes)?
    };
    Ok(normalize_newlines(text))
}

/// [`decode`] of bytes the caller owns: UTF-8 text (the usual case) is kept where it was
/// read, not copied.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode(&bytes);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize_newlines(text)),
        // The same bytes through the borrowing path, for its error.
        Err(e) => utf8(e.as_bytes()).map(normalize_newlines),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let good = std::str::from_utf8(good).unwrap_or_default();
            let line = good.matches('\n').count() as u32 + 1;
            let column = good.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
            Err(DecodeError {
                line,
                column,
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8",
                    bytes[e.valid_up_to()]
                ),
            })
        }
    }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| read([c[0], c[1]])).collect();
    let text: String = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        return Err(DecodeError {
            line: text.matches('\n').count() as u32 + 1,
            column: 1,
            message: "the UTF-16 file has an odd number of bytes; save it as UTF-8".into(),
        });
    }
    Ok(text
        .strip_prefix('\u{FEFF}')
        .map(str::to_owned)
        .unwrap_or(text))
}

fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_spaces_are_the_unicode_whitespace_below_128() {
        for b in 0..128u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b:#x}");
        }
    }

    #[test]
    fn decodes_boms_and_line_ends() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
        assert_eq!(
            decode_owned(b"\xEF\xBB\xBFa\r\nb\rc".to_vec()).unwrap(),
            "a\nb\nc"
        );
        assert_eq!(decode_owned(b"plain".to_vec()).unwrap(), "plain");
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("h\u{e9}\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16le).unwrap(), "h\u{e9}\n");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("ok".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&utf16be).unwrap(), "ok");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode(b"line one\nab\xFFc").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("0xFF"));
        let err = decode_owned(b"\xEF\xBB\xBFline one\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
    }

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("a.md", "ab\n\u{e9}x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.line_col(999), (3, 1));
    }
}
