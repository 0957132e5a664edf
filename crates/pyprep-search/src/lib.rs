//! pyprep's search engine: instant full-text search over questions, with typo tolerance,
//! prefix matching for search-as-you-type, exact phrases, Python identifiers searchable as
//! written, facet counts that combine with the query, and HTML-safe highlighted fragments.
//!
//! It is built on tantivy and knows nothing about databases: callers hand it questions (with
//! the little the store knows beyond their content: built-in or imported, verification
//! status) and keep it in step through [`SearchIndex::sync`], [`SearchIndex::upsert`] and
//! [`SearchIndex::remove`]. Every index records a fingerprint of what it holds, so a caller
//! can tell a stale index from a current one and must never serve the former. The API is
//! synchronous and cheap to call repeatedly; one [`SearchIndex`] can be shared across threads.
//! This crate must not print, talk to a store or know about the CLI or the web app.

mod analyze;
mod document;
mod engine;
mod facets;
mod highlight;
mod index;
mod query;

use std::path::PathBuf;

pub use document::{Doc, Verification};
pub use engine::{Filter, Hit, Request, Results};
pub use facets::{FacetCount, Facets};
pub use index::{SearchIndex, SyncReport, fingerprint};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Another process is writing the index; the caller can search a private in-memory copy.
    #[error("the search index {} is being updated by another pyprep process", path.display())]
    Locked { path: PathBuf },
    #[error("cannot {op} the search index {}: {source}", path.display())]
    Io {
        op: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A directory that is not a pyprep search index is in the way.
    #[error(
        "{} exists and is not a pyprep search index; move it away so pyprep can build one there",
        path.display()
    )]
    NotAnIndex { path: PathBuf },
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
