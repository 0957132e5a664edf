//! The five seed guides, read at run time from ../shared/seeds: exact counts per layout,
//! field-level checks on a sample of questions, and the merge across all of them.
//! Assertions quote only short titles, never passages of the guides.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use pyprep_core::{Difficulty, Question};
use pyprep_import::{Format, ItemKind, ParsedDocument, merge, merge_documents, parse};

/// The seeds parsed once for all tests, keyed by the layout detected.
fn all() -> &'static BTreeMap<Format, ParsedDocument> {
    static DOCS: OnceLock<BTreeMap<Format, ParsedDocument>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut docs = BTreeMap::new();
        for (name, bytes) in common::seeds() {
            let doc = parse(&name, &bytes).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                docs.insert(doc.format, doc).is_none(),
                "two seeds detected as the same layout"
            );
        }
        assert_eq!(docs.len(), 5, "each seed is its own layout");
        docs
    })
}

fn find<'a>(doc: &'a ParsedDocument, title: &str) -> &'a Question {
    doc.questions
        .iter()
        .find(|q| q.title == title)
        .unwrap_or_else(|| panic!("no question titled {title:?} in {}", doc.document))
}

fn no_mojibake(q: &Question) {
    let texts = std::iter::once(&q.title)
        .chain(std::iter::once(&q.answer))
        .chain(q.examples.iter().map(|e| &e.code));
    for t in texts {
        for bad in ["ðŸ", "â”", "â€", "Ã", "Â"] {
            assert!(!t.contains(bad), "{bad:?} left in {:?}", q.title);
        }
    }
}

#[test]
fn github_guide() {
    let docs = all();
    let doc = &docs[&Format::GithubGuide];
    assert_eq!(doc.items, BTreeMap::from([(ItemKind::QaSection, 100)]));
    assert_eq!(
        doc.questions.len(),
        100,
        "the table of contents adds no questions"
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let by = |d: Difficulty| doc.questions.iter().filter(|q| q.difficulty == d).count();
    assert_eq!(
        (
            by(Difficulty::Easy),
            by(Difficulty::Medium),
            by(Difficulty::Hard)
        ),
        (20, 50, 30)
    );
    let expert = doc
        .questions
        .iter()
        .filter(|q| q.difficulty_label.as_deref() == Some("Expert"))
        .count();
    assert_eq!(expert, 5);
    assert!(
        doc.questions
            .iter()
            .all(|q| q.examples.len() == 1 && !q.answer.is_empty())
    );

    let q = &doc.questions[0];
    assert_eq!(
        q.title,
        "How do you optimize memory usage when processing large datasets in Python?"
    );
    assert_eq!(
        (q.difficulty, q.difficulty_label.as_deref()),
        (Difficulty::Medium, Some("Intermediate"))
    );
    assert_eq!(q.sources[0].position, 1);
    assert_eq!(q.examples[0].language, "python");
    assert!(!q.answer.contains("Back to Top"));

    let slots = &doc.questions[23];
    assert_eq!(
        slots.title,
        "How do you use `__slots__` to optimize memory?"
    );
    assert!(slots.topics.contains(&"memory-gc".to_string()));
    assert_eq!(
        doc.questions[35].title,
        "How do you use if `__name__` == \"`__main__`\":?"
    );
    assert_eq!(
        doc.questions[93].difficulty_label.as_deref(),
        Some("Expert")
    );
    let deps = &doc.questions[10];
    assert_eq!(
        deps.examples[0].language, "bash",
        "shell commands under a python fence"
    );
    doc.questions.iter().for_each(no_mojibake);
}

#[test]
fn mdx_accordions() {
    let docs = all();
    let doc = &docs[&Format::MdxAccordion];
    assert_eq!(doc.items, BTreeMap::from([(ItemKind::Accordion, 71)]));
    assert_eq!(
        doc.questions.len(),
        71,
        "numbered follow-ups are not questions"
    );
    assert!(
        doc.questions
            .iter()
            .all(|q| !q.title.starts_with(|c: char| c.is_ascii_digit()))
    );
    for q in &doc.questions {
        assert_eq!(q.look_for.len(), 1, "{}", q.title);
        assert_eq!(q.red_flags.len(), 1, "{}", q.title);
        assert!((2..=4).contains(&q.follow_ups.len()), "{}", q.title);
        assert!(!q.answer.contains("**Answer**"));
        assert!(!q.answer.contains("\\<") && !q.answer.contains("\\~"));
    }
    let memory = &doc.questions[0];
    assert_eq!(memory.title, "Python Memory Management");
    assert_eq!(memory.prompt, "Python Memory Management (The 3 Pillars)");
    assert_eq!(memory.examples.len(), 3);
    assert!(memory.answer.contains("```mermaid"));
    assert!(memory.follow_ups.iter().all(|f| f.question.ends_with('?')));
    let diagrams = doc
        .code_blocks
        .iter()
        .filter(|b| b.language == "mermaid")
        .count();
    assert_eq!(diagrams, 2);
    let advanced = find(doc, "Metaclasses");
    assert_eq!(
        advanced.difficulty,
        Difficulty::Hard,
        "from its section heading"
    );
    assert!(advanced.topics.contains(&"metaprogramming".to_string()));
}

#[test]
fn mkdocs_material() {
    let docs = all();
    let doc = &docs[&Format::MkdocsMaterial];
    assert_eq!(
        doc.items,
        BTreeMap::from([
            (ItemKind::QaSection, 87),
            (ItemKind::TableRow, 110),
            (ItemKind::CompanyListItem, 40),
            (ItemKind::CodeExample, 3),
        ])
    );
    // Every row and list item became a question or enriched one: each is some source.
    let sources: usize = doc.questions.iter().map(|q| q.sources.len()).sum();
    assert_eq!(sources, 87 + 110 + 40 + 3);
    let sections = doc
        .question_kinds
        .iter()
        .filter(|k| **k == ItemKind::QaSection)
        .count();
    // The page repeats some of its own sections (the GIL, metaclasses, descriptors ...):
    // those fold together too, so fewer than 87 section questions remain.
    assert!((70..87).contains(&sections), "{sections} section questions");
    assert!(doc.questions.len() < 240);

    let gil = &doc.questions[0];
    assert!(
        gil.title
            .starts_with("What is the Global Interpreter Lock (GIL) in Python?")
    );
    assert_eq!(gil.difficulty, Difficulty::Hard);
    assert_eq!(
        gil.topics[..2],
        ["internals".to_string(), "concurrency".to_string()]
    );
    assert_eq!(
        gil.companies,
        ["Google", "Meta", "Amazon", "Apple", "Netflix"]
    );
    assert_eq!(
        (
            gil.look_for.len(),
            gil.strong_signals.len(),
            gil.red_flags.len(),
            gil.follow_ups.len()
        ),
        (4, 5, 4, 4)
    );
    assert!(
        gil.links.iter().any(|l| l.contains("python-gil")),
        "practice link from the table"
    );
    assert!(
        gil.sources.iter().any(|s| s.line > 5400),
        "the table row is one of its sources"
    );
    assert!(
        gil.answer.starts_with("```text\n┌"),
        "the drawing is a diagram"
    );

    let args = doc
        .questions
        .iter()
        .find(|q| {
            q.title
                .starts_with("What is the Difference Between `*args`")
        })
        .unwrap();
    assert_eq!(args.difficulty, Difficulty::Easy);
    assert!(!args.companies.iter().any(|c| c.contains("Companies")));
    assert!(doc.non_companies.contains_key("Most Tech Companies"));
    assert!(doc.non_companies.contains_key("HFT Firms"));
    for q in &doc.questions {
        assert!(
            q.companies
                .iter()
                .all(|c| !c.contains("Companies") && !c.contains("Firms") && c != "Code Pattern")
        );
        no_mojibake(q);
    }

    assert_eq!(doc.repairs.escaped_code_blocks, 1);
    let copy = doc
        .questions
        .iter()
        .find(|q| {
            q.title
                .starts_with("What is the Difference Between `deepcopy`")
        })
        .unwrap();
    assert!(
        copy.examples[0].code.lines().count() > 50,
        "escaped newlines decoded"
    );
    assert!(!copy.examples[0].code.contains("\\n    "));
    assert_eq!(
        copy.follow_ups.len(),
        4,
        "the insight inside the escaped block was read too"
    );

    let decorator = doc
        .questions
        .iter()
        .find(|q| q.title == "Decorator for Timing Functions")
        .unwrap();
    assert_eq!(
        doc.question_kinds[doc
            .questions
            .iter()
            .position(|q| q.title == decorator.title)
            .unwrap()],
        ItemKind::CodeExample
    );
    assert_eq!(decorator.examples.len(), 1);

    let pep8 = doc
        .questions
        .iter()
        .find(|q| q.title == "What is PEP 8?")
        .unwrap();
    assert!(pep8.links[0].starts_with("https://peps.python.org/"));
    let amazon_only = doc
        .questions
        .iter()
        .find(|q| {
            q.title
                .starts_with("Write code to find the most frequent element")
        })
        .unwrap();
    assert_eq!(amazon_only.companies, ["Amazon"]);
    assert_eq!(amazon_only.kind, pyprep_core::Kind::Coding);
}

#[test]
fn numbered_list() {
    let docs = all();
    let doc = &docs[&Format::NumberedList];
    assert_eq!(doc.items, BTreeMap::from([(ItemKind::ListItem, 184)]));
    assert!(
        doc.questions
            .iter()
            .all(|q| !q.title.contains("No questions on")),
        "trailing notes are not questions"
    );
    for jump in ["jumps from 28 to 30", "jumps from 100 to 102"] {
        assert!(
            doc.warnings.iter().any(|w| w.message.contains(jump)),
            "{jump}"
        );
    }
    assert!(doc.repairs.tab_indented_blocks >= 80);
    let function = find(doc, "What is a function? How do you define one?");
    assert_eq!(
        function.examples[0].code,
        "def add(a, b):\n        return a + b\n"
    );
    assert_eq!(
        function.difficulty,
        Difficulty::Easy,
        "Python Basics section"
    );
    let features = find(doc, "What are the key features of Python?");
    assert_eq!(features.key_points.len(), 5);
    let linked = find(doc, "How do you reverse a linked list in Python?");
    assert!(
        linked.examples[0]
            .code
            .starts_with("class Node:\n    def __init__(self, val):\n        self.val = val\n")
    );
    assert!(!linked.examples[0].norun);
    assert_eq!(
        doc.questions
            .iter()
            .filter(|q| q.title == "What is monkey patching?")
            .count(),
        2
    );
}

#[test]
fn plain_text() {
    let docs = all();
    let doc = &docs[&Format::PlainText];
    assert_eq!(doc.items, BTreeMap::from([(ItemKind::QaParagraph, 495)]));
    for q in &doc.questions {
        assert!(
            !q.title.contains("Stark") && !q.title.contains("Interviews"),
            "boilerplate: {}",
            q.title
        );
        assert!(!q.answer.is_empty());
    }
    assert_eq!(
        doc.questions[0].title,
        "What are the key features of Python?"
    );
    assert!(
        doc.questions
            .iter()
            .any(|q| q.title == "What are *args and **kwargs in Python functions?")
    );
    let flattened = doc.code_blocks.iter().filter(|b| b.norun).count();
    assert_eq!(flattened, 1);
}

#[test]
fn merging_all_seeds_finds_duplicates_and_keeps_apart_what_differs() {
    let docs = all();
    let incoming: Vec<Question> = docs.values().flat_map(|d| d.questions.clone()).collect();
    let out = merge(&[], &incoming);
    assert_eq!(
        out.added.len()
            + out
                .groups
                .iter()
                .map(|g| g.members.len() - 1)
                .sum::<usize>(),
        incoming.len()
    );
    let group_of = |title: &str| {
        out.groups
            .iter()
            .find(|g| g.titles.iter().any(|t| t == title))
            .unwrap_or_else(|| panic!("no group holds {title:?}"))
    };
    let tuples = group_of("What is the difference between list and tuple?");
    assert!(tuples.titles.iter().any(|t| t == "Explain List vs Tuple"));
    assert!(
        tuples
            .titles
            .iter()
            .any(|t| t == "Explain the difference between lists and tuples in Python.")
    );
    assert!(
        !tuples.titles.iter().any(|t| t.contains("array")),
        "list vs array is another question"
    );
    let gil = group_of("What is the Global Interpreter Lock (GIL)?");
    assert!(
        gil.titles
            .iter()
            .any(|t| t.starts_with("What is the Global Interpreter Lock (GIL) in Python?"))
    );
    for g in &out.groups {
        let kinds: Vec<_> = g.members.iter().map(|&m| incoming[m].kind).collect();
        assert!(kinds.windows(2).all(|w| w[0] == w[1]));
    }
    let merged_tuples = out.added.iter().find(|q| q.id == tuples.id).unwrap();
    assert!(merged_tuples.sources.len() >= 4);
    assert!(
        merged_tuples
            .sources
            .iter()
            .skip(1)
            .any(|s| s.answer.is_some()),
        "other answers kept"
    );
    let ids: std::collections::HashSet<_> = out.added.iter().map(|q| &q.id).collect();
    assert_eq!(ids.len(), out.added.len(), "ids are unique");
    assert!(
        out.added
            .iter()
            .all(|q| pyprep_core::model::is_valid_id(&q.id))
    );
}

#[test]
fn merging_is_deterministic_and_idempotent() {
    let docs = all();
    let incoming: Vec<Question> = docs.values().flat_map(|d| d.questions.clone()).collect();
    let first = merge(&[], &incoming);
    assert_eq!(first, merge(&[], &incoming));
    let second = merge(&first.added, &incoming);
    assert!(second.added.is_empty() && second.updated.is_empty());
    assert_eq!(second.unchanged.len(), incoming.len());
    // Importing one guide again into the merged bank changes nothing either.
    let again = merge(&first.added, &docs[&Format::PlainText].questions);
    assert!(again.added.is_empty() && again.updated.is_empty());
}

#[test]
fn merged_questions_round_trip_through_the_bank_format() {
    let docs = all();
    let incoming: Vec<Question> = docs.values().flat_map(|d| d.questions.clone()).collect();
    let out = merge(&[], &incoming);
    let mut failures = Vec::new();
    for q in &out.added {
        let text = pyprep_core::write_question(q);
        match pyprep_core::parse_question(&format!("{}.md", q.id), &text) {
            Ok(back) if back == *q => {}
            Ok(_) => failures.push(format!("{}: changed on round trip", q.id)),
            Err(e) => failures.push(e.to_string()),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {}: {:#?}",
        failures.len(),
        out.added.len(),
        &failures[..failures.len().min(10)]
    );
}

#[test]
fn parsing_together_gives_what_parsing_each_gives() {
    let seeds = common::seeds();
    let each: Vec<_> = seeds.iter().map(|(n, b)| parse(n, b)).collect();
    assert_eq!(pyprep_import::parse_all(&seeds), each);
    // Twice, since which thread takes which document may differ from run to run.
    assert_eq!(pyprep_import::parse_all(&seeds), each);
}

/// Documents, their sections and their questions are read on every core and put back in
/// order: one thread reading everything in turn and many threads taking pieces as they
/// come must give the same documents, warnings and counts, and the same merge.
#[test]
fn results_do_not_depend_on_how_many_threads_read() {
    let seeds = common::seeds();
    let import = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| {
            let docs = pyprep_import::parse_all(&seeds);
            let questions: Vec<_> = docs
                .iter()
                .flat_map(|d| d.as_ref().expect("a seed parses").questions.clone())
                .collect();
            (docs, pyprep_import::merge(&[], &questions))
        })
    };
    let (one_docs, one_merge) = import(1);
    // More threads than this machine has cores, so that pieces interleave even on two.
    for threads in [2, 5] {
        let (docs, merge) = import(threads);
        assert_eq!(docs, one_docs, "{threads} threads");
        assert_eq!(merge, one_merge, "{threads} threads");
    }
}

/// A merge of whole documents reuses the title signatures made while reading them: it must
/// decide exactly what a merge that signs every title afresh decides, alone and into
/// existing questions, and a question edited after reading must be signed again.
#[test]
fn merging_documents_decides_what_merging_their_questions_decides() {
    let docs: Vec<ParsedDocument> = all().values().cloned().collect();
    let flat = |docs: &[ParsedDocument]| -> Vec<Question> {
        docs.iter().flat_map(|d| d.questions.clone()).collect()
    };
    let questions = flat(&docs);
    let alone = merge(&[], &questions);
    assert_eq!(merge_documents(&[], docs.clone()), alone);
    // Into the questions of the first two documents: theirs are already imported, and
    // others join them.
    let existing = merge(&[], &flat(&docs[..2])).added;
    let into = merge(&existing, &questions);
    assert!(!into.unchanged.is_empty() && !into.updated.is_empty());
    assert_eq!(merge_documents(&existing, docs.clone()), into);

    // The first question of the first document takes the wording of a question of the last
    // one that it did not merge with: signed afresh, the two now merge.
    let mut edited = docs.clone();
    let first = &edited[0].questions[0];
    let last = edited.len() - 1;
    let other = edited[last]
        .questions
        .iter()
        .find(|q| q.kind == first.kind && !alone.groups.iter().any(|g| g.titles.contains(&q.title)))
        .expect("a question of the same kind that merged with nothing")
        .clone();
    let q = &mut edited[0].questions[0];
    q.title = other.title.clone();
    q.sources[0].title = other.sources[0].title.clone();
    let expected = merge(&[], &flat(&edited));
    assert_ne!(expected.groups.len(), alone.groups.len());
    assert_eq!(merge_documents(&[], edited.clone()), expected);
    // A question taken out: the rest still line up with their signatures.
    edited[last].questions.remove(0);
    assert_eq!(
        merge_documents(&[], edited.clone()),
        merge(&[], &flat(&edited))
    );
}
