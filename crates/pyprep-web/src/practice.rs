//! What the practice pages share: the clock, the scheduler from the saved settings, and
//! making sure every question has its cards.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use pyprep_core::check::code_fingerprint;
use pyprep_practice::{CardKey, Clock, Scheduler, SplitMix64, is_drillable};
use pyprep_store::Filter;

use crate::error::WebError;
use crate::state::AppState;

/// Now in the server's time zone, which is the user's on a laptop.
pub fn clock() -> Clock {
    let now = jiff::Timestamp::now().as_second();
    let offset = jiff::Timestamp::from_second(now)
        .map(|ts| jiff::tz::TimeZone::system().to_offset(ts).seconds())
        .unwrap_or(0);
    Clock {
        now,
        utc_offset_secs: offset,
    }
}

/// A random source for interval fuzz and question picks.
pub fn rng() -> SplitMix64 {
    SplitMix64::new(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    )
}

pub async fn scheduler(state: &AppState) -> Result<Scheduler, WebError> {
    let config = state.practice.practice_config().await?;
    Scheduler::new(config)
        .map_err(|e| WebError::Internal(format!("the saved practice settings are invalid: {e}")))
}

/// The store revision cards were last created for; creating them reads every question, so it
/// is done again only when questions or checks changed (here or in another process).
#[derive(Default)]
pub struct CardsEnsured(Mutex<Option<u64>>);

impl CardsEnsured {
    pub fn reset(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// Creates the missing cards: a recall card per question and a drill per example whose
/// output is known (captured by `pyprep verify` as a drill, or stated by a drillable example).
/// Returns the expected output of every drill card.
pub async fn ensure_cards(state: &AppState) -> Result<(), WebError> {
    // Read before the questions: a change landing meanwhile leaves the mark behind, so the
    // next call creates its cards.
    let revision = state.store.revision().await?;
    if *state.cards.0.lock().unwrap_or_else(|e| e.into_inner()) == Some(revision) {
        return Ok(());
    }
    let questions = state.store.questions(&Filter::default()).await?;
    let mut keys = Vec::new();
    let outputs = drill_outputs(state, &questions).await?;
    for question in &questions {
        keys.push(CardKey::recall(&question.id));
        for i in 0..question.examples.len() as u32 {
            if outputs.contains_key(&(question.id.clone(), i)) {
                keys.push(CardKey::drill(&question.id, i));
            }
        }
    }
    state.practice.add_cards(&keys).await?;
    *state.cards.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(revision);
    Ok(())
}

/// The output each drillable example prints: real captured output wins over the text's claim.
pub async fn drill_outputs(
    state: &AppState,
    questions: &[pyprep_core::Question],
) -> Result<HashMap<(String, u32), String>, WebError> {
    let by_id: HashMap<&str, &pyprep_core::Question> =
        questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut outputs = HashMap::new();
    for question in questions {
        for (i, example) in question.examples.iter().enumerate() {
            if is_drillable(example)
                && let Some(output) = &example.expected_output
            {
                outputs.insert((question.id.clone(), i as u32), output.clone());
            }
        }
    }
    let ids: Vec<&str> = by_id.keys().copied().collect();
    let checks = if ids.len() == 1 {
        state.store.checks(Some(ids[0])).await?
    } else {
        state.store.checks(None).await?
    };
    for check in checks {
        let current = by_id.get(check.question_id.as_str()).is_some_and(|q| {
            q.examples
                .get(check.example as usize)
                .is_some_and(|e| code_fingerprint(&e.code) == check.code_fingerprint)
        });
        if check.drill && current {
            outputs.insert((check.question_id.clone(), check.example), check.output);
        }
    }
    Ok(outputs)
}
