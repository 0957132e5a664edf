//! From raw bytes to repaired lines that remember where they came from.

use crate::error::{Cause, ImportError};
use crate::repair;
use crate::report::Repairs;

/// One line of a document after repair, with the 1-based line it came from in the file.
/// Several lines can share a number when one source line was expanded (escaped `\n` code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub no: u32,
    pub text: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

/// Checks that `bytes` is a UTF-8 text document and returns it with `\n` line endings.
pub(crate) fn decode(document: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let fail = |line: Option<u32>, cause| Err(ImportError::new(document, line, cause));
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return fail(Some(1), Cause::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Control bytes other than whitespace never occur in a text guide; a NUL or a run of
    // them means an image, an archive or a compiled file was passed by mistake.
    if let Some(offset) = bytes
        .iter()
        .position(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
    {
        return fail(
            Some(line_of(bytes, offset)),
            Cause::Binary {
                byte: bytes[offset],
            },
        );
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let line_start = bytes[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..offset])
                .chars()
                .count() as u32
                + 1;
            return fail(
                Some(line_of(bytes, offset)),
                Cause::InvalidUtf8 {
                    byte: bytes[offset],
                    column,
                },
            );
        }
    };
    if text.trim().is_empty() {
        return fail(None, Cause::Empty);
    }
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

fn line_of(bytes: &[u8], offset: usize) -> u32 {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

/// Splits decoded text into lines, repairing mojibake and expanding code blocks that were
/// written on one line with escaped newlines.
pub(crate) fn lines(text: &str, repairs: &mut Repairs) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 40);
    for (i, raw) in text.split('\n').enumerate() {
        let no = i as u32 + 1;
        let fixed = repair::fix_mojibake(raw);
        if let std::borrow::Cow::Owned(_) = fixed {
            repairs.mojibake_lines += 1;
        }
        match repair::expand_escaped_fence(&fixed) {
            Some(expanded) => {
                repairs.escaped_code_blocks += 1;
                out.extend(expanded.split('\n').map(|t| Line {
                    no,
                    text: t.to_string(),
                }));
            }
            None => out.push(Line {
                no,
                text: fixed.into_owned(),
            }),
        }
    }
    while out.last().is_some_and(Line::is_blank) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_binary_empty_and_invalid_utf8_with_lines() {
        let err = decode("a.png", b"\x89PNG\r\n\x1a\n\0\0").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(matches!(err.cause, Cause::Binary { byte: 0x1a }));
        assert_eq!(decode("e.md", b"  \n\n").unwrap_err().cause, Cause::Empty);
        let err = decode("l.md", b"# ok\ncaf\xe9\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(
            err.cause,
            Cause::InvalidUtf8 {
                byte: 0xe9,
                column: 4
            }
        );
        assert_eq!(
            decode("u.md", b"\xff\xfeh\0i\0").unwrap_err().cause,
            Cause::Utf16
        );
    }

    #[test]
    fn strips_bom_and_normalises_line_endings() {
        assert_eq!(decode("a.md", b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
    }
}
