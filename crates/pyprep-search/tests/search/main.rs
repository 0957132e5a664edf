//! Integration tests of the search engine on the real built-in bank: relevance, facets
//! against the store's stats, and keeping an index in step with changing questions.

mod facets;
mod index;
mod relevance;

use pyprep_core::Question;
use pyprep_search::{Doc, SearchIndex, Verification};

/// The built-in bank, parsed once per test binary.
pub fn bank() -> &'static [Question] {
    static BANK: std::sync::OnceLock<Vec<Question>> = std::sync::OnceLock::new();
    BANK.get_or_init(|| pyprep_bank::questions().expect("the built-in bank parses"))
}

pub fn docs(questions: &[Question]) -> Vec<Doc<'_>> {
    questions
        .iter()
        .map(|question| Doc {
            question,
            in_bank: true,
            verification: Verification::not_run(question),
        })
        .collect()
}

/// An in-memory index of the built-in bank, built once per test binary.
pub fn bank_index() -> &'static SearchIndex {
    static INDEX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::in_memory().expect("in-memory index");
        index.rebuild(&docs(bank())).expect("bank indexes");
        index
    })
}
