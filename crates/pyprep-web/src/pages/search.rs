//! `/search`: full-text search with typo tolerance, highlighted matches and facet filters.
//! Without JavaScript it is an ordinary GET form; with it, results update as you type by
//! fetching `/search?...&partial=1`, which answers with the results fragment only.

use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use pyprep_core::taxonomy::TOPICS;
use pyprep_core::{Difficulty, Kind};
use pyprep_search::{FacetCount, Request, Results, Verification};
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::Query;
use crate::filter::FilterQuery;
use crate::pages::browse::{Facet, FacetOption, capitalise};
use crate::state::AppState;
use crate::view::{Layout, Named, topic_label};

pub const PAGE_SIZE: usize = 20;
/// Longer queries are refused: nobody types them, and each word costs a dictionary walk.
pub const MAX_QUERY_CHARS: usize = 300;

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    topic: Option<String>,
    difficulty: Option<String>,
    company: Option<String>,
    kind: Option<String>,
    source: Option<String>,
    verified: Option<String>,
    page: Option<String>,
    partial: Option<String>,
}

/// The search request a query string asks for, checked.
pub struct Parsed {
    pub query: String,
    pub filter: pyprep_search::Filter,
}

pub fn parse(
    q: Option<&str>,
    filter: FilterQuery,
    verified: Option<&str>,
) -> Result<Parsed, WebError> {
    let query = q.unwrap_or("").trim().to_string();
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(WebError::BadRequest(format!(
            "the search is {} characters long; at most {MAX_QUERY_CHARS} are searched",
            query.chars().count()
        )));
    }
    let store_filter = filter.to_filter()?;
    let verified = verified
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| v.parse::<Verification>())
        .transpose()?;
    Ok(Parsed {
        query,
        filter: pyprep_search::Filter {
            topic: store_filter.topic,
            difficulty: store_filter.difficulty,
            company: store_filter.company,
            kind: store_filter.kind,
            source: store_filter.source,
            verified,
        },
    })
}

pub struct HitView {
    pub id: String,
    pub title_html: String,
    pub snippet_html: String,
    pub difficulty: &'static str,
    pub kind: &'static str,
    pub topics: Vec<Named>,
    pub verified: &'static str,
}

pub struct ResultsView {
    pub query: String,
    pub total: u64,
    pub relaxed: bool,
    pub hits: Vec<HitView>,
    pub page: usize,
    pub pages: usize,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    r: ResultsView,
    facets: Vec<Facet>,
}

#[derive(askama::Template)]
#[template(path = "search_results.html")]
struct SearchFragment {
    r: ResultsView,
}

fn facet_options(
    counts: &[FacetCount],
    order: Option<Vec<&str>>,
    selected: Option<&str>,
    label: impl Fn(&str) -> String,
) -> Vec<FacetOption> {
    let mut names: Vec<String> = match order {
        Some(order) => order.into_iter().map(str::to_string).collect(),
        None => counts.iter().map(|c| c.name.clone()).collect(),
    };
    if let Some(s) = selected.filter(|s| !names.iter().any(|n| n.eq_ignore_ascii_case(s))) {
        names.insert(0, s.to_string());
    }
    names
        .into_iter()
        .filter_map(|name| {
            let count = counts
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(&name))
                .map_or(0, |c| c.count);
            let is_selected = selected.is_some_and(|s| s.eq_ignore_ascii_case(&name));
            (count > 0 || is_selected).then(|| FacetOption {
                label: label(&name),
                value: name,
                count,
                selected: is_selected,
            })
        })
        .collect()
}

/// Turns markdown code spans in escaped highlighted text into `<code>`: the search engine
/// returns text with only `<mark>` markup, in which a backtick is still a backtick.
fn code_spans(html: &str) -> String {
    if !html.matches('`').count().is_multiple_of(2) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 16);
    for (i, part) in html.split('`').enumerate() {
        if i > 0 {
            out.push_str(if i % 2 == 1 { "<code>" } else { "</code>" });
        }
        out.push_str(part);
    }
    out
}

fn href(query: &str, filter: &pyprep_search::Filter, page: usize) -> String {
    let mut params: Vec<(&str, String)> = vec![("q", query.to_string())];
    let pairs = [
        ("topic", filter.topic.clone()),
        ("difficulty", filter.difficulty.map(|d| d.to_string())),
        ("kind", filter.kind.map(|k| k.to_string())),
        ("company", filter.company.clone()),
        ("source", filter.source.clone()),
        ("verified", filter.verified.map(|v| v.as_str().to_string())),
    ];
    params.extend(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
    if page > 1 {
        params.push(("page", page.to_string()));
    }
    format!(
        "/search?{}",
        serde_urlencoded::to_string(&params).unwrap_or_default()
    )
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<SearchQuery>,
) -> Result<Html<String>, WebError> {
    let parsed = parse(
        query.q.as_deref(),
        FilterQuery {
            topic: query.topic,
            difficulty: query.difficulty,
            company: query.company,
            kind: query.kind,
            source: query.source,
        },
        query.verified.as_deref(),
    )?;
    let page = crate::filter::page_number(query.page.as_deref(), Some(500))?;
    state.search.ready(&*state.store).await?;
    let index = &state.search.index;
    let error = |e: pyprep_search::SearchError| WebError::Internal(format!("search: {e}"));
    let request = Request {
        query: parsed.query.clone(),
        filter: parsed.filter.clone(),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        facets: true,
    };
    let results: Results = index.search(&request).map_err(error)?;
    let pages = (results.total as usize).div_ceil(PAGE_SIZE).max(1);
    let r = ResultsView {
        query: parsed.query.clone(),
        total: results.total,
        relaxed: results.relaxed,
        hits: results
            .hits
            .into_iter()
            .map(|h| HitView {
                id: h.id,
                title_html: code_spans(&h.title_html),
                snippet_html: code_spans(&h.snippet_html),
                difficulty: h.difficulty.as_str(),
                kind: h.kind.as_str(),
                topics: h.topics.iter().map(|t| Named::topic(t)).collect(),
                verified: h.verified.as_str(),
            })
            .collect(),
        page,
        pages,
        prev_href: (page > 1).then(|| href(&parsed.query, &parsed.filter, page - 1)),
        next_href: (page < pages).then(|| href(&parsed.query, &parsed.filter, page + 1)),
    };
    if query.partial.is_some() {
        return super::html(&SearchFragment { r });
    }

    // A facet's counts leave out its own filter, so its other values stay choosable.
    let facets_without = |clear: fn(&mut pyprep_search::Filter)| -> Result<_, WebError> {
        let mut filter = parsed.filter.clone();
        clear(&mut filter);
        if filter == parsed.filter {
            return Ok(results.facets.clone().unwrap_or_default());
        }
        let request = Request {
            query: parsed.query.clone(),
            filter,
            limit: 0,
            offset: 0,
            facets: true,
        };
        Ok(index
            .search(&request)
            .map_err(error)?
            .facets
            .unwrap_or_default())
    };
    let f = &parsed.filter;
    let difficulty = f.difficulty.map(|d| d.as_str());
    let kind = f.kind.map(|k| k.as_str());
    let verified = f.verified.map(|v| v.as_str());
    let facets = vec![
        Facet {
            param: "topic",
            label: "Topic",
            options: facet_options(
                &facets_without(|f| f.topic = None)?.topic,
                Some(TOPICS.to_vec()),
                f.topic.as_deref(),
                topic_label,
            ),
        },
        Facet {
            param: "difficulty",
            label: "Difficulty",
            options: facet_options(
                &facets_without(|f| f.difficulty = None)?.difficulty,
                Some(Difficulty::ALL.map(|d| d.as_str()).to_vec()),
                difficulty,
                capitalise,
            ),
        },
        Facet {
            param: "kind",
            label: "Kind",
            options: facet_options(
                &facets_without(|f| f.kind = None)?.kind,
                Some(Kind::ALL.map(|k| k.as_str()).to_vec()),
                kind,
                capitalise,
            ),
        },
        Facet {
            param: "company",
            label: "Company",
            options: facet_options(
                &facets_without(|f| f.company = None)?.company,
                None,
                f.company.as_deref(),
                str::to_string,
            ),
        },
        Facet {
            param: "source",
            label: "Source",
            options: facet_options(
                &facets_without(|f| f.source = None)?.source,
                None,
                f.source.as_deref(),
                |n| {
                    if n == "bank" {
                        "Built-in bank".to_string()
                    } else {
                        n.to_string()
                    }
                },
            ),
        },
        Facet {
            param: "verified",
            label: "Verified",
            options: facet_options(
                &facets_without(|f| f.verified = None)?.verified,
                Some(Verification::ALL.map(|v| v.as_str()).to_vec()),
                verified,
                |v| match v {
                    "verified" => "Verified by running".to_string(),
                    "failing" => "Failing".to_string(),
                    "unverified" => "Not run yet".to_string(),
                    _ => "No code".to_string(),
                },
            ),
        },
    ];
    let title = if r.query.is_empty() {
        "Search · pyprep".to_string()
    } else {
        format!("{} · Search · pyprep", r.query)
    };
    super::html(&SearchPage {
        layout: Layout::new(title, "search", &csrf.0),
        r,
        facets,
    })
}

#[cfg(test)]
mod tests {
    use super::code_spans;

    #[test]
    fn backticks_become_code_only_in_pairs() {
        assert_eq!(
            code_spans("a `<mark>b</mark>` c"),
            "a <code><mark>b</mark></code> c"
        );
        assert_eq!(code_spans("odd ` one"), "odd ` one");
    }
}
