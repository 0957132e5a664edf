//! From raw bytes to repaired lines that remember where they came from.

use std::borrow::Cow;

use crate::error::{Cause, ImportError};
use crate::repair;
use crate::report::Repairs;

/// One line of a document after repair, with the 1-based line it came from in the file.
/// Several lines can share a number when one source line was expanded (escaped `\n` code).
/// The text borrows from the decoded document unless a repair had to rewrite it: readers
/// pass lines through several stages, and copying every line at each one was most of the
/// cost of an import. The text is only read through methods (and changed by
/// [`Line::truncate`]), so that where it starts after its indentation, worked out once, stays
/// true to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    pub no: u32,
    text: Cow<'a, str>,
    /// Where the text starts after its leading whitespace (its length when blank): every
    /// reader looks at how each line starts, several times, and this is worked out once.
    /// (It fits in what was padding, so a line is no larger for it.)
    start: u32,
}

impl<'a> Line<'a> {
    // (Always inlined: `lines` makes one per line of every document, and a call passed the
    // text in and the line out through memory.)
    #[inline(always)]
    pub fn new(no: u32, text: Cow<'a, str>) -> Self {
        // A line longer than 4 GiB cannot be a line of a document this reads whole; the
        // saturation only keeps the arithmetic total.
        let start = u32::try_from(text.len() - trim_start(&text).len()).unwrap_or(u32::MAX);
        Line { no, text, start }
    }

    /// The line's text, as repaired.
    #[inline]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as stored (borrowed from the document unless repaired), for a caller that
    /// keeps what it cuts from it borrowed too.
    pub fn cow(&self) -> &Cow<'a, str> {
        &self.text
    }

    /// The text without its leading whitespace (as [`trim_start`] gives it).
    #[inline]
    pub fn trim_start(&self) -> &str {
        self.text.get(self.start as usize..).unwrap_or_default()
    }

    /// The first byte after the leading whitespace, if any.
    #[inline]
    pub fn first_byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.start as usize).copied()
    }

    #[inline]
    pub fn is_blank(&self) -> bool {
        // Trimmed at the start, a line that is not blank starts with a character that is not
        // whitespace, which trimming its end cannot remove: the start alone decides.
        self.start as usize >= self.text.len()
    }

    pub fn trimmed(&self) -> &str {
        trim_end(self.trim_start())
    }

    /// The line cut at byte `end` (a character boundary).
    pub fn truncate(&mut self, end: usize) {
        self.text.to_mut().truncate(end);
        *self = Line::new(self.no, std::mem::take(&mut self.text));
    }
}

/// Whether `b` is ASCII whitespace in the sense of [`char::is_whitespace`] (which, unlike
/// [`u8::is_ascii_whitespace`], includes the vertical tab).
#[inline]
fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// How many spaces `bytes` starts with, eight at a time: code nested in lists and
/// admonitions is indented deeply, and every reader looks at every line's indentation.
#[inline]
pub(crate) fn leading_spaces(bytes: &[u8]) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let diff = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ SPACES;
        if diff != 0 {
            // Read little-endian, the chunk's first byte is the lowest: the lowest byte of
            // `diff` that is not zero is the first one that is not a space, so the count
            // needs no second look at the bytes.
            return i + diff.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// `s.trim_start()`, scanning bytes while the text is ASCII (nearly always) and leaving
/// anything else to the standard library, so the result is the same for every input.
#[inline]
pub(crate) fn trim_start(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut i = leading_spaces(bytes);
    while i < bytes.len() && is_ascii_ws(bytes[i]) {
        i += 1;
    }
    if i < bytes.len() && !bytes[i].is_ascii() {
        return s[i..].trim_start();
    }
    &s[i..]
}

/// `s.trim_end()`, like [`trim_start`].
#[inline]
pub(crate) fn trim_end(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while end > 0 && is_ascii_ws(bytes[end - 1]) {
        end -= 1;
    }
    if end > 0 && !bytes[end - 1].is_ascii() {
        return s[..end].trim_end();
    }
    &s[..end]
}

/// `s.trim_matches(char::from(b))` for an ASCII byte `b`, on bytes: cutting at an ASCII
/// byte is cutting at a character boundary. For the `_` and `-` around title words.
pub(crate) fn trim_ascii_byte(s: &str, b: u8) -> &str {
    debug_assert!(b.is_ascii());
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|&x| x != b).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&x| x != b).map_or(start, |p| p + 1);
    &s[start..end]
}

/// `s.trim()`, like [`trim_start`].
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `f` of `s` lowercased, for text that is only looked at, not kept: ASCII text (nearly
/// all) is lowercased into a buffer the thread keeps, so that the look costs no
/// allocation (titles, labels and tags are lowercased to be matched, thousands of times an
/// import).
pub(crate) fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    if !s.is_ascii() {
        return f(&s.to_lowercase());
    }
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            buffer.push_str(s);
            buffer.make_ascii_lowercase();
            f(&buffer)
        }
        // (Asked again while `f` runs: that one pays for its own copy.)
        Err(_) => f(&s.to_ascii_lowercase()),
    })
}

/// The lines of `s` exactly as [`str::lines`] gives them (split at `\n`, a `\r` before it
/// dropped, no empty last line), found with a vectorised search: code blocks are read line
/// by line several times, and the standard search for each short line dominated.
pub(crate) fn lines_of(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    let newline = Newline::new();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match newline.find(rest.as_bytes()) {
            Some(p) => {
                let line = &rest[..p];
                rest = &rest[p + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

/// Whether `s` contains the byte `b`, with a vectorised search (the standard one is
/// slower on the short lines this is mostly asked about).
#[inline]
pub(crate) fn has_byte(s: &str, b: u8) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() < 64 {
        // Most lines are short: a loop without an early exit (which the compiler turns into
        // vector compares) beats the search's setup.
        bytes.iter().fold(false, |found, &x| found | (x == b))
    } else {
        memchr::memchr(b, bytes).is_some()
    }
}

/// Whether `s` contains `**` (bold markup), found without building a substring searcher.
pub(crate) fn has_double_star(s: &str) -> bool {
    find_double_star(s).is_some()
}

/// `s.find("**")`, without building a substring searcher (every line with a bold label
/// is asked, and the searcher's set-up cost more than the search).
pub(crate) fn find_double_star(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(b'*', bytes).find(|&p| bytes.get(p + 1) == Some(&b'*'))
}

/// `s.rfind("**")`, like [`find_double_star`].
pub(crate) fn rfind_double_star(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memrchr_iter(b'*', bytes).find_map(|p| (p > 0 && bytes[p - 1] == b'*').then(|| p - 1))
}

/// `s.find(pair)` for a two-byte ASCII `pair` (like `"? "`), searching for its first byte
/// with [`memchr`]: the standard substring searcher's set-up costs more than these
/// searches of short titles.
pub(crate) fn find_pair(s: &str, pair: [u8; 2]) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(pair[0], bytes).find(|&p| bytes.get(p + 1) == Some(&pair[1]))
}

/// Checks that `bytes` is a UTF-8 text document and returns it with `\n` line endings,
/// borrowed when it already has them.
pub(crate) fn decode<'a>(document: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, ImportError> {
    let fail = |line: Option<u32>, cause| Err(ImportError::new(document, line, cause));
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return fail(Some(1), Cause::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Control bytes other than whitespace never occur in a text guide; a NUL or a run of
    // them means an image, an archive or a compiled file was passed by mistake.
    if let Some(offset) = first_control(bytes) {
        return fail(
            Some(line_of(bytes, offset)),
            Cause::Binary {
                byte: bytes[offset],
            },
        );
    }
    // Checked with SIMD first (a quarter of the standard check's instructions on the seed
    // guides); only a document that fails is checked again, to find where.
    let checked = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    };
    let text = match checked {
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
    if trim(text).is_empty() {
        return fail(None, Cause::Empty);
    }
    Ok(if has_byte(text, b'\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    })
}

/// Offset of the first control byte other than tab, newline, carriage return and form
/// feed. Every byte of every document is checked, so whole chunks are tested at once
/// (without an early exit, which the compiler turns into vector compares) and only a
/// chunk that has one is searched. The test is written as the ranges of control bytes
/// (below tab, vertical tab, from shift out on), which takes fewer vector operations than
/// "below space and none of the four", and the chunks are long enough that gathering each
/// one's answer costs little.
fn first_control(bytes: &[u8]) -> Option<usize> {
    let is_control = |b: u8| b < 0x09 || b == 0x0B || (0x0E..0x20).contains(&b);
    const CHUNK: usize = 256;
    for (k, chunk) in bytes.chunks(CHUNK).enumerate() {
        if chunk.iter().fold(false, |any, &b| any | is_control(b)) {
            let p = chunk.iter().position(|&b| is_control(b))?;
            return Some(k * CHUNK + p);
        }
    }
    None
}

fn line_of(bytes: &[u8], offset: usize) -> u32 {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

/// A search for `\n`. Lines are short (about forty bytes in the seed guides), so a search is
/// started once per line: on x86-64 the SSE2 searcher (which every x86-64 processor has) is
/// asked directly, which costs a quarter fewer instructions per line than `memchr` choosing an
/// implementation at every call, and no more time on long lines.
#[derive(Clone, Copy)]
struct Newline {
    #[cfg(target_arch = "x86_64")]
    sse2: memchr::arch::x86_64::sse2::memchr::One,
}

impl Newline {
    fn new() -> Self {
        Newline {
            #[cfg(target_arch = "x86_64")]
            sse2: memchr::arch::x86_64::sse2::memchr::One::new(b'\n')
                .expect("SSE2 is part of x86-64"),
        }
    }

    fn find(&self, bytes: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        {
            self.sse2.find(bytes)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            memchr::memchr(b'\n', bytes)
        }
    }

    /// The offsets of the newlines of `bytes`, in order.
    fn iter<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = usize> + 'b {
        #[cfg(target_arch = "x86_64")]
        {
            self.sse2.iter(bytes)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            memchr::memchr_iter(b'\n', bytes)
        }
    }
}

/// Splits decoded text into lines, repairing mojibake and expanding code blocks that were
/// written on one line with escaped newlines.
pub(crate) fn lines<'a>(text: &'a str, repairs: &mut Repairs) -> Vec<Line<'a>> {
    let bytes = text.as_bytes();
    // Sized for every line at once, with room for code blocks written on one line to be
    // expanded: the vector is large, and growing it copies it.
    let count = memchr::memchr_iter(b'\n', bytes).count() + 1;
    let mut out = Vec::with_capacity(count + count / 8);
    // Most lines need neither repair, and the whole text is searched once for what each
    // needs: mojibake starts with the character of a UTF-8 lead byte (see
    // `repair::fix_mojibake`), and an escaped fence needs a backslash. `next_lead` and
    // `next_backslash` are where the next ones are (`usize::MAX` when there are no more);
    // a line holds one when it is before the line's end, and then all the line holds are
    // passed, so for every other line a comparison each is all it costs.
    let mut leads = memchr::memchr_iter(0xC3, bytes)
        .filter(|&p| bytes.get(p + 1).is_some_and(|b| (0x82..=0xB4).contains(b)));
    let mut backslashes = memchr::memchr_iter(b'\\', bytes);
    let mut next_lead = leads.next().unwrap_or(usize::MAX);
    let mut next_backslash = backslashes.next().unwrap_or(usize::MAX);
    let mut start = 0;
    let newline = Newline::new();
    let ends = newline.iter(bytes).chain(std::iter::once(text.len()));
    for (i, end) in ends.enumerate() {
        let line_start = start;
        start = end + 1;
        let raw = &text[line_start..end];
        let no = i as u32 + 1;
        let fixed = if next_lead < end {
            while next_lead < end {
                next_lead = leads.next().unwrap_or(usize::MAX);
            }
            repair::fix_mojibake(raw)
        } else {
            Cow::Borrowed(raw)
        };
        if let Cow::Owned(_) = fixed {
            repairs.mojibake_lines += 1;
        }
        // (Repairing mojibake never adds or removes an ASCII character.)
        let has_backslash = next_backslash < end;
        while next_backslash < end {
            next_backslash = backslashes.next().unwrap_or(usize::MAX);
        }
        let expanded = if has_backslash {
            repair::expand_escaped_fence(&fixed)
        } else {
            None
        };
        match expanded {
            Some(expanded) => {
                repairs.escaped_code_blocks += 1;
                out.extend(
                    expanded
                        .split('\n')
                        .map(|t| Line::new(no, Cow::Owned(t.to_string()))),
                );
            }
            None => out.push(Line::new(no, fixed)),
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
    fn control_bytes_are_the_ones_below_space_but_whitespace() {
        for b in 0..=u8::MAX {
            let control = b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C);
            let mut bytes = vec![b'a'; 300];
            bytes[260] = b;
            assert_eq!(first_control(&bytes), control.then_some(260), "{b:#x}");
        }
    }

    #[test]
    fn leading_spaces_counts_what_a_byte_loop_counts() {
        for n in 0..20 {
            for tail in ["", "x", "\tx", "é", "        y"] {
                let line = format!("{}{tail}", " ".repeat(n));
                let expected = line.bytes().take_while(|&b| b == b' ').count();
                assert_eq!(leading_spaces(line.as_bytes()), expected, "{line:?}");
            }
        }
    }

    #[test]
    fn strips_bom_and_normalises_line_endings() {
        assert_eq!(decode("a.md", b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
    }
}
