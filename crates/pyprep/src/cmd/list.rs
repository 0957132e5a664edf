use std::process::ExitCode;

use anyhow::Result;
use pyprep_store::{Filter, Store};

use crate::cli::{Cli, FilterArgs, ListArgs};
use crate::{app, output};

impl FilterArgs {
    pub fn to_filter(&self) -> Filter {
        Filter {
            topic: self.topic.clone(),
            difficulty: self.difficulty,
            company: self.company.clone(),
            kind: self.kind,
            source: self.source.clone(),
        }
    }
}

pub async fn run(cli: &Cli, args: &ListArgs) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let questions = store.list(&args.filter.to_filter()).await?;
    if cli.json {
        output::json(&questions)?;
        return Ok(ExitCode::SUCCESS);
    }
    if questions.is_empty() {
        eprintln!(
            "No questions match these filters; `pyprep topics` and `pyprep stats` show what there is."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = output::table(&["id", "title", "difficulty", "topics"]);
    for q in &questions {
        table.add_row(vec![
            q.id.clone(),
            q.title.clone(),
            q.difficulty.to_string(),
            q.topics.join(", "),
        ]);
    }
    output::line(&table)?;
    eprintln!("{} questions", questions.len());
    Ok(ExitCode::SUCCESS)
}
