//! Plain text copied from a web page: each question is a one-line paragraph followed by its
//! answer paragraph(s), surrounded by the site's navigation and promotion. Only the long
//! runs of question/answer pairs are imported, so the boilerplate at the top and bottom is
//! never mistaken for questions, even when a promotional heading ends with `?`.

use pyprep_core::Example;

use super::{Detection, Found, Reader, heading, looks_like_question};
use crate::code;
use crate::draft::{Ctx, Draft};
use crate::error::ImportError;
use crate::report::{CodeBlock, Format, ItemKind};
use crate::text::Line;

pub(crate) struct Plain;

struct Paragraph {
    no: u32,
    text: String,
    lines: usize,
}

fn paragraphs(lines: &[Line]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for line in lines {
        if line.is_blank() {
            out.extend(current.take());
            continue;
        }
        match &mut current {
            Some(p) => {
                p.text.push('\n');
                p.text.push_str(line.trimmed());
                p.lines += 1;
            }
            None => {
                current = Some(Paragraph {
                    no: line.no,
                    text: line.trimmed().to_string(),
                    lines: 1,
                })
            }
        }
    }
    out.extend(current);
    out
}

/// Headings written in Title Case ("Ready to Ace Your Python Interviews?") are page
/// furniture, not questions, which are written as sentences.
fn is_title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    long.len() >= 3 && capitalised * 10 >= long.len() * 7
}

fn is_question(p: &Paragraph) -> bool {
    p.lines == 1 && looks_like_question(&p.text)
}

/// `text.split_whitespace().take(limit).count()`: each paragraph is asked, and decoding
/// every character was most of the cost. ASCII bytes are classified as they are (for them
/// `char::is_whitespace` is space, `\t`, `\n`, vertical tab, form feed and `\r`); only
/// other characters are decoded.
fn count_words(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word) = (0, false);
    let mut i = 0;
    while i < bytes.len() && words < limit {
        let (space, len) = if bytes[i].is_ascii() {
            (matches!(bytes[i], b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = text[i..].chars().next().expect("a character starts at i");
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
        i += len;
    }
    words
}

/// An answer is prose: several words and a sentence, not a label or a menu entry (nor a
/// question, which the caller has already worked out).
fn is_answer(p: &Paragraph, question: bool) -> bool {
    if question {
        return false;
    }
    // Only "at least 4" and "at least 12" matter, so long answers are not counted through.
    let words = count_words(&p.text, 12);
    words >= 4
        // The marks are ASCII: looking for their bytes finds them without decoding.
        && (words >= 12 || p.text.bytes().any(|b| matches!(b, b'.' | b':' | b';' | b'`')))
        && !p.text.starts_with(['•', '·'])
}

/// The document's paragraphs, and whether each is a question and whether it is an answer
/// (worked out once: `read` asks about each paragraph several times). Both `detect` and
/// `read` need them, and they are most of the work of either: `detect` hands them over to
/// `read` (as the [`Found`] of its [`Detection`]), so they are built once.
struct Analysis {
    paras: Vec<Paragraph>,
    roles: Vec<(bool, bool)>,
}

impl Analysis {
    fn of(lines: &[Line]) -> Self {
        let paras = paragraphs(lines);
        let roles = paras
            .iter()
            .map(|p| {
                let question = is_question(p);
                (question, is_answer(p, question))
            })
            .collect();
        Analysis { paras, roles }
    }
}

/// Code that lost its line breaks on the way (```` ```python a = 1 print(a) ``` ```` inside a
/// sentence): kept as a fragment example, since the original lines cannot be recovered.
fn inline_fences(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    // (Found from their first byte: a substring searcher built for each answer cost more
    // than the search.)
    let fence = |s: &str| {
        let bytes = s.as_bytes();
        memchr::memchr_iter(b'`', bytes).find(|&p| bytes[p..].starts_with(b"```"))
    };
    while let Some(start) = fence(rest) {
        let after = &rest[start + 3..];
        let Some(end) = fence(after) else { break };
        let inner = after[..end].trim();
        let (lang, code) = match inner.split_once(' ') {
            Some((l, c)) if l.chars().all(|c| c.is_ascii_alphanumeric()) && !l.is_empty() => (l, c),
            _ => ("", inner),
        };
        out.push((lang.to_string(), code.trim().to_string()));
        rest = &after[end + 3..];
    }
    out
}

impl Reader for Plain {
    fn format(&self) -> Format {
        Format::PlainText
    }

    fn detect(&self, lines: &[Line], firsts: &[u8]) -> Detection {
        // Markdown structure means another reader fits better.
        let structured = memchr::memchr3_iter(b'#', b'`', b'~', firsts).any(|i| match firsts[i] {
            b'#' => heading(lines[i].text()).is_some(),
            b'`' | b'~' => crate::body::fence_open(lines[i].text()).is_some(),
            _ => false,
        });
        if structured {
            return 0.into();
        }
        let analysis = Analysis::of(lines);
        let pairs = analysis
            .roles
            .windows(2)
            .filter(|w| w[0].0 && w[1].1)
            .count() as u32;
        let qa_marked = analysis
            .paras
            .iter()
            .filter(|p| p.text.starts_with("Q:") || p.text.starts_with("Q."))
            .count();
        let score = if pairs >= 3 && qa_marked == 0 {
            pairs * 3
        } else {
            0
        };
        Detection {
            score,
            found: Some(Box::new(analysis)),
        }
    }

    fn read(
        &self,
        lines: &[Line],
        found: Option<Found>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError> {
        let Analysis { paras, roles } = match found.and_then(|f| f.downcast().ok()) {
            Some(analysis) => *analysis,
            None => Analysis::of(lines),
        };
        let (is_question, is_answer) = (|i: usize| roles[i].0, |i: usize| roles[i].1);
        // (question index, last answer index) of every pair, then runs of adjacent pairs.
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i + 1 < paras.len() {
            if is_question(i) && is_answer(i + 1) {
                let mut last = i + 1;
                while last + 1 < paras.len() && is_answer(last + 1) {
                    last += 1;
                }
                pairs.push((i, last));
                i = last + 1;
            } else {
                i += 1;
            }
        }
        let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
        for pair in pairs {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|&(_, last)| last + 1 == pair.0) => {
                    run.push(pair)
                }
                _ => runs.push(vec![pair]),
            }
        }
        let longest = runs.iter().map(Vec::len).max().unwrap_or(0);
        let keep = longest.min(3);
        // At most one draft per pair: sized once, since drafts are large and growing the
        // vector copies them.
        let mut drafts = Vec::with_capacity(runs.iter().map(Vec::len).sum());
        let mut used = vec![false; paras.len()];
        for mut run in runs {
            // Page headings next to the questions ("Why Choose Us?" over a sales pitch)
            // are written in Title Case; questions inside the run may be too, so only the
            // ends of a run are trimmed.
            while run.len() > 1 && is_title_case(&paras[run[0].0].text) {
                let (q, _) = run.remove(0);
                ctx.warn(
                    Some(paras[q].no),
                    format!("{:?} reads as a page heading; skipped", paras[q].text),
                );
            }
            while run.len() > 1
                && run
                    .last()
                    .is_some_and(|&(q, _)| is_title_case(&paras[q].text))
            {
                let (q, _) = run.pop().expect("checked non-empty");
                ctx.warn(
                    Some(paras[q].no),
                    format!("{:?} reads as a page heading; skipped", paras[q].text),
                );
            }
            if run.len() < keep {
                let (q, _) = run[0];
                ctx.warn(
                    Some(paras[q].no),
                    format!(
                        "{:?} looks like a question but stands apart from the question list; skipped as page text",
                        paras[q].text
                    ),
                );
                continue;
            }
            for (q, last) in run {
                for u in &mut used[q..=last] {
                    *u = true;
                }
                ctx.count(ItemKind::QaParagraph);
                let mut draft = Draft::new(ItemKind::QaParagraph, paras[q].no, &paras[q].text);
                draft.markdown = false;
                let answer: Vec<&str> = paras[q + 1..=last]
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect();
                draft.answer = answer.join("\n\n");
                for (lang, code) in inline_fences(&draft.answer) {
                    let info = code::classify(&lang, &code);
                    ctx.warn(
                        Some(paras[q + 1].no),
                        "code in the answer lost its line breaks; kept as a fragment (norun)",
                    );
                    ctx.code_blocks.push((
                        drafts.len(),
                        CodeBlock {
                            line: paras[q + 1].no,
                            question: None,
                            declared: lang,
                            language: info.language.clone(),
                            diagram: false,
                            norun: true,
                            norun_reason: Some("code flattened onto one line".into()),
                            requires: info.requires.clone(),
                            nondeterministic: info.nondeterministic,
                        },
                    ));
                    draft.examples.push(Example {
                        caption: String::new(),
                        description: String::new(),
                        language: info.language,
                        code: format!("{code}\n"),
                        expected_output: None,
                        norun: true,
                        nondeterministic: info.nondeterministic,
                        requires: info.requires,
                    });
                }
                drafts.push(draft);
            }
        }
        let skipped = used.iter().filter(|u| !**u).count();
        if skipped > 0 && !drafts.is_empty() {
            ctx.warn(
                None,
                format!("{skipped} paragraph(s) of page text around the questions (navigation, promotion) were not imported"),
            );
        }
        Ok(drafts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "one",
            "  two words ",
            "tabs\tand\nnew\x0Blines\x0Cand\rreturns",
            "no\u{a0}break\u{2003}em\u{3000}ideographic\u{85}next café naïve",
            "a b c d e f g h i j k l m n o p",
        ] {
            for limit in [4, 12] {
                assert_eq!(
                    count_words(text, limit),
                    text.split_whitespace().take(limit).count(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn furniture_is_not_a_question() {
        assert!(is_title_case("Ready to Ace Your Python Interviews?"));
        assert!(!is_title_case("What are Python's built-in data types?"));
        assert_eq!(
            inline_fences("For example: ```python from x import y @y class A: pass ``` done."),
            [(
                "python".to_string(),
                "from x import y @y class A: pass".to_string()
            )]
        );
    }
}
