//! Repairs for damage that guides pick up on their way to us: UTF-8 read as cp1252
//! (mojibake), code blocks flattened into one line with escaped newlines, MDX escapes,
//! dunder names that markdown turned into bold, and code indented with a mix of tabs and
//! spaces. Every function is pure and returns the input unchanged (borrowed) when it has
//! nothing to repair.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::text::{find_double_star, has_double_star, trim, trim_end};

/// The byte that cp1252 (or latin-1, for cp1252's holes) decodes to `c`, if any.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Bytes that the broken decoder dropped because cp1252 has no character for them. When a
/// sequence is one byte short, these prefixes tell which byte it was: inside box drawings
/// `E2 94 _` is the light corner `┐` (0x90), after an emoji `EF B8 _` is the emoji variation
/// selector (0x8F), and `E2 80 _` is the closing quote `”` (0x9D).
const LOST_BYTE: &[(&[u8], u8)] = &[
    (&[0xE2, 0x94], 0x90),
    (&[0xEF, 0xB8], 0x8F),
    (&[0xE2, 0x80], 0x9D),
];

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// Whether `s` holds U+00C2 to U+00F4 (UTF-8 `C3 82` to `C3 B4`), the characters every
/// mojibake sequence starts with.
pub(crate) fn has_mojibake_lead(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr_iter(0xC3, bytes)
        .any(|p| bytes.get(p + 1).is_some_and(|b| (0x82..=0xB4).contains(b)))
}

/// The high bit of each of eight bytes: a word of text is ASCII when it has none of them.
const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);

/// Restores text whose UTF-8 bytes were decoded as cp1252 (or latin-1): `ðŸŸ¡` becomes 🟡
/// and `â”Œ` becomes `┌`. Runs of characters that do not decode to valid UTF-8 are kept as
/// they are, so genuine accented text (`café`, `naïve`) is never touched.
pub fn fix_mojibake(s: &str) -> Cow<'_, str> {
    // Every mojibake sequence starts with the character of a UTF-8 lead byte, U+00C2 to
    // U+00F4, which UTF-8 itself encodes as C3 82 to C3 B4: a byte scan rules most lines out.
    if !has_mojibake_lead(s) {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Text that stays as it is (ASCII, genuine accented letters) is copied in stretches,
    // from `kept` up to the next sequence that decodes.
    let mut kept = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            // ASCII runs (most of a line) are passed eight bytes at a time.
            i += 1;
            while let Some(chunk) = bytes.get(i..i + 8) {
                if u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HIGH_BITS != 0 {
                    break;
                }
                i += 8;
            }
            continue;
        }
        match decode_at(s, i) {
            Some((c, end)) => {
                if kept < i {
                    out.push_str(&s[kept..i]);
                }
                out.push(c);
                kept = end;
                i = end;
            }
            None => i += utf8_len(bytes[i]),
        }
    }
    if kept == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[kept..]);
    Cow::Owned(out)
}

/// The character whose UTF-8 bytes the characters of `s` from `i` on are the cp1252
/// characters of, and where those end; `None` when they spell no character. A sequence
/// one byte short is completed with the byte the broken decoder dropped ([`LOST_BYTE`]).
fn decode_at(s: &str, i: usize) -> Option<(char, usize)> {
    let (lead, mut end) = cp1252_at(s, i)?;
    let len = utf8_len(lead);
    if len < 2 {
        return None;
    }
    let mut seq = [lead, 0, 0, 0];
    let mut avail = 1;
    while avail < len {
        match cp1252_at(s, end) {
            Some((b, next)) if is_continuation(b) => {
                seq[avail] = b;
                avail += 1;
                end = next;
            }
            _ => break,
        }
    }
    if avail == len - 1 {
        let &(_, lost) = LOST_BYTE.iter().find(|(p, _)| *p == &seq[..avail])?;
        seq[avail] = lost;
    } else if avail < len {
        return None;
    }
    Some((utf8_char(&seq[..len])?, end))
}

/// The character a lead byte and its continuation bytes encode, if they are valid UTF-8
/// (what [`std::str::from_utf8`] accepts: not overlong, not a surrogate, at most
/// U+10FFFF). Worked out here because the call to `from_utf8` cost more than the rest of
/// decoding a sequence.
fn utf8_char(seq: &[u8]) -> Option<char> {
    let (&lead, rest) = seq.split_first()?;
    // The lead byte's payload: the bits after its `len` high ones and a zero.
    let payload = u32::from(lead) & (0x7F >> seq.len());
    let code = rest
        .iter()
        .fold(payload, |code, &b| code << 6 | u32::from(b & 0x3F));
    // The smallest character each length encodes: anything smaller is overlong.
    let min = match seq.len() {
        2 => 0x80,
        3 => 0x800,
        _ => 0x1_0000,
    };
    if code < min {
        return None;
    }
    char::from_u32(code)
}

/// The cp1252 byte of the character of `s` at `i`, and where the character ends; `None`
/// for ASCII, the end of `s`, and characters cp1252 has no byte for. Read from the bytes:
/// the characters of UTF-8's lead and continuation bytes, nearly all of mojibake, are
/// U+0080 to U+00FF, encoded `C2 xx` and `C3 xx`.
fn cp1252_at(s: &str, i: usize) -> Option<(u8, usize)> {
    let bytes = s.as_bytes();
    match *bytes.get(i)? {
        0xC2 => Some((bytes[i + 1], i + 2)),
        0xC3 => Some((bytes[i + 1] + 0x40, i + 2)),
        // Where the rest of cp1252's characters (`€`, `”`, `Œ`, `˜`, ...) start.
        0xC5 | 0xC6 | 0xCB | 0xE2 => {
            let c = s[i..].chars().next()?;
            cp1252_byte(c).map(|b| (b, i + c.len_utf8()))
        }
        _ => None,
    }
}

/// A code fence written on one line with escaped newlines (```` ```python\nimport os\n``` ````,
/// as left by a JSON export) decoded into real lines. `None` when `line` is not one.
pub fn expand_escaped_fence(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let fence_char = trimmed.chars().next()?;
    if fence_char != '`' && fence_char != '~' {
        return None;
    }
    let ticks = trimmed.chars().take_while(|&c| c == fence_char).count();
    if ticks < 3 {
        return None;
    }
    let rest = &trimmed[ticks..];
    let info_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '.')))
        .unwrap_or(rest.len());
    if !rest[info_len..].starts_with("\\n") {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => {}
            Some(e @ ('"' | '\'' | '\\')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Some(out)
}

/// Undoes the escapes MDX needs but markdown readers do not (`\<`, `\>`, `\&`, `\{`, `\}`,
/// `\~`), outside inline code spans.
pub fn unescape_mdx(line: &str) -> Cow<'_, str> {
    if !line.contains('\\') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut chars = line.chars().peekable();
    let mut changed = false;
    while let Some(c) = chars.next() {
        if c == '`' {
            in_code = !in_code;
        } else if c == '\\'
            && !in_code
            && chars
                .peek()
                .is_some_and(|n| matches!(n, '<' | '>' | '&' | '{' | '}' | '~'))
        {
            changed = true;
            continue;
        }
        out.push(c);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(line)
    }
}

/// Whether `text` has a bold run starting with a lowercase ASCII letter (`**slots**`),
/// the only shape [`restore_dunders`] repairs.
pub(crate) fn has_bold_word(text: &str) -> bool {
    // Asked of every answer: only the stars are looked at.
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'*', bytes).any(|p| {
        bytes.get(p + 1) == Some(&b'*') && bytes.get(p + 2).is_some_and(u8::is_ascii_lowercase)
    })
}

/// Restores dunder names that markdown rendered as bold: `**slots**` becomes `` `__slots__` ``
/// when `context` (the rest of the same question, typically its code) spells `__slots__`,
/// which is how we know the source meant the dunder and not emphasis.
pub fn restore_dunders<'a>(text: &'a str, context: &str) -> Cow<'a, str> {
    // Built once: the context (a whole answer with its code) is searched for every
    // question, and building a searcher each time cost more than most searches.
    static DUNDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("__"));
    if !has_double_star(text) || DUNDER.find(context.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    let mut changed = false;
    while let Some(start) = find_double_star(rest) {
        let after = &rest[start + 2..];
        let word_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let word = &after[..word_len];
        let is_word = !word.is_empty()
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && after[word_len..].starts_with("**");
        if is_word && context.contains(&format!("__{word}__")) {
            out.push_str(&rest[..start]);
            out.push_str("`__");
            out.push_str(word);
            out.push_str("__`");
            rest = &after[word_len + 2..];
            changed = true;
        } else {
            out.push_str(&rest[..start + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    if changed {
        // A restored name that was already inside backticks must not gain a second pair.
        Cow::Owned(out.replace("``__", "`__").replace("__``", "__`"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Replaces tabs with spaces up to the next multiple of four columns (markdown's tab stop).
pub fn expand_tabs(line: &str) -> Cow<'_, str> {
    if !crate::text::has_byte(line, b'\t') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    // Columns count characters; the text between tabs is copied whole.
    let mut col = 0;
    for (k, piece) in line.split('\t').enumerate() {
        if k > 0 {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        }
        out.push_str(piece);
        col += if piece.is_ascii() {
            piece.len()
        } else {
            piece.chars().count()
        };
    }
    Cow::Owned(out)
}

/// Width of a line's leading whitespace, tabs expanded.
pub(crate) fn indent_width(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut col = crate::text::leading_spaces(bytes);
    for &b in &bytes[col..] {
        match b {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => break,
        }
    }
    col
}

/// Code lines with tabs expanded, the common indentation removed, trailing spaces and
/// surrounding blank lines dropped, and every line ending in `\n`, so that code indented
/// inside a list or an admonition still runs.
pub fn dedent<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let expanded: Vec<Cow<'_, str>> = lines.into_iter().map(expand_tabs).collect();
    let blank = |l: &str| trim(l).is_empty();
    let min = expanded
        .iter()
        .filter(|l| !blank(l))
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let first = expanded.iter().position(|l| !blank(l));
    let last = expanded.iter().rposition(|l| !blank(l));
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let mut out = String::with_capacity(expanded[first..=last].iter().map(|l| l.len() + 1).sum());
    for l in &expanded[first..=last] {
        let l = trim_end(l);
        if l.len() > min {
            out.push_str(&l[min..]);
        }
        out.push('\n');
    }
    out
}

/// [`dedent`] of lines known to have no tabs (nearly all code): nothing to expand, so the
/// lines are measured and copied where they are. Also returns where each line of the code
/// ends (the offset of its `\n`), known here for free.
pub(crate) fn dedent_spaces(lines: &[crate::text::Line]) -> (String, Vec<usize>) {
    let mut min = usize::MAX;
    let (mut first, mut last) = (None, None);
    for (k, l) in lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        min = min.min(crate::text::leading_spaces(l.text().as_bytes()));
        first.get_or_insert(k);
        last = Some(k);
    }
    let (Some(first), Some(last)) = (first, last) else {
        return (String::new(), Vec::new());
    };
    let body = &lines[first..=last];
    let mut out = String::with_capacity(body.iter().map(|l| l.text().len() + 1).sum());
    let mut ends = Vec::with_capacity(body.len());
    for l in body {
        let l = trim_end(l.text());
        if l.len() > min {
            out.push_str(&l[min..]);
        }
        ends.push(out.len());
        out.push('\n');
    }
    debug_assert_eq!(out, dedent(lines.iter().map(|l| l.text())));
    (out, ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_restored_and_clean_text_borrowed() {
        assert_eq!(fix_mojibake("ðŸŸ¡ Medium"), "🟡 Medium");
        assert_eq!(fix_mojibake("â”Œâ”€â”"), "┌─┐");
        assert_eq!(fix_mojibake("âš\u{a0}ï¸ Partial"), "⚠\u{fe0f} Partial");
        assert_eq!(fix_mojibake("20Â°C, 1-5Î¼s"), "20°C, 1-5μs");
        assert!(matches!(fix_mojibake("café — naïve"), Cow::Borrowed(_)));
        assert!(matches!(fix_mojibake("plain"), Cow::Borrowed(_)));
        // Sequences one byte short, a sequence cut by ASCII, and a latin-1 control.
        assert_eq!(fix_mojibake("â” x â€ y"), "┐ x ” y");
        assert_eq!(fix_mojibake("ðŸx Ã\u{80}"), "ðŸx À");
        assert!(matches!(fix_mojibake("Ã© is not Ã€"), Cow::Owned(_)));
    }

    #[test]
    fn utf8_char_accepts_what_from_utf8_accepts() {
        let check = |seq: &[u8]| {
            let expected = std::str::from_utf8(seq).ok().map(|t| t.chars().next());
            assert_eq!(utf8_char(seq).map(Some), expected, "{seq:x?}");
        };
        for lead in 0xC2..=0xF4u8 {
            let len = utf8_len(lead);
            for b1 in 0x80..=0xBFu8 {
                if len == 2 {
                    check(&[lead, b1]);
                    continue;
                }
                for b2 in 0x80..=0xBFu8 {
                    if len == 3 {
                        check(&[lead, b1, b2]);
                        continue;
                    }
                    for b3 in [0x80, 0x9F, 0xBF] {
                        check(&[lead, b1, b2, b3]);
                    }
                }
            }
        }
    }

    #[test]
    fn escaped_fence_becomes_lines() {
        let line = r#"    ```python\n    print(\"a\\nb\")\n    ```\n    **Next:**"#;
        assert_eq!(
            expand_escaped_fence(line).unwrap(),
            "    ```python\n    print(\"a\\nb\")\n    ```\n    **Next:**"
        );
        assert_eq!(expand_escaped_fence("```python"), None);
        assert_eq!(expand_escaped_fence(r"text with \n inside"), None);
    }

    #[test]
    fn mdx_escapes_are_undone_outside_code() {
        assert_eq!(
            unescape_mdx(r"Q\&A for \<512 bytes, `a\<b`"),
            r"Q&A for <512 bytes, `a\<b`"
        );
        assert_eq!(unescape_mdx(r"INPLACE\_ADD"), r"INPLACE\_ADD");
    }

    #[test]
    fn bold_dunders_come_back_only_when_the_code_says_so() {
        let code = "if __name__ == \"__main__\":\n    main()\n";
        assert_eq!(
            restore_dunders("How do you use if **name** == \"**main**\":?", code),
            "How do you use if `__name__` == \"`__main__`\":?"
        );
        assert_eq!(
            restore_dunders("a **name** here", "no dunders"),
            "a **name** here"
        );
        assert_eq!(
            restore_dunders("**Bold** text", "__bold__"),
            "**Bold** text"
        );
    }

    #[test]
    fn dedent_expands_mixed_tabs() {
        let code = dedent(["\t\t\t def add(a, b):", "\t\t\t\t\t return a + b", ""]);
        assert_eq!(code, "def add(a, b):\n        return a + b\n");
        assert_eq!(dedent(["", "  "]), "");
    }
}
