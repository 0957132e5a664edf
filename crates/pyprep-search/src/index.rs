//! The index itself: where it lives, how it is written, and how it knows what it holds.
//!
//! An index's fingerprint is the index format, the number of questions and the wrapping sum of
//! their content hashes. A sum, unlike a hash of the whole list, can be updated when one
//! question is added, replaced or removed, so incremental updates keep it exact without
//! re-reading everything. It is committed atomically with the documents (as tantivy's commit
//! payload), so a crash leaves an index whose fingerprint still describes its content.
//!
//! Computing a fingerprint to compare needs every question's content. A caller that can name
//! what it indexed more cheaply (the store's revision) records that name with
//! [`SearchIndex::sync_from`] and later compares it with [`SearchIndex::source`] without
//! reading any question; any other write forgets the name.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::directory::error::LockError;
use tantivy::merge_policy::NoMergePolicy;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyError, Term};

use crate::document::{Doc, FORMAT, Fields, Values, register_tokenizers};
use crate::facets::FacetCache;
use crate::{Result, SearchError};

/// Indexing memory per thread; tantivy flushes a segment when it is used up.
const WRITER_MEMORY_PER_THREAD: usize = 64 << 20;
/// Above this many changed questions, a sync also merges segments so queries stay fast.
const MERGE_AFTER_CHANGES: usize = 1000;
/// More segments than this slow every query down a little; small ones are then merged.
const MAX_SEGMENTS: usize = 8;

/// A search index over questions, in memory or in a directory.
///
/// Searching takes `&self` and never blocks on writers; writes take an internal lock, so an
/// `Arc<SearchIndex>` can serve searches from many threads while one of them updates it.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) facet_cache: FacetCache,
    writer: Mutex<Option<IndexWriter>>,
    state: RwLock<Option<State>>,
    path: Option<PathBuf>,
}

/// What a committed index holds, in a form that incremental updates can adjust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct State {
    format: u32,
    count: u64,
    sum: u64,
    /// What the caller of `sync_from` said the documents came from.
    #[serde(default)]
    source: Option<String>,
}

impl State {
    fn empty() -> State {
        State {
            format: FORMAT,
            count: 0,
            sum: 0,
            source: None,
        }
    }

    fn add(&mut self, hash: u64) {
        self.count += 1;
        self.sum = self.sum.wrapping_add(hash);
    }

    fn remove(&mut self, hash: u64) {
        self.count -= 1;
        self.sum = self.sum.wrapping_sub(hash);
    }

    fn fingerprint(&self) -> String {
        format!("v{}-{}-{:016x}", self.format, self.count, self.sum)
    }
}

/// The fingerprint an index holding exactly `docs` has; compare it with
/// [`SearchIndex::fingerprint`] to tell whether the index is current.
pub fn fingerprint(docs: &[Doc<'_>]) -> String {
    let mut state = State::empty();
    let mut seen = HashSet::new();
    // Like the index, a repeated id counts once, as its last version.
    for doc in docs.iter().rev() {
        if seen.insert(doc.question.id.as_str()) {
            state.add(Values::of(doc).hash());
        }
    }
    state.fingerprint()
}

/// What [`SearchIndex::sync`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
}

impl SyncReport {
    pub fn changed(&self) -> usize {
        self.added + self.updated + self.removed
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another thread mid-write leaves nothing half-done that a commit would
    // publish: tantivy only publishes on commit.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SearchIndex {
    /// An empty index in memory.
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        SearchIndex::wrap(index, fields, None)
    }

    /// Opens the index in `dir`, creating it when missing. An index written by another version
    /// of pyprep, or one that cannot be read, is replaced by an empty one (its fingerprint then
    /// tells the caller to fill it). A non-empty directory that is not an index is left alone.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let (schema, fields) = Fields::schema();
        let io = |op| {
            move |source| SearchError::Io {
                op,
                path: dir.to_path_buf(),
                source,
            }
        };
        let ours = dir.join("meta.json").is_file() || dir.join(".managed.json").is_file();
        if ours {
            let current_format = |index: &Index| match index.load_metas().map(|m| m.payload) {
                Ok(None) => true,
                Ok(Some(payload)) => {
                    serde_json::from_str::<State>(&payload).is_ok_and(|s| s.format == FORMAT)
                }
                Err(_) => false,
            };
            let reusable = Index::open_in_dir(dir)
                .ok()
                .filter(|index| index.schema() == schema && current_format(index))
                .and_then(|index| SearchIndex::wrap(index, fields, Some(dir.to_path_buf())).ok());
            if let Some(opened) = reusable {
                return Ok(opened);
            }
            // Written by another version of pyprep, or damaged: the caller refills it.
            std::fs::remove_dir_all(dir).map_err(io("remove the outdated"))?;
        } else if dir.exists() {
            let empty = std::fs::read_dir(dir).map_err(io("read"))?.next().is_none();
            if !empty {
                return Err(SearchError::NotAnIndex {
                    path: dir.to_path_buf(),
                });
            }
        }
        std::fs::create_dir_all(dir).map_err(io("create"))?;
        let index = Index::create_in_dir(dir, schema)?;
        SearchIndex::wrap(index, fields, Some(dir.to_path_buf()))
    }

    fn wrap(index: Index, fields: Fields, path: Option<PathBuf>) -> Result<SearchIndex> {
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let state = match index.load_metas()?.payload {
            Some(payload) => serde_json::from_str::<State>(&payload).ok(),
            None => None,
        };
        Ok(SearchIndex {
            index,
            reader,
            fields,
            facet_cache: FacetCache::default(),
            writer: Mutex::new(None),
            state: RwLock::new(state),
            path,
        })
    }

    fn state(&self) -> Option<State> {
        self.state
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// What the last [`SearchIndex::sync_from`] said the documents came from, unless the index
    /// was written otherwise since.
    pub fn source(&self) -> Option<String> {
        self.state().and_then(|s| s.source)
    }

    /// The directory the index lives in, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The fingerprint of what the index holds, `None` for an index never filled.
    pub fn fingerprint(&self) -> Option<String> {
        self.state().map(|s| s.fingerprint())
    }

    /// Whether the index holds exactly `docs`. A stale index must be synced before searching.
    pub fn is_current(&self, docs: &[Doc<'_>]) -> bool {
        self.fingerprint().as_deref() == Some(fingerprint(docs).as_str())
    }

    /// The number of questions in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut guard = lock(&self.writer);
        if guard.is_none() {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            let writer = self
                .index
                .writer_with_num_threads(threads, threads * WRITER_MEMORY_PER_THREAD)
                .map_err(|e| match e {
                    TantivyError::LockFailure(LockError::LockBusy, _) => SearchError::Locked {
                        path: self.path.clone().unwrap_or_default(),
                    },
                    other => other.into(),
                })?;
            // Merges run here, in the foreground, when they are wanted: a background merge
            // would race the explicit ones and leave the reader on many small segments.
            writer.set_merge_policy(Box::new(NoMergePolicy));
            *guard = Some(writer);
        }
        Ok(guard)
    }

    fn commit(&self, writer: &mut IndexWriter, state: State, merge: bool) -> Result<()> {
        let payload = serde_json::to_string(&state).expect("plain data always serialises");
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        // Merged segments hold the same documents, so the payload stays true.
        let mut segments = self.index.searchable_segment_metas()?;
        if merge && segments.len() > 1 {
            let ids: Vec<_> = segments.iter().map(|s| s.id()).collect();
            writer.merge(&ids).wait()?;
        } else if segments.len() > MAX_SEGMENTS {
            // Small updates pile up segments; fold them together, leaving the big one alone.
            segments.sort_by_key(|s| s.num_docs());
            segments.pop();
            let ids: Vec<_> = segments.iter().map(|s| s.id()).collect();
            writer.merge(&ids).wait()?;
        }
        self.reader.reload()?;
        self.facet_cache.retain(&self.reader.searcher());
        *self.state.write().unwrap_or_else(PoisonError::into_inner) = Some(state);
        Ok(())
    }

    /// Replaces the whole content of the index with `docs`.
    pub fn rebuild(&self, docs: &[Doc<'_>]) -> Result<()> {
        let mut guard = self.writer()?;
        let writer = guard.as_mut().expect("writer was just opened");
        writer.delete_all_documents()?;
        let mut state = State::empty();
        let mut seen = HashSet::new();
        for doc in docs.iter().rev() {
            if !seen.insert(doc.question.id.as_str()) {
                continue;
            }
            let values = Values::of(doc);
            let hash = values.hash();
            writer.add_document(values.to_document(&self.fields, hash))?;
            state.add(hash);
        }
        self.commit(writer, state, true)
    }

    /// Adds `docs`, replacing any indexed question with the same id.
    pub fn upsert(&self, docs: &[Doc<'_>]) -> Result<()> {
        let mut guard = self.writer()?;
        let writer = guard.as_mut().expect("writer was just opened");
        let searcher = self.reader.searcher();
        let mut state = self.state().unwrap_or_else(State::empty);
        state.source = None;
        let mut seen = HashSet::new();
        for doc in docs.iter().rev() {
            let id = doc.question.id.as_str();
            if !seen.insert(id) {
                continue;
            }
            let values = Values::of(doc);
            let hash = values.hash();
            let old = self.indexed_hash(&searcher, id)?;
            if old == Some(hash) {
                continue;
            }
            if let Some(old) = old {
                writer.delete_term(Term::from_field_text(self.fields.id, id));
                state.remove(old);
            }
            writer.add_document(values.to_document(&self.fields, hash))?;
            state.add(hash);
        }
        self.commit(writer, state, false)
    }

    /// Removes the questions with these ids; unknown ids are ignored.
    pub fn remove(&self, ids: &[&str]) -> Result<()> {
        let mut guard = self.writer()?;
        let writer = guard.as_mut().expect("writer was just opened");
        let searcher = self.reader.searcher();
        let mut state = self.state().unwrap_or_else(State::empty);
        state.source = None;
        let ids: HashSet<&str> = ids.iter().copied().collect();
        for id in ids {
            if let Some(old) = self.indexed_hash(&searcher, id)? {
                writer.delete_term(Term::from_field_text(self.fields.id, id));
                state.remove(old);
            }
        }
        self.commit(writer, state, false)
    }

    /// Makes the index hold exactly `docs`, rewriting only the questions that changed. Cheap
    /// when the index is current: it then writes nothing.
    pub fn sync(&self, docs: &[Doc<'_>]) -> Result<SyncReport> {
        self.sync_inner(docs, None)
    }

    /// [`SearchIndex::sync`], recording that `docs` are what `source` names (for instance a
    /// store revision), so that [`SearchIndex::source`] can later vouch for the index.
    pub fn sync_from(&self, docs: &[Doc<'_>], source: &str) -> Result<SyncReport> {
        self.sync_inner(docs, Some(source))
    }

    fn sync_inner(&self, docs: &[Doc<'_>], source: Option<&str>) -> Result<SyncReport> {
        let mut wanted: HashMap<&str, &Doc<'_>> = HashMap::new();
        for doc in docs {
            wanted.insert(doc.question.id.as_str(), doc);
        }
        let target = fingerprint(docs);
        let mut report = SyncReport::default();
        let current = self.state();
        if current.as_ref().map(State::fingerprint).as_deref() == Some(target.as_str())
            && current.and_then(|s| s.source).as_deref() == source
        {
            report.unchanged = wanted.len();
            return Ok(report);
        }
        let mut guard = self.writer()?;
        let writer = guard.as_mut().expect("writer was just opened");
        let indexed = self.indexed_hashes(&self.reader.searcher())?;
        let mut state = State::empty();
        state.source = source.map(str::to_string);
        for (id, doc) in &wanted {
            let values = Values::of(doc);
            let hash = values.hash();
            state.add(hash);
            match indexed.get(*id) {
                Some(&old) if old == hash => {
                    report.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    report.updated += 1;
                    writer.delete_term(Term::from_field_text(self.fields.id, id));
                }
                None => report.added += 1,
            }
            writer.add_document(values.to_document(&self.fields, hash))?;
        }
        for id in indexed
            .keys()
            .filter(|id| !wanted.contains_key(id.as_str()))
        {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
            report.removed += 1;
        }
        debug_assert_eq!(state.fingerprint(), target);
        self.commit(writer, state, report.changed() >= MERGE_AFTER_CHANGES)?;
        Ok(report)
    }

    /// The content hash of the indexed question `id`, if it is indexed.
    fn indexed_hash(&self, searcher: &Searcher, id: &str) -> Result<Option<u64>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let segment = searcher.segment_reader(address.segment_ord);
        let column = segment.fast_fields().u64("hash")?;
        Ok(column.first(address.doc_id))
    }

    /// Every indexed id with its content hash.
    fn indexed_hashes(&self, searcher: &Searcher) -> Result<HashMap<String, u64>> {
        let mut out = HashMap::new();
        let mut id = String::new();
        for segment in searcher.segment_readers() {
            let hashes = segment.fast_fields().u64("hash")?;
            let Some(ids) = segment.fast_fields().str("id")? else {
                continue;
            };
            for doc in segment.doc_ids_alive() {
                let (Some(ord), Some(hash)) = (ids.term_ords(doc).next(), hashes.first(doc)) else {
                    continue;
                };
                if ids.ord_to_str(ord, &mut id).map_err(TantivyError::from)? {
                    out.insert(id.clone(), hash);
                }
            }
        }
        Ok(out)
    }
}
