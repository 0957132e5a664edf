//! Why an input document could not be imported.

/// A document that cannot be imported: which document, which line (1-based, when one line is
/// to blame) and what is wrong. Its `Display` is the one-line message the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {cause}", .document, .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ImportError {
    pub document: String,
    pub line: Option<u32>,
    pub cause: Cause,
}

/// What is wrong with a document; every variant says what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Cause {
    #[error("the file is empty; there is nothing to import")]
    Empty,
    #[error(
        "binary data (byte 0x{byte:02x}), not a text document; import markdown or plain text files"
    )]
    Binary { byte: u8 },
    #[error("the file is UTF-16 text; save it as UTF-8 and import it again")]
    Utf16,
    #[error(
        "invalid UTF-8 (byte 0x{byte:02x} in column {column}); convert the file to UTF-8 first, e.g. `iconv -f cp1252 -t utf-8`"
    )]
    InvalidUtf8 { byte: u8, column: u32 },
    #[error(
        "the code block opened here with {fence} is never closed; add a closing {fence} line after the code"
    )]
    UnclosedFence { fence: String },
    #[error("the <{tag}> block opened here is never closed; add </{tag}> after its content")]
    UnclosedBlock { tag: String },
}

impl ImportError {
    pub(crate) fn new(document: &str, line: Option<u32>, cause: Cause) -> Self {
        ImportError {
            document: document.to_string(),
            line,
            cause,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_line_and_cause() {
        let err = ImportError::new(
            "guide.md",
            Some(12),
            Cause::UnclosedFence {
                fence: "```".into(),
            },
        );
        assert_eq!(
            err.to_string(),
            "guide.md:12: the code block opened here with ``` is never closed; add a closing ``` line after the code"
        );
        let err = ImportError::new("empty.md", None, Cause::Empty);
        assert_eq!(
            err.to_string(),
            "empty.md: the file is empty; there is nothing to import"
        );
    }
}
