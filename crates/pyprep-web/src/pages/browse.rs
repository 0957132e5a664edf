//! `/questions`: every question, narrowed by facet filters whose counts say what each choice
//! would leave.

use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use pyprep_core::taxonomy::TOPICS;
use pyprep_core::{Difficulty, Kind};
use pyprep_store::{Count, Filter, QuestionSummary};
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::Query;
use crate::filter::FilterQuery;
use crate::markdown;
use crate::state::AppState;
use crate::view::{Layout, Named, topic_label};

const PAGE_SIZE: usize = 50;

#[derive(Debug, Default, Deserialize)]
pub struct BrowseQuery {
    topic: Option<String>,
    difficulty: Option<String>,
    company: Option<String>,
    kind: Option<String>,
    source: Option<String>,
    page: Option<String>,
}

pub struct Facet {
    /// The query parameter, also the `<select>`'s name and id.
    pub param: &'static str,
    pub label: &'static str,
    pub options: Vec<FacetOption>,
}

pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

/// An active filter, with the address of the same listing without it.
pub struct Chip {
    pub label: String,
    pub remove_href: String,
}

pub struct Row {
    pub id: String,
    pub title_html: String,
    pub difficulty: &'static str,
    pub kind: &'static str,
    pub topics: Vec<Named>,
    pub companies: Vec<String>,
    pub more_companies: usize,
}

#[derive(askama::Template)]
#[template(path = "browse.html")]
struct Browse {
    layout: Layout,
    total: usize,
    facets: Vec<Facet>,
    chips: Vec<Chip>,
    rows: Vec<Row>,
    page: usize,
    pages: usize,
    prev_href: Option<String>,
    next_href: Option<String>,
    export_href: String,
}

fn params(filter: &Filter) -> Vec<(&'static str, String)> {
    let mut params = Vec::new();
    if let Some(topic) = &filter.topic {
        params.push(("topic", topic.clone()));
    }
    if let Some(difficulty) = filter.difficulty {
        params.push(("difficulty", difficulty.to_string()));
    }
    if let Some(kind) = filter.kind {
        params.push(("kind", kind.to_string()));
    }
    if let Some(company) = &filter.company {
        params.push(("company", company.clone()));
    }
    if let Some(source) = &filter.source {
        params.push(("source", source.clone()));
    }
    params
}

/// `/questions` with `filter` (and `page`, when past the first).
pub fn href(filter: &Filter, page: usize) -> String {
    let mut params = params(filter);
    if page > 1 {
        params.push(("page", page.to_string()));
    }
    if params.is_empty() {
        return "/questions".to_string();
    }
    let query = serde_urlencoded::to_string(&params).unwrap_or_default();
    format!("/questions?{query}")
}

fn options<'a>(
    counts: &[Count],
    order: impl IntoIterator<Item = &'a str>,
    selected: Option<&str>,
    label: impl Fn(&str) -> String,
) -> Vec<FacetOption> {
    let count_of = |name: &str| {
        counts
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .map_or(0, |c| c.count)
    };
    order
        .into_iter()
        .filter_map(|name| {
            let is_selected = selected.is_some_and(|s| s.eq_ignore_ascii_case(name));
            let count = count_of(name);
            (count > 0 || is_selected).then(|| FacetOption {
                value: name.to_string(),
                label: label(name),
                count,
                selected: is_selected,
            })
        })
        .collect()
}

/// Options for an open-ended facet (companies, sources): by count, plus the selected value.
fn open_options(counts: &[Count], selected: Option<&str>) -> Vec<FacetOption> {
    let mut names: Vec<&str> = counts.iter().map(|c| c.name.as_str()).collect();
    if let Some(s) = selected.filter(|s| !names.iter().any(|n| n.eq_ignore_ascii_case(s))) {
        names.insert(0, s);
    }
    options(counts, names, selected, |n| {
        if n == "bank" {
            "Built-in bank".to_string()
        } else {
            n.to_string()
        }
    })
}

fn row(summary: QuestionSummary) -> Row {
    let more_companies = summary.companies.len().saturating_sub(3);
    Row {
        title_html: markdown::inline(&summary.title),
        difficulty: summary.difficulty.as_str(),
        kind: summary.kind.as_str(),
        topics: summary.topics.iter().map(|t| Named::topic(t)).collect(),
        companies: summary.companies.into_iter().take(3).collect(),
        more_companies,
        id: summary.id,
    }
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<BrowseQuery>,
) -> Result<Html<String>, WebError> {
    let filter = FilterQuery {
        topic: query.topic,
        difficulty: query.difficulty,
        company: query.company,
        kind: query.kind,
        source: query.source,
    }
    .to_filter()?;
    let page = crate::filter::page_number(query.page.as_deref(), None)?;

    let store = &state.store;
    let listed = store.list(&filter).await?;
    // Each facet counts what choosing one of its values would leave, given the other filters.
    let without = |change: fn(&mut Filter)| {
        let mut f = filter.clone();
        change(&mut f);
        f
    };
    let by_topic = store.stats(&without(|f| f.topic = None)).await?.by_topic;
    let by_difficulty = store
        .stats(&without(|f| f.difficulty = None))
        .await?
        .by_difficulty;
    let by_kind = store.stats(&without(|f| f.kind = None)).await?.by_kind;
    let by_company = store
        .stats(&without(|f| f.company = None))
        .await?
        .by_company;
    let by_source = store.stats(&without(|f| f.source = None)).await?.by_source;

    let difficulty = filter.difficulty.map(|d| d.as_str());
    let kind = filter.kind.map(|k| k.as_str());
    let facets = vec![
        Facet {
            param: "topic",
            label: "Topic",
            options: options(
                &by_topic,
                TOPICS.iter().copied(),
                filter.topic.as_deref(),
                topic_label,
            ),
        },
        Facet {
            param: "difficulty",
            label: "Difficulty",
            options: options(
                &by_difficulty,
                Difficulty::ALL.map(|d| d.as_str()),
                difficulty,
                capitalise,
            ),
        },
        Facet {
            param: "kind",
            label: "Kind",
            options: options(&by_kind, Kind::ALL.map(|k| k.as_str()), kind, capitalise),
        },
        Facet {
            param: "company",
            label: "Company",
            options: open_options(&by_company, filter.company.as_deref()),
        },
        Facet {
            param: "source",
            label: "Source",
            options: open_options(&by_source, filter.source.as_deref()),
        },
    ];

    let mut chips = Vec::new();
    let mut chip = |label: String, change: fn(&mut Filter)| {
        chips.push(Chip {
            label,
            remove_href: href(&without(change), 1),
        })
    };
    if let Some(topic) = &filter.topic {
        chip(topic_label(topic), |f| f.topic = None);
    }
    if let Some(d) = filter.difficulty {
        chip(capitalise(d.as_str()), |f| f.difficulty = None);
    }
    if let Some(k) = filter.kind {
        chip(capitalise(k.as_str()), |f| f.kind = None);
    }
    if let Some(c) = &filter.company {
        chip(c.clone(), |f| f.company = None);
    }
    if let Some(s) = &filter.source {
        let label = if s == "bank" { "Built-in bank" } else { s };
        chip(label.to_string(), |f| f.source = None);
    }

    let total = listed.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    if page > pages {
        return Err(WebError::NotFound(format!(
            "page {page} is past the last page ({pages}) of this listing"
        )));
    }
    let rows = listed
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(row)
        .collect();
    super::html(&Browse {
        layout: Layout::new("Browse questions · pyprep", "browse", &csrf.0),
        total,
        facets,
        chips,
        rows,
        page,
        pages,
        prev_href: (page > 1).then(|| href(&filter, page - 1)),
        next_href: (page < pages).then(|| href(&filter, page + 1)),
        export_href: href(&filter, 1).replacen("/questions", "/export/questions.json", 1),
    })
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
