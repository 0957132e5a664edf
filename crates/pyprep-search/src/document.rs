//! What the index holds for a question: the schema, the values taken from a [`Doc`], and the
//! per-question hash that tells whether the indexed copy is current.

use pyprep_core::check::code_fingerprint;
use pyprep_core::{CheckStatus, ExampleCheck, Question};
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer, TokenizerManager};

use crate::analyze::{PairTokenizer, PyTokenizer};

/// Bumped whenever the schema, the analyzer or what goes into a field changes, so an index
/// written by another version is rebuilt instead of answering wrongly.
pub(crate) const FORMAT: u32 = 2;

pub(crate) const PY_TOKENIZER: &str = "pyprep";
pub(crate) const PAIR_TOKENIZER: &str = "pyprep_pairs";
pub(crate) const LOWER_TOKENIZER: &str = "pyprep_lower";

/// A question to index, with what the store knows about it beyond its content.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub question: &'a Question,
    /// It came from the built-in bank (it then counts under the source `bank`).
    pub in_bank: bool,
    pub verification: Verification,
}

/// Whether a question's runnable examples were checked by running them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verification {
    /// Every runnable example ran and printed its expected output.
    Verified,
    /// At least one runnable example failed.
    Failing,
    /// It has runnable examples that were not run yet.
    Unverified,
    /// Nothing to run.
    NoCode,
}

impl Verification {
    pub const ALL: [Verification; 4] = [
        Verification::Verified,
        Verification::Failing,
        Verification::Unverified,
        Verification::NoCode,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::Failing => "failing",
            Verification::Unverified => "unverified",
            Verification::NoCode => "no-code",
        }
    }

    /// The status of a question nobody has verified yet.
    pub fn not_run(question: &Question) -> Verification {
        Verification::from_checks(question, &[])
    }

    /// The status of `question` given the stored checks of its examples (any order, other
    /// questions' checks ignored). A check of code that has changed since does not count.
    pub fn from_checks(question: &Question, checks: &[ExampleCheck]) -> Verification {
        let mut any_runnable = false;
        let mut all_passed = true;
        for (i, example) in question.examples.iter().enumerate() {
            if !example.is_runnable_python() {
                continue;
            }
            any_runnable = true;
            let fingerprint = code_fingerprint(&example.code);
            let current = checks.iter().find(|c| {
                c.question_id == question.id
                    && c.example as usize == i
                    && c.code_fingerprint == fingerprint
            });
            match current {
                Some(check) if check.status.is_failure() => return Verification::Failing,
                Some(check) if check.status == CheckStatus::Passed => {}
                _ => all_passed = false,
            }
        }
        match (any_runnable, all_passed) {
            (false, _) => Verification::NoCode,
            (true, true) => Verification::Verified,
            (true, false) => Verification::Unverified,
        }
    }
}

pyprep_core::name_enum!(Verification, "verification status");

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    /// Per-question content hash, to sync without re-reading the documents.
    pub hash: Field,
    pub title: Field,
    /// Lowercased title, only for ordering a query with no words.
    pub title_sort: Field,
    /// Other wordings of the question (its sources' titles).
    pub aliases: Field,
    pub key_points: Field,
    /// Everything searchable, titles and key points included: the field every word must match.
    pub body: Field,
    /// The body's neighbouring word pairs, documents only: narrows phrases of common words.
    pub pairs: Field,
    pub prompt: Field,
    pub answer: Field,
    pub topic: Field,
    pub difficulty: Field,
    pub kind: Field,
    pub company: Field,
    pub source: Field,
    pub verified: Field,
}

/// The fast-field names of the facets, in [`crate::Facets`] order.
pub(crate) const FACET_FIELDS: [&str; 6] = [
    "topic",
    "difficulty",
    "kind",
    "company",
    "source",
    "verified",
];

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text = |positions: bool| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(PY_TOKENIZER)
                    .set_index_option(if positions {
                        IndexRecordOption::WithFreqsAndPositions
                    } else {
                        IndexRecordOption::WithFreqs
                    }),
            )
        };
        // Facets: the value as written in a fast column (counted and shown), and indexed for
        // filtering, lowercased where the store compares case-insensitively.
        let facet = |tokenizer: &str| {
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(tokenizer)
                        .set_index_option(IndexRecordOption::Basic)
                        .set_fieldnorms(false),
                )
                .set_fast("raw")
                .set_stored()
        };
        let fields = Fields {
            id: builder.add_text_field("id", facet("raw")),
            hash: builder.add_u64_field("hash", FAST),
            title: builder.add_text_field("title", text(true).set_stored()),
            title_sort: builder.add_text_field(
                "title_sort",
                TextOptions::default().set_fast(LOWER_TOKENIZER),
            ),
            aliases: builder.add_text_field("aliases", text(true)),
            key_points: builder.add_text_field("key_points", text(true).set_stored()),
            body: builder.add_text_field("body", text(true)),
            pairs: builder.add_text_field(
                "pairs",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(PAIR_TOKENIZER)
                        .set_index_option(IndexRecordOption::Basic)
                        .set_fieldnorms(false),
                ),
            ),
            prompt: builder.add_text_field("prompt", STORED),
            answer: builder.add_text_field("answer", STORED),
            topic: builder.add_text_field(FACET_FIELDS[0], facet("raw")),
            difficulty: builder.add_text_field(FACET_FIELDS[1], facet("raw")),
            kind: builder.add_text_field(FACET_FIELDS[2], facet("raw")),
            company: builder.add_text_field(FACET_FIELDS[3], facet(LOWER_TOKENIZER)),
            source: builder.add_text_field(FACET_FIELDS[4], facet(LOWER_TOKENIZER)),
            verified: builder.add_text_field(FACET_FIELDS[5], facet("raw")),
        };
        (builder.build(), fields)
    }
}

/// The analyzers the schema names; an index opened from disk needs them registered again.
pub(crate) fn register_tokenizers(index: &tantivy::Index) {
    let lower = || {
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build()
    };
    let tokenizers: &TokenizerManager = index.tokenizers();
    tokenizers.register(PY_TOKENIZER, TextAnalyzer::from(PyTokenizer));
    tokenizers.register(PAIR_TOKENIZER, TextAnalyzer::from(PairTokenizer));
    tokenizers.register(LOWER_TOKENIZER, lower());
    index
        .fast_field_tokenizer()
        .register(LOWER_TOKENIZER, lower());
}

/// The values a question is indexed with. Indexing and hashing both read this, so the hash
/// covers exactly what the index holds.
pub(crate) struct Values<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub aliases: Vec<&'a str>,
    pub key_points: String,
    pub prompt: &'a str,
    pub answer: &'a str,
    /// Body text beyond title, aliases, prompt, key points and answer.
    pub extra: Vec<&'a str>,
    pub topics: Vec<&'a str>,
    pub difficulty: &'static str,
    pub kind: &'static str,
    pub companies: Vec<&'a str>,
    pub sources: Vec<&'a str>,
    pub verified: &'static str,
}

/// `items` without repeats, comparing case-insensitively when `fold` (the first spelling wins).
fn distinct<'a>(items: impl IntoIterator<Item = &'a str>, fold: bool) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        let item = item.trim();
        let dup = seen.iter().any(|s| {
            if fold {
                s.eq_ignore_ascii_case(item)
            } else {
                *s == item
            }
        });
        if !item.is_empty() && !dup {
            seen.push(item);
        }
    }
    seen
}

impl<'a> Values<'a> {
    pub fn of(doc: &Doc<'a>) -> Values<'a> {
        let q = doc.question;
        let mut extra: Vec<&str> = Vec::new();
        for list in [&q.look_for, &q.strong_signals, &q.red_flags] {
            extra.extend(list.iter().map(String::as_str));
        }
        for follow_up in &q.follow_ups {
            extra.push(&follow_up.question);
            extra.push(&follow_up.answer);
        }
        for example in &q.examples {
            extra.extend([
                example.caption.as_str(),
                example.description.as_str(),
                example.code.as_str(),
            ]);
        }
        let documents = distinct(q.sources.iter().map(|s| s.document.as_str()), true);
        extra.extend(documents.iter().copied());
        let bank = doc.in_bank.then_some("bank");
        let sources = distinct(bank.into_iter().chain(documents), true);
        Values {
            id: &q.id,
            title: &q.title,
            aliases: distinct(
                q.sources
                    .iter()
                    .map(|s| s.title.as_str())
                    .filter(|t| !t.eq_ignore_ascii_case(q.title.trim())),
                true,
            ),
            key_points: q.key_points.join("\n"),
            prompt: &q.prompt,
            answer: &q.answer,
            extra: extra.into_iter().filter(|t| !t.is_empty()).collect(),
            topics: distinct(q.topics.iter().map(String::as_str), false),
            difficulty: q.difficulty.as_str(),
            kind: q.kind.as_str(),
            companies: distinct(q.companies.iter().map(String::as_str), true),
            sources,
            verified: doc.verification.as_str(),
        }
    }

    /// A stable 64-bit hash of everything indexed, the index format included.
    pub fn hash(&self) -> u64 {
        let format = FORMAT.to_le_bytes();
        let mut parts: Vec<&[u8]> = vec![&format, self.id.as_bytes(), self.title.as_bytes()];
        // A tag before each list keeps ["a"], [] apart from [], ["a"].
        let lists: [(&[u8], &[&str]); 6] = [
            (b"aliases", &self.aliases),
            (b"extra", &self.extra),
            (b"topics", &self.topics),
            (b"companies", &self.companies),
            (b"sources", &self.sources),
            (b"end", &[]),
        ];
        parts.extend([
            self.key_points.as_bytes(),
            self.prompt.as_bytes(),
            self.answer.as_bytes(),
            self.difficulty.as_bytes(),
            self.kind.as_bytes(),
            self.verified.as_bytes(),
        ]);
        for (tag, items) in lists {
            parts.push(tag);
            parts.extend(items.iter().map(|s| s.as_bytes()));
        }
        let hex = pyprep_core::fingerprint(parts);
        u64::from_str_radix(&hex, 16).expect("fingerprint is 16 hex digits")
    }

    pub fn to_document(&self, f: &Fields, hash: u64) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(f.id, self.id);
        d.add_u64(f.hash, hash);
        d.add_text(f.title, self.title);
        d.add_text(f.title_sort, self.title);
        for alias in &self.aliases {
            d.add_text(f.aliases, alias);
        }
        d.add_text(f.key_points, &self.key_points);
        d.add_text(f.prompt, self.prompt);
        d.add_text(f.answer, self.answer);
        let body = [self.title]
            .into_iter()
            .chain(self.aliases.iter().copied())
            .chain([self.prompt, self.key_points.as_str(), self.answer])
            .chain(self.extra.iter().copied());
        for text in body {
            d.add_text(f.body, text);
            d.add_text(f.pairs, text);
        }
        for topic in &self.topics {
            d.add_text(f.topic, topic);
        }
        d.add_text(f.difficulty, self.difficulty);
        d.add_text(f.kind, self.kind);
        for company in &self.companies {
            d.add_text(f.company, company);
        }
        for source in &self.sources {
            d.add_text(f.source, source);
        }
        d.add_text(f.verified, self.verified);
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(question: &Question, example: u32, code: &str, status: CheckStatus) -> ExampleCheck {
        ExampleCheck {
            question_id: question.id.clone(),
            example,
            code_fingerprint: code_fingerprint(code),
            status,
            detail: String::new(),
            output: String::new(),
            python_version: "3.11.0".into(),
            drill: false,
            checked_at: 0,
        }
    }

    #[test]
    fn verification_follows_the_current_checks_of_runnable_examples() {
        let question = pyprep_bank::questions()
            .unwrap()
            .into_iter()
            .find(|q| q.examples.iter().filter(|e| e.is_runnable_python()).count() >= 1)
            .unwrap();
        let runnable: Vec<(u32, &str)> = question
            .examples
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_runnable_python())
            .map(|(i, e)| (i as u32, e.code.as_str()))
            .collect();
        let passed: Vec<ExampleCheck> = runnable
            .iter()
            .map(|&(i, code)| check(&question, i, code, CheckStatus::Passed))
            .collect();
        assert_eq!(Verification::not_run(&question), Verification::Unverified);
        assert_eq!(
            Verification::from_checks(&question, &passed),
            Verification::Verified
        );
        let (i, code) = runnable[0];
        let failed = [check(&question, i, code, CheckStatus::Error)];
        assert_eq!(
            Verification::from_checks(&question, &failed),
            Verification::Failing
        );
        // A check of code that has since changed says nothing about the example.
        let stale = [check(
            &question,
            i,
            "print('old code')\n",
            CheckStatus::Error,
        )];
        assert_eq!(
            Verification::from_checks(&question, &stale),
            Verification::Unverified
        );
        let mut no_code = question.clone();
        no_code.examples.clear();
        assert_eq!(Verification::not_run(&no_code), Verification::NoCode);
    }
}
