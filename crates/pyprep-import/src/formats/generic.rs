//! Markdown in none of the known layouts. Four common ways of writing Q&A are recognised,
//! also mixed in one document: `<details><summary>Question</summary>answer</details>`
//! blocks, `Q:` / `A:` pairs, headings that ask a question with the answer below, and
//! numbered lists of questions with indented answers. A document with none of them (a list
//! of links, an article) yields no questions.

use super::{
    Detection, Found, Reader, heading, is_rule, line_heading, looks_like_question, numbered,
    outside_fences,
};
use crate::body;
use crate::draft::{Ctx, Draft};
use crate::error::{Cause, ImportError};
use crate::insights::{self, Target};
use crate::report::{Format, ItemKind};
use crate::text::Line;

pub(crate) struct Generic;

/// A question's wording without a leading `Q1:`, `Q.`, `1.` or `Question 3:` label.
fn strip_question_label(text: &str) -> &str {
    let t = text.trim();
    let lower = t.to_lowercase();
    let rest = if lower.starts_with("question") {
        &t["question".len()..]
    } else if lower.starts_with('q')
        && t[1..].starts_with(|c: char| c.is_ascii_digit() || c == ':' || c == '.')
    {
        &t[1..]
    } else if t.starts_with(|c: char| c.is_ascii_digit()) {
        t
    } else {
        return t;
    };
    let digits = rest
        .trim_start()
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let after = &rest.trim_start()[digits..];
    match after.strip_prefix([':', '.', ')']) {
        Some(r) if !r.trim().is_empty() => r.trim(),
        _ if digits == 0 && rest.starts_with(':') => rest[1..].trim(),
        _ => t,
    }
}

/// The text after a `Q:` style marker, if the line starts with one.
fn q_marker(line: &str) -> Option<&str> {
    marker(line, &["q", "question"])
}

/// The text after an `A:` style marker, if the line starts with one.
fn a_marker(line: &str) -> Option<&str> {
    marker(line, &["a", "answer", "ans"])
}

fn marker<'a>(line: &'a str, words: &[&str]) -> Option<&'a str> {
    let t = line.trim_start();
    let t = t.strip_prefix("**").unwrap_or(t);
    let word_len = t.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    if !words.contains(&t[..word_len].to_lowercase().as_str()) {
        return None;
    }
    let rest = &t[word_len..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rest = rest[digits..].trim_start();
    let rest = rest
        .strip_prefix(':')
        .or_else(|| (digits > 0).then(|| rest.strip_prefix('.')).flatten())?;
    let rest = rest.strip_prefix("**").unwrap_or(rest).trim();
    Some(rest)
}

fn opens_details(line: &str) -> bool {
    line.trim_start().to_lowercase().starts_with("<details")
}

/// The summary and the index where the body starts, for a `<details>` opened at `start`.
fn summary(lines: &[Line], start: usize, end: usize) -> (String, usize) {
    let mut text = String::new();
    let mut i = start;
    while i < end {
        let l = lines[i].text();
        text.push_str(l);
        text.push(' ');
        i += 1;
        if l.to_lowercase().contains("</summary>") {
            break;
        }
    }
    let summary = match (
        super::find_ci(&text, "<summary", false),
        super::find_ci(&text, "</summary>", false),
    ) {
        (Some(s), Some(e)) if s < e => {
            let open_end = text[s..].find('>').map_or(s, |p| s + p + 1);
            text[open_end..e].to_string()
        }
        _ => String::new(),
    };
    (summary, i)
}

impl Generic {
    fn read_details(
        &self,
        lines: &[Line],
        outside: &[bool],
        taken: &mut [bool],
        ctx: &mut Ctx,
        drafts: &mut Vec<Draft>,
    ) -> Result<(), ImportError> {
        let mut i = 0;
        while i < lines.len() {
            if !outside[i] || !opens_details(lines[i].text()) {
                i += 1;
                continue;
            }
            let mut depth = 0;
            let mut end = None;
            for (j, line) in lines.iter().enumerate().skip(i) {
                if !outside[j] {
                    continue;
                }
                let lower = line.text().to_lowercase();
                depth += lower.matches("<details").count() as i32;
                depth -= lower.matches("</details>").count() as i32;
                if depth <= 0 {
                    end = Some(j);
                    break;
                }
            }
            let end = end.ok_or_else(|| {
                ctx.error(
                    Some(lines[i].no),
                    Cause::UnclosedBlock {
                        tag: "details".into(),
                    },
                )
            })?;
            let (summary, body_start) = summary(lines, i, end + 1);
            let title = strip_question_label(&crate::draft::clean_inline(&summary)).to_string();
            for t in &mut taken[i..=end] {
                *t = true;
            }
            if title.is_empty() {
                ctx.warn(
                    Some(lines[i].no),
                    "<details> block without a <summary>; skipped",
                );
                i = end + 1;
                continue;
            }
            let mut body_lines: Vec<Line> = lines[body_start.min(end)..=end].to_vec();
            if let Some(last) = body_lines.last_mut()
                && let Some(p) = super::find_ci(last.text(), "</details>", true)
            {
                last.truncate(p);
            }
            ctx.count(ItemKind::Details);
            let mut draft = Draft::new(ItemKind::Details, lines[i].no, &title);
            self.fill(&body_lines, &mut draft, drafts.len(), ctx)?;
            drafts.push(draft);
            i = end + 1;
        }
        Ok(())
    }

    fn read_pairs(
        &self,
        lines: &[Line],
        outside: &[bool],
        taken: &mut [bool],
        ctx: &mut Ctx,
        drafts: &mut Vec<Draft>,
    ) -> Result<(), ImportError> {
        let free = |i: usize, taken: &[bool]| outside[i] && !taken[i];
        let mut i = 0;
        while i < lines.len() {
            let Some(q) = free(i, taken).then(|| q_marker(lines[i].text())).flatten() else {
                i += 1;
                continue;
            };
            let start = i;
            let mut question = q.to_string();
            let mut j = i + 1;
            // The question may wrap onto following lines until its answer marker.
            while j < lines.len()
                && free(j, taken)
                && !lines[j].is_blank()
                && a_marker(lines[j].text()).is_none()
            {
                question.push(' ');
                question.push_str(lines[j].trimmed());
                j += 1;
            }
            let mut a = j;
            while a < lines.len() && lines[a].is_blank() {
                a += 1;
            }
            let Some(first) = (a < lines.len() && free(a, taken))
                .then(|| a_marker(lines[a].text()))
                .flatten()
            else {
                i += 1;
                continue;
            };
            let mut end = a + 1;
            while end < lines.len() {
                let l = lines[end].text();
                if taken[end]
                    || (outside[end]
                        && (q_marker(l).is_some() || heading(l).is_some() || is_rule(l)))
                {
                    break;
                }
                end += 1;
            }
            let question = question.trim().trim_end_matches("**").trim();
            for t in &mut taken[start..end] {
                *t = true;
            }
            ctx.count(ItemKind::QaPair);
            let mut draft = Draft::new(ItemKind::QaPair, lines[start].no, question);
            let mut body_lines = vec![Line::new(lines[a].no, first.to_string().into())];
            body_lines.extend_from_slice(&lines[a + 1..end]);
            self.fill(&body_lines, &mut draft, drafts.len(), ctx)?;
            drafts.push(draft);
            i = end;
        }
        Ok(())
    }

    fn read_headings(
        &self,
        lines: &[Line],
        outside: &[bool],
        taken: &mut [bool],
        ctx: &mut Ctx,
        drafts: &mut Vec<Draft>,
    ) -> Result<(), ImportError> {
        for i in 0..lines.len() {
            if !outside[i] || taken[i] {
                continue;
            }
            let Some((level, text)) = line_heading(&lines[i]) else {
                continue;
            };
            let title = strip_question_label(&crate::draft::clean_inline(text)).to_string();
            let labelled = text.trim_start().starts_with(['Q', 'q'])
                && strip_question_label(text) != text.trim();
            let first = title.split_whitespace().next().unwrap_or("").to_lowercase();
            let asks = looks_like_question(&title)
                && (title.ends_with('?') || super::HEADING_VERBS.contains(&first.as_str()));
            if !(labelled || asks) {
                continue;
            }
            let end = (i + 1..lines.len())
                .find(|&j| outside[j] && line_heading(&lines[j]).is_some_and(|(l, _)| l <= level))
                .unwrap_or(lines.len());
            // A heading over blocks that are questions themselves is a section heading.
            if taken[i + 1..end].iter().any(|&t| t) {
                continue;
            }
            for t in &mut taken[i..end] {
                *t = true;
            }
            ctx.count(ItemKind::Heading);
            let mut draft = Draft::new(ItemKind::Heading, lines[i].no, &title);
            self.fill(&lines[i + 1..end], &mut draft, drafts.len(), ctx)?;
            drafts.push(draft);
        }
        Ok(())
    }

    /// Answer, insights and examples from a body.
    fn fill(
        &self,
        body_lines: &[Line],
        draft: &mut Draft,
        index: usize,
        ctx: &mut Ctx,
    ) -> Result<(), ImportError> {
        let kept: Vec<Line> = body_lines
            .iter()
            .filter(|l| {
                if let Some((key, value)) = super::github::meta_line(l.text()) {
                    match key.as_str() {
                        "difficulty" | "level" => {
                            draft.difficulty_label = Some(value.to_string());
                            return false;
                        }
                        "topics" | "tags" | "topic" => {
                            draft.tags.extend(
                                value
                                    .split(',')
                                    .map(|t| t.trim().trim_matches('`').to_string()),
                            );
                            return false;
                        }
                        "companies" | "asked by" | "asked at" => {
                            draft
                                .companies
                                .extend(value.split(',').map(|t| t.trim().to_string()));
                            return false;
                        }
                        _ => {}
                    }
                }
                !super::is_markup_only(l.text())
            })
            .cloned()
            .collect();
        let blocks = body::blocks(&kept, ctx)?;
        let blocks = insights::split(blocks, Target::Answer, &insights::standard_label, draft);
        let assembled = body::assemble(blocks, index, ctx);
        draft.answer = assembled.answer;
        draft.examples = assembled.examples;
        Ok(())
    }
}

impl Reader for Generic {
    fn format(&self) -> Format {
        Format::GenericMarkdown
    }

    fn detect(&self, _lines: &[Line], _firsts: &[u8]) -> Detection {
        1.into()
    }

    fn read(
        &self,
        lines: &[Line],
        _found: Option<Found>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError> {
        // Fail early on an unclosed fence anywhere, not only inside a question.
        body::blocks(lines, ctx)?;
        let outside = outside_fences(lines);
        let mut taken = vec![false; lines.len()];
        let mut drafts = Vec::new();
        self.read_details(lines, &outside, &mut taken, ctx, &mut drafts)?;
        self.read_pairs(lines, &outside, &mut taken, ctx, &mut drafts)?;
        self.read_headings(lines, &outside, &mut taken, ctx, &mut drafts)?;
        numbered::read_list(lines, &taken, false, ctx, &mut drafts)?;
        // Layouts were read one after another; questions are listed in document order.
        let mut order: Vec<usize> = (0..drafts.len()).collect();
        order.sort_by_key(|&k| drafts[k].line);
        let mut new_index = vec![0; drafts.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        for (q, _) in &mut ctx.code_blocks {
            *q = new_index[*q];
        }
        let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
        Ok(order
            .iter()
            .map(|&k| slots[k].take().expect("each index once"))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_labels() {
        assert_eq!(q_marker("Q: What is X?"), Some("What is X?"));
        assert_eq!(q_marker("**Q1:** What is X?"), Some("What is X?"));
        assert_eq!(q_marker("Question: Why?"), Some("Why?"));
        assert_eq!(q_marker("Quick note: hi"), None);
        assert_eq!(a_marker("A: Because."), Some("Because."));
        assert_eq!(a_marker("**Answer:** Because."), Some("Because."));
        assert_eq!(a_marker("As a rule: no"), None);
        assert_eq!(strip_question_label("Q3: What is X?"), "What is X?");
        assert_eq!(strip_question_label("2. What is X?"), "What is X?");
        assert_eq!(strip_question_label("Question 4. Why?"), "Why?");
        assert_eq!(
            strip_question_label("Quickly explain X"),
            "Quickly explain X"
        );
    }
}
