//! `pyprep progress`: reviews per day, true retention, due forecast, mastery per topic and
//! streak, as tables or `--json`.

use std::process::ExitCode;

use anyhow::Result;
use pyprep_practice::progress;
use pyprep_store::PracticeStore;

use super::practice;
use crate::cli::{Cli, ProgressArgs};
use crate::{app, output};

/// A bar of `count` relative to `max`, at most 30 characters.
fn bar(count: u32, max: u32) -> String {
    let width = if max == 0 {
        0
    } else {
        (count * 30).div_ceil(max)
    };
    "█".repeat(width as usize)
}

pub async fn run(cli: &Cli, args: &ProgressArgs) -> Result<ExitCode> {
    practice::check_topic(args.filter.topic.as_deref())?;
    let store = app::open_store(cli).await?;
    let filter = args.filter.to_filter();
    let scheduler = practice::scheduler(&store).await?;
    practice::ensure_cards(&store, &filter).await?;
    let cards = store.cards(&filter).await?;
    let ids: std::collections::HashSet<i64> = cards.iter().map(|c| c.card.id).collect();
    let logs: Vec<_> = store
        .review_log(0)
        .await?
        .into_iter()
        .filter(|l| ids.contains(&l.card_id))
        .collect();
    let p = progress(&scheduler, practice::clock(), &cards, &logs, args.days);
    if cli.json {
        output::json(&p)?;
        return Ok(ExitCode::SUCCESS);
    }
    output::line(format!(
        "{} reviews in all · streak {} day{} · cards: {} new, {} learning, {} review, {} suspended\n",
        p.total_reviews,
        p.streak_days,
        if p.streak_days == 1 { "" } else { "s" },
        p.cards.new,
        p.cards.learning,
        p.cards.review,
        p.cards.suspended
    ))?;

    let mut table = output::table(&["period", "reviews", "passed", "true retention"]);
    for r in &p.retention {
        table.add_row(vec![
            r.period.clone(),
            r.reviews.to_string(),
            r.passed.to_string(),
            r.retention
                .map_or("-".into(), |x| format!("{:.1}%", x * 100.0)),
        ]);
    }
    output::line(format!("{table}\n"))?;

    for (title, days) in [
        ("reviews per day", &p.reviews_per_day),
        ("due forecast", &p.due_forecast),
    ] {
        let max = days.iter().map(|d| d.count).max().unwrap_or(0);
        let mut table = output::table(&["date", title, ""]);
        for day in days.iter().filter(|d| d.count > 0) {
            table.add_row(vec![
                day.date.clone(),
                day.count.to_string(),
                bar(day.count, max),
            ]);
        }
        if days.iter().all(|d| d.count == 0) {
            output::line(format!("{title}: none in these {} days\n", days.len()))?;
        } else {
            output::line(format!("{table}\n"))?;
        }
    }

    let mut table = output::table(&["topic", "cards", "studied", "recall now", "mastery"]);
    for m in &p.mastery {
        table.add_row(vec![
            m.topic.clone(),
            m.cards.to_string(),
            m.studied.to_string(),
            m.retrievability
                .map_or("-".into(), |r| format!("{:.0}%", r * 100.0)),
            format!("{:.0}%", m.mastery * 100.0),
        ]);
    }
    output::line(&table)?;
    Ok(ExitCode::SUCCESS)
}
