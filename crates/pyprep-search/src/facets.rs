//! Counting facet values over every matching question.
//!
//! Reading six fast columns per matching document costs tens of nanoseconds each, which adds
//! up to milliseconds when a broad query matches most of a large bank. So each segment's
//! facet values are laid out once, on first use, as one flat array of small integers per
//! document (segments never change, so the table stays valid), and counting is a walk over
//! those arrays. Names are attached only to the values that were counted, once per search.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

use crate::document::FACET_FIELDS;

/// How many matching questions have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub name: String,
    pub count: u64,
}

/// Counts per value of each facet, over all questions matching a query and its filters.
/// Each list is sorted by count (highest first), then name, like `pyprep stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub topic: Vec<FacetCount>,
    pub difficulty: Vec<FacetCount>,
    pub kind: Vec<FacetCount>,
    pub company: Vec<FacetCount>,
    pub source: Vec<FacetCount>,
    pub verified: Vec<FacetCount>,
}

/// Companies and source documents are grouped case-insensitively, as the store filters them.
const FOLDED: [bool; 6] = [false, false, false, true, true, false];
/// Ties are ordered by name as `pyprep stats` orders them: case-insensitively for companies
/// only (the store's column collation).
const ORDER_FOLDED: [bool; 6] = [false, false, false, true, false, false];

/// Every facet value of every document of one segment.
pub(crate) struct FacetTable {
    /// Document `d`'s values are `values[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    values: Vec<u32>,
    /// Value number to (facet, name).
    names: Vec<(u8, String)>,
}

impl FacetTable {
    fn build(segment: &SegmentReader) -> tantivy::Result<FacetTable> {
        let mut columns = Vec::new();
        let mut names = Vec::new();
        let mut base = Vec::new();
        let mut name = String::new();
        for (facet, field) in FACET_FIELDS.iter().enumerate() {
            base.push(names.len() as u32);
            let column = segment.fast_fields().str(field)?;
            if let Some(column) = &column {
                for ord in 0..column.num_terms() as u64 {
                    column
                        .ord_to_str(ord, &mut name)
                        .map_err(TantivyError::from)?;
                    names.push((facet as u8, name.clone()));
                }
            }
            columns.push(column);
        }
        let max_doc = segment.max_doc();
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut values = Vec::new();
        for doc in 0..max_doc {
            starts.push(values.len() as u32);
            for (column, base) in columns.iter().zip(&base) {
                if let Some(column) = column {
                    values.extend(column.term_ords(doc).map(|ord| base + ord as u32));
                }
            }
        }
        starts.push(values.len() as u32);
        Ok(FacetTable {
            starts,
            values,
            names,
        })
    }
}

/// Facet tables of the segments searched lately.
#[derive(Default)]
pub(crate) struct FacetCache {
    tables: Mutex<HashMap<SegmentId, Arc<FacetTable>>>,
}

impl FacetCache {
    fn table(&self, segment: &SegmentReader) -> tantivy::Result<Arc<FacetTable>> {
        let id = segment.segment_id();
        if let Some(table) = self.lock().get(&id) {
            return Ok(Arc::clone(table));
        }
        // Built outside the lock: a concurrent search of the same segment may build it too,
        // which is wasted work but gives the same table.
        let table = Arc::new(FacetTable::build(segment)?);
        self.lock().insert(id, Arc::clone(&table));
        Ok(table)
    }

    /// Drops the tables of segments `searcher` no longer has (merged or deleted).
    pub fn retain(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<FacetTable>>> {
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(crate) struct FacetCollector<'a> {
    pub cache: &'a FacetCache,
}

pub(crate) struct SegmentFacets {
    table: Arc<FacetTable>,
    counts: Vec<u32>,
}

type SegmentFruit = Vec<(u8, String, u64)>;

impl Collector for FacetCollector<'_> {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let table = self.cache.table(segment)?;
        let counts = vec![0; table.names.len()];
        Ok(SegmentFacets { table, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentFruit>) -> tantivy::Result<Facets> {
        let mut merged: Vec<Vec<FacetCount>> = Vec::new();
        for (facet, folded) in FOLDED.into_iter().enumerate() {
            // Keyed by the folded name; the first spelling seen is the one shown.
            let mut totals: HashMap<String, FacetCount> = HashMap::new();
            for (_, name, count) in segments.iter().flatten().filter(|v| v.0 as usize == facet) {
                let key = if folded {
                    name.to_lowercase()
                } else {
                    name.clone()
                };
                totals
                    .entry(key)
                    .or_insert_with(|| FacetCount {
                        name: name.clone(),
                        count: 0,
                    })
                    .count += count;
            }
            let mut list: Vec<FacetCount> = totals.into_values().collect();
            if ORDER_FOLDED[facet] {
                list.sort_by_cached_key(|c| (std::cmp::Reverse(c.count), c.name.to_lowercase()));
            } else {
                list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            }
            merged.push(list);
        }
        let mut lists = merged.into_iter();
        let mut next = || lists.next().unwrap_or_default();
        Ok(Facets {
            topic: next(),
            difficulty: next(),
            kind: next(),
            company: next(),
            source: next(),
            verified: next(),
        })
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let table = &*self.table;
        let (start, end) = (table.starts[doc as usize], table.starts[doc as usize + 1]);
        for &value in &table.values[start as usize..end as usize] {
            self.counts[value as usize] += 1;
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let table = &*self.table;
        let counts = &mut self.counts;
        for &doc in docs {
            let (start, end) = (table.starts[doc as usize], table.starts[doc as usize + 1]);
            for &value in &table.values[start as usize..end as usize] {
                counts[value as usize] += 1;
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        self.counts
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(value, &n)| {
                let (facet, name) = &self.table.names[value];
                (*facet, name.clone(), u64::from(n))
            })
            .collect()
    }
}
