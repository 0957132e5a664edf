//! `pyprep card ...` (suspend, unsuspend, bury, reset, show one card) and
//! `pyprep practice-settings`.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pyprep_practice::CardKey;
use pyprep_store::{Position, PracticeStore};
use pyprep_store_sqlite::SqliteStore;

use super::practice;
use crate::cli::{CardCommand, Cli, PracticeSettingsArgs};
use crate::{app, output};

async fn find(store: &SqliteStore, text: &str) -> Result<pyprep_practice::Card> {
    let key: CardKey = practice::parse_card_key(text)?;
    pyprep_store::Store::get(store, &key.question_id).await?;
    practice::ensure_cards(store, &pyprep_store::Filter::default()).await?;
    store
        .card_by_key(&key)
        .await?
        .with_context(|| format!("{key} has no card: a drill needs an example with a known output"))
}

pub async fn run(cli: &Cli, command: &CardCommand) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let scheduler = practice::scheduler(&store).await?;
    let clock = practice::clock();
    let (card, message) = match command {
        CardCommand::Show(args) => (find(&store, &args.card).await?, None),
        CardCommand::Suspend(args) => {
            let mut card = find(&store, &args.card).await?;
            card.suspended = true;
            store.update_card(&card).await?;
            (card, Some("suspended"))
        }
        CardCommand::Unsuspend(args) => {
            let mut card = find(&store, &args.card).await?;
            card.suspended = false;
            store.update_card(&card).await?;
            (card, Some("unsuspended"))
        }
        CardCommand::Bury(args) => {
            let mut card = find(&store, &args.card).await?;
            card.buried_until = Some(scheduler.bury_until(clock));
            store.update_card(&card).await?;
            (card, Some("buried until tomorrow"))
        }
        CardCommand::Reset(args) => {
            let card = find(&store, &args.card).await?;
            let position = store.new_position(Position::Back).await?;
            let reset = scheduler.reset(&card, clock, position);
            store.record_answer(&reset).await?;
            (reset.card, Some("reset: it is new again"))
        }
    };
    if cli.json {
        output::json(&card)?;
    } else {
        if let Some(message) = message {
            output::line(format!("{}: {message}", card.key))?;
        }
        let r = scheduler
            .retrievability(&card, clock.now)
            .map_or("-".into(), |r| format!("{:.0}%", r * 100.0));
        output::line(format!(
            "{}: {} · due {} · interval {}d · reps {} · lapses {} · recall now {r}{}{}",
            card.key,
            card.state.as_str(),
            if card.state == pyprep_practice::CardState::New {
                "when introduced".to_string()
            } else {
                practice::until(card.due, clock.now)
            },
            card.interval_days,
            card.reps,
            card.lapses,
            if card.suspended { " · suspended" } else { "" },
            if card.buried_until.is_some_and(|t| t > clock.now) {
                " · buried"
            } else {
                ""
            },
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `1m,10m` -> seconds.
fn parse_steps(text: &str) -> Result<Vec<u32>> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|step| {
            let (number, unit) = step.split_at(step.len() - 1);
            let scale = match unit {
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86_400,
                _ => bail!("step {step:?} needs a unit: s, m, h or d (e.g. 1m,10m)"),
            };
            let n: u32 = number
                .parse()
                .with_context(|| format!("step {step:?} is not a number with a unit"))?;
            Ok(n * scale)
        })
        .collect()
}

pub async fn settings(cli: &Cli, args: &PracticeSettingsArgs) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let mut config = store.practice_config().await?;
    let before = config.clone();
    if let Some(r) = args.retention {
        config.desired_retention = r;
    }
    if let Some(n) = args.new_per_day {
        config.new_per_day = n;
    }
    if let Some(n) = args.reviews_per_day {
        config.reviews_per_day = n;
    }
    if let Some(steps) = &args.learning_steps {
        config.learning_steps_secs = parse_steps(steps)?;
    }
    if let Some(steps) = &args.relearning_steps {
        config.relearning_steps_secs = parse_steps(steps)?;
    }
    if let Some(days) = args.max_interval {
        config.maximum_interval_days = days;
    }
    if let Some(fuzz) = args.fuzz {
        config.fuzz = fuzz;
    }
    if let Some(hour) = args.day_start_hour {
        config.day_start_hour = hour;
    }
    if args.default_parameters {
        config.parameters.clear();
    }
    config.validate()?;
    if config != before {
        store.save_practice_config(&config).await?;
    }
    if cli.json {
        output::json(&config)?;
    } else {
        let steps = |s: &[u32]| {
            s.iter()
                .map(|&x| pyprep_practice::human_delay(i64::from(x)))
                .collect::<Vec<_>>()
                .join(",")
        };
        output::line(format!(
            "desired retention  {:.2}\nnew per day        {}\nreviews per day    {}\nlearning steps     {}\nrelearning steps   {}\nmaximum interval   {} days\nfuzz               {}\nday starts at      {:02}:00\nFSRS parameters    {}",
            config.desired_retention,
            config.new_per_day,
            config.reviews_per_day,
            steps(&config.learning_steps_secs),
            steps(&config.relearning_steps_secs),
            config.maximum_interval_days,
            config.fuzz,
            config.day_start_hour,
            if config.parameters.is_empty() {
                "defaults".to_string()
            } else {
                "fitted by `pyprep optimize`".to_string()
            }
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
