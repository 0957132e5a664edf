//! `pyprep plan`: daily new cards and desired retention for an interview date, chosen with
//! FSRS's simulator, saved as the practice settings (unless `--dry-run`).

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pyprep_practice::{PlanRequest, day_of_date, plan};
use pyprep_store::PracticeStore;

use super::practice;
use crate::cli::{Cli, PlanArgs};
use crate::{app, output};

pub async fn run(cli: &Cli, args: &PlanArgs) -> Result<ExitCode> {
    practice::check_topic(args.filter.topic.as_deref())?;
    let store = app::open_store(cli).await?;
    let scheduler = practice::scheduler(&store).await?;
    let date = match (&args.date, &scheduler.config().interview_date) {
        (Some(date), _) | (None, Some(date)) => date.clone(),
        (None, None) => bail!(
            "when is the interview? Give it with --date YYYY-MM-DD (it is saved, so later plans and the web app's countdown know it)"
        ),
    };
    let exam_day = day_of_date(&date)
        .with_context(|| format!("--date {date:?} is not a date like 2025-09-30"))?;
    let filter = args.filter.to_filter();
    practice::ensure_cards(&store, &filter).await?;
    let cards: Vec<_> = store
        .cards(&filter)
        .await?
        .into_iter()
        .map(|c| c.card)
        .filter(|c| !c.suspended)
        .collect();
    let request = PlanRequest {
        exam_day,
        target_recall: args.target,
        max_minutes_per_day: args.max_minutes,
    };
    let plan = plan(&scheduler, practice::clock(), &cards, &request)?;
    if !args.dry_run {
        let mut config = scheduler.config().clone();
        config.new_per_day = plan.new_per_day;
        config.desired_retention = plan.desired_retention;
        config.interview_date = Some(pyprep_practice::date_of_day(exam_day));
        store.save_practice_config(&config).await?;
    }
    if cli.json {
        output::json(&plan)?;
    } else {
        output::line(&plan.explanation[0])?;
        output::line(&plan.explanation[1])?;
        if args.dry_run {
            eprintln!("(dry run: settings unchanged)");
        } else if args.filter.to_filter() != pyprep_store::Filter::default() {
            eprintln!(
                "Saved: {} new a day at {:.0}% retention. Study these subjects with the same filters, e.g. `pyprep study{}`.",
                plan.new_per_day,
                plan.desired_retention * 100.0,
                filter_flags(args)
            );
        } else {
            eprintln!(
                "Saved: {} new a day at {:.0}% retention.",
                plan.new_per_day,
                plan.desired_retention * 100.0
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn filter_flags(args: &PlanArgs) -> String {
    let f = &args.filter;
    [
        ("topic", f.topic.clone()),
        ("difficulty", f.difficulty.map(|d| d.to_string())),
        ("company", f.company.clone()),
    ]
    .into_iter()
    .filter_map(|(name, v)| v.map(|v| format!(" --{name} {v}")))
    .collect()
}
