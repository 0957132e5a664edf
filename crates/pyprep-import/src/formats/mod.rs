//! One module per source layout, each behind the small [`Reader`] trait: `detect` scores
//! how much a document looks like the layout (from its content, never its name) and `read`
//! turns it into drafts. [`detect`] picks the best-scoring reader; the generic markdown
//! reader accepts anything.

use std::any::Any;

use rayon::prelude::*;

use crate::draft::{Ctx, Draft};
use crate::error::ImportError;
use crate::report::Format;
use crate::text::{self, Line};

mod generic;
mod github;
mod mdx;
mod mkdocs;
mod numbered;
mod plain;

/// A reader for one layout.
pub(crate) trait Reader: Sync {
    fn format(&self) -> Format;
    /// How strongly `lines` look like this layout, and what the reader worked out to tell.
    /// `firsts` holds the first byte of each line after its leading whitespace (0 for a
    /// blank line): every reader is asked about every line of every document, and most
    /// lines can be passed over on that byte alone (found with a vectorised search of
    /// `firsts`, most are not visited at all).
    fn detect(&self, lines: &[Line], firsts: &[u8]) -> Detection;
    /// The questions of the document, in document order. `found` is what this reader's
    /// `detect` handed over for the same lines, or `None` when the layout was chosen by the
    /// caller (and `detect` never ran).
    fn read(
        &self,
        lines: &[Line],
        found: Option<Found>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError>;
}

/// What a reader's `detect` worked out and its `read` would otherwise work out again (the
/// plain-text reader builds the document's paragraphs to score it, and reads those same
/// paragraphs). Only the reader that made it knows its type, and takes it back with
/// [`Box::downcast`].
pub(crate) type Found = Box<dyn Any>;

/// A reader's answer to `detect`.
pub(crate) struct Detection {
    /// How strongly the document looks like the reader's layout; 0 means not at all.
    pub score: u32,
    /// Handed to the reader's `read` if the reader is chosen.
    pub found: Option<Found>,
}

/// A score with nothing to hand over, as most readers give.
impl From<u32> for Detection {
    fn from(score: u32) -> Self {
        Detection { score, found: None }
    }
}

static READERS: &[&dyn Reader] = &[
    &mdx::Mdx,
    &mkdocs::Mkdocs,
    &github::Github,
    &numbered::Numbered,
    &plain::Plain,
    &generic::Generic,
];

/// The reader whose layout `lines` match best, and what its `detect` found for its `read`.
pub(crate) fn detect(lines: &[Line]) -> (&'static dyn Reader, Option<Found>) {
    let firsts: Vec<u8> = lines.iter().map(|l| l.first_byte().unwrap_or(0)).collect();
    let mut best: (&'static dyn Reader, Option<Found>) = (&generic::Generic, None);
    let mut best_score = 0;
    for &reader in READERS {
        let Detection { score, found } = reader.detect(lines, &firsts);
        if score > best_score {
            best = (reader, found);
            best_score = score;
        }
    }
    best
}

/// The reader for a format chosen by the caller.
pub(crate) fn reader_for(format: Format) -> &'static dyn Reader {
    READERS
        .iter()
        .copied()
        .find(|r| r.format() == format)
        .unwrap_or(&generic::Generic)
}

/// [`heading`] of a line, passed over on its first byte when it is not `#` (as nearly every
/// line is not).
pub(crate) fn line_heading<'l>(line: &'l Line) -> Option<(usize, &'l str)> {
    if line.first_byte() != Some(b'#') {
        return None;
    }
    heading(line.text())
}

/// Markdown heading level and text, outside code (callers skip fenced lines).
pub(crate) fn heading(line: &str) -> Option<(usize, &str)> {
    let t = text::trim_start(line);
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with(' ') && !rest.starts_with('\t') {
        return None;
    }
    Some((level, text::trim(text::trim(rest).trim_end_matches('#'))))
}

/// Whether a line is a thematic break (`---`, `***`, `___`).
pub(crate) fn is_rule(line: &str) -> bool {
    let mut marks = line.bytes().filter(|b| !b.is_ascii_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    if !matches!(first, b'-' | b'*' | b'_') {
        return false;
    }
    let mut n = 1;
    for b in marks {
        if b != first {
            return false;
        }
        n += 1;
    }
    n >= 3
}

/// Whether a line is only HTML markup or site navigation with nothing to import
/// (`<a id="q1"></a>`, `<div align="right"><a href="#top">Back to Top</a></div>`).
pub(crate) fn is_markup_only(line: &str) -> bool {
    let t = text::trim(line);
    if !(t.starts_with('<') && t.ends_with('>')) {
        return false;
    }
    let text = crate::draft::clean_inline(t);
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    text.is_empty() || text.to_lowercase().starts_with("back to")
}

/// Imperative openers of questions that end with a full stop ("Explain the GIL."). The
/// first ten are also [`HEADING_VERBS`].
const PROMPT_VERBS: &[&str] = &[
    "explain",
    "describe",
    "compare",
    "contrast",
    "discuss",
    "define",
    "differentiate",
    "distinguish",
    "write",
    "implement",
    "outline",
    "summarize",
    "summarise",
    "illustrate",
    "demonstrate",
    "list",
    "name",
    "give",
    "tell",
];

/// The prompt verbs that make a heading a question even without `?` ("List" and "Name"
/// open too many ordinary headings).
pub(crate) const HEADING_VERBS: &[&str] = PROMPT_VERBS.split_at(10).0;

/// Whether one line of text reads like an interview question: it ends with `?`, or it
/// opens with an imperative ("Explain ...", "Write ...") and is one sentence.
pub(crate) fn looks_like_question(text: &str) -> bool {
    let t = crate::text::trim(text);
    // Checked before counting words: long answer paragraphs are asked about too.
    if t.len() > 300 {
        return false;
    }
    // Only "fewer than 2" and "at least 3" words matter: counting stops at 3.
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    let count = usize::from(!first.is_empty()) + words.take(2).count();
    if count < 2 {
        return false;
    }
    if t.ends_with('?') {
        return true;
    }
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    // ASCII words (nearly all) are compared without a lowercased copy; for them that is
    // the same comparison.
    let prompt_verb = if first.is_ascii() {
        PROMPT_VERBS.iter().any(|v| first.eq_ignore_ascii_case(v))
    } else {
        PROMPT_VERBS.contains(&first.to_lowercase().as_str())
    };
    // Most paragraphs open with no prompt verb: the sentence search is left for the rest.
    if !prompt_verb || count < 3 {
        return false;
    }
    let one_sentence = crate::text::find_pair(
        t.trim_end_matches(|c: char| c.is_ascii_punctuation()),
        *b". ",
    )
    .is_none();
    one_sentence
        && (t.ends_with('.')
            || t.ends_with(':')
            || t.chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '`' || c == ')'))
}

/// Byte index of the first case-insensitive match of an ASCII `needle` in `haystack`, or of
/// the last one with `last`. Indices found in a lowercased copy are not safe to use on the
/// original, whose characters may change length when lowercased.
pub(crate) fn find_ci(haystack: &str, needle: &str, last: bool) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    let matches = |i: &usize| h[*i..*i + n.len()].eq_ignore_ascii_case(n);
    if last {
        (0..=h.len() - n.len()).rev().find(matches)
    } else {
        (0..=h.len() - n.len()).find(matches)
    }
}

/// Reads the pieces of a document on the machine's cores and puts their drafts, and what
/// reading them reported, back together in document order. A piece is what `read` needs to
/// read a run of the document's lines on its own (the lines, and whatever state reading the
/// lines before them would have left), so the result is the one reading the pieces one
/// after the other with `ctx` gives: the same drafts, warnings in the same order, the same
/// counts, and the first error in document order.
pub(crate) fn read_pieces<P: Send>(
    pieces: Vec<P>,
    ctx: &mut Ctx,
    read: impl Fn(P, &mut Ctx) -> Result<Vec<Draft>, ImportError> + Sync,
) -> Result<Vec<Draft>, ImportError> {
    let parent = &*ctx;
    let parts: Vec<Result<(Vec<Draft>, Ctx<'_>), ImportError>> = pieces
        .into_par_iter()
        .map(|piece| {
            let mut part = parent.part();
            read(piece, &mut part).map(|drafts| (drafts, part))
        })
        .collect();
    // Sized once: drafts are large, and growing the vector would copy them all again.
    let total = parts.iter().flatten().map(|(drafts, _)| drafts.len()).sum();
    let mut drafts = Vec::with_capacity(total);
    for part in parts {
        let (read, part) = part?;
        ctx.absorb(part, drafts.len());
        drafts.extend(read);
    }
    Ok(drafts)
}

/// Lines outside fenced blocks, as `(index, line)` pairs; fenced lines are skipped whole.
/// An unclosed fence is reported by the readers that cut bodies, so here it simply runs to
/// the end.
pub(crate) fn outside_fences(lines: &[Line]) -> Vec<bool> {
    let mut out = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        // Only a line starting with a fence character can open one (most lines do not).
        if let Some((c, n, _)) = matches!(lines[i].first_byte(), Some(b'`' | b'~'))
            .then(|| crate::body::fence_open(lines[i].text()))
            .flatten()
        {
            let end = lines[i + 1..]
                .iter()
                .position(|l| crate::body::fence_closes(l, c, n))
                .map_or(lines.len() - 1, |p| i + 1 + p);
            for flag in &mut out[i..=end] {
                *flag = false;
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_lines() {
        assert!(looks_like_question("What is a closure?"));
        assert!(looks_like_question(
            "Explain the difference between lists and tuples."
        ));
        assert!(!looks_like_question("Python is great. Explain later."));
        assert!(!looks_like_question("Back"));
        // Regression: a multi-byte last character once split a slice mid-character.
        assert!(looks_like_question("Explain the word café"));
        assert_eq!(find_ci("İ<SUMMARY>x", "<summary>", false), Some(2));
        assert!(heading("## Title").is_some());
        assert!(heading("#hashtag").is_none());
        assert!(is_rule("---"));
        assert!(is_markup_only("<a id=\"q1\"></a>"));
        assert!(is_markup_only(
            "<div align=\"right\"><a href=\"#table-of-contents\">Back to Top 👆</a></div>"
        ));
        assert!(!is_markup_only("<b>Note</b> text"));
    }
}
