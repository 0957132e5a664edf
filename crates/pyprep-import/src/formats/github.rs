//! A README-style guide: a table of contents of linked questions, then one
//! `### Qn: question` section each, with `**Difficulty**:`, a `**Strategy:**` answer and a
//! code example, separated by "back to top" links and rules. The table of contents only
//! cross-checks the sections; it never produces questions of its own.

use std::collections::BTreeMap;

use super::{
    Detection, Found, Reader, heading, is_markup_only, is_rule, line_heading, outside_fences,
};
use crate::body;
use crate::draft::{Ctx, Draft};
use crate::error::ImportError;
use crate::insights::{self, Target};
use crate::report::{Format, ItemKind};
use crate::text::Line;

pub(crate) struct Github;

/// The number and question of a `### Q12: ...` heading.
fn question_heading(line: &str) -> Option<(u32, &str)> {
    let (level, text) = heading(line)?;
    if level < 2 {
        return None;
    }
    let rest = text.strip_prefix('Q').or_else(|| text.strip_prefix('q'))?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let number = rest[..digits].parse().ok()?;
    let title = rest[digits..]
        .trim_start_matches([':', '.', ')', ' '])
        .trim();
    (!title.is_empty()).then_some((number, title))
}

/// A table-of-contents entry: `12. [Question](#q12) <span>Label</span>`.
fn toc_entry(line: &str) -> Option<(u32, String)> {
    let t = line.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = t[digits..].strip_prefix(". [")?;
    let (_, after) = rest.split_once("](#")?;
    let anchor: String = after.chars().take_while(|&c| c != ')').collect();
    let number = anchor
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    Some((number, anchor))
}

/// `**Key**: value` or `**Key:** value`.
pub(crate) fn meta_line(line: &str) -> Option<(String, &str)> {
    let (label, rest) = insights::label_prefix(line)?;
    (!rest.is_empty()).then(|| (label.to_lowercase(), rest))
}

impl Reader for Github {
    fn format(&self) -> Format {
        Format::GithubGuide
    }

    fn detect(&self, lines: &[Line], firsts: &[u8]) -> Detection {
        let sections = memchr::memchr_iter(b'#', firsts)
            .filter(|&i| question_heading(lines[i].text()).is_some())
            .count() as u32;
        if sections >= 2 { sections * 10 } else { 0 }.into()
    }

    fn read(
        &self,
        lines: &[Line],
        _found: Option<Found>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError> {
        let outside = outside_fences(lines);
        let mut toc: BTreeMap<u32, u32> = BTreeMap::new();
        let mut starts: Vec<(usize, u32)> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if !outside[i] {
                continue;
            }
            if let Some((n, _)) = question_heading(line.text()) {
                starts.push((i, n));
            } else if let Some((n, _)) = toc_entry(line.text()) {
                toc.insert(n, line.no);
            }
        }
        let mut drafts = Vec::with_capacity(starts.len());
        for (k, &(start, number)) in starts.iter().enumerate() {
            let limit = starts.get(k + 1).map_or(lines.len(), |&(s, _)| s);
            // A level-1 or level-2 heading that is not a question ends the section.
            let end = (start + 1..limit)
                .find(|&i| outside[i] && line_heading(&lines[i]).is_some_and(|(l, _)| l <= 2))
                .unwrap_or(limit);
            let (_, title) = question_heading(lines[start].text()).expect("found above");
            ctx.count(ItemKind::QaSection);
            let mut draft = Draft::new(ItemKind::QaSection, lines[start].no, title);
            let mut rest: Vec<Line> = Vec::with_capacity(end - start - 1);
            let mut i = start + 1;
            while i < end {
                let line = &lines[i];
                if outside[i] {
                    if let Some((key, value)) = meta_line(line.text()) {
                        match key.as_str() {
                            "difficulty" | "level" => {
                                draft.difficulty_label = Some(value.to_string());
                                i += 1;
                                continue;
                            }
                            "topics" | "tags" | "topic" | "category" => {
                                draft.tags.extend(
                                    value
                                        .split(',')
                                        .map(|t| t.trim().trim_matches('`').to_string()),
                                );
                                i += 1;
                                continue;
                            }
                            "companies" | "asked by" | "asked at" => {
                                draft
                                    .companies
                                    .extend(value.split(',').map(|t| t.trim().to_string()));
                                i += 1;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    if is_markup_only(line.text()) || is_rule(line.text()) {
                        i += 1;
                        continue;
                    }
                }
                rest.push(line.clone());
                i += 1;
            }
            let blocks = body::blocks(&rest, ctx)?;
            let blocks = insights::split(
                blocks,
                Target::Answer,
                &insights::standard_label,
                &mut draft,
            );
            let assembled = body::assemble(blocks, drafts.len(), ctx);
            draft.answer = assembled.answer;
            draft.examples = assembled.examples;
            if !toc.is_empty() && toc.remove(&number).is_none() {
                ctx.warn(
                    Some(lines[start].no),
                    format!("question Q{number} is missing from the table of contents"),
                );
            }
            drafts.push(draft);
        }
        for (number, line) in toc {
            ctx.warn(
                Some(line),
                format!("the table of contents lists Q{number}, but the guide has no such section"),
            );
        }
        Ok(drafts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_toc_entries() {
        assert_eq!(
            question_heading("### Q12: What is X?"),
            Some((12, "What is X?"))
        );
        assert_eq!(question_heading("## Q3. Why?"), Some((3, "Why?")));
        assert_eq!(question_heading("### Questions"), None);
        assert_eq!(
            toc_entry("7. [How do you x?](#q7) <span class=\"beginner\">Beginner</span>")
                .map(|e| e.0),
            Some(7)
        );
    }
}
