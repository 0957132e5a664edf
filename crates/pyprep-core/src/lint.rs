//! The bank lint's pure checks: fields a built-in question must have, and questions that
//! repeat each other. Running the examples is the sandbox's job and happens elsewhere.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::Question;

/// A problem with one question (or a pair, for duplicates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: String,
    pub message: String,
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Checks what every built-in question must carry; imported questions are held to less.
pub fn check_question(q: &Question) -> Vec<String> {
    let mut problems = Vec::new();
    let mut need = |ok: bool, message: String| {
        if !ok {
            problems.push(message);
        }
    };
    need(
        words(&q.prompt) >= 4,
        "the prompt is too short to be a question".into(),
    );
    let answer = words(&q.answer);
    need(
        (100..=450).contains(&answer),
        format!("the answer has {answer} words; aim for 120 to 400"),
    );
    need(
        (3..=7).contains(&q.key_points.len()),
        format!("{} key points; write 3 to 7", q.key_points.len()),
    );
    for (field, items) in [
        ("look_for", &q.look_for),
        ("strong_signals", &q.strong_signals),
        ("red_flags", &q.red_flags),
    ] {
        need(!items.is_empty(), format!("{field} is empty"));
    }
    for (field, items) in [
        ("key_points", &q.key_points),
        ("look_for", &q.look_for),
        ("strong_signals", &q.strong_signals),
        ("red_flags", &q.red_flags),
    ] {
        for item in items {
            need(
                words(item) >= 2,
                format!("{field} item {item:?} is too thin"),
            );
        }
    }
    need(
        (2..=4).contains(&q.follow_ups.len()),
        format!("{} follow-ups; write 2 to 4", q.follow_ups.len()),
    );
    for follow_up in &q.follow_ups {
        need(
            words(&follow_up.question) >= 3 && words(&follow_up.answer) >= 3,
            format!(
                "follow-up {:?} needs a real question and answer",
                follow_up.question
            ),
        );
    }
    need(
        q.examples.iter().any(|e| e.is_runnable_python()),
        "no runnable Python example".into(),
    );
    for example in &q.examples {
        if example.is_runnable_python() && !example.nondeterministic {
            need(
                example.expected_output.is_some(),
                format!("example {:?} runs but has no output block", example.caption),
            );
        }
    }
    need(
        q.sources.is_empty(),
        "built-in questions carry no sources".into(),
    );
    problems
}

/// Content words of a title, lowercased, for spotting two questions that ask the same thing.
fn title_words(title: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "a",
        "an",
        "the",
        "of",
        "in",
        "and",
        "or",
        "is",
        "are",
        "what",
        "how",
        "do",
        "does",
        "you",
        "to",
        "for",
        "with",
        "python",
        "between",
        "difference",
        "vs",
        "versus",
        "explain",
        "when",
        "why",
        "use",
        "it",
        "its",
        "on",
        "your",
        "can",
    ];
    title
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .collect()
}

/// Checks a whole bank: unique ids, and no two questions of the same kind with near-identical
/// titles (Jaccard similarity of content words of 0.8 or more).
pub fn check_bank(questions: &[Question]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for q in questions {
        *seen.entry(&q.id).or_default() += 1;
        for message in check_question(q) {
            problems.push(Problem {
                id: q.id.clone(),
                message,
            });
        }
    }
    let repeated: BTreeMap<&str, usize> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
    for (id, n) in repeated {
        problems.push(Problem {
            id: id.to_string(),
            message: format!("the id is used by {n} questions"),
        });
    }
    let titles: Vec<HashSet<String>> = questions.iter().map(|q| title_words(&q.title)).collect();
    for i in 0..questions.len() {
        for j in i + 1..questions.len() {
            if questions[i].kind != questions[j].kind || titles[i].is_empty() {
                continue;
            }
            let shared = titles[i].intersection(&titles[j]).count();
            let union = titles[i].union(&titles[j]).count();
            if shared * 5 >= union * 4 {
                problems.push(Problem {
                    id: questions[i].id.clone(),
                    message: format!("looks like a duplicate of {}", questions[j].id),
                });
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::parse_question;

    fn sample() -> Question {
        parse_question(
            "s.md",
            include_str!("../tests/fixtures/identity-vs-equality.md"),
        )
        .unwrap()
    }

    #[test]
    fn thin_questions_are_reported() {
        let mut q = sample();
        q.key_points.truncate(1);
        q.follow_ups.clear();
        q.examples.clear();
        let problems = check_question(&q);
        assert!(
            problems.iter().any(|p| p.contains("1 key points")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("0 follow-ups")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("no runnable")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("answer has")),
            "{problems:?}"
        );
    }

    #[test]
    fn duplicate_ids_and_titles_are_reported() {
        let a = sample();
        let mut b = sample();
        b.title = "Identity (is) versus equality (==) in Python".into();
        let problems = check_bank(&[a.clone(), b.clone()]);
        assert!(
            problems.iter().any(|p| p.message.contains("used by 2")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.message.contains("duplicate of")),
            "{problems:?}"
        );
        b.id = "list-vs-tuple".into();
        b.title = "Lists versus tuples".into();
        let problems = check_bank(&[a, b]);
        assert!(
            !problems.iter().any(|p| p.message.contains("duplicate")),
            "{problems:?}"
        );
    }
}
