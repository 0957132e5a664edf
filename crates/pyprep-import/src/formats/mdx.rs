//! An MDX documentation page: numbered `##` sections of `<AccordionGroup>`s, each
//! `<Accordion title="N. Question — subtitle">` holding the answer with labelled parts
//! ("What interviewers are really testing", "Red flag answer", "Follow-up"), code and
//! mermaid diagrams. Numbered lists inside an accordion (follow-ups, steps) are never
//! questions: only accordion titles are.

use super::{Detection, Found, Reader, line_heading, outside_fences};
use crate::body;
use crate::draft::{Ctx, Draft};
use crate::error::{Cause, ImportError};
use crate::insights::{self, Target};
use crate::normalize;
use crate::report::{Format, ItemKind};
use crate::text::{Line, trim_start};

pub(crate) struct Mdx;

/// The `title` attribute of an `<Accordion ...>` opening tag.
fn accordion_title(line: &str) -> Option<String> {
    let raw = raw_accordion_title(line)?;
    // Nearly no title holds an entity, and without a `&` none of the replacements below can
    // apply: the title is copied once rather than five times.
    if !raw.contains('&') {
        return Some(raw.to_string());
    }
    Some(
        raw.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// The title of an `<Accordion>` line as written, entities still in: enough to tell
/// whether a line opens an accordion, which is asked of every line that starts with `<`.
fn raw_accordion_title(line: &str) -> Option<&str> {
    let t = trim_start(line);
    let rest = t.strip_prefix("<Accordion")?;
    if !rest.starts_with([' ', '\t', '>']) {
        return None;
    }
    let start = rest.find("title=")? + "title=".len();
    let quoted = &rest[start..];
    let quote = quoted.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let inner = &quoted[1..];
    let end = inner.find(quote)?;
    Some(&inner[..end])
}

fn closes_accordion(line: &str) -> bool {
    trim_start(line).starts_with("</Accordion>")
}

/// The title without its leading number (`12. `).
fn strip_number(title: &str) -> &str {
    let digits = title.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = title[digits..].strip_prefix(". ")
    {
        return rest.trim();
    }
    title.trim()
}

/// The short title: the part before an em-dash subtitle ("Shallow vs Deep Copy — The Trap
/// That Bites Everyone") without a trailing parenthetical aside.
pub(crate) fn short_title(title: &str) -> &str {
    let main = title
        .split_once(" — ")
        .or_else(|| title.split_once(" -- "))
        .map_or(title, |(a, _)| a)
        .trim();
    match main.rfind(" (") {
        Some(p) if main.ends_with(')') && p > 0 => &main[..p],
        _ => main,
    }
}

impl Reader for Mdx {
    fn format(&self) -> Format {
        Format::MdxAccordion
    }

    fn detect(&self, lines: &[Line], firsts: &[u8]) -> Detection {
        let n = memchr::memchr_iter(b'<', firsts)
            .filter(|&i| raw_accordion_title(lines[i].text()).is_some())
            .count() as u32;
        (n * 10).into()
    }

    fn read(
        &self,
        lines: &[Line],
        _found: Option<Found>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError> {
        let outside = outside_fences(lines);
        // Sized for every line that starts with `<` (each accordion does): drafts are large,
        // and growing the vector copied them all again.
        let mut drafts = Vec::with_capacity(
            lines
                .iter()
                .filter(|l| l.first_byte() == Some(b'<'))
                .count(),
        );
        // The difficulty the current section heading implies, worked out once per section.
        let mut section_hint = None;
        let mut i = 0;
        while i < lines.len() {
            let line = &lines[i];
            if !outside[i] {
                i += 1;
                continue;
            }
            if let Some((level, text)) = line_heading(line) {
                if level <= 3 {
                    section_hint = normalize::difficulty_from_heading(text);
                }
                i += 1;
                continue;
            }
            let Some(raw_title) = accordion_title(line.text()) else {
                i += 1;
                continue;
            };
            let end = (i + 1..lines.len())
                .find(|&j| outside[j] && closes_accordion(lines[j].text()))
                .ok_or_else(|| {
                    ctx.error(
                        Some(line.no),
                        Cause::UnclosedBlock {
                            tag: "Accordion".into(),
                        },
                    )
                })?;
            // Another accordion opening first means this one was never closed.
            if (i + 1..end).any(|j| outside[j] && raw_accordion_title(lines[j].text()).is_some()) {
                return Err(ctx.error(
                    Some(line.no),
                    Cause::UnclosedBlock {
                        tag: "Accordion".into(),
                    },
                ));
            }
            ctx.count(ItemKind::Accordion);
            let unescaped = crate::repair::unescape_mdx(&raw_title).into_owned();
            let full = strip_number(&unescaped);
            let mut draft = Draft::new(ItemKind::Accordion, line.no, full);
            let short = short_title(full);
            if short != full {
                draft.title = Some(short.to_string());
            }
            draft.prompt = Some(crate::draft::clean_inline(full));
            draft.difficulty_hint = section_hint;
            let mut blocks = body::blocks(&lines[i + 1..end], ctx)?;
            body::unescape_mdx(&mut blocks, ctx);
            let blocks = insights::split(
                blocks,
                Target::Answer,
                &insights::standard_label,
                &mut draft,
            );
            let assembled = body::assemble(blocks, drafts.len(), ctx);
            draft.answer = assembled.answer;
            draft.examples = assembled.examples;
            drafts.push(draft);
            i = end + 1;
        }
        Ok(drafts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            accordion_title("  <Accordion title=\"3. `a` &amp; b\" icon=\"x\">").as_deref(),
            Some("3. `a` & b")
        );
        assert_eq!(accordion_title("<AccordionGroup>"), None);
        assert_eq!(strip_number("12. Lambdas — Limits"), "Lambdas — Limits");
        assert_eq!(
            short_title("Memory Management (The 3 Pillars)"),
            "Memory Management"
        );
        assert_eq!(
            short_title("Shallow vs Deep Copy — The Trap"),
            "Shallow vs Deep Copy"
        );
        assert_eq!(
            short_title("The GIL-Free Future: Python 3.13+ Free-Threading"),
            "The GIL-Free Future: Python 3.13+ Free-Threading"
        );
    }
}
