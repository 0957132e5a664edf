//! Broken input gets a clear error naming the file and line, never a panic.

mod common;

use common::fixture;
use pyprep_import::{Cause, parse};

#[test]
fn unclosed_fence_names_its_opening_line() {
    let err = parse("unclosed-fence.md", &fixture("unclosed-fence.md")).unwrap_err();
    assert_eq!(err.document, "unclosed-fence.md");
    assert_eq!(err.line, Some(5));
    assert!(matches!(err.cause, Cause::UnclosedFence { .. }));
    assert!(err.to_string().starts_with("unclosed-fence.md:5: "));
}

#[test]
fn unclosed_details_names_its_opening_line() {
    let err = parse("unclosed-details.md", &fixture("unclosed-details.md")).unwrap_err();
    assert_eq!(err.line, Some(3));
    assert_eq!(
        err.cause,
        Cause::UnclosedBlock {
            tag: "details".into()
        }
    );
}

#[test]
fn unclosed_accordion_is_an_error() {
    let text = "<AccordionGroup>\n  <Accordion title=\"1. What is X?\">\n    Answer.\n  <Accordion title=\"2. What is Y?\">\n  </Accordion>\n";
    let err = parse("a.mdx", text.as_bytes()).unwrap_err();
    assert_eq!(err.line, Some(2));
}

#[test]
fn binary_empty_and_non_utf8_files() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let err = parse("image.png", png).unwrap_err();
    assert!(matches!(err.cause, Cause::Binary { .. }));
    assert_eq!(err.line, Some(2));

    for empty in [&b""[..], b"\n\n  \n"] {
        assert_eq!(parse("empty.md", empty).unwrap_err().cause, Cause::Empty);
    }

    let err = parse("latin1.md", b"# Notes\n\n## What is a caf\xe9?\n").unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.to_string().contains("convert the file to UTF-8"));
}
