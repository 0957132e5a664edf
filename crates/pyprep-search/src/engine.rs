//! Turning a parsed query into a tantivy query, running it, and shaping the results.
//!
//! Every word must match somewhere in a question's searchable text (the `body` field). It
//! matches as written, through its stem, as a prefix while it is still being typed, and, when
//! the bank hardly knows it (a misspelling), within one or two typos (by length). Those
//! alternatives are expanded against the term dictionary here, so each is an ordinary
//! BM25-scored term weighted by how far it is from what was typed, and the same terms drive
//! highlighting. The alternatives found in the title, the other titles and the key points add
//! boosted scores, which is what puts title matches first, then key points, then answer text.

use std::collections::{HashMap, HashSet};

use pyprep_core::{Difficulty, Kind};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Order, Score, Searcher, TantivyDocument, Term};

use crate::Result;
use crate::analyze::{self, Run};
use crate::document::Verification;
use crate::facets::{FacetCollector, Facets};
use crate::highlight::{self, Highlighter};
use crate::index::SearchIndex;
use crate::query::{self, ClauseKind, Parsed};

/// Score multipliers per field. `body` holds everything, so a title match scores both.
const TITLE_BOOST: Score = 3.0;
const ALIAS_BOOST: Score = 2.0;
const KEY_POINTS_BOOST: Score = 1.5;

/// Weights of a word's alternatives, relative to the word as typed.
const STEM_WEIGHT: Score = 0.85;
const COMPLETION_WEIGHT: Score = 0.6;
const ONE_TYPO_WEIGHT: Score = 0.45;
const TWO_TYPOS_WEIGHT: Score = 0.25;
const FUZZY_PREFIX_WEIGHT: Score = 0.25;
/// An identifier matched through its parts (`lru_cache` and `functools` both present).
const PARTS_WEIGHT: Score = 0.4;
/// Stop words ("what is the ...") only break ties.
const STOP_WORD_WEIGHT: Score = 0.1;

/// Most alternatives of one word kept, best first; more add noise and time, not hits.
const MAX_TYPO_TERMS: usize = 8;
const MAX_COMPLETIONS: usize = 10;
/// Bounds the work a one- or two-letter prefix could cause on a huge dictionary.
const MAX_SCANNED_TERMS: usize = 50_000;

/// Snippet length in bytes of source text.
const SNIPPET_BYTES: usize = 180;

/// Which questions to search; `None` fields do not filter. Mirrors the store's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A taxonomy topic, exactly.
    pub topic: Option<String>,
    pub difficulty: Option<Difficulty>,
    /// A company, case-insensitively.
    pub company: Option<String>,
    pub kind: Option<Kind>,
    /// `bank` for the built-in bank, or an imported document's name, case-insensitively.
    pub source: Option<String>,
    pub verified: Option<Verification>,
}

/// One search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub query: String,
    pub filter: Filter,
    /// Hits to return, after skipping `offset`.
    pub limit: usize,
    pub offset: usize,
    /// Count facet values over all matches (costs a pass over them).
    pub facets: bool,
}

impl Request {
    /// The first ten hits for `query` with facets and no filter.
    pub fn new(query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            filter: Filter::default(),
            limit: 10,
            offset: 0,
            facets: true,
        }
    }
}

/// One matching question. `title_html` and `snippet_html` are escaped HTML whose only markup
/// is `<mark>` around matched words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: String,
    pub title_html: String,
    /// The passage of the prompt, key points or answer that best shows the match.
    pub snippet_html: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub topics: Vec<String>,
    pub companies: Vec<String>,
    pub verified: Verification,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// How many questions match (all of them, not just the hits returned).
    pub total: u64,
    pub hits: Vec<Hit>,
    /// `None` unless the request asked for facets.
    pub facets: Option<Facets>,
    /// No question matched every word, so these match all words but one.
    pub relaxed: bool,
}

/// What one pass over the matches found: the total, the facets, the page of hits.
type Found = (u64, Option<Facets>, Vec<(Score, DocAddress)>);

/// One alternative of a typed word.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    term: String,
    weight: Score,
}

/// A query in parts, so it can be put together strictly or relaxed.
#[derive(Default)]
struct Plan {
    required: Vec<Box<dyn Query>>,
    optional: Vec<Box<dyn Query>>,
    excluded: Vec<Box<dyn Query>>,
    /// Whether every required clause is a word (a union of terms), not a phrase.
    words_only: bool,
    /// Terms to highlight.
    terms: HashSet<String>,
}

impl Plan {
    /// The query when it is a single word with no filter, stop word or exclusion.
    fn single_clause(&self, filters: &[Box<dyn Query>]) -> Option<&dyn Query> {
        match (
            &self.required[..],
            self.optional.is_empty(),
            self.excluded.is_empty(),
        ) {
            ([only], true, true) if filters.is_empty() && self.words_only => Some(only.as_ref()),
            _ => None,
        }
    }

    /// `relax` lets one required clause go unmatched.
    fn assemble(&self, filters: &[Box<dyn Query>], relax: bool) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if relax {
            let min = self.required.len() - 1;
            let any: Vec<Box<dyn Query>> = self.required.iter().map(|q| q.box_clone()).collect();
            clauses.push((
                Occur::Must,
                Box::new(BooleanQuery::union_with_minimum_required_clauses(any, min)),
            ));
        } else {
            clauses.extend(self.required.iter().map(|q| (Occur::Must, q.box_clone())));
        }
        if self.required.is_empty() {
            // Only stop words: they are all the user typed, so they must match.
            if self.optional.is_empty() {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            } else {
                let any: Vec<Box<dyn Query>> =
                    self.optional.iter().map(|q| q.box_clone()).collect();
                clauses.push((Occur::Must, Box::new(BooleanQuery::union(any))));
            }
        } else {
            clauses.extend(self.optional.iter().map(|q| (Occur::Should, q.box_clone())));
        }
        clauses.extend(
            self.excluded
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        clauses.extend(filters.iter().map(|q| (Occur::Must, q.box_clone())));
        Box::new(BooleanQuery::new(clauses))
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(query: Box<dyn Query>, boost: Score) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions costing one),
/// the distance tantivy's automata use.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Typos allowed in a word of this many letters and digits: none below 4 (too many short
/// words are one edit apart), one below 8, else two. Underscores, dots and stars do not count: `__get__` is as short as `get`, and must not
/// turn into `__set__`.
fn typo_budget(word: &str) -> u8 {
    if !word.chars().any(char::is_alphabetic) {
        return 0;
    }
    match word.chars().filter(|c| c.is_alphanumeric()).count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

impl SearchIndex {
    /// Runs one search against the last committed state of the index.
    pub fn search(&self, request: &Request) -> Result<Results> {
        let searcher = self.reader.searcher();
        let plan = self.plan(&searcher, &query::parse(&request.query))?;
        let filters = self.filters(&request.filter);
        let by_title = plan.required.is_empty() && plan.optional.is_empty();
        if let Some(only) = plan.single_clause(&filters) {
            // One word and nothing else: counting and facets need no scores, and the best
            // hits of a plain union of terms can be found without scoring every match
            // (block-max WAND), so two passes beat one.
            let (total, facets) = if request.facets {
                let collector = (
                    Count,
                    FacetCollector {
                        cache: &self.facet_cache,
                    },
                );
                let (count, facets) = searcher.search(only, &collector)?;
                (count as u64, Some(facets))
            } else {
                (searcher.search(only, &Count)? as u64, None)
            };
            let addresses = if request.limit > 0 && total > 0 {
                let top = TopDocs::with_limit(request.limit).and_offset(request.offset);
                searcher.search(only, &top.order_by_score())?
            } else {
                Vec::new()
            };
            return self.results(&searcher, plan.terms, total, facets, addresses, false);
        }
        let strict = plan.assemble(&filters, false);
        let mut found = self.run(&searcher, &*strict, request, by_title)?;
        let mut relaxed = false;
        if found.0 == 0 && plan.required.len() >= 2 {
            let loose = plan.assemble(&filters, true);
            found = self.run(&searcher, &*loose, request, by_title)?;
            relaxed = true;
        }
        let (total, facets, addresses) = found;
        self.results(&searcher, plan.terms, total, facets, addresses, relaxed)
    }

    fn results(
        &self,
        searcher: &Searcher,
        terms: HashSet<String>,
        total: u64,
        facets: Option<Facets>,
        addresses: Vec<(Score, DocAddress)>,
        relaxed: bool,
    ) -> Result<Results> {
        let highlighter = Highlighter::new(terms);
        let hits = addresses
            .into_iter()
            .map(|(score, address)| self.hit(searcher, address, score, &highlighter))
            .collect::<Result<Vec<_>>>()?;
        Ok(Results {
            total,
            hits,
            facets,
            relaxed,
        })
    }

    /// One pass over the matches: the total, the facets if asked for, and the requested page
    /// of hits, by relevance or by title when there is nothing to rank by.
    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &Request,
        by_title: bool,
    ) -> Result<Found> {
        let page = (request.limit > 0)
            .then(|| TopDocs::with_limit(request.limit).and_offset(request.offset));
        let facets = request.facets.then_some(FacetCollector {
            cache: &self.facet_cache,
        });
        if by_title {
            let top = page.map(|p| p.order_by_string_fast_field("title_sort", Order::Asc));
            let (count, facets, top) = searcher.search(query, &(Count, facets, top))?;
            let addresses = top.unwrap_or_default().into_iter();
            Ok((
                count as u64,
                facets,
                addresses.map(|(_, a)| (0.0, a)).collect(),
            ))
        } else {
            let top = page.map(TopDocs::order_by_score);
            let (count, facets, top) = searcher.search(query, &(Count, facets, top))?;
            Ok((count as u64, facets, top.unwrap_or_default()))
        }
    }

    fn filters(&self, filter: &Filter) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let lower = |s: &String| s.trim().to_lowercase();
        let wanted = [
            (f.topic, filter.topic.as_ref().map(|t| t.trim().to_string())),
            (
                f.difficulty,
                filter.difficulty.map(|d| d.as_str().to_string()),
            ),
            (f.kind, filter.kind.map(|k| k.as_str().to_string())),
            (f.company, filter.company.as_ref().map(lower)),
            (f.source, filter.source.as_ref().map(lower)),
            (f.verified, filter.verified.map(|v| v.as_str().to_string())),
        ];
        wanted
            .into_iter()
            .filter_map(|(field, value)| {
                let value = value?;
                let term = TermQuery::new(
                    Term::from_field_text(field, &value),
                    IndexRecordOption::Basic,
                );
                // Filters narrow the results without changing their order.
                Some(Box::new(ConstScoreQuery::new(Box::new(term), 0.0)) as Box<dyn Query>)
            })
            .collect()
    }

    fn plan(&self, searcher: &Searcher, parsed: &Parsed) -> Result<Plan> {
        let mut plan = Plan {
            words_only: true,
            ..Plan::default()
        };
        for clause in &parsed.clauses {
            let query: Box<dyn Query> = match (&clause.kind, clause.negated) {
                (ClauseKind::Word { run, .. }, true) => term_query(self.fields.body, &run.text),
                (ClauseKind::Phrase { words }, true) => self.phrase(self.fields.body, words),
                (ClauseKind::Word { run, complete }, false) => {
                    self.word(searcher, run, !complete, &mut plan.terms)?
                }
                (ClauseKind::Phrase { words }, false) => {
                    plan.words_only = false;
                    plan.terms.extend(words.iter().cloned());
                    self.phrase_clause(words)
                }
            };
            if clause.negated {
                plan.excluded.push(query);
            } else if clause.is_stop_word() {
                plan.optional.push(boosted(query, STOP_WORD_WEIGHT));
            } else {
                plan.required.push(query);
            }
        }
        Ok(plan)
    }

    fn phrase(&self, field: Field, words: &[String]) -> Box<dyn Query> {
        match words {
            [word] => term_query(field, word),
            _ => Box::new(PhraseQuery::new(
                words
                    .iter()
                    .map(|w| Term::from_field_text(field, w))
                    .collect(),
            )),
        }
    }

    fn phrase_clause(&self, words: &[String]) -> Box<dyn Query> {
        let f = &self.fields;
        // Every neighbouring pair must be there: when the words are each in most documents,
        // the pairs pick the few where positions are worth checking.
        let pairs = words.windows(2).map(|pair| {
            let term = Term::from_field_text(f.pairs, &analyze::pair_term(&pair[0], &pair[1]));
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            let unscored: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(query), 0.0));
            (Occur::Must, unscored)
        });
        let phrases = [
            (Occur::Must, self.phrase(f.body, words)),
            (
                Occur::Should,
                boosted(self.phrase(f.title, words), TITLE_BOOST),
            ),
            (
                Occur::Should,
                boosted(self.phrase(f.aliases, words), ALIAS_BOOST),
            ),
            (
                Occur::Should,
                boosted(self.phrase(f.key_points, words), KEY_POINTS_BOOST),
            ),
        ];
        Box::new(BooleanQuery::new(pairs.chain(phrases).collect()))
    }

    /// One typed word: any of its alternatives, anywhere. Every text field is also in the
    /// body, so matching is decided by the body; the title, other titles and key points add
    /// boosted scores. All of it is one flat union of term queries, which tantivy scores
    /// fastest.
    fn word(
        &self,
        searcher: &Searcher,
        run: &Run,
        typing: bool,
        highlight: &mut HashSet<String>,
    ) -> Result<Box<dyn Query>> {
        let f = &self.fields;
        let candidates = self.expand(searcher, &run.text, typing)?;
        let mut union: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [
            (f.body, 1.0),
            (f.title, TITLE_BOOST),
            (f.aliases, ALIAS_BOOST),
            (f.key_points, KEY_POINTS_BOOST),
        ] {
            for c in &candidates {
                // Body candidates exist by construction; elsewhere, skip the absent ones, and
                // give completions and near spellings the title boost only: each term scorer
                // costs time on every matching document.
                let secondary = field == f.aliases || field == f.key_points;
                if secondary && c.weight < STEM_WEIGHT {
                    continue;
                }
                if field == f.body || searcher.doc_freq(&Term::from_field_text(field, &c.term))? > 0
                {
                    union.push((
                        Occur::Should,
                        boosted(term_query(field, &c.term), boost * c.weight),
                    ));
                }
            }
        }
        highlight.extend(candidates.iter().map(|c| c.term.clone()));
        if !run.is_simple() {
            // `functools.lru_cache` also matches where `functools` and `lru_cache` both occur.
            let parts = run.sub_terms();
            if !parts.is_empty() && self.all_present(searcher, &parts)? {
                let all: Vec<Box<dyn Query>> =
                    parts.iter().map(|p| term_query(f.body, p)).collect();
                union.push((
                    Occur::Should,
                    boosted(Box::new(BooleanQuery::intersection(all)), PARTS_WEIGHT),
                ));
                highlight.extend(parts.iter().map(|p| p.to_string()));
            }
        }
        if union.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        Ok(Box::new(BooleanQuery::new(union)))
    }

    fn all_present(&self, searcher: &Searcher, terms: &[&str]) -> Result<bool> {
        for term in terms {
            if searcher.doc_freq(&Term::from_field_text(self.fields.body, term))? == 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The terms of the index that `word` stands for, with their weights: itself, its stem,
    /// completions while `typing`, and near spellings when it looks misspelt.
    fn expand(&self, searcher: &Searcher, word: &str, typing: bool) -> Result<Vec<Candidate>> {
        let body = self.fields.body;
        let stem = analyze::stem(word);
        let mut out = Vec::new();
        let mut known = 0;
        for (term, weight) in [(Some(word.to_string()), 1.0), (stem.clone(), STEM_WEIGHT)] {
            if let Some(term) = term {
                let df = searcher.doc_freq(&Term::from_field_text(body, &term))?;
                if df > 0 {
                    known += df;
                    out.push(Candidate { term, weight });
                }
            }
        }
        let is_known = |term: &String| *term == word || Some(term) == stem.as_ref();

        if typing && word.chars().count() >= 2 {
            let mut completions: Vec<(u64, String)> = self
                .terms_matching(
                    searcher,
                    FuzzyTermQuery::new_prefix(self.term(word), 0, true),
                )?
                .into_iter()
                .filter(|(term, _)| !is_known(term))
                .map(|(term, df)| (df, term))
                .collect();
            completions.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let mut taken = 0;
            for (df, term) in completions {
                if taken == MAX_COMPLETIONS {
                    break;
                }
                known += df;
                // Every document with "classes" also holds its stem "class": when that is a
                // candidate already, the inflection adds work but no match.
                if analyze::stem(&term).is_some_and(|s| out.iter().any(|c| c.term == s)) {
                    continue;
                }
                taken += 1;
                out.push(Candidate {
                    term,
                    weight: COMPLETION_WEIGHT,
                });
            }
        }

        // A word the bank uses often is most likely spelt as meant; expanding it to its
        // neighbours ("then" to "the", "none" to "one") would only add noise and work.
        let typos = typo_budget(word);
        if typos == 0 || known >= self.common_enough(searcher) {
            return Ok(out);
        }
        let mut near: Vec<(usize, u64, String, Score)> = Vec::new();
        for (term, df) in
            self.terms_matching(searcher, FuzzyTermQuery::new(self.term(word), typos, true))?
        {
            if !is_known(&term) {
                let distance = edit_distance(word, &term);
                let weight = if distance <= 1 {
                    ONE_TYPO_WEIGHT
                } else {
                    TWO_TYPOS_WEIGHT
                };
                near.push((distance, df, term, weight));
            }
        }
        // A misspelt word still being typed: complete what is one typo away.
        if typing && word.chars().count() >= 5 {
            for (term, df) in self.terms_matching(
                searcher,
                FuzzyTermQuery::new_prefix(self.term(word), 1, true),
            )? {
                if !is_known(&term) && !near.iter().any(|n| n.2 == term) {
                    near.push((usize::MAX, df, term, FUZZY_PREFIX_WEIGHT));
                }
            }
        }
        // Fewest typos first; then words that start like the typed one (people rarely get
        // the first letter wrong), then the more common ones.
        let first = word.chars().next();
        let rank = |n: &(usize, u64, String, Score)| {
            (n.0, n.2.chars().next() != first, std::cmp::Reverse(n.1))
        };
        near.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.2.cmp(&b.2)));
        out.extend(
            near.into_iter()
                .take(MAX_TYPO_TERMS)
                .map(|(_, _, term, weight)| Candidate { term, weight }),
        );
        Ok(out)
    }

    fn term(&self, text: &str) -> Term {
        Term::from_field_text(self.fields.body, text)
    }

    /// How many questions a word (with its stem and completions) must appear in to be taken
    /// as spelt the way the user meant it.
    fn common_enough(&self, searcher: &Searcher) -> u64 {
        (searcher.num_docs() / 2000).max(3)
    }

    /// The body terms `automaton` accepts, with their document frequencies.
    fn terms_matching(
        &self,
        searcher: &Searcher,
        automaton: FuzzyTermQuery,
    ) -> Result<HashMap<String, u64>> {
        let automaton = automaton.automaton()?;
        let mut found: HashMap<String, u64> = HashMap::new();
        let mut scanned = 0;
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.body)?;
            let mut stream = inverted
                .terms()
                .search(&automaton)
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while scanned < MAX_SCANNED_TERMS && stream.advance() {
                scanned += 1;
                if let Ok(text) = std::str::from_utf8(stream.key()) {
                    *found.entry(text.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        Ok(found)
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: Score,
        highlighter: &Highlighter,
    ) -> Result<Hit> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field: Field| -> String {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let all = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let title = text(f.title);
        let prompt = text(f.prompt);
        let mut best: Option<highlight::Fragment> = None;
        for field in [f.prompt, f.key_points, f.answer] {
            if let Some(fragment) = highlighter.snippet(&text(field), SNIPPET_BYTES)
                && best.as_ref().is_none_or(|b| fragment.distinct > b.distinct)
            {
                best = Some(fragment);
            }
        }
        let snippet_html = match best {
            Some(fragment) => fragment.html,
            None => highlight::opening(&prompt, SNIPPET_BYTES),
        };
        Ok(Hit {
            id: text(f.id),
            score,
            title_html: highlighter.mark_all(&title),
            title,
            snippet_html,
            difficulty: text(f.difficulty).parse().unwrap_or(Difficulty::Medium),
            kind: text(f.kind).parse().unwrap_or(Kind::Concept),
            topics: all(f.topic),
            companies: all(f.company),
            verified: text(f.verified).parse().unwrap_or(Verification::Unverified),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("corutine", "coroutine"), 1);
        assert_eq!(edit_distance("asnyc", "async"), 1);
        assert_eq!(edit_distance("genrator", "generator"), 1);
        assert_eq!(edit_distance("metaclas", "metaclass"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
    }

    #[test]
    fn typo_budget_grows_with_length() {
        assert_eq!(typo_budget("gil"), 0);
        assert_eq!(typo_budget("lsit"), 1);
        assert_eq!(typo_budget("async"), 1);
        assert_eq!(typo_budget("corutine"), 2);
        assert_eq!(typo_budget("3.11.4"), 0);
        assert_eq!(typo_budget("__get__"), 0);
        assert_eq!(typo_budget("*args"), 1);
        assert_eq!(typo_budget("__solts__"), 1);
    }
}
