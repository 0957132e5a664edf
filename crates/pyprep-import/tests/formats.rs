//! Every layout on small documents written for these tests: which layout is detected, and
//! what each yields (snapshots in tests/snapshots/).

mod common;

use common::{fixture, render};
use pyprep_import::{Format, ItemKind, parse};

fn parsed(name: &str) -> pyprep_import::ParsedDocument {
    parse(name, &fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn each_layout_is_detected_from_content_not_name() {
    let cases = [
        ("github-guide.md", Format::GithubGuide),
        ("accordions.mdx", Format::MdxAccordion),
        ("mkdocs.md", Format::MkdocsMaterial),
        ("numbered-bold.md", Format::NumberedList),
        ("plain.txt", Format::PlainText),
        ("headings.md", Format::GenericMarkdown),
        ("numbered.md", Format::GenericMarkdown),
        ("details.md", Format::GenericMarkdown),
        ("qa-pairs.md", Format::GenericMarkdown),
    ];
    for (name, format) in cases {
        // The same bytes under a misleading name are read the same way.
        let doc = parse("renamed.txt", &fixture(name)).unwrap();
        assert_eq!(doc.format, format, "{name}");
    }
}

#[test]
fn github_guide() {
    let doc = parsed("github-guide.md");
    assert_eq!(doc.questions.len(), 2);
    let slots = &doc.questions[1];
    assert_eq!(slots.title, "How do you use `__slots__` to save memory?");
    assert_eq!(slots.difficulty_label.as_deref(), Some("Expert"));
    assert_eq!(doc.repairs.dunders_restored, 1);
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn mdx_accordions() {
    let doc = parsed("accordions.mdx");
    assert_eq!(doc.items[&ItemKind::Accordion], 2);
    let q = &doc.questions[0];
    assert_eq!(q.title, "Generators vs Lists");
    assert_eq!(q.follow_ups.len(), 2, "numbered follow-ups are follow-ups");
    assert!(q.answer.contains("<1 GB") && q.answer.contains("Q&A"));
    assert!(q.answer.contains("```mermaid"));
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn mkdocs_material() {
    let doc = parsed("mkdocs.md");
    assert_eq!(doc.items[&ItemKind::QaSection], 2);
    assert_eq!(doc.items[&ItemKind::TableRow], 2);
    assert_eq!(doc.items[&ItemKind::CompanyListItem], 2);
    // One row and one list item repeat sections and enrich them; the others are new.
    assert_eq!(doc.questions.len(), 4);
    let dict = &doc.questions[0];
    assert_eq!(dict.companies, ["Meta", "Google", "Amazon"]);
    assert_eq!(dict.links.len(), 1);
    assert_eq!(dict.sources.len(), 2);
    assert!(
        dict.answer.contains("┌────┐"),
        "box drawing repaired and kept as a diagram"
    );
    assert!(doc.non_companies.contains_key("Most Tech Companies"));
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn numbered_list() {
    let doc = parsed("numbered-bold.md");
    assert_eq!(doc.questions.len(), 4);
    let typed = &doc.questions[1];
    assert_eq!(typed.examples[0].code, "print(isinstance(True, int))\n");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.message.contains("jumps from 2 to 4"))
    );
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn plain_text() {
    let doc = parsed("plain.txt");
    assert_eq!(doc.questions.len(), 4);
    assert!(doc.questions.iter().all(|q| !q.title.contains("Journey")));
    assert_eq!(
        doc.questions[3].title,
        "What are *args and **kwargs used for?"
    );
    assert!(doc.questions[2].examples[0].norun);
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn generic_headings() {
    let doc = parsed("headings.md");
    assert_eq!(doc.questions.len(), 2);
    assert_eq!(
        doc.questions[0].difficulty_label.as_deref(),
        Some("Intermediate")
    );
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn generic_numbered_list() {
    let doc = parsed("numbered.md");
    assert_eq!(doc.questions.len(), 3);
    assert!(!doc.questions[2].answer.contains("appendix"));
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn generic_details() {
    let doc = parsed("details.md");
    assert_eq!(doc.questions.len(), 2);
    assert_eq!(doc.questions[0].title, "What is a sentinel object?");
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn generic_qa_pairs() {
    let doc = parsed("qa-pairs.md");
    assert_eq!(doc.questions.len(), 3);
    assert_eq!(doc.questions[2].kind, pyprep_core::Kind::Coding);
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn a_document_without_questions_imports_nothing_and_says_so() {
    let doc = parsed("links-only.md");
    assert!(doc.questions.is_empty());
    assert!(doc.warnings[0].message.starts_with("no questions found"));
}
