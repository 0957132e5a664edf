use std::process::ExitCode;

use anyhow::Result;
use pyprep_core::taxonomy::TOPICS;
use pyprep_store::{Count, Filter, Store};
use serde::Serialize;

use crate::cli::{Cli, FilterArgs};
use crate::{app, output};

fn count_table(title: &str, counts: &[Count]) -> comfy_table::Table {
    let mut table = output::table(&[title, "questions"]);
    for c in counts {
        table.add_row(vec![c.name.clone(), c.count.to_string()]);
    }
    table
}

pub async fn run(cli: &Cli, args: &FilterArgs) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let stats = store.stats(&args.to_filter()).await?;
    if cli.json {
        output::json(&stats)?;
        return Ok(ExitCode::SUCCESS);
    }
    output::line(format!(
        "{} questions, {} examples\n",
        stats.questions, stats.examples
    ))?;
    let mut coverage = output::table(&["topic", "easy", "medium", "hard", "total"]);
    for row in &stats.by_topic_difficulty {
        coverage.add_row(vec![
            row.topic.clone(),
            row.easy.to_string(),
            row.medium.to_string(),
            row.hard.to_string(),
            (row.easy + row.medium + row.hard).to_string(),
        ]);
    }
    output::line(format!("{coverage}\n"))?;
    for (title, counts) in [
        ("difficulty", &stats.by_difficulty),
        ("kind", &stats.by_kind),
        ("source", &stats.by_source),
    ] {
        output::line(format!("{}\n", count_table(title, counts)))?;
    }
    if !stats.by_company.is_empty() {
        let top: Vec<Count> = stats.by_company.iter().take(15).cloned().collect();
        output::line(count_table("company (top 15)", &top))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct TopicRow {
    topic: &'static str,
    questions: u64,
}

/// Every taxonomy topic with its question count, zeros included, in taxonomy order.
pub async fn topics(cli: &Cli) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let stats = store.stats(&Filter::default()).await?;
    let rows: Vec<TopicRow> = TOPICS
        .iter()
        .map(|&topic| TopicRow {
            topic,
            questions: stats
                .by_topic
                .iter()
                .find(|c| c.name == topic)
                .map_or(0, |c| c.count),
        })
        .collect();
    if cli.json {
        output::json(&rows)?;
    } else {
        let mut table = output::table(&["topic", "questions"]);
        for row in &rows {
            table.add_row(vec![row.topic.to_string(), row.questions.to_string()]);
        }
        output::line(&table)?;
    }
    Ok(ExitCode::SUCCESS)
}
