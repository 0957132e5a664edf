//! Planning for an interview date: the daily new-card count and desired retention that bring
//! the chosen cards to a target recall on that day, found with FSRS's own simulator.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::card::{Card, CardState};
use crate::error::PracticeError;
use crate::progress::date_of_day;
use crate::scheduler::{Clock, Scheduler};

const RETENTIONS: [f32; 6] = [0.80, 0.85, 0.90, 0.93, 0.95, 0.97];
/// Fractions of the days left over which to spread new cards: sooner leaves more time to
/// review them before the interview.
const SPREADS: [f32; 4] = [1.0, 0.75, 0.5, 0.3];
const SEEDS: [u64; 3] = [7, 42, 1234];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// The interview's scheduler day (see [`Scheduler::day_of`]).
    pub exam_day: i64,
    /// Share of the chosen cards to recall on that day, e.g. 0.9.
    pub target_recall: f32,
    /// The most study time a day the plan may assume.
    pub max_minutes_per_day: u32,
}

/// The chosen settings and what the simulation expects of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub exam_date: String,
    pub days_left: u32,
    pub cards: u32,
    pub new_cards: u32,
    pub new_per_day: u32,
    pub desired_retention: f32,
    /// Expected share of the cards recalled on the interview day.
    pub expected_recall: f32,
    pub target_recall: f32,
    pub reaches_target: bool,
    /// Mean simulated study time per day until the interview.
    pub minutes_per_day: f32,
    /// Mean simulated reviews per day until the interview.
    pub reviews_per_day: f32,
    /// Two lines a person can read.
    pub explanation: [String; 2],
}

struct Outcome {
    new_per_day: u32,
    retention: f32,
    recall: f32,
    cost_secs: f32,
    reviews: f32,
}

/// Chooses the new-card rate and desired retention for `cards` (the subjects to prepare).
/// Among the settings that reach the target the cheapest in simulated study time wins; when
/// none does, the one with the highest expected recall.
pub fn plan(
    scheduler: &Scheduler,
    clock: Clock,
    cards: &[Card],
    request: &PlanRequest,
) -> Result<Plan, PracticeError> {
    let today = scheduler.today(clock);
    if request.exam_day <= today {
        return Err(PracticeError::DateNotInFuture);
    }
    if cards.is_empty() {
        return Err(PracticeError::Empty(
            "no cards match these filters, so there is nothing to plan".into(),
        ));
    }
    if !(0.5..=0.99).contains(&request.target_recall) {
        return Err(PracticeError::InvalidConfig(format!(
            "target recall {} is outside 0.50-0.99",
            request.target_recall
        )));
    }
    let days = (request.exam_day - today).min(3650) as usize;
    let parameters = Arc::new(scheduler.parameters().to_vec());
    let config = scheduler.config();
    let studied: Vec<&Card> = cards
        .iter()
        .filter(|c| c.state != CardState::New && c.memory.is_some())
        .collect();
    let new_cards = cards.len() - studied.len();

    let mut rates: Vec<u32> = SPREADS
        .iter()
        .map(|spread| {
            let span = ((days as f32 * spread).floor() as usize).max(1);
            new_cards.div_ceil(span).max(1) as u32
        })
        .collect();
    rates.dedup();

    let mut outcomes = Vec::new();
    for &retention in &RETENTIONS {
        let existing: Vec<fsrs::Card> = studied
            .iter()
            .map(|card| {
                let memory = card.memory.expect("filtered on memory");
                let last = card
                    .last_review
                    .map_or(0, |t| scheduler.day_of(t, clock) - today);
                fsrs::Card {
                    id: card.id.max(1),
                    difficulty: memory.difficulty,
                    stability: memory.stability,
                    last_date: last as f32,
                    due: (scheduler.day_of(card.due, clock) - today).max(0) as f32,
                    interval: card.interval_days as f32,
                    lapses: card.lapses,
                    desired_retention: retention,
                    parameters: parameters.clone(),
                }
            })
            .collect();
        for &rate in &rates {
            let sim = fsrs::SimulatorConfig {
                deck_size: cards.len(),
                learn_span: days + 1,
                max_cost_perday: request.max_minutes_per_day as f32 * 60.0,
                learn_limit: rate as usize,
                review_limit: config.reviews_per_day.max(1) as usize,
                learning_step_count: config.learning_steps_secs.len(),
                relearning_step_count: config.relearning_steps_secs.len(),
                ..fsrs::SimulatorConfig::default()
            };
            let (mut recall, mut cost, mut reviews) = (0.0, 0.0, 0.0);
            for seed in SEEDS {
                let result = fsrs::simulate(
                    &sim,
                    &parameters,
                    retention,
                    Some(seed),
                    Some(existing.clone()),
                )?;
                recall += result.memorized_cnt_per_day[days] / cards.len() as f32;
                cost += result.cost_per_day[..days].iter().sum::<f32>();
                reviews += result.review_cnt_per_day[..days].iter().sum::<usize>() as f32
                    + result.learn_cnt_per_day[..days].iter().sum::<usize>() as f32;
            }
            let n = SEEDS.len() as f32;
            outcomes.push(Outcome {
                new_per_day: rate,
                retention,
                recall: recall / n,
                cost_secs: cost / n,
                reviews: reviews / n,
            });
        }
    }

    let reaching = outcomes
        .iter()
        .filter(|o| o.recall >= request.target_recall)
        .min_by(|a, b| a.cost_secs.total_cmp(&b.cost_secs));
    let reaches_target = reaching.is_some();
    let best = reaching
        .or_else(|| outcomes.iter().max_by(|a, b| a.recall.total_cmp(&b.recall)))
        .expect("at least one simulation ran");

    let minutes_per_day = best.cost_secs / 60.0 / days as f32;
    let exam_date = date_of_day(request.exam_day);
    let learn_days = if new_cards == 0 {
        0
    } else {
        new_cards.div_ceil(best.new_per_day as usize)
    };
    let first = if new_cards == 0 {
        format!(
            "All {} cards are already started: review them at {:.0}% desired retention, about {:.0} minutes a day.",
            cards.len(),
            best.retention * 100.0,
            minutes_per_day.ceil()
        )
    } else {
        format!(
            "Learn {} new cards a day for {} days and review at {:.0}% desired retention: about {:.0} minutes a day.",
            best.new_per_day,
            learn_days,
            best.retention * 100.0,
            minutes_per_day.ceil()
        )
    };
    let second = if reaches_target {
        format!(
            "FSRS's simulation expects you to recall {:.0}% of these {} cards on {exam_date} (target {:.0}%).",
            best.recall * 100.0,
            cards.len(),
            request.target_recall * 100.0
        )
    } else {
        format!(
            "Even so FSRS's simulation expects only {:.0}% recall on {exam_date}, short of the {:.0}% target: narrow the subjects, allow more minutes a day, or start earlier.",
            best.recall * 100.0,
            request.target_recall * 100.0
        )
    };
    Ok(Plan {
        exam_date,
        days_left: days as u32,
        cards: cards.len() as u32,
        new_cards: new_cards as u32,
        new_per_day: best.new_per_day,
        desired_retention: best.retention,
        expected_recall: best.recall,
        target_recall: request.target_recall,
        reaches_target,
        minutes_per_day,
        reviews_per_day: best.reviews / days as f32,
        explanation: [first, second],
    })
}

#[cfg(test)]
mod tests;
