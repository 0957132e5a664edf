use std::fmt::Write as _;

use super::longest_backtick_run;
use crate::model::{Example, Question};

/// Writes the canonical text of `question`: front matter keys in a fixed order, arrays one item
/// per line, empty optional fields left out, sections separated by one blank line.
pub fn write_question(question: &Question) -> String {
    let mut out = String::from("+++\n");
    key(&mut out, "id", &question.id);
    key(&mut out, "title", &question.title);
    key(&mut out, "difficulty", question.difficulty.as_str());
    if let Some(label) = &question.difficulty_label {
        key(&mut out, "difficulty_label", label);
    }
    key(&mut out, "kind", question.kind.as_str());
    for (name, items) in [
        ("topics", &question.topics),
        ("companies", &question.companies),
        ("key_points", &question.key_points),
        ("look_for", &question.look_for),
        ("strong_signals", &question.strong_signals),
        ("red_flags", &question.red_flags),
        ("links", &question.links),
    ] {
        array(&mut out, name, items);
    }
    for follow_up in &question.follow_ups {
        out.push_str("\n[[follow_ups]]\n");
        key(&mut out, "question", &follow_up.question);
        key(&mut out, "answer", &follow_up.answer);
    }
    for source in &question.sources {
        out.push_str("\n[[sources]]\n");
        key(&mut out, "document", &source.document);
        let _ = writeln!(out, "position = {}", source.position);
        key(&mut out, "title", &source.title);
        let _ = writeln!(out, "line = {}", source.line);
        if let Some(answer) = &source.answer {
            key(&mut out, "answer", answer);
        }
    }
    out.push_str("+++\n");
    section(&mut out, "Prompt", &question.prompt);
    section(&mut out, "Answer", &question.answer);
    for example in &question.examples {
        write_example(&mut out, example);
    }
    out
}

fn write_example(out: &mut String, example: &Example) {
    if example.caption.is_empty() {
        out.push_str("\n## Example\n");
    } else {
        let _ = writeln!(out, "\n## Example: {}", example.caption);
    }
    if !example.description.is_empty() {
        let _ = writeln!(out, "\n{}", example.description);
    }
    let mut info = example.language.clone();
    if example.norun {
        info.push_str(" norun");
    }
    if example.nondeterministic {
        info.push_str(" nondeterministic");
    }
    if !example.requires.is_empty() {
        let _ = write!(info, " requires={}", example.requires.join(","));
    }
    fenced(out, info.trim(), &example.code);
    if let Some(output) = &example.expected_output {
        fenced(out, "output", output);
    }
}

fn fenced(out: &mut String, info: &str, body: &str) {
    let fence = "`".repeat(longest_backtick_run(body).max(2) + 1);
    // The model keeps code line-terminated; a missing final newline would glue the fence on.
    let newline = if body.is_empty() || body.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let _ = write!(out, "\n{fence}{info}\n{body}{newline}{fence}\n");
}

fn section(out: &mut String, name: &str, body: &str) {
    let _ = writeln!(out, "\n## {name}\n\n{body}");
}

fn key(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "{name} = {}", quote(value));
}

fn array(out: &mut String, name: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{name} = [");
    for item in items {
        let _ = writeln!(out, "    {},", quote(item));
    }
    out.push_str("]\n");
}

/// A TOML basic string: one line, with the escapes TOML requires.
pub(super) fn quote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
