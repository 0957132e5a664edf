//! The question and its parts, as every other crate sees them.

use serde::{Deserialize, Serialize};

/// One interview question with everything pyprep knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable slug; reviews and kits refer to it.
    pub id: String,
    pub title: String,
    pub difficulty: Difficulty,
    /// The source's own label ("Intermediate", "Expert") when it differs from `difficulty`.
    pub difficulty_label: Option<String>,
    pub kind: Kind,
    /// Taxonomy topics; the first is the primary one.
    pub topics: Vec<String>,
    pub companies: Vec<String>,
    pub key_points: Vec<String>,
    pub look_for: Vec<String>,
    pub strong_signals: Vec<String>,
    pub red_flags: Vec<String>,
    pub links: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    pub sources: Vec<Source>,
    /// The question as an interviewer would ask it (markdown).
    pub prompt: String,
    /// The model answer (markdown).
    pub answer: String,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub question: String,
    pub answer: String,
}

/// Where an imported question was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Source name, e.g. the file name the question was imported from.
    pub document: String,
    /// 1-based position of the question within that document.
    pub position: u32,
    /// The question's original wording in that document.
    pub title: String,
    /// 1-based line where the question starts.
    pub line: u32,
    /// The answer this source gave, kept when its question was merged into another one.
    #[serde(default)]
    pub answer: Option<String>,
}

/// A code example attached to a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// Short caption; empty when the example has none.
    pub caption: String,
    /// Prose shown before the code (markdown); empty when there is none.
    pub description: String,
    /// Fence language such as `python`, `pycon`, `bash`.
    pub language: String,
    /// Source code, every line terminated by `\n`.
    pub code: String,
    /// Exactly what the code prints, every line terminated by `\n`.
    pub expected_output: Option<String>,
    /// Not meant to run on its own (pseudo-code, a piece of a larger program).
    pub norun: bool,
    /// Runs, but its output varies between runs, so it is never a drill.
    pub nondeterministic: bool,
    /// Third-party packages it needs.
    pub requires: Vec<String>,
}

impl Example {
    /// A Python example that pyprep should execute (not a fragment, needs no third-party package).
    pub fn is_runnable_python(&self) -> bool {
        self.language == "python" && !self.norun && self.requires.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

/// What kind of exercise a question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Explain a concept.
    Concept,
    /// Predict what a program prints.
    Output,
    /// Write code that passes tests.
    Coding,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Concept, Kind::Output, Kind::Coding];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Concept => "concept",
            Kind::Output => "output",
            Kind::Coding => "coding",
        }
    }
}

/// A value that is not one of the allowed names, with the names that are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}; expected one of: {expected}")]
pub struct UnknownName {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

/// `FromStr` (case-insensitive, listing the choices on error) and `Display` for an enum with
/// `ALL` and `as_str`: `name_enum!(Difficulty, "difficulty")`. Exported for the other
/// crates' named enums (card states, review kinds, interview roles).
#[macro_export]
macro_rules! name_enum {
    ($ty:ident, $what:literal) => {
        impl std::str::FromStr for $ty {
            type Err = $crate::model::UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::ALL
                    .into_iter()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
                    .ok_or_else(|| $crate::model::UnknownName {
                        what: $what,
                        value: s.to_string(),
                        expected: $ty::ALL.map(|v| v.as_str()).join(", "),
                    })
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

crate::name_enum!(Difficulty, "difficulty");
crate::name_enum!(Kind, "kind");

/// Whether `id` is a valid question slug: lowercase ASCII letters, digits and single `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Turns free text into a slug that passes [`is_valid_id`] (or an empty string).
pub fn slugify(text: &str) -> String {
    // Read as bytes: every byte of a non-ASCII character is >= 0x80, so it separates words
    // exactly as the whole character would, and the slug is ASCII. Written into a buffer
    // on the stack: a slug is at most 80 characters and a dash (dropped below).
    // Each byte's slug character: itself lowercased for ASCII letters and digits, 0 for a
    // separator (one table lookup per byte: every imported title is slugged).
    const SLUG_BYTE: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let byte = b as u8;
            if byte.is_ascii_alphanumeric() {
                table[b] = byte.to_ascii_lowercase();
            }
            b += 1;
        }
        table
    };
    let mut slug = [0u8; 81];
    let mut len = 0;
    for &b in text.as_bytes() {
        let c = SLUG_BYTE[usize::from(b)];
        if c != 0 {
            if len >= 80 {
                break;
            }
            slug[len] = c;
            len += 1;
        } else if len > 0 && slug[len - 1] != b'-' {
            slug[len] = b'-';
            len += 1;
        }
    }
    while len > 0 && slug[len - 1] == b'-' {
        len -= 1;
    }
    std::str::from_utf8(&slug[..len])
        .expect("a slug is ASCII")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_case_insensitively_and_reject_unknown() {
        assert_eq!("Medium".parse::<Difficulty>().unwrap(), Difficulty::Medium);
        let err = "expert".parse::<Difficulty>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown difficulty \"expert\"; expected one of: easy, medium, hard"
        );
        assert_eq!("coding".parse::<Kind>().unwrap(), Kind::Coding);
    }

    #[test]
    fn slugify_yields_valid_ids() {
        assert_eq!(slugify("What is `__slots__`?"), "what-is-slots");
        assert_eq!(slugify("  --  "), "");
        // A non-ASCII character separates words like punctuation does.
        assert_eq!(slugify("Café au lait — naïve?"), "caf-au-lait-na-ve");
        assert!(is_valid_id(&slugify("A  B -- C!")));
        assert!(!is_valid_id("Bad_Id"));
        assert!(!is_valid_id("trailing-"));
    }
}
