//! `pyprep study`: the due queue, one card at a time. Every grade is stored before the next
//! card appears, so stopping (or killing) the session loses nothing already graded.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;
use pyprep_practice::{Grade, Next, SplitMix64};
use pyprep_store::PracticeStore;
use serde::Serialize;

use super::practice::{self, Choice, Ui};
use crate::app;
use crate::cli::{Cli, StudyArgs};

#[derive(Debug, Default, Serialize)]
struct Summary {
    studied: u32,
    grades: BTreeMap<&'static str, u32>,
    buried: u32,
    suspended: u32,
    /// Cards still waiting today: learning, review, new.
    left: Left,
    /// When the next learning card comes back, if one does today.
    next_learning_at: Option<i64>,
}

#[derive(Debug, Default, Serialize)]
struct Left {
    learning: usize,
    review: usize,
    new: usize,
}

pub async fn run(cli: &Cli, args: &StudyArgs) -> Result<ExitCode> {
    practice::check_topic(args.filter.topic.as_deref())?;
    let store = app::open_store(cli).await?;
    let filter = args.filter.to_filter();
    let scheduler = practice::scheduler(&store).await?;
    let deck = practice::ensure_cards(&store, &filter).await?;
    let clock = practice::clock();
    let (mut queue, done) = pyprep_store::study_queue(&store, &scheduler, clock, &filter).await?;
    let mut rng = SplitMix64::new(practice::seed());
    let mut ui = Ui::new(cli.json);
    let mut summary = Summary::default();
    let (l, r, n) = queue.counts();
    ui.say(format!(
        "Today: {r} reviews, {n} new, {l} learning (done earlier today: {} reviews, {} new).",
        done.reviews, done.new
    ))?;

    loop {
        if args.limit.is_some_and(|limit| summary.studied >= limit) {
            break;
        }
        let clock = clock.at(practice::clock().now);
        let card = match queue.next(clock.now) {
            Next::Card { card } => card,
            Next::Wait { until } => {
                summary.next_learning_at = Some(until);
                ui.say(format!(
                    "The next learning card comes back {}; run `pyprep study` again then.",
                    practice::until(until, clock.now)
                ))?;
                break;
            }
            Next::Done => break,
        };
        let (l, r, n) = queue.counts();
        ui.say(format!("[{l} learning · {r} review · {n} new left]"))?;
        let asked = practice::ask(&mut ui, &scheduler, &deck, &card, clock, true)?;
        let now = practice::clock().now;
        match asked.choice {
            Choice::Quit => break,
            Choice::Bury => {
                let mut buried = card.clone();
                buried.buried_until = Some(scheduler.bury_until(clock));
                store.update_card(&buried).await?;
                queue.remove(card.id);
                summary.buried += 1;
                ui.say("Buried until tomorrow.")?;
            }
            Choice::Suspend => {
                let mut suspended = card.clone();
                suspended.suspended = true;
                store.update_card(&suspended).await?;
                queue.remove(card.id);
                summary.suspended += 1;
                ui.say(format!(
                    "Suspended; `pyprep card unsuspend {}` brings it back.",
                    card.key
                ))?;
            }
            Choice::Grade(grade) => {
                let answered = scheduler.answer(
                    &card,
                    grade,
                    clock.at(now),
                    practice::fuzz(&mut rng),
                    asked.duration_ms,
                )?;
                store.record_answer(&answered).await?;
                queue.answered(&answered.card);
                summary.studied += 1;
                *summary.grades.entry(grade.as_str()).or_default() += 1;
                ui.say(format!(
                    "Saved: {grade}; next {}.",
                    practice::until(answered.card.due, now)
                ))?;
            }
        }
    }

    let (learning, review, new) = queue.counts();
    summary.left = Left {
        learning,
        review,
        new,
    };
    if cli.json {
        crate::output::json(&summary)?;
    } else {
        let grades: Vec<String> = Grade::ALL
            .iter()
            .filter_map(|g| summary.grades.get(g.as_str()).map(|n| format!("{n} {g}")))
            .collect();
        ui.say(format!(
            "\nStudied {} cards{}. Left today: {review} reviews, {new} new, {learning} learning.",
            summary.studied,
            if grades.is_empty() {
                String::new()
            } else {
                format!(" ({})", grades.join(", "))
            }
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
