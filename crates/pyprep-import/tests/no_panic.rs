//! No input, however broken, makes the importer panic: arbitrary bytes and markdown-ish text
//! built from the constructs every reader looks for, through every reader and the merge.

use proptest::prelude::*;
use pyprep_import::{Format, merge, parse, parse_as};

const FORMATS: [Format; 6] = [
    Format::GithubGuide,
    Format::MdxAccordion,
    Format::MkdocsMaterial,
    Format::NumberedList,
    Format::PlainText,
    Format::GenericMarkdown,
];

/// Pieces of the layouts the readers recognise, and of the damage they repair.
const PIECES: &[&str] = &[
    "",
    "```",
    "```python",
    "~~~",
    "````",
    "```python\\nx = 1\\n```",
    "    ```",
    "\t\t```python",
    "<details>",
    "</details>",
    "<summary>What is X?</summary>",
    "<summary>",
    "</summary>",
    "<Accordion title=\"1. What is X — a subtitle\">",
    "</Accordion>",
    "<AccordionGroup>",
    "### Q1: What is X?",
    "### Q",
    "## 1. Section",
    "# Title",
    "###",
    "## Questions asked in Google interview",
    "1. **What is x?**",
    "2. What is y?",
    "1.",
    "- item",
    "* item",
    "   - nested",
    "\t- tabbed",
    "Q: Why?",
    "A: Because.",
    "**Q:**",
    "**A:**",
    "Question:",
    "??? success \"View Answer\"",
    "!!! tip \"Interviewer's Insight\"",
    "    indented text",
    "        deeper",
    "\t\ttabbed code()",
    "| Sno | Question Title | Practice Links | Companies Asking | Difficulty | Topics |",
    "|-----|---|---|---|---|---|",
    "| 1 | **[HARD]** What is X? | [a](https://x) | FB, Most Tech Companies | Hard | OOP |",
    "| | |",
    "|",
    "**Difficulty**: Expert",
    "**Difficulty:** ðŸŸ¡ Medium | **Tags:** `OOP` | **Asked by:** Meta",
    "**Follow-up:**",
    "**Red flag answer:** no",
    "**What interviewers are really testing:** x",
    "**Strong signal:**",
    "ðŸŸ¡",
    "â”Œâ”€â”",
    "â”",
    "Ã",
    "\\<",
    "\\&",
    "**slots**",
    "__slots__",
    "What is the GIL?",
    "Explain decorators.",
    "Ready To Ace Your Interviews?",
    "---",
    "<a id=\"q1\"></a>",
    "def f(:",
    "    return x",
    "async with x:",
    "print \"x\"",
    "\"\"\"",
    "'''",
    "x = (",
    "…",
    "Some ordinary sentence that answers the question above in enough words.",
    "\u{feff}",
    "\r",
];

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(String::from),
        1 => "\\PC{0,40}",
        1 => "[ \t#*`|<>!?:.\\-0-9a-z]{0,30}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|lines| lines.join("\n"))
}

fn exercise(bytes: &[u8]) {
    let mut questions = Vec::new();
    if let Ok(doc) = parse("fuzz.md", bytes) {
        let _ = doc.summary().to_string();
        questions.extend(doc.questions);
    }
    for format in FORMATS {
        if let Ok(doc) = parse_as(format, "fuzz.md", bytes) {
            questions.extend(doc.questions);
        }
    }
    let first = merge(&[], &questions);
    let _ = merge(&first.added, &questions);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&bytes);
    }

    #[test]
    fn markdownish_text_never_panics(text in markdownish()) {
        exercise(text.as_bytes());
    }

    #[test]
    fn repairs_and_code_checks_never_panic(text in "\\PC{0,200}") {
        let _ = pyprep_import::repair::fix_mojibake(&text);
        let _ = pyprep_import::repair::expand_escaped_fence(&text);
        let _ = pyprep_import::repair::unescape_mdx(&text);
        let _ = pyprep_import::repair::restore_dunders(&text, &text);
        let _ = pyprep_import::repair::dedent(text.lines());
        let _ = pyprep_import::code::classify("", &text);
        let _ = pyprep_import::code::classify("python", &text);
        let _ = pyprep_import::merge::similarity::title_similarity(&text, "What is X?");
    }
}
