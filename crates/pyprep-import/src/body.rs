//! The part every reader shares: cutting a question's body into text lines and fenced
//! blocks, then assembling the answer (prose and diagrams) and the examples (code).

use std::borrow::Cow;

use pyprep_core::Example;

use crate::code;
use crate::draft::Ctx;
use crate::error::{Cause, ImportError};
use crate::repair;
use crate::report::CodeBlock;
use crate::text::{self, Line};

/// A piece of a question body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block<'a> {
    /// A line of prose with the body's common indentation removed (borrowed from the
    /// document when its line was).
    Text { no: u32, text: Cow<'a, str> },
    /// A fenced block, its code dedented. (Boxed: a body is mostly lines of prose, and
    /// each block would otherwise take a fence's room.)
    Fence(Box<Fence>),
}

/// A fenced block of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fence {
    pub no: u32,
    pub info: String,
    pub code: String,
    pub tabs: bool,
    /// Where each line of `code` ends (the offset of its `\n`), when dedenting found out:
    /// classifying the code reads it line by line, and need not split it again.
    pub line_ends: Option<Vec<usize>>,
}

/// The run of fence characters opening `line` (three or more backticks or tildes) and the
/// info string after it, when `line` opens a fenced block.
pub(crate) fn fence_open(line: &str) -> Option<(char, usize, &str)> {
    let t = text::trim_start(line);
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&x| x == c).count();
    if n < 3 {
        return None;
    }
    let info = text::trim(&t[n..]);
    // A backtick in the info string means inline code (```` ```a``` ````), not a fence.
    if c == b'`' && info.contains('`') {
        return None;
    }
    Some((c as char, n, info))
}

/// Whether `line` closes a fence of `n` or more `c`. Inlined into the loops that ask it of
/// every line of a code block, where its call cost as much as its work.
#[inline]
pub(crate) fn fence_closes(line: &Line, c: char, n: usize) -> bool {
    // `c` is ASCII, so comparing bytes is comparing characters. Every line of every code
    // block is asked, and its first character nearly always settles it.
    if line.first_byte() != Some(c as u8) {
        return false;
    }
    let t = text::trim_end(line.trim_start());
    t.len() >= n && t.bytes().all(|x| x == c as u8)
}

/// Index of the line closing the fence opened at `lines[open]`, or an error naming the
/// opening line.
pub(crate) fn fence_end(lines: &[Line], open: usize, ctx: &Ctx) -> Result<usize, ImportError> {
    let (c, n, _) = fence_open(lines[open].text()).expect("caller checked the opening fence");
    lines[open + 1..]
        .iter()
        .position(|l| fence_closes(l, c, n))
        .map(|p| open + 1 + p)
        .ok_or_else(|| {
            ctx.error(
                Some(lines[open].no),
                Cause::UnclosedFence {
                    fence: c.to_string().repeat(n),
                },
            )
        })
}

/// `f` applied to the text of `cow`, still borrowed from the document when `cow` was.
pub(crate) fn map_cow<'a>(cow: &Cow<'a, str>, f: impl FnOnce(&str) -> &str) -> Cow<'a, str> {
    match cow {
        Cow::Borrowed(s) => Cow::Borrowed(f(s)),
        Cow::Owned(s) => Cow::Owned(f(s).to_string()),
    }
}

/// Prose without the body's common indentation `base` and trailing space; empty for a
/// blank line.
fn prose(expanded: &str, base: usize) -> &str {
    if text::trim(expanded).is_empty() {
        ""
    } else {
        text::trim_end(expanded.get(base..).unwrap_or(text::trim_start(expanded)))
    }
}

/// Cuts `lines` into prose and fenced blocks. Prose keeps its indentation relative to the
/// least indented line, with tabs expanded.
pub(crate) fn blocks<'a>(lines: &[Line<'a>], ctx: &Ctx) -> Result<Vec<Block<'a>>, ImportError> {
    // One pass finds the fences (and any unclosed one) and the common indentation; the
    // second cuts the prose, which needs that indentation.
    let mut base = usize::MAX;
    let mut fences: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // Each line is trimmed once: only one that starts with a fence character can open
        // a fence, and one that is empty once trimmed is blank.
        let t = lines[i].trim_start();
        if matches!(t.as_bytes().first(), Some(b'`' | b'~')) && fence_open(t).is_some() {
            base = base.min(repair::indent_width(lines[i].text()));
            let end = fence_end(lines, i, ctx)?;
            fences.push((i, end));
            i = end + 1;
            continue;
        }
        if !t.is_empty() {
            base = base.min(repair::indent_width(lines[i].text()));
        }
        i += 1;
    }
    let base = if base == usize::MAX { 0 } else { base };
    // One block per line outside fences and one per fence, sized exactly: blocks are large
    // and bodies long, and a vector sized for every line was most of the memory an import
    // asked for.
    let fenced: usize = fences.iter().map(|&(open, end)| end - open).sum();
    let mut out = Vec::with_capacity(lines.len() - fenced);
    let mut fences = fences.into_iter().peekable();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if let Some(&(open, end)) = fences.peek()
            && open == i
        {
            fences.next();
            let (_, _, info) = fence_open(line.text()).expect("found in the first pass");
            let body = &lines[i + 1..end];
            let tabs = body.iter().any(|l| text::has_byte(l.text(), b'\t'));
            let (code, line_ends) = if tabs {
                (repair::dedent(body.iter().map(|l| l.text())), None)
            } else {
                let (code, ends) = repair::dedent_spaces(body);
                (code, Some(ends))
            };
            out.push(Block::Fence(Box::new(Fence {
                no: line.no,
                info: info.to_string(),
                tabs,
                code,
                line_ends,
            })));
            i = end + 1;
            continue;
        }
        let text = if text::has_byte(line.text(), b'\t') {
            Cow::Owned(prose(&repair::expand_tabs(line.text()), base).to_string())
        } else {
            map_cow(line.cow(), |t| prose(t, base))
        };
        out.push(Block::Text { no: line.no, text });
        i += 1;
    }
    Ok(out)
}

/// An answer put together from blocks.
#[derive(Debug, Default)]
pub(crate) struct Assembled {
    pub answer: String,
    pub examples: Vec<Example>,
}

/// Captions that say nothing beyond "here is code".
const GENERIC_CAPTIONS: &[&str] = &[
    "code example",
    "example",
    "code",
    "usage",
    "examples",
    "code examples",
];

/// The label text of a line that is only a bold label (`**Label:**`, `**Label**:`).
pub(crate) fn bold_label(line: &str) -> Option<&str> {
    let t = text::trim(line);
    let inner = t.strip_prefix("**")?;
    let (label, rest) = inner.split_once("**")?;
    let rest = text::trim(rest);
    if !(rest.is_empty() || rest == ":") || label.is_empty() {
        return None;
    }
    Some(text::trim(text::trim(label).trim_end_matches(':')))
}

/// Undoes MDX escapes in the prose of `blocks` (code is left alone).
pub(crate) fn unescape_mdx(blocks: &mut [Block], ctx: &mut Ctx) {
    for block in blocks {
        if let Block::Text { text, .. } = block
            && let Cow::Owned(s) = repair::unescape_mdx(text)
        {
            ctx.repairs.mdx_escapes += 1;
            *text = Cow::Owned(s);
        }
    }
}

/// Builds the answer markdown and examples from blocks: prose and diagrams stay in the
/// answer, code becomes examples (captioned by a bold label right above it), and an
/// `output` block right after an example becomes its expected output.
pub(crate) fn assemble(blocks: Vec<Block>, question: usize, ctx: &mut Ctx) -> Assembled {
    let mut lines: Vec<Cow<'_, str>> = Vec::with_capacity(blocks.len());
    let mut examples: Vec<Example> = Vec::new();
    let mut last_was_example = false;
    for block in blocks {
        match block {
            Block::Text { text, .. } => {
                if !text.is_empty() {
                    last_was_example = false;
                }
                lines.push(text);
            }
            Block::Fence(fence) => {
                let Fence {
                    no,
                    info,
                    code,
                    tabs,
                    line_ends,
                } = *fence;
                if tabs {
                    ctx.repairs.tab_indented_blocks += 1;
                }
                let class = match &line_ends {
                    Some(ends) => code::classify_split(&info, &code, ends),
                    None => code::classify(&info, &code),
                };
                ctx.code_blocks.push((
                    question,
                    CodeBlock {
                        line: no,
                        question: None,
                        declared: info,
                        language: class.language.clone(),
                        diagram: class.diagram,
                        norun: class.norun,
                        norun_reason: class.norun_reason.map(String::from),
                        requires: class.requires.clone(),
                        nondeterministic: class.nondeterministic,
                    },
                ));
                if text::trim_start(&code).is_empty() {
                    continue;
                }
                if class.language == "output"
                    && last_was_example
                    && let Some(ex) = examples.last_mut()
                {
                    ex.expected_output = Some(code);
                    continue;
                }
                if class.diagram {
                    let fence = fence_for(&code);
                    lines.push(Cow::Owned(format!("{fence}{}", class.language)));
                    lines.extend(code.lines().map(|l| Cow::Owned(l.to_string())));
                    lines.push(Cow::Owned(fence));
                    last_was_example = false;
                    continue;
                }
                let caption = take_caption(&mut lines);
                examples.push(Example {
                    caption,
                    description: String::new(),
                    language: class.language,
                    code,
                    expected_output: None,
                    norun: class.norun,
                    nondeterministic: class.nondeterministic,
                    requires: class.requires,
                });
                last_was_example = true;
            }
        }
    }
    Assembled {
        answer: join_markdown(&lines),
        examples,
    }
}

/// A fence long enough for `code` (longer than any backtick run inside it).
fn fence_for(code: &str) -> String {
    let longest = code
        .lines()
        .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Removes a bold label line that introduces the code below it and returns it as the
/// example's caption (empty for generic labels such as "Code Example").
fn take_caption(lines: &mut Vec<Cow<'_, str>>) -> String {
    while lines.last().is_some_and(|l| text::trim_start(l).is_empty()) {
        lines.pop();
    }
    let Some(last) = lines.last() else {
        return String::new();
    };
    let plain = strip_list_marker(text::trim(last)).unwrap_or(text::trim(last));
    // (The captions are ASCII words without a `k`, so ASCII case folding compares them as
    // lowercasing would, without a copy.)
    let generic = |label: &str| {
        GENERIC_CAPTIONS
            .iter()
            .any(|c| label.eq_ignore_ascii_case(c))
    };
    if let Some(label) = plain.strip_suffix(':') {
        let label = text::trim(label);
        if generic(label) || label.eq_ignore_ascii_case("for example") {
            lines.pop();
            return String::new();
        }
    }
    let Some(label) = bold_label(last).map(str::to_string) else {
        return String::new();
    };
    lines.pop();
    if generic(&label) {
        String::new()
    } else {
        label
    }
}

/// Joins markdown lines, dropping leading and trailing blank lines and squeezing runs of
/// blank lines to one.
pub(crate) fn join_markdown<S: AsRef<str>>(lines: &[S]) -> String {
    // Sized once for the lines and their separators (at most two bytes each), rather than
    // grown line by line.
    let mut out = String::with_capacity(lines.iter().map(|l| l.as_ref().len() + 2).sum());
    let mut blank = false;
    for l in lines {
        let l = text::trim_end(l.as_ref());
        if l.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(l);
    }
    out
}

/// Items of a markdown list (`-`, `*`, `+` or `1.`) in `lines`, continuation lines joined.
pub(crate) fn list_items<S: AsRef<str>>(lines: &[S]) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for l in lines {
        let t = text::trim(l.as_ref());
        if t.is_empty() {
            continue;
        }
        if let Some(rest) = strip_list_marker(t) {
            items.push(rest.to_string());
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(t);
        }
    }
    items
}

/// The text after a list marker (`- `, `* `, `+ `, `• `, `1. `, `1) `), if `t` starts with one.
pub(crate) fn strip_list_marker(t: &str) -> Option<&str> {
    for m in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = t.strip_prefix(m) {
            return Some(text::trim(rest));
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(text::trim(r));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.split('\n')
            .enumerate()
            .map(|(i, t)| Line::new(i as u32 + 1, t.to_string().into()))
            .collect()
    }

    #[test]
    fn code_becomes_examples_and_drawings_stay() {
        let mut ctx = Ctx::new("t.md");
        let src = "    Prose line.\n\n    **Counting things**:\n\n    ```python\n    print(1)\n    ```\n\n    ```\n    ┌─┐\n    └─┘\n    ```";
        let b = blocks(&lines(src), &ctx).unwrap();
        let a = assemble(b, 0, &mut ctx);
        assert_eq!(a.examples.len(), 1);
        assert_eq!(a.examples[0].caption, "Counting things");
        assert_eq!(a.examples[0].code, "print(1)\n");
        assert_eq!(a.answer, "Prose line.\n\n```text\n┌─┐\n└─┘\n```");
        assert_eq!(ctx.code_blocks.len(), 2);
    }

    #[test]
    fn unclosed_fence_names_its_line() {
        let ctx = Ctx::new("t.md");
        let err = blocks(&lines("text\n```python\nx = 1"), &ctx).unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn list_items_join_continuations() {
        assert_eq!(
            list_items(&["- one", "  more", "2. two", "", "* three"]),
            ["one more", "two", "three"]
        );
        assert_eq!(bold_label("**Follow-up:**"), Some("Follow-up"));
        assert_eq!(bold_label("**Answer**:"), Some("Answer"));
        assert_eq!(bold_label("**Bold** text"), None);
    }
}
