//! The scheduler: FSRS memory states from the `fsrs` crate, plus what the crate leaves to its
//! callers (as Anki does): short learning and relearning steps, interval fuzz, a maximum
//! interval, scheduler days that start at a set hour, and the ordering of Hard < Good < Easy.

use fsrs::FSRS;
use serde::{Deserialize, Serialize};

use crate::card::{Card, CardState, Grade, Memory, ReviewKind, ReviewLog};
use crate::error::PracticeError;

const DAY: i64 = 86_400;

/// The user's practice settings. Every field has a default, so a stored config missing newer
/// fields still loads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SchedulerConfig {
    /// Probability of recall the scheduler aims for when a card comes due (0.70 to 0.99).
    pub desired_retention: f32,
    /// FSRS parameters; empty means the crate's defaults (fitted to the average learner).
    pub parameters: Vec<f32>,
    /// Delays between answers of a new card before it graduates to day-long intervals.
    pub learning_steps_secs: Vec<u32>,
    /// Delays between answers of a forgotten card before it graduates again.
    pub relearning_steps_secs: Vec<u32>,
    pub maximum_interval_days: u32,
    /// Spread intervals a little so cards learned together do not stay bunched together.
    pub fuzz: bool,
    /// New cards introduced per scheduler day.
    pub new_per_day: u32,
    /// Graduated cards reviewed per scheduler day.
    pub reviews_per_day: u32,
    /// Local hour at which a scheduler day starts, so a late-night session counts as the
    /// same day (Anki uses 4).
    pub day_start_hour: u8,
    /// How far ahead a learning card may be shown when nothing else is left.
    pub learn_ahead_secs: u32,
    /// The interview being prepared for (`YYYY-MM-DD`), set by `pyprep plan` or the settings
    /// page; the home page counts down to it.
    pub interview_date: Option<String>,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            desired_retention: 0.9,
            parameters: Vec::new(),
            learning_steps_secs: vec![60, 600],
            relearning_steps_secs: vec![600],
            maximum_interval_days: 36_500,
            fuzz: true,
            new_per_day: 20,
            reviews_per_day: 200,
            day_start_hour: 4,
            learn_ahead_secs: 1_200,
            interview_date: None,
        }
    }
}

impl SchedulerConfig {
    /// Checks every range; the error names the setting.
    pub fn validate(&self) -> Result<(), PracticeError> {
        let bad = |msg: String| Err(PracticeError::InvalidConfig(msg));
        if !(0.7..=0.99).contains(&self.desired_retention) {
            return bad(format!(
                "desired retention {} is outside 0.70-0.99",
                self.desired_retention
            ));
        }
        if self.maximum_interval_days == 0 {
            return bad("maximum interval must be at least 1 day".into());
        }
        if self.day_start_hour > 23 {
            return bad(format!(
                "day start hour {} is not 0-23",
                self.day_start_hour
            ));
        }
        if self
            .learning_steps_secs
            .iter()
            .chain(&self.relearning_steps_secs)
            .any(|&s| s == 0)
        {
            return bad("learning steps must be at least one second".into());
        }
        if let Some(date) = &self.interview_date
            && crate::day_of_date(date).is_none()
        {
            return bad(format!(
                "interview date {date:?} is not a date like 2026-12-15"
            ));
        }
        fsrs::check_and_fill_parameters(&self.parameters).map_err(|_| {
            PracticeError::InvalidConfig(format!(
                "FSRS parameters are invalid ({} values); run `pyprep optimize` again or clear them",
                self.parameters.len()
            ))
        })?;
        Ok(())
    }
}

/// FSRS's default parameters (fitted to the average learner), all 21 of them.
pub fn default_parameters() -> Vec<f32> {
    fsrs::DEFAULT_PARAMETERS.to_vec()
}

/// The current time and the local UTC offset, passed in so tests can pin them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Unix seconds.
    pub now: i64,
    /// Seconds east of UTC.
    pub utc_offset_secs: i32,
}

impl Clock {
    pub fn utc(now: i64) -> Clock {
        Clock {
            now,
            utc_offset_secs: 0,
        }
    }

    pub fn at(self, now: i64) -> Clock {
        Clock { now, ..self }
    }
}

/// A card after an answer, and the log row recording it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answered {
    pub card: Card,
    pub log: ReviewLog,
}

/// What one grade would do, for showing next to the grade buttons.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub grade: Grade,
    pub state: CardState,
    pub due: i64,
    pub interval_days: u32,
}

impl Preview {
    /// "10m", "3d", "2.5mo": how long until the card comes back.
    pub fn label(&self, now: i64) -> String {
        human_delay(self.due - now)
    }
}

/// A short human delay such as `10m`, `3d`, `4.2mo`, `1.5y`.
pub fn human_delay(secs: i64) -> String {
    let secs = secs.max(0) as f64;
    if secs < 3600.0 {
        format!("{}m", (secs / 60.0).round().max(1.0))
    } else if secs < DAY as f64 {
        format!("{}h", (secs / 3600.0).round())
    } else if secs < 30.0 * DAY as f64 {
        format!("{}d", (secs / DAY as f64).round())
    } else if secs < 365.0 * DAY as f64 {
        format!("{:.1}mo", secs / (30.0 * DAY as f64))
    } else {
        format!("{:.1}y", secs / (365.0 * DAY as f64))
    }
}

/// Schedules answers with FSRS under a [`SchedulerConfig`]. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Scheduler {
    config: SchedulerConfig,
    fsrs: FSRS,
    parameters: Vec<f32>,
}

impl Scheduler {
    pub fn new(config: SchedulerConfig) -> Result<Scheduler, PracticeError> {
        config.validate()?;
        let parameters = fsrs::check_and_fill_parameters(&config.parameters)?;
        let fsrs = FSRS::new(&config.parameters)?;
        Ok(Scheduler {
            config,
            fsrs,
            parameters,
        })
    }

    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    /// The 21 FSRS parameters in force (defaults filled in).
    pub fn parameters(&self) -> &[f32] {
        &self.parameters
    }

    /// The forgetting curve's decay parameter.
    pub fn decay(&self) -> f32 {
        self.parameters[20]
    }

    fn shift(&self, clock: Clock) -> i64 {
        i64::from(clock.utc_offset_secs) - i64::from(self.config.day_start_hour) * 3600
    }

    /// The scheduler day (days since the epoch, starting at the configured local hour) that
    /// `ts` falls in.
    pub fn day_of(&self, ts: i64, clock: Clock) -> i64 {
        (ts + self.shift(clock)).div_euclid(DAY)
    }

    pub fn today(&self, clock: Clock) -> i64 {
        self.day_of(clock.now, clock)
    }

    /// The unix time at which scheduler day `day` starts.
    pub fn day_start(&self, day: i64, clock: Clock) -> i64 {
        day * DAY - self.shift(clock)
    }

    /// When a card buried now comes back: the start of the next scheduler day.
    pub fn bury_until(&self, clock: Clock) -> i64 {
        self.day_start(self.today(clock) + 1, clock)
    }

    /// Probability of recalling `card` at `now`; `None` for a card never answered.
    pub fn retrievability(&self, card: &Card, now: i64) -> Option<f32> {
        let memory = card.memory?;
        let last = card.last_review?;
        let days = ((now - last).max(0) as f32) / DAY as f32;
        Some(fsrs::current_retrievability(
            memory.into(),
            days,
            self.decay(),
        ))
    }

    /// Scheduler days since the card's last answer.
    pub fn elapsed_days(&self, card: &Card, clock: Clock) -> u32 {
        card.last_review.map_or(0, |last| {
            (self.today(clock) - self.day_of(last, clock)).max(0) as u32
        })
    }

    /// What each grade would do now, without fuzz.
    pub fn preview(&self, card: &Card, clock: Clock) -> Result<[Preview; 4], PracticeError> {
        let mut out = Vec::with_capacity(4);
        for grade in Grade::ALL {
            let answered = self.answer_with(card, grade, clock, None, 0)?;
            out.push(Preview {
                grade,
                state: answered.card.state,
                due: answered.card.due,
                interval_days: answered.card.interval_days,
            });
        }
        Ok([out[0], out[1], out[2], out[3]])
    }

    /// Answers `card` with `grade` at `clock.now`. `fuzz` in [0, 1) picks where in the fuzz
    /// range a day-long interval lands (ignored when fuzz is off in the config).
    pub fn answer(
        &self,
        card: &Card,
        grade: Grade,
        clock: Clock,
        fuzz: f32,
        duration_ms: u32,
    ) -> Result<Answered, PracticeError> {
        let fuzz = self.config.fuzz.then_some(fuzz.clamp(0.0, 0.999_999));
        self.answer_with(card, grade, clock, fuzz, duration_ms)
    }

    fn answer_with(
        &self,
        card: &Card,
        grade: Grade,
        clock: Clock,
        fuzz: Option<f32>,
        duration_ms: u32,
    ) -> Result<Answered, PracticeError> {
        let now = clock.now;
        let today = self.today(clock);
        let elapsed = self.elapsed_days(card, clock);
        let memory_before = if card.state == CardState::New {
            None
        } else {
            card.memory.map(fsrs::MemoryState::from)
        };
        let next = self
            .fsrs
            .next_states(memory_before, self.config.desired_retention, elapsed)?;
        let item = match grade {
            Grade::Again => &next.again,
            Grade::Hard => &next.hard,
            Grade::Good => &next.good,
            Grade::Easy => &next.easy,
        };
        let memory = Memory::from(item.memory);
        let passing = || self.passing_intervals(&next, elapsed, fuzz);

        let mut after = card.clone();
        after.memory = Some(memory);
        after.last_review = Some(now);
        after.reps += 1;
        after.buried_until = None;

        let kind = match card.state {
            CardState::New | CardState::Learning => ReviewKind::Learn,
            CardState::Review => ReviewKind::Review,
            CardState::Relearning => ReviewKind::Relearn,
        };
        // `Some(secs)`: stay in (re)learning at step `step`, due in `secs`.
        let mut stay: Option<(CardState, u32, i64)> = None;
        let mut graduate: Option<u32> = None;
        match card.state {
            CardState::New | CardState::Learning | CardState::Relearning => {
                let relearning = card.state == CardState::Relearning;
                let steps = if relearning {
                    &self.config.relearning_steps_secs
                } else {
                    &self.config.learning_steps_secs
                };
                let state = if relearning {
                    CardState::Relearning
                } else {
                    CardState::Learning
                };
                let step = if card.state == CardState::New {
                    0
                } else {
                    (card.step as usize).min(steps.len().saturating_sub(1))
                };
                match grade {
                    _ if steps.is_empty() && grade == Grade::Again => {
                        graduate = Some(self.again_interval(&next));
                    }
                    _ if steps.is_empty() => graduate = Some(pick(passing(), grade)),
                    Grade::Again => stay = Some((state, 0, i64::from(steps[0]))),
                    Grade::Hard => stay = Some((state, step as u32, hard_delay(steps, step))),
                    Grade::Good if step + 1 < steps.len() => {
                        stay = Some((state, step as u32 + 1, i64::from(steps[step + 1])));
                    }
                    Grade::Good | Grade::Easy => graduate = Some(pick(passing(), grade)),
                }
            }
            CardState::Review => match grade {
                Grade::Again => {
                    after.lapses += 1;
                    match self.config.relearning_steps_secs.first() {
                        Some(&secs) => stay = Some((CardState::Relearning, 0, i64::from(secs))),
                        None => graduate = Some(self.again_interval(&next)),
                    }
                }
                _ => graduate = Some(pick(passing(), grade)),
            },
        }

        if let Some((state, step, secs)) = stay {
            after.state = state;
            after.step = step;
            after.interval_days = 0;
            after.due = now + secs;
        } else if let Some(days) = graduate {
            after.state = CardState::Review;
            after.step = 0;
            after.interval_days = days;
            after.due = self.day_start(today + i64::from(days), clock);
        }

        let log = ReviewLog {
            card_id: card.id,
            at: now,
            grade: Some(grade),
            kind,
            state_before: card.state,
            elapsed_days: elapsed,
            interval_days: after.interval_days,
            due_after: after.due,
            memory_after: after.memory,
            duration_ms,
        };
        Ok(Answered { card: after, log })
    }

    /// The card forgotten, and the log row that tells the optimiser its history restarts.
    pub fn reset(&self, card: &Card, clock: Clock, position: i64) -> Answered {
        let after = card.reset(position);
        let log = ReviewLog {
            card_id: card.id,
            at: clock.now,
            grade: None,
            kind: ReviewKind::Reset,
            state_before: card.state,
            elapsed_days: self.elapsed_days(card, clock),
            interval_days: 0,
            due_after: after.due,
            memory_after: None,
            duration_ms: 0,
        };
        Answered { card: after, log }
    }

    fn again_interval(&self, next: &fsrs::NextStates) -> u32 {
        (next.again.interval.round() as u32).clamp(1, self.config.maximum_interval_days)
    }

    /// Hard, Good and Easy intervals in days, each at least one day longer than the one
    /// before so a better grade never schedules sooner (Anki's rule), fuzzed with one factor.
    fn passing_intervals(
        &self,
        next: &fsrs::NextStates,
        elapsed: u32,
        fuzz: Option<f32>,
    ) -> [u32; 3] {
        let max = self.config.maximum_interval_days;
        let hard = constrain(next.hard.interval, 1, max, elapsed, fuzz);
        let good = constrain(next.good.interval, hard + 1, max, elapsed, fuzz);
        let easy = constrain(next.easy.interval, good + 1, max, elapsed, fuzz);
        [hard, good, easy]
    }
}

fn pick(intervals: [u32; 3], grade: Grade) -> u32 {
    match grade {
        Grade::Again | Grade::Hard => intervals[0],
        Grade::Good => intervals[1],
        Grade::Easy => intervals[2],
    }
}

/// Anki's delay for Hard in learning: halfway to the next step on the first step, 1.5 times
/// a lone step (at most a day longer), else a repeat of the current step.
fn hard_delay(steps: &[u32], step: usize) -> i64 {
    let current = i64::from(steps[step]);
    if step == 0 {
        match steps.get(1) {
            Some(&next) => (current + i64::from(next)) / 2,
            None => (current * 3 / 2).min(current + DAY),
        }
    } else {
        current
    }
}

/// Fuzz ranges from Anki: +-15% of the part of an interval between 2.5 and 7 days, 10% of the
/// part from 7 to 20, 5% beyond, plus one day.
const FUZZ_RANGES: [(f32, f32, f32); 3] =
    [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, f32::MAX, 0.05)];

fn fuzz_delta(interval: f32) -> f32 {
    if interval < 2.5 {
        return 0.0;
    }
    FUZZ_RANGES
        .iter()
        .fold(1.0, |delta, &(start, end, factor)| {
            delta + factor * (interval.min(end) - start).max(0.0)
        })
}

/// The inclusive range a fuzzed interval may fall in, within `minimum..=maximum` and never
/// earlier than the day after the elapsed days when the card is early.
pub fn fuzz_bounds(interval: f32, minimum: u32, maximum: u32, elapsed: u32) -> (u32, u32) {
    let minimum = minimum.min(maximum);
    let interval = interval.clamp(minimum as f32, maximum as f32);
    let delta = fuzz_delta(interval);
    let mut lower = (interval - delta).round() as u32;
    let mut upper = (interval + delta).round() as u32;
    if delta > 0.0 {
        lower = lower.max(2);
        if interval > elapsed as f32 {
            lower = lower.max(elapsed + 1);
        }
    }
    lower = lower.clamp(minimum, maximum);
    upper = upper.clamp(minimum, maximum).max(lower);
    if upper == lower && upper > 2 && upper < maximum {
        upper = lower + 1;
    }
    (lower, upper)
}

fn constrain(interval: f32, minimum: u32, maximum: u32, elapsed: u32, fuzz: Option<f32>) -> u32 {
    match fuzz {
        Some(factor) if interval >= 2.5 => {
            let (lower, upper) = fuzz_bounds(interval, minimum, maximum, elapsed);
            ((lower as f32 + factor * (1 + upper - lower) as f32).floor() as u32).min(upper)
        }
        _ => (interval.round() as u32).clamp(minimum.min(maximum), maximum),
    }
}

#[cfg(test)]
mod tests;
