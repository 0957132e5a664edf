//! `pyprep quiz`: a fixed number of random recall and drill cards, scored at the end. Each
//! answer is a real review for the scheduler, and the quiz is kept in history.

use std::process::ExitCode;

use anyhow::{Result, bail};
use pyprep_practice::{QuizAnswer, QuizReport, SessionReport, SplitMix64, pick};
use pyprep_store::PracticeStore;

use super::practice::{self, Choice, Ui};
use crate::app;
use crate::cli::{Cli, QuizArgs};

pub async fn run(cli: &Cli, args: &QuizArgs) -> Result<ExitCode> {
    practice::check_topic(args.filter.topic.as_deref())?;
    if args.count == 0 {
        bail!("--count must be at least 1");
    }
    let store = app::open_store(cli).await?;
    let filter = args.filter.to_filter();
    let scheduler = practice::scheduler(&store).await?;
    let deck = practice::ensure_cards(&store, &filter).await?;
    let cards: Vec<_> = store
        .cards(&filter)
        .await?
        .into_iter()
        .map(|c| c.card)
        .filter(|c| !c.suspended)
        .collect();
    if cards.is_empty() {
        bail!(
            "no cards match these filters; `pyprep topics` and `pyprep stats` show what there is"
        );
    }
    let seed = practice::seed();
    let chosen = pick(&cards, args.count, seed);
    let mut rng = SplitMix64::new(seed ^ 0x5eed);
    let mut ui = Ui::new(cli.json);
    let started = practice::clock().now;
    let mut answers = Vec::new();
    for (i, card) in chosen.iter().enumerate() {
        ui.say(format!("\nQuestion {} of {}", i + 1, chosen.len()))?;
        let clock = practice::clock();
        let asked = practice::ask(&mut ui, &scheduler, &deck, card, clock, false)?;
        let Choice::Grade(grade) = asked.choice else {
            break;
        };
        let answered = scheduler.answer(
            card,
            grade,
            clock.at(practice::clock().now),
            practice::fuzz(&mut rng),
            asked.duration_ms,
        )?;
        store.record_answer(&answered).await?;
        answers.push(QuizAnswer {
            card: card.key.clone(),
            title: deck.question(&card.key)?.title.clone(),
            grade,
        });
        ui.say(format!("Saved: {grade}."))?;
    }

    let filters = [
        ("topic", args.filter.topic.clone()),
        ("difficulty", args.filter.difficulty.map(|d| d.to_string())),
        ("company", args.filter.company.clone()),
        ("kind", args.filter.kind.map(|k| k.to_string())),
        ("source", args.filter.source.clone()),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|v| format!("{name}={v}")))
    .collect();
    let report = QuizReport::new(filters, answers);
    if report.answered > 0 {
        store
            .save_session(
                started,
                practice::clock().now,
                &SessionReport::Quiz(report.clone()),
            )
            .await?;
    }
    if cli.json {
        crate::output::json(&report)?;
    } else {
        ui.say(format!(
            "\nScore: {}/{} ({:.0}%).",
            report.correct, report.answered, report.percent
        ))?;
        for answer in report.answers.iter().filter(|a| !a.grade.passed()) {
            ui.say(format!("  to review: {} [{}]", answer.title, answer.card))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
