use proptest::prelude::*;

use super::*;
use crate::model::{Difficulty, Example, FollowUp, Kind, Question, Source};
use crate::taxonomy::TOPICS;

const SAMPLE: &str = include_str!("../../tests/fixtures/identity-vs-equality.md");

#[test]
fn sample_file_parses_and_is_canonical() {
    let q = parse_question("sample.md", SAMPLE).unwrap();
    assert_eq!(q.id, "identity-vs-equality");
    assert_eq!(q.difficulty, Difficulty::Easy);
    assert_eq!(q.kind, Kind::Concept);
    assert_eq!(q.topics, ["basics"]);
    assert_eq!(q.key_points.len(), 4);
    assert_eq!(q.follow_ups.len(), 2);
    assert!(q.prompt.starts_with("What is the difference"));
    assert_eq!(q.examples.len(), 1);
    let ex = &q.examples[0];
    assert_eq!(ex.caption, "Equal but not identical");
    assert_eq!(ex.language, "python");
    assert!(ex.is_runnable_python());
    assert_eq!(ex.expected_output.as_deref(), Some("True False\nTrue\n"));
    assert_eq!(write_question(&q), SAMPLE);
}

fn error_of(text: &str) -> BankError {
    parse_question("bad.md", text).unwrap_err()
}

#[test]
fn errors_name_file_line_and_cause() {
    let e = error_of("hello");
    assert_eq!((e.file.as_str(), e.line), ("bad.md", 1));
    assert!(e.message.contains("+++"), "{e}");

    let e = error_of("+++\nid = \"x\"\n");
    assert!(e.message.contains("never closed"), "{e}");

    let broken_toml = SAMPLE.replacen("kind = \"concept\"", "kind = concept", 1);
    let e = error_of(&broken_toml);
    assert_eq!(e.line, 5, "{e}");
    assert!(e.to_string().starts_with("bad.md:5: front matter"), "{e}");

    let e = error_of(&SAMPLE.replacen("\"basics\",", "\"cooking\",", 1));
    assert!(e.message.contains("unknown topic \"cooking\""), "{e}");

    let e = error_of(&SAMPLE.replacen("difficulty = \"easy\"", "difficulty = \"expert\"", 1));
    assert_eq!(e.line, 4);

    let e = error_of(&SAMPLE.replacen("## Answer", "## Reply", 1));
    assert!(e.message.contains("expected `## Answer`"), "{e}");

    let e = error_of(&SAMPLE.replacen("```output\nTrue False", "```text\nTrue False", 1));
    assert!(e.message.contains("only an ```output block"), "{e}");

    let unclosed = SAMPLE.trim_end().trim_end_matches('`').to_string();
    let e = error_of(&unclosed);
    assert!(e.message.contains("never closed"), "{e}");

    let e = error_of(&SAMPLE.replacen("```python", "```python sometimes", 1));
    assert!(e.message.contains("unknown code flag"), "{e}");

    let e = error_of(&SAMPLE.replacen("id = \"identity-vs-equality\"", "id = \"Bad Id\"", 1));
    assert_eq!(e.line, 2);
}

#[test]
fn headings_inside_code_are_not_sections() {
    let text = SAMPLE.replacen("c = a\n", "## not a section\nc = a\n", 1);
    let q = parse_question("x.md", &text).unwrap();
    assert!(q.examples[0].code.contains("## not a section"));
}

#[test]
fn fences_grow_when_content_holds_backticks() {
    let mut q = parse_question("x.md", SAMPLE).unwrap();
    q.examples[0].code = "s = '''\n```\n'''\n".into();
    let text = write_question(&q);
    assert!(text.contains("````python\n"));
    assert_eq!(parse_question("x.md", &text).unwrap(), q);
}

#[test]
fn crlf_files_read_like_lf_files() {
    let crlf = SAMPLE.replace('\n', "\r\n");
    assert_eq!(
        parse_question("x.md", &crlf).unwrap(),
        parse_question("x.md", SAMPLE).unwrap()
    );
}

// Generators for the property test: any value the model can hold that respects the format's
// documented invariants (one-line captions, line-terminated code, markdown blocks without
// surrounding blank lines or `## ` headings).

fn one_line() -> impl Strategy<Value = String> {
    "[^\n\r]{1,40}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn any_text() -> impl Strategy<Value = String> {
    // Front matter strings may hold anything, including quotes, backslashes and control chars.
    any::<String>()
}

fn markdown_block() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[a-zA-Z`*_ .,:()'\"-]{1,30}"
            .prop_filter("a stray fence would swallow the document", |l| !l
                .trim_start()
                .starts_with("```")),
        Just("- a list item".to_string()),
        Just("### A sub-heading".to_string()),
        Just("```python\nprint('## not a heading')\n```".to_string()),
        Just("    indented code".to_string()),
        Just(String::new()),
    ];
    prop::collection::vec(line, 1..6).prop_map(|lines| {
        // A section body never starts or ends with a blank line: the reader trims those.
        let text = lines.join("\n");
        let lines: Vec<&str> = text.lines().collect();
        let first = lines.iter().position(|l| !l.trim().is_empty());
        let last = lines.iter().rposition(|l| !l.trim().is_empty());
        match (first, last) {
            (Some(first), Some(last)) => lines[first..=last].join("\n"),
            _ => "text".to_string(),
        }
    })
}

fn code_text() -> impl Strategy<Value = String> {
    prop::collection::vec("[^\n\r]{0,30}", 0..5)
        .prop_map(|lines| lines.iter().map(|l| format!("{l}\n")).collect())
}

fn example() -> impl Strategy<Value = Example> {
    (
        prop_oneof![Just(String::new()), one_line()],
        prop_oneof![
            Just(String::new()),
            "[a-zA-Z .,]{1,30}".prop_map(|s| s.trim().to_string())
        ],
        prop_oneof![
            Just("python".to_string()),
            Just("bash".to_string()),
            Just("pycon".to_string())
        ],
        code_text(),
        prop::option::of(code_text()),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec("[a-z][a-z0-9_-]{0,8}", 0..3),
    )
        .prop_map(
            |(
                caption,
                description,
                language,
                code,
                expected_output,
                norun,
                nondeterministic,
                requires,
            )| Example {
                caption,
                description,
                language,
                code,
                expected_output,
                norun,
                nondeterministic,
                requires,
            },
        )
}

prop_compose! {
    fn question()(
        id in "[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,8}){0,3}",
        title in one_line(),
        difficulty in prop::sample::select(Difficulty::ALL.to_vec()),
        difficulty_label in prop::option::of(any_text()),
        kind in prop::sample::select(Kind::ALL.to_vec()),
        topics in prop::collection::vec(prop::sample::select(TOPICS.to_vec()).prop_map(String::from), 1..4),
        lists in prop::collection::vec(prop::collection::vec(any_text(), 0..4), 6),
        follow_ups in prop::collection::vec((any_text(), any_text()).prop_map(|(question, answer)| FollowUp { question, answer }), 0..4),
        sources in prop::collection::vec((any_text(), any::<u32>(), any_text(), any::<u32>(), prop::option::of(any_text())).prop_map(|(document, position, title, line, answer)| Source { document, position, title, line, answer }), 0..3),
        prompt in markdown_block(),
        answer in markdown_block(),
        examples in prop::collection::vec(example(), 0..4),
    ) -> Question {
        let [companies, key_points, look_for, strong_signals, red_flags, links]: [Vec<String>; 6] =
            lists.try_into().expect("six lists");
        Question {
            id, title, difficulty, difficulty_label, kind, topics, companies, key_points, look_for,
            strong_signals, red_flags, links, follow_ups, sources, prompt, answer, examples,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn write_then_read_is_identity(q in question()) {
        let text = write_question(&q);
        let back = parse_question("generated.md", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &q);
        prop_assert_eq!(write_question(&back), text);
    }
}
