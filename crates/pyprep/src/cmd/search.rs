//! `pyprep search`: full-text search over the store's questions.
//!
//! The index lives next to the database (`pyprep.db.search/`). Before every search it is
//! checked against the store: it is used as it is when it was last synced at the store's
//! current revision, and otherwise compared by content fingerprint and brought in step (only
//! the changed questions are rewritten), so imports, bank upgrades and new `pyprep verify`
//! results show up at once and a stale index is never searched. When the
//! directory cannot be used (read-only, or another pyprep is writing it) the search runs on a
//! private in-memory index built for this run instead.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use indicatif::{ProgressBar, ProgressStyle};
use pyprep_core::ExampleCheck;
use pyprep_search::{Doc, FacetCount, Facets, Request, SearchIndex, Verification};
use pyprep_store::{Filter, Origin, Store};

use crate::cli::{Cli, FilterArgs, SearchArgs};
use crate::{app, output};

/// Below this many questions a rebuild is too quick to be worth a spinner.
const SPINNER_FROM: usize = 2000;

/// Where the search index of the database at `db` lives.
fn index_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".search");
    db.with_file_name(name)
}

fn to_search_filter(args: &FilterArgs, verified: Option<Verification>) -> pyprep_search::Filter {
    pyprep_search::Filter {
        topic: args.topic.clone(),
        difficulty: args.difficulty,
        company: args.company.clone(),
        kind: args.kind,
        source: args.source.clone(),
        verified,
    }
}

/// The on-disk index, in step with the store; a private in-memory one when the directory
/// cannot be used. When the index was last synced at the store's current revision it is used
/// as it is, without reading a single question.
async fn current_index(db: &Path, store: &impl Store, quiet: bool) -> Result<SearchIndex> {
    let dir = index_dir(db);
    // Read before the questions: a change that lands while they are read leaves the index
    // stamped with an older revision, so the next search syncs again.
    let revision = store.revision().await?.to_string();
    let opened = SearchIndex::open(&dir);
    let vouched =
        matches!(&opened, Ok(index) if index.source().as_deref() == Some(revision.as_str()));
    if vouched {
        tracing::debug!(%revision, "search index is current");
        return Ok(opened?);
    }
    let content = Content::load(store).await?;
    let docs = content.docs();
    let problem = match opened {
        Ok(index) => {
            let spinner = spinner(docs.len(), quiet);
            let synced = index.sync_from(&docs, &revision);
            spinner.finish_and_clear();
            match synced {
                Ok(report) => {
                    tracing::info!(?report, dir = %dir.display(), "search index updated");
                    return Ok(index);
                }
                Err(e) => e,
            }
        }
        Err(e) => e,
    };
    tracing::warn!("{problem}; searching a private copy of the index for this run");
    let index = SearchIndex::in_memory()?;
    index.rebuild(&docs)?;
    Ok(index)
}

/// Everything the index is made from, read from the store.
struct Content {
    questions: Vec<pyprep_core::Question>,
    built_in: HashSet<String>,
    checks: HashMap<String, Vec<ExampleCheck>>,
}

impl Content {
    async fn load(store: &impl Store) -> Result<Content> {
        let all = Filter::default();
        let built_in = store
            .list(&all)
            .await?
            .into_iter()
            .filter(|summary| summary.origin == Origin::Bank)
            .map(|summary| summary.id)
            .collect();
        let questions = store.questions(&all).await?;
        let mut checks: HashMap<String, Vec<ExampleCheck>> = HashMap::new();
        for check in store.checks(None).await? {
            checks
                .entry(check.question_id.clone())
                .or_default()
                .push(check);
        }
        Ok(Content {
            questions,
            built_in,
            checks,
        })
    }

    fn docs(&self) -> Vec<Doc<'_>> {
        self.questions
            .iter()
            .map(|question| Doc {
                question,
                in_bank: self.built_in.contains(&question.id),
                verification: Verification::from_checks(
                    question,
                    self.checks.get(&question.id).map_or(&[], Vec::as_slice),
                ),
            })
            .collect()
    }
}

fn spinner(questions: usize, quiet: bool) -> ProgressBar {
    if quiet || questions < SPINNER_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} updating the search index ({msg} questions)")
            .expect("valid template"),
    );
    spinner.set_message(questions.to_string());
    spinner.enable_steady_tick(Duration::from_millis(100));
    spinner
}

pub async fn run(cli: &Cli, args: &SearchArgs) -> Result<ExitCode> {
    let verified = args
        .verified
        .as_deref()
        .map(str::parse::<Verification>)
        .transpose()
        .map_err(|e| anyhow!(e))?;
    let db = app::database_path(cli)?;
    let store = app::open_store(cli).await?;
    let index = current_index(&db, &store, cli.json)
        .await
        .context("cannot build the search index")?;

    let request = Request {
        query: args.query.join(" "),
        filter: to_search_filter(&args.filter, verified),
        limit: args.limit,
        offset: 0,
        facets: true,
    };
    let results = index.search(&request)?;
    if cli.json {
        output::json(&results)?;
        return Ok(ExitCode::SUCCESS);
    }
    if results.hits.is_empty() {
        eprintln!(
            "No questions match; try fewer words or other filters (`pyprep stats` shows what there is)."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    for (rank, hit) in results.hits.iter().enumerate() {
        output::line(format!(
            "{:>2}. {}",
            rank + 1,
            terminal(&hit.title_html, bold)
        ))?;
        output::line(format!(
            "    {} · {} · {}",
            hit.id,
            hit.difficulty,
            hit.topics.join(", ")
        ))?;
        output::line(format!("    {}\n", terminal(&hit.snippet_html, bold)))?;
    }
    if let Some(facets) = &results.facets {
        print_facets(facets)?;
    }
    eprintln!(
        "{} of {} matching questions{}",
        results.hits.len(),
        results.total,
        if results.relaxed {
            " (none matched every word; these match all but one)"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn print_facets(facets: &Facets) -> Result<()> {
    let row = |counts: &[FacetCount]| -> String {
        counts
            .iter()
            .take(8)
            .map(|c| format!("{} {}", c.name, c.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (name, counts) in [
        ("topic", &facets.topic),
        ("difficulty", &facets.difficulty),
        ("company", &facets.company),
        ("source", &facets.source),
    ] {
        if !counts.is_empty() {
            output::line(format!("{name:>10}: {}", row(counts)))?;
        }
    }
    Ok(())
}

/// The engine's HTML fragment as terminal text: marks in bold on a terminal, plain in a pipe.
fn terminal(html: &str, bold: bool) -> String {
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    html.replace("<mark>", on)
        .replace("</mark>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_sits_next_to_its_database() {
        assert_eq!(
            index_dir(Path::new("/data/pyprep.db")),
            Path::new("/data/pyprep.db.search")
        );
    }

    #[test]
    fn fragments_become_terminal_text() {
        assert_eq!(
            terminal("a <mark>&lt;b&gt;</mark> &amp;lt; &#39;", false),
            "a <b> &lt; '"
        );
        assert_eq!(terminal("<mark>x</mark>", true), "\x1b[1mx\x1b[0m");
    }
}
