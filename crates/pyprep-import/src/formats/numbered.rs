//! A numbered markdown list of questions under section headings: `12. **Question?**` with
//! the answer indented below (bullets, code), indentation mixing tabs and spaces, numbering
//! that skips and restarts. Text outside the items (a table of contents, editor notes,
//! trailing remarks) is not imported and is reported.

use super::{
    Detection, Found, Reader, heading, is_rule, line_heading, looks_like_question, outside_fences,
};
use crate::body;
use crate::draft::{Ctx, Draft};
use crate::error::ImportError;
use crate::insights::{self, Target};
use crate::normalize;
use crate::repair::indent_width;
use crate::report::{Format, ItemKind};
use crate::text::Line;

pub(crate) struct Numbered;

/// Number and text of a list item starting at the left margin (`12. text`, `3) text`).
fn item(line: &str) -> Option<(u32, &str)> {
    if indent_width(line) > 3 {
        return None;
    }
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = t[digits..]
        .strip_prefix(". ")
        .or_else(|| t[digits..].strip_prefix(") "))?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (t[..digits].parse().unwrap_or(0), rest))
}

/// The question of an item's text: its bold part (`**What is X?**`), or the whole text when
/// it reads as a question. Links to anchors (a table of contents) are not questions.
fn question_text(text: &str, strict: bool) -> Option<&str> {
    if text.starts_with('[') && text.contains("](#") {
        return None;
    }
    if let Some(inner) = text.strip_prefix("**")
        && let Some(end) = crate::text::rfind_double_star(inner)
    {
        let q = inner[..end].trim();
        if !q.is_empty() {
            return Some(q);
        }
    }
    (!strict && looks_like_question(text) && text.ends_with('?')).then_some(text)
}

/// Lines that are notes to an editor, not content (`// ...existing code...`, `<!-- -->`).
fn is_editor_note(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("//") || t.starts_with("<!--")
}

/// Reads numbered questions from `lines`, skipping lines marked in `taken` (claimed by
/// another layout). `strict` demands bold questions and reports text outside the items.
pub(crate) fn read_list(
    lines: &[Line],
    taken: &[bool],
    strict: bool,
    ctx: &mut Ctx,
    drafts: &mut Vec<Draft>,
) -> Result<(), ImportError> {
    let outside = outside_fences(lines);
    let starts_item = |i: usize| -> bool {
        outside[i]
            && !taken[i]
            && item(lines[i].text()).is_some_and(|(_, t)| question_text(t, strict).is_some())
    };
    let mut section: Option<(u32, String)> = None;
    // The difficulty the section heading implies, worked out once per section.
    let mut section_hint = None;
    let mut section_questions = 0;
    let mut section_skipped = 0;
    let mut previous: Option<u32> = None;
    let report_section =
        |section: &Option<(u32, String)>, questions: u32, skipped: u32, ctx: &mut Ctx| {
            if let (true, Some((line, name)), 0, true) = (strict, section, questions, skipped > 0) {
                ctx.warn(
                    Some(*line),
                    format!(
                        "section {name:?} has no questions; its {skipped} line(s) were not imported"
                    ),
                );
            }
        };
    let mut i = 0;
    while i < lines.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        let line = &lines[i];
        if outside[i]
            && let Some((_, text)) = line_heading(line)
        {
            report_section(&section, section_questions, section_skipped, ctx);
            section = Some((line.no, text.to_string()));
            section_hint = normalize::difficulty_from_heading(text);
            section_questions = 0;
            section_skipped = 0;
            previous = None;
            i += 1;
            continue;
        }
        if !starts_item(i) {
            if !line.is_blank() && !is_rule(line.text()) {
                section_skipped += 1;
                if strict && is_editor_note(line.text()) {
                    ctx.warn(Some(line.no), "editor's note outside any question; skipped");
                }
            }
            i += 1;
            continue;
        }
        let (number, text) = item(line.text()).expect("checked by starts_item");
        let title = question_text(text, strict).expect("checked by starts_item");
        if strict
            && let Some(prev) = previous
            && number != prev + 1
            && number != 1
        {
            ctx.warn(
                Some(line.no),
                format!("numbering jumps from {prev} to {number}"),
            );
        }
        previous = Some(number);
        let mut end = i + 1;
        while end < lines.len() {
            if taken[end] || starts_item(end) {
                break;
            }
            let l = lines[end].text();
            if outside[end] && (heading(l).is_some() || is_rule(l) || is_editor_note(l)) {
                break;
            }
            // As in markdown, a paragraph at the margin after a blank line ends the list.
            if outside[end]
                && indent_width(l) == 0
                && !lines[end].is_blank()
                && lines[end - 1].is_blank()
            {
                break;
            }
            end += 1;
        }
        ctx.count(ItemKind::ListItem);
        section_questions += 1;
        let mut draft = Draft::new(ItemKind::ListItem, line.no, title);
        draft.difficulty_hint = section_hint;
        let blocks = body::blocks(&lines[i + 1..end], ctx)?;
        let blocks = insights::split(
            blocks,
            Target::Answer,
            &insights::standard_label,
            &mut draft,
        );
        let assembled = body::assemble(blocks, drafts.len(), ctx);
        // An answer that is nothing but a short list of points is a checklist as well.
        let answer_lines: Vec<&str> = assembled
            .answer
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if (2..=7).contains(&answer_lines.len())
            && answer_lines
                .iter()
                .all(|l| body::strip_list_marker(l.trim()).is_some())
        {
            draft.key_points = body::list_items(&answer_lines);
        }
        draft.answer = assembled.answer;
        draft.examples = assembled.examples;
        drafts.push(draft);
        i = end;
    }
    report_section(&section, section_questions, section_skipped, ctx);
    Ok(())
}

impl Reader for Numbered {
    fn format(&self) -> Format {
        Format::NumberedList
    }

    fn detect(&self, lines: &[Line], firsts: &[u8]) -> Detection {
        // An item starts with its number.
        let n = lines
            .iter()
            .zip(firsts)
            .filter(|(l, first)| {
                first.is_ascii_digit()
                    && item(l.text()).is_some_and(|(_, t)| question_text(t, true).is_some())
            })
            .count() as u32;
        if n >= 3 { n * 5 } else { 0 }.into()
    }

    fn read(
        &self,
        lines: &[Line],
        _found: Option<Found>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError> {
        // Sized for every line that starts with a digit (each item does): drafts are large,
        // and growing the vector copied them all again.
        let items = lines
            .iter()
            .filter(|l| l.first_byte().is_some_and(|b| b.is_ascii_digit()))
            .count();
        let mut drafts = Vec::with_capacity(items);
        read_list(lines, &vec![false; lines.len()], true, ctx, &mut drafts)?;
        Ok(drafts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items() {
        assert_eq!(item("12. **What is X?**"), Some((12, "**What is X?**")));
        assert_eq!(item("\t12. nested"), None);
        assert_eq!(question_text("**What is X?**", true), Some("What is X?"));
        assert_eq!(question_text("[Basics](#basics)", false), None);
        assert_eq!(
            question_text("What is a closure?", false),
            Some("What is a closure?")
        );
        assert_eq!(question_text("What is a closure?", true), None);
        assert!(is_editor_note("// ...existing code..."));
    }
}
