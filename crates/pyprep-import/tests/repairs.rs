//! Damage repaired on the way in: mojibake, escaped one-line code, MDX escapes, dunders
//! turned bold, tab-indented code.

use pyprep_import::parse;
use pyprep_import::repair::{
    dedent, expand_escaped_fence, fix_mojibake, restore_dunders, unescape_mdx,
};

#[test]
fn mojibake_from_cp1252_is_undone() {
    assert_eq!(fix_mojibake("Status: ðŸŸ¢ Easy"), "Status: 🟢 Easy");
    assert_eq!(fix_mojibake("â”Œâ”€â”€â”"), "┌──┐");
    assert_eq!(fix_mojibake("itâ€™s â€œquotedâ€\u{9d}"), "it’s “quoted”");
    assert_eq!(fix_mojibake("crème brûlée"), "crème brûlée");
}

#[test]
fn escaped_one_line_code_is_decoded() {
    let line = r#"```python\nname = \"x\"\nprint(f\"hi {name}\\n\")\n```"#;
    assert_eq!(
        expand_escaped_fence(line).unwrap(),
        "```python\nname = \"x\"\nprint(f\"hi {name}\\n\")\n```"
    );
}

#[test]
fn mdx_and_dunders_and_tabs() {
    assert_eq!(unescape_mdx(r"costs \~2x, \<1ms"), "costs ~2x, <1ms");
    assert_eq!(
        restore_dunders("Why define **repr**?", "def __repr__(self): ..."),
        "Why define `__repr__`?"
    );
    assert_eq!(dedent(["\t\tif x:", "\t\t\ty = 1"]), "if x:\n    y = 1\n");
}

#[test]
fn a_damaged_document_comes_out_clean() {
    let doc = concat!(
        "### Q1: How do you define **eq**?\n\n",
        "**Difficulty**: ðŸŸ¡ Intermediate\n\n",
        "```python\\nclass P:\\n    def __eq__(self, other):\\n        return True\\n```\n\n",
        "### Q2: How do you draw a box?\n\n",
        "**Difficulty**: Beginner\n\n",
        "```\nâ”Œâ”€â”\nâ””â”€â”˜\n```\n",
    );
    let parsed = parse("damaged.md", doc.as_bytes()).unwrap();
    let q1 = &parsed.questions[0];
    assert_eq!(q1.title, "How do you define `__eq__`?");
    assert_eq!(q1.difficulty_label.as_deref(), Some("Intermediate"));
    assert_eq!(
        q1.examples[0].code,
        "class P:\n    def __eq__(self, other):\n        return True\n"
    );
    let q2 = &parsed.questions[1];
    assert!(q2.examples.is_empty());
    assert_eq!(q2.answer, "```text\n┌─┐\n└─┘\n```");
    assert_eq!(parsed.repairs.escaped_code_blocks, 1);
    assert_eq!(parsed.repairs.mojibake_lines, 3);
}
