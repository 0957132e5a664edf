use serde::Deserialize;

use super::{BankError, fence_closes, fence_open};
use crate::model::{Example, FollowUp, Question, Source, is_valid_id};
use crate::taxonomy;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    difficulty: String,
    difficulty_label: Option<String>,
    kind: String,
    topics: Vec<String>,
    #[serde(default)]
    companies: Vec<String>,
    #[serde(default)]
    key_points: Vec<String>,
    #[serde(default)]
    look_for: Vec<String>,
    #[serde(default)]
    strong_signals: Vec<String>,
    #[serde(default)]
    red_flags: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    follow_ups: Vec<FollowUp>,
    #[serde(default)]
    sources: Vec<Source>,
}

/// One `## ` section: its heading text, the line of the heading and its body lines.
struct Section<'a> {
    name: &'a str,
    line: usize,
    body: Vec<&'a str>,
}

/// Reads one question in the bank format. `file` only names the text in errors.
pub fn parse_question(file: &str, text: &str) -> Result<Question, BankError> {
    let err = |line: usize, message: String| BankError {
        file: file.to_string(),
        line,
        message,
    };
    // Lines with their 1-based numbers; a stray `\r` from a Windows editor is not content.
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if lines.first() != Some(&"+++") {
        return Err(err(
            1,
            "the file must start with a `+++` line opening the front matter".into(),
        ));
    }
    let close = lines[1..]
        .iter()
        .position(|l| *l == "+++")
        .map(|i| i + 1)
        .ok_or_else(|| err(1, "the front matter is never closed by a `+++` line".into()))?;

    let front_text = lines[1..close].join("\n");
    let front: FrontMatter = toml::from_str(&front_text).map_err(|e| {
        let line = e
            .span()
            .map(|span| 2 + front_text[..span.start].matches('\n').count())
            .unwrap_or(2);
        err(line, format!("front matter: {}", e.message()))
    })?;

    let fm_line = |key: &str| {
        lines[1..close]
            .iter()
            .position(|l| l.starts_with(key))
            .map_or(2, |i| i + 2)
    };
    if !is_valid_id(&front.id) {
        return Err(err(
            fm_line("id"),
            format!(
                "id {:?} is not a slug (lowercase letters, digits and single dashes, at most 80 characters)",
                front.id
            ),
        ));
    }
    if front.title.trim().is_empty() {
        return Err(err(fm_line("title"), "title is empty".into()));
    }
    let difficulty = front
        .difficulty
        .parse()
        .map_err(|e| err(fm_line("difficulty"), format!("{e}")))?;
    let kind = front
        .kind
        .parse()
        .map_err(|e| err(fm_line("kind"), format!("{e}")))?;
    if front.topics.is_empty() {
        return Err(err(
            fm_line("topics"),
            "topics must name at least one topic".into(),
        ));
    }
    if let Some(bad) = front.topics.iter().find(|t| !taxonomy::is_topic(t)) {
        return Err(err(
            fm_line("topics"),
            format!(
                "unknown topic {bad:?}; topics come from the taxonomy in docs/bank-format.md: {}",
                taxonomy::TOPICS.join(", ")
            ),
        ));
    }

    let sections = split_sections(&lines, close + 1).map_err(|(line, m)| err(line, m))?;
    let mut sections = sections.into_iter();
    let mut expect = |name: &str| match sections.next() {
        Some(s) if s.name == name => Ok(block(&s.body)),
        Some(s) => Err(err(
            s.line,
            format!("expected `## {name}` here, found `## {}`", s.name),
        )),
        None => Err(err(lines.len(), format!("missing the `## {name}` section"))),
    };
    let prompt = expect("Prompt")?;
    let answer = expect("Answer")?;
    let mut examples = Vec::new();
    for section in sections {
        let caption = match section.name.strip_prefix("Example") {
            Some("") => "",
            Some(rest) if rest.starts_with(": ") => rest[2..].trim(),
            _ => {
                return Err(err(
                    section.line,
                    format!(
                        "unknown section `## {}`; after Prompt and Answer only `## Example` sections may follow (use `###` inside an answer)",
                        section.name
                    ),
                ));
            }
        };
        examples.push(parse_example(caption, &section).map_err(|(line, m)| err(line, m))?);
    }

    Ok(Question {
        id: front.id,
        title: front.title,
        difficulty,
        difficulty_label: front.difficulty_label,
        kind,
        topics: front.topics,
        companies: front.companies,
        key_points: front.key_points,
        look_for: front.look_for,
        strong_signals: front.strong_signals,
        red_flags: front.red_flags,
        links: front.links,
        follow_ups: front.follow_ups,
        sources: front.sources,
        prompt,
        answer,
        examples,
    })
}

/// Splits the body into `## ` sections, ignoring headings inside fenced code.
fn split_sections<'a>(
    lines: &[&'a str],
    start: usize,
) -> Result<Vec<Section<'a>>, (usize, String)> {
    let mut sections: Vec<Section<'a>> = Vec::new();
    let mut open_fence: Option<(usize, usize)> = None;
    for (offset, &line) in lines[start..].iter().enumerate() {
        let number = start + offset + 1;
        match open_fence {
            Some((ticks, _)) if fence_closes(line, ticks) => open_fence = None,
            Some(_) => {}
            None => {
                if let Some((ticks, _)) = fence_open(line) {
                    open_fence = Some((ticks, number));
                } else if let Some(name) = line.strip_prefix("## ") {
                    sections.push(Section {
                        name: name.trim(),
                        line: number,
                        body: Vec::new(),
                    });
                    continue;
                }
            }
        }
        match sections.last_mut() {
            Some(section) => section.body.push(line),
            None if line.trim().is_empty() => {}
            None => {
                return Err((
                    number,
                    "text after the front matter must start with `## Prompt`".into(),
                ));
            }
        }
    }
    if let Some((_, line)) = open_fence {
        return Err((line, "this code fence is never closed".into()));
    }
    Ok(sections)
}

/// A section body without its leading and trailing blank lines.
fn block(body: &[&str]) -> String {
    let start = body.iter().position(|l| !l.trim().is_empty());
    let end = body.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => body[s..=e].join("\n"),
        _ => String::new(),
    }
}

fn parse_example(caption: &str, section: &Section<'_>) -> Result<Example, (usize, String)> {
    let body = &section.body;
    let line_of = |i: usize| section.line + 1 + i;
    let code_start = body
        .iter()
        .position(|l| fence_open(l).is_some())
        .ok_or_else(|| {
            (
                section.line,
                "an example needs a fenced code block".to_string(),
            )
        })?;
    let description = block(&body[..code_start]);
    let (code_info, code, after_code) = read_fence(body, code_start);
    let mut words = code_info.split_whitespace();
    let language = words.next().unwrap_or("").to_string();
    let mut example = Example {
        caption: caption.to_string(),
        description,
        language,
        code,
        expected_output: None,
        norun: false,
        nondeterministic: false,
        requires: Vec::new(),
    };
    for flag in words {
        match flag {
            "norun" => example.norun = true,
            "nondeterministic" => example.nondeterministic = true,
            _ => match flag.strip_prefix("requires=") {
                Some(list) => example.requires = list.split(',').map(str::to_string).collect(),
                None => {
                    return Err((
                        line_of(code_start),
                        format!(
                            "unknown code flag {flag:?}; known flags: norun, nondeterministic, requires=pkg,..."
                        ),
                    ));
                }
            },
        }
    }
    let rest = after_code
        + body[after_code..]
            .iter()
            .take_while(|l| l.trim().is_empty())
            .count();
    if rest < body.len() {
        match fence_open(body[rest]) {
            Some((_, "output")) => {
                let (_, output, after) = read_fence(body, rest);
                example.expected_output = Some(output);
                if let Some(extra) = body[after..].iter().position(|l| !l.trim().is_empty()) {
                    return Err((
                        line_of(after + extra),
                        "nothing may follow an example's output block".into(),
                    ));
                }
            }
            _ => {
                return Err((
                    line_of(rest),
                    "after an example's code only an ```output block may follow".into(),
                ));
            }
        }
    }
    Ok(example)
}

/// Reads the fence opening at `body[start]` (known to be closed, as `split_sections` checked):
/// its info string, its content with every line `\n`-terminated, and the index after it.
fn read_fence(body: &[&str], start: usize) -> (String, String, usize) {
    let (ticks, info) = fence_open(body[start]).expect("caller found a fence");
    let mut content = String::new();
    let mut i = start + 1;
    while i < body.len() && !fence_closes(body[i], ticks) {
        content.push_str(body[i]);
        content.push('\n');
        i += 1;
    }
    (info.to_string(), content, i + 1)
}
