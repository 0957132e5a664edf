//! An mkdocs-material page: `### Question - Companies Interview Question` sections with a
//! `**Difficulty:** | **Tags:** | **Asked by:**` line and a collapsible `??? success`
//! admonition whose indented body holds the answer and a nested `!!! tip` of interviewer
//! insights; a quick-reference table; a "Code Examples" section; and per-company question
//! lists. Every table row and list item becomes a question; [`crate::parse`] then folds the
//! ones that repeat a section's question into that section.

use super::{Detection, Found, Reader, is_rule, line_heading, outside_fences, read_pieces};
use crate::body::{self, Block};
use crate::draft::{Ctx, Draft, clean_inline};
use crate::error::ImportError;
use crate::insights::{self, Target};
use crate::repair::indent_width;
use crate::report::{Format, ItemKind};
use crate::text::{Line, trim_end, trim_start};

pub(crate) struct Mkdocs;

/// An admonition opening line (`??? success "View Answer"`, `!!! tip "Insight"`): its type
/// and title.
fn admonition(line: &str) -> Option<(&str, &str)> {
    let t = trim_start(line);
    let rest = t
        .strip_prefix("???+ ")
        .or_else(|| t.strip_prefix("??? "))
        .or_else(|| t.strip_prefix("!!! "))?;
    let rest = rest.trim();
    let (kind, title) = rest.split_once(' ').unwrap_or((rest, ""));
    Some((kind, title.trim().trim_matches('"')))
}

/// End (exclusive) of the admonition opened at `lines[start]`: the first non-blank line
/// indented no deeper than the opening line.
fn admonition_end(lines: &[Line], start: usize) -> usize {
    let indent = indent_width(lines[start].text());
    let mut end = start + 1;
    for (j, line) in lines.iter().enumerate().skip(start + 1) {
        // Most lines of an admonition start with more spaces than its opening line and then
        // a visible ASCII character: inside it and not blank, known from a few bytes.
        let bytes = line.text().as_bytes();
        let spaces = crate::text::leading_spaces(bytes);
        if spaces > indent && bytes.get(spaces).is_some_and(u8::is_ascii_graphic) {
            end = j + 1;
            continue;
        }
        if line.is_blank() {
            continue;
        }
        if indent_width(line.text()) <= indent {
            break;
        }
        end = j + 1;
    }
    end
}

/// The parts of a section title `Question - Google, Meta Interview Question`.
fn split_title(title: &str) -> (&str, Vec<String>) {
    let Some(head) = title.strip_suffix("Interview Question") else {
        return (title, Vec::new());
    };
    match head.trim_end().rsplit_once(" - ") {
        Some((question, companies)) => (
            question.trim(),
            companies.split(',').map(|c| c.trim().to_string()).collect(),
        ),
        None => (title, Vec::new()),
    }
}

/// Splits a table row into cells, ignoring pipes inside backticks.
fn cells(row: &str) -> Vec<String> {
    let t = row.trim().trim_start_matches('|').trim_end_matches('|');
    // Cut at the `|` outside code spans; both marks are ASCII, so every cut is a character
    // boundary and each cell is copied once.
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    for (i, &b) in t.as_bytes().iter().enumerate() {
        match b {
            b'`' => in_code = !in_code,
            b'|' if !in_code => {
                out.push(t[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(t[start..].trim().to_string());
    out
}

fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// URLs of markdown links and bare `http(s)://` words in `text`.
pub(crate) fn urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(p) = rest.find("](") {
        let after = &rest[p + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let url = after[..end].trim();
        if url.starts_with("http://") || url.starts_with("https://") {
            out.push(url.to_string());
        }
        rest = &after[end..];
    }
    if out.is_empty() {
        out.extend(
            text.split_whitespace()
                .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
                .map(|w| w.trim_end_matches([')', '.', ',']).to_string()),
        );
    }
    out
}

/// `**Difficulty:** 🔴 Hard | **Tags:** `A`, `B` | **Asked by:** X, Y` into the draft.
fn read_meta(line: &str, draft: &mut Draft) -> bool {
    // Every field is a bold label; most lines of a section have none, and need not be
    // split at all.
    if !crate::text::has_double_star(line) {
        return false;
    }
    let mut any = false;
    for part in line.split(" | ") {
        let Some((label, value)) = insights::label_prefix(part) else {
            continue;
        };
        let values = || {
            value
                .split(',')
                .map(|v| v.trim().trim_matches('`').trim().to_string())
                .filter(|v| !v.is_empty())
        };
        match label.to_lowercase().as_str() {
            "difficulty" | "level" => draft.difficulty_label = Some(value.to_string()),
            "tags" | "topics" => draft.tags.extend(values()),
            "asked by" | "companies" | "asked at" => draft.companies.extend(values()),
            _ => continue,
        }
        any = true;
    }
    any
}

/// What the page's headings say the lines after them are.
#[derive(Debug, Clone, PartialEq)]
enum Section {
    Questions,
    CodeExamples,
    Company(String),
}

impl Section {
    /// The section a heading (level and text) leaves the page in.
    fn after(self, level: usize, text: &str) -> Section {
        if level <= 2 {
            if let Some(company) = company_heading(text) {
                Section::Company(company)
            } else if text.to_lowercase().contains("code example") {
                Section::CodeExamples
            } else {
                Section::Questions
            }
        } else if self == Section::CodeExamples && text.ends_with("Interview Question") {
            // The code examples are numbered; a question heading after them means the
            // questions resume without a new section heading.
            Section::Questions
        } else {
            self
        }
    }
}

/// A run of the page's lines that reads the same whatever comes before it (see
/// [`Mkdocs::read`]): from a heading up to the next one, or the lines before the first.
struct Piece<'a> {
    lines: std::ops::Range<usize>,
    /// The heading it starts with (level and text); `None` for the lines before the first.
    heading: Option<(usize, &'a str)>,
    /// The section the page is in after that heading.
    section: Section,
}

/// The company of a heading like "Questions asked in Google interview".
fn company_heading(text: &str) -> Option<String> {
    let start = ["asked in ", "asked at ", "asked by "]
        .iter()
        .find_map(|k| super::find_ci(text, k, false).map(|p| p + k.len()))?;
    let name = text[start..]
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(" interviews")
        .trim_end_matches(" interview")
        .trim();
    (!name.is_empty()).then(|| name.to_string())
}

impl Mkdocs {
    /// The questions of one [`Piece`], `lines` with their [`outside_fences`] flags: a
    /// question heading's section, or the tables and company lists under a top-level
    /// heading (or before the first heading).
    fn read_piece(
        &self,
        lines: &[Line],
        outside: &[bool],
        heading: Option<(usize, &str)>,
        section: &Section,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut i = 0;
        if let Some((level, text)) = heading {
            if level > 2 {
                // The section runs to the next heading: the rest of the piece.
                let line = &lines[0];
                let (body_lines, body_outside) = (&lines[1..], &outside[1..]);
                let draft = if *section == Section::CodeExamples {
                    ctx.count(ItemKind::CodeExample);
                    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
                    let title = text[digits..].trim_start_matches(['.', ')', ' ']);
                    let mut d = Draft::new(ItemKind::CodeExample, line.no, title);
                    self.read_section(body_lines, body_outside, &mut d, ctx)?;
                    d
                } else {
                    ctx.count(ItemKind::QaSection);
                    let (title, companies) = split_title(text);
                    let mut d = Draft::new(ItemKind::QaSection, line.no, title);
                    d.companies = companies;
                    self.read_section(body_lines, body_outside, &mut d, ctx)?;
                    d
                };
                drafts.push(draft);
                return Ok(drafts);
            }
            i = 1;
        }
        while i < lines.len() {
            let line = &lines[i];
            if !outside[i] {
                i += 1;
                continue;
            }
            let t = line.trimmed();
            if t.starts_with('|')
                && lines
                    .get(i + 1)
                    .is_some_and(|l| is_table_separator(l.text()))
            {
                i = self.read_table(lines, i, &mut drafts, ctx);
                continue;
            }
            if let Section::Company(company) = section
                && let Some(item) = body::strip_list_marker(t)
            {
                let text = clean_inline(item);
                if !text.is_empty() {
                    ctx.count(ItemKind::CompanyListItem);
                    let mut d = Draft::new(ItemKind::CompanyListItem, line.no, &text);
                    d.companies = vec![company.clone()];
                    drafts.push(d);
                }
            }
            i += 1;
        }
        Ok(drafts)
    }

    /// Answer and insights of one section, from the lines after its heading. `outside` is
    /// [`outside_fences`] of `lines`: a section starts outside any fence, so the document's
    /// own flags for those lines are the same, and are not worked out again.
    fn read_section(
        &self,
        lines: &[Line],
        outside: &[bool],
        draft: &mut Draft,
        ctx: &mut Ctx,
    ) -> Result<(), ImportError> {
        debug_assert_eq!(outside, outside_fences(lines));
        // Nearly every line of a section is its answer's: sized once, not grown line by line.
        let mut answer_lines: Vec<Line> = Vec::with_capacity(lines.len());
        let mut insight_lines: Vec<Line> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = &lines[i];
            if outside[i] && read_meta(line.text(), draft) {
                i += 1;
                continue;
            }
            if outside[i] && is_rule(line.text()) {
                i += 1;
                continue;
            }
            if outside[i]
                && let Some((kind, title)) = admonition(line.text())
            {
                let end = admonition_end(lines, i);
                // (ASCII case folding finds these words as lowercasing would: no character
                // outside ASCII lowercases to one of their letters.)
                let has = |word| super::find_ci(title, word, false).is_some();
                let is_insight = has("insight") || has("interviewer");
                let is_answer = has("answer") || has("code example") || kind == "success";
                if is_insight {
                    insight_lines.extend_from_slice(&lines[i + 1..end]);
                } else if is_answer {
                    // The answer's own nested insight admonitions are pulled out.
                    let inner = &lines[i + 1..end];
                    // The opening line is outside any fence and opens none, so the inner
                    // lines' flags are the section's own, not worked out again.
                    let inner_outside = &outside[i + 1..end];
                    debug_assert_eq!(inner_outside, outside_fences(inner));
                    let mut j = 0;
                    while j < inner.len() {
                        let nested = inner_outside[j]
                            .then(|| admonition(inner[j].text()))
                            .flatten();
                        match nested {
                            Some((_, t))
                                if super::find_ci(t, "insight", false).is_some()
                                    || super::find_ci(t, "interviewer", false).is_some() =>
                            {
                                let e = admonition_end(inner, j);
                                insight_lines.extend_from_slice(&inner[j + 1..e]);
                                j = e;
                            }
                            Some((_, t)) => {
                                answer_lines.push(Line::new(
                                    inner[j].no,
                                    format!(
                                        "{}**{}**",
                                        " ".repeat(indent_width(inner[j].text())),
                                        if t.is_empty() { "Note" } else { t }
                                    )
                                    .into(),
                                ));
                                j += 1;
                            }
                            None => {
                                answer_lines.push(inner[j].clone());
                                j += 1;
                            }
                        }
                    }
                } else {
                    answer_lines.push(Line::new(
                        line.no,
                        format!("**{}**", if title.is_empty() { kind } else { title }).into(),
                    ));
                    answer_lines.extend_from_slice(&lines[i + 1..end]);
                }
                i = end;
                continue;
            }
            answer_lines.push(line.clone());
            i += 1;
        }
        if !insight_lines.is_empty() {
            let blocks = body::blocks(&insight_lines, ctx)?;
            let leftover =
                insights::split(blocks, Target::KeyPoints, &insights::standard_label, draft);
            if leftover
                .iter()
                .any(|b| !matches!(b, Block::Text { text, .. } if text.is_empty()))
            {
                answer_lines.extend(leftover.into_iter().filter_map(|b| match b {
                    Block::Text { no, text } => Some(Line::new(no, text)),
                    Block::Fence(_) => None,
                }));
            }
        }
        let blocks = body::blocks(&answer_lines, ctx)?;
        let blocks = insights::split(blocks, Target::Answer, &insights::standard_label, draft);
        // The section is the first (and only) question of its piece.
        let assembled = body::assemble(blocks, 0, ctx);
        draft.answer = assembled.answer;
        draft.examples = assembled.examples;
        Ok(())
    }

    /// Rows of the table whose header is at `lines[start]`; returns the index after it.
    fn read_table(
        &self,
        lines: &[Line],
        start: usize,
        drafts: &mut Vec<Draft>,
        ctx: &mut Ctx,
    ) -> usize {
        let header: Vec<String> = cells(lines[start].text())
            .into_iter()
            .map(|c| c.to_lowercase())
            .collect();
        let col = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.iter().any(|n| h.contains(n)))
        };
        let title_col = col(&["question"]);
        let mut i = start + 2;
        let Some(title_col) = title_col else {
            while i < lines.len() && lines[i].trimmed().starts_with('|') {
                i += 1;
            }
            return i;
        };
        let link_col = col(&["link", "practice", "resource"]);
        let company_col = col(&["compan", "asked"]);
        let difficulty_col = col(&["difficulty", "level"]);
        let topic_col = col(&["topic", "tag", "category"]);
        while i < lines.len() && lines[i].trimmed().starts_with('|') {
            let row = cells(lines[i].text());
            let cell =
                |c: Option<usize>| c.and_then(|c| row.get(c)).map(String::as_str).unwrap_or("");
            let mut title = cell(Some(title_col)).trim();
            let mut marker = None;
            if let Some(rest) = title.strip_prefix("**[")
                && let Some((m, after)) = rest.split_once("]**")
            {
                marker = Some(m.to_string());
                title = after.trim();
            }
            if title.is_empty() {
                ctx.warn(Some(lines[i].no), "table row without a question; skipped");
                i += 1;
                continue;
            }
            ctx.count(ItemKind::TableRow);
            let mut draft = Draft::new(ItemKind::TableRow, lines[i].no, title);
            draft.links = urls(cell(link_col));
            draft.companies = cell(company_col)
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            let difficulty = cell(difficulty_col).trim();
            draft.difficulty_label = if difficulty.is_empty() {
                marker
            } else {
                Some(difficulty.to_string())
            };
            draft.tags = cell(topic_col)
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            drafts.push(draft);
            i += 1;
        }
        i
    }
}

impl Reader for Mkdocs {
    fn format(&self) -> Format {
        Format::MkdocsMaterial
    }

    fn detect(&self, lines: &[Line], firsts: &[u8]) -> Detection {
        let mut collapsible = 0;
        let mut titled = 0;
        for i in memchr::memchr2_iter(b'?', b'#', firsts) {
            let (l, first) = (&lines[i], firsts[i]);
            if first == b'?' {
                let t = l.trim_start();
                if t.starts_with("??? ") || t.starts_with("???+ ") {
                    collapsible += 1;
                }
            } else if first == b'#'
                && l.text().starts_with("### ")
                && trim_end(l.text()).ends_with("Interview Question")
            {
                titled += 1;
            }
        }
        if collapsible >= 2 || titled >= 2 {
            (collapsible + titled) * 10
        } else {
            0
        }
        .into()
    }

    fn read(
        &self,
        lines: &[Line],
        _found: Option<Found>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Draft>, ImportError> {
        let outside = outside_fences(lines);
        // The page is cut at its headings (outside code). Which section a piece is in
        // depends only on the headings before it, found here in one pass; the pieces, whose
        // answers and code are nearly all of the work, are then read on every core.
        let mut pieces = Vec::new();
        let mut start = 0;
        let mut section = Section::Questions;
        let mut head = None;
        for (i, line) in lines.iter().enumerate() {
            let Some((level, text)) = outside[i].then(|| line_heading(line)).flatten() else {
                continue;
            };
            pieces.push(Piece {
                lines: start..i,
                heading: head,
                section: section.clone(),
            });
            section = section.after(level, text);
            start = i;
            head = Some((level, text));
        }
        pieces.push(Piece {
            lines: start..lines.len(),
            heading: head,
            section,
        });
        read_pieces(pieces, ctx, |piece, ctx| {
            let range = piece.lines;
            self.read_piece(
                &lines[range.clone()],
                &outside[range],
                piece.heading,
                &piece.section,
                ctx,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_titles_and_tables() {
        assert_eq!(
            split_title("What is X? - Google, Meta Interview Question"),
            ("What is X?", vec!["Google".to_string(), "Meta".to_string()])
        );
        assert_eq!(
            split_title("Decorators - How Do They Work? - Most Tech Companies Interview Question")
                .0,
            "Decorators - How Do They Work?"
        );
        assert_eq!(cells("| 1 | `a | b` | c |"), ["1", "`a | b`", "c"]);
        assert!(is_table_separator("|-----|:---|"));
        assert_eq!(
            urls("[Docs](https://x.org/a) and more"),
            ["https://x.org/a"]
        );
        assert_eq!(
            company_heading("Questions asked in Google interview").as_deref(),
            Some("Google")
        );
        assert_eq!(
            admonition("    !!! tip \"Interviewer's Insight\""),
            Some(("tip", "Interviewer's Insight"))
        );
    }
}
