//! The pure core of pyprep: the question model, the topic taxonomy and the canonical bank
//! format (one markdown file per question), with a reader and a writer that round-trip exactly.
//!
//! This crate must not do I/O, talk to a database or spawn processes: callers hand it text and
//! get values back, so everything here is testable with plain strings and property tests.

pub mod bank;
pub mod check;
pub mod fingerprint;
pub mod lint;
pub mod model;
pub mod taxonomy;

pub use bank::{BankError, parse_question, write_question};
pub use check::{CheckStatus, ExampleCheck};
pub use fingerprint::fingerprint;
pub use model::{Difficulty, Example, FollowUp, Kind, Question, Source};
