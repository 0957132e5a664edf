//! The query language, parsed into a small AST that the engine turns into tantivy queries.
//!
//! It is deliberately forgiving, because people type into a search box rather than write
//! queries: words (`corutine`, `__get__`, `functools.lru_cache`), `"exact phrases"` and
//! `-excluded` words or phrases. An unclosed quote runs to the end; stray punctuation is
//! ignored. Nothing is a syntax error.

use crate::analyze::{self, Run};

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Parsed {
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    pub kind: ClauseKind,
    pub negated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ClauseKind {
    /// One word or identifier. `complete` is false for the last word of a query that does not
    /// end in a space or punctuation: the user may still be typing it, so it also matches as a
    /// prefix.
    Word { run: Run, complete: bool },
    /// Words that must appear in this order; the atoms of the quoted text.
    Phrase { words: Vec<String> },
}

/// Common words that carry no meaning on their own ("what is the GIL"). They only add to the
/// score, unless the query is made of nothing else. Python keywords (`is`, `in`, `with`, `for`,
/// `and`, `or`, `not`, `as`) are not among them: "with statement" means `with`.
const STOP_WORDS: &[&str] = &[
    "a", "an", "are", "at", "be", "by", "can", "do", "does", "how", "i", "it", "of", "on",
    "should", "the", "to", "versus", "vs", "what", "when", "which", "why", "you", "your",
];

impl Clause {
    /// Whether the clause is a stop word that should only add to the score.
    pub fn is_stop_word(&self) -> bool {
        match &self.kind {
            ClauseKind::Word { run, .. } => run.is_simple() && STOP_WORDS.contains(&&*run.text),
            ClauseKind::Phrase { .. } => false,
        }
    }
}

pub(crate) fn parse(query: &str) -> Parsed {
    let mut clauses = Vec::new();
    let mut rest = query;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        // `-word` and `-"a phrase"` exclude; `->` or `-=` are operators.
        let (negated, body) = match rest.strip_prefix('-') {
            Some(after)
                if after.starts_with(|c: char| c.is_alphanumeric() || "_*\"".contains(c)) =>
            {
                (true, after)
            }
            _ => (false, rest),
        };
        if let Some(quoted) = body.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            let words: Vec<String> = analyze::runs(&quoted[..end])
                .iter()
                .flat_map(|run| run.atoms().map(|a| a.text.clone()).collect::<Vec<_>>())
                .collect();
            if !words.is_empty() {
                clauses.push(Clause {
                    kind: ClauseKind::Phrase { words },
                    negated,
                });
            }
            rest = quoted.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = body
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(body.len());
        let chunk = &body[..end];
        for run in analyze::runs(chunk) {
            // Only the very end of the query can be a word still being typed.
            let complete = !(end == body.len() && run.range.end == chunk.len());
            clauses.push(Clause {
                kind: ClauseKind::Word { run, complete },
                negated,
            });
        }
        rest = &body[end..];
    }
    Parsed { clauses }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(query: &str) -> Vec<String> {
        parse(query)
            .clauses
            .iter()
            .map(|c| {
                let sign = if c.negated { "-" } else { "" };
                match &c.kind {
                    ClauseKind::Word { run, complete } => {
                        format!("{sign}{}{}", run.text, if *complete { "" } else { "…" })
                    }
                    ClauseKind::Phrase { words } => format!("{sign}\"{}\"", words.join(" ")),
                }
            })
            .collect()
    }

    #[test]
    fn words_phrases_and_exclusions() {
        assert_eq!(
            describe(r#"GIL "mutable default" -thread __slots__"#),
            ["gil", "\"mutable default\"", "-thread", "__slots__…"]
        );
        assert_eq!(describe("lru_cache() "), ["lru_cache"]);
        assert_eq!(describe("*args,"), ["*args"]);
        assert_eq!(describe("functools.lru"), ["functools.lru…"]);
    }

    #[test]
    fn sloppy_input_never_fails() {
        assert_eq!(describe(r#""unclosed phrase"#), ["\"unclosed phrase\""]);
        assert_eq!(describe(r#" - "" -- ?! "#), Vec::<String>::new());
        assert_eq!(describe("-> -="), ["->", "-=…"]);
        assert_eq!(describe("a-b"), ["a", "b…"]);
    }

    #[test]
    fn stop_words_are_recognised() {
        let parsed = parse("what is the GIL");
        let stops: Vec<bool> = parsed.clauses.iter().map(Clause::is_stop_word).collect();
        assert_eq!(stops, [true, false, true, false]);
    }
}
