use pyprep_core::{Difficulty, Kind, Question, Source};

use super::*;

fn question(id: &str, title: &str, doc: &str, position: u32, answer: &str) -> Question {
    Question {
        id: id.into(),
        title: title.into(),
        difficulty: Difficulty::Medium,
        difficulty_label: None,
        kind: Kind::Concept,
        topics: vec!["basics".into()],
        companies: Vec::new(),
        key_points: Vec::new(),
        look_for: Vec::new(),
        strong_signals: Vec::new(),
        red_flags: Vec::new(),
        links: Vec::new(),
        follow_ups: Vec::new(),
        sources: vec![Source {
            document: doc.into(),
            position,
            title: title.into(),
            line: position * 10,
            answer: None,
        }],
        prompt: title.into(),
        answer: answer.into(),
        examples: Vec::new(),
    }
}

fn bank(id: &str, title: &str, answer: &str) -> Question {
    Question {
        sources: Vec::new(),
        ..question(id, title, "", 0, answer)
    }
}

#[test]
fn duplicates_across_documents_become_one_question_with_all_answers() {
    let mut a = question(
        "list-vs-tuple",
        "What is the difference between list and tuple?",
        "a.md",
        1,
        "Short answer.",
    );
    a.companies = vec!["Google".into()];
    let mut b = question(
        "lists-tuples",
        "Explain the difference between lists and tuples in Python.",
        "b.txt",
        4,
        "A much longer and richer answer about mutability.",
    );
    b.companies = vec!["Meta".into(), "Google".into()];
    b.topics = vec!["data-structures".into()];
    let c = question(
        "list-vs-array",
        "Difference between lists and arrays (array module)?",
        "c.md",
        2,
        "Arrays hold one type.",
    );
    let out = merge(&[], &[a, b, c]);
    assert_eq!(out.added.len(), 2);
    assert_eq!(out.groups.len(), 1);
    let g = &out.groups[0];
    assert_eq!(g.members, [0, 1]);
    assert_eq!(
        g.target,
        Target::Incoming(1),
        "the richer answer is canonical"
    );
    let merged = &out.added[0];
    assert_eq!(
        merged.answer,
        "A much longer and richer answer about mutability."
    );
    assert_eq!(merged.companies, ["Meta", "Google"]);
    assert_eq!(merged.topics, ["data-structures", "basics"]);
    assert_eq!(merged.sources.len(), 2);
    assert_eq!(merged.sources[0].answer, None);
    assert_eq!(merged.sources[1].document, "a.md");
    assert_eq!(merged.sources[1].answer.as_deref(), Some("Short answer."));
}

#[test]
fn existing_answers_stay_canonical_and_reimport_changes_nothing() {
    let existing = vec![bank("gil", "What is the GIL?", "The bank's answer.")];
    let incoming = vec![
        question(
            "what-is-the-global-interpreter-lock-gil",
            "What is the Global Interpreter Lock (GIL)?",
            "x.md",
            1,
            "Imported answer.",
        ),
        question(
            "what-is-a-closure",
            "What is a closure?",
            "x.md",
            2,
            "A function with captured variables.",
        ),
    ];
    let first = merge(&existing, &incoming);
    assert_eq!(first.updated.len(), 1);
    let (e, updated) = &first.updated[0];
    assert_eq!(*e, 0);
    assert_eq!(updated.answer, "The bank's answer.");
    assert_eq!(
        updated.sources[0].answer.as_deref(),
        Some("Imported answer.")
    );
    assert_eq!(first.added.len(), 1);

    let stored = vec![updated.clone(), first.added[0].clone()];
    let second = merge(&stored, &incoming);
    assert!(second.updated.is_empty() && second.added.is_empty());
    assert_eq!(second.unchanged, [0, 1]);
}

#[test]
fn merging_is_deterministic() {
    let incoming: Vec<Question> = [
        "What is a decorator?",
        "What are decorators?",
        "What is a closure?",
        "What are decorators in Python and how are they used?",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| question(&format!("q{i}"), t, "d.md", i as u32 + 1, "answer"))
    .collect();
    assert_eq!(merge(&[], &incoming), merge(&[], &incoming));
    let out = merge(&[], &incoming);
    assert_eq!(out.groups.len(), 1);
    assert_eq!(out.groups[0].members, [0, 1, 3]);
}

#[test]
fn different_kinds_and_colliding_ids_stay_apart() {
    let mut coding = question(
        "reverse-a-string",
        "Write code to reverse a string",
        "a.md",
        1,
        "def r(s): ...",
    );
    coding.kind = Kind::Coding;
    let concept = question(
        "reverse-a-string",
        "How do you reverse a string?",
        "b.md",
        1,
        "Use slicing.",
    );
    let existing = vec![bank("reverse-a-string", "Something else entirely", "x")];
    let out = merge(&existing, &[coding, concept]);
    assert!(out.groups.is_empty());
    let ids: Vec<&str> = out.added.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["reverse-a-string-2", "reverse-a-string-3"]);
}

#[test]
fn an_answerless_question_takes_the_first_answer() {
    let row = question("what-is-pep-8", "What is PEP 8?", "g.md", 1, "");
    let section = question("pep-8", "What is PEP 8?", "h.md", 1, "The style guide.");
    let out = merge(&[row], &[section]);
    let (_, q) = &out.updated[0];
    assert_eq!(q.answer, "The style guide.");
    assert_eq!(q.sources[1].answer, None);
}

#[test]
fn a_two_part_title_matches_its_first_question() {
    let long = question(
        "gil",
        "What is the GIL in Python? How Does It Impact Performance?",
        "a.md",
        1,
        "Long.",
    );
    let short = question(
        "gil-2",
        "What is the Global Interpreter Lock (GIL)?",
        "b.md",
        1,
        "Short.",
    );
    let other = question(
        "gil-3",
        "How does the GIL impact performance of I/O?",
        "c.md",
        1,
        "Other.",
    );
    let out = merge(&[], &[long, short, other]);
    assert_eq!(out.groups.len(), 1);
    assert_eq!(out.groups[0].members, [0, 1]);
}
