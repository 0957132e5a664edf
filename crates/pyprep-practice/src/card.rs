//! Cards, grades and the review log: the values the scheduler reads and writes and a store
//! keeps.

use std::fmt;
use std::str::FromStr;

use pyprep_core::Question;
use serde::{Deserialize, Serialize};

/// What a card asks about a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CardKind {
    /// Question first, answer from memory, graded by the user (Again/Hard/Good/Easy).
    Recall,
    /// Predict what example number `example` (0-based, in the question's order) prints;
    /// graded automatically against the example's output.
    Drill { example: u32 },
}

impl CardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Recall => "recall",
            CardKind::Drill { .. } => "drill",
        }
    }
}

/// Which card: a question and what is asked about it. Stable across bank upgrades because
/// question ids are.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CardKey {
    pub question_id: String,
    #[serde(flatten)]
    pub kind: CardKind,
}

impl CardKey {
    pub fn recall(question_id: impl Into<String>) -> Self {
        CardKey {
            question_id: question_id.into(),
            kind: CardKind::Recall,
        }
    }

    pub fn drill(question_id: impl Into<String>, example: u32) -> Self {
        CardKey {
            question_id: question_id.into(),
            kind: CardKind::Drill { example },
        }
    }

    /// The cards a question offers today: always a recall card, plus a drill for every
    /// example whose output is known and stable. When the sandbox records real output for
    /// an example, calling this again (or adding [`CardKey::drill`] directly) yields its drill.
    pub fn for_question(question: &Question) -> Vec<CardKey> {
        let mut keys = vec![CardKey::recall(&question.id)];
        keys.extend(
            question
                .examples
                .iter()
                .enumerate()
                .filter(|(_, e)| is_drillable(e))
                .map(|(i, _)| CardKey::drill(&question.id, i as u32)),
        );
        keys
    }
}

/// An example can be a predict-the-output drill when it is runnable Python with a known,
/// deterministic output.
pub fn is_drillable(example: &pyprep_core::Example) -> bool {
    example.is_runnable_python()
        && !example.nondeterministic
        && example
            .expected_output
            .as_deref()
            .is_some_and(|o| !o.trim().is_empty())
}

impl fmt::Display for CardKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            CardKind::Recall => f.write_str(&self.question_id),
            CardKind::Drill { example } => write!(f, "{}#drill-{}", self.question_id, example + 1),
        }
    }
}

/// The user's answer to a card, as FSRS rates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// Forgot.
    Again = 1,
    /// Recalled with serious difficulty.
    Hard = 2,
    /// Recalled.
    Good = 3,
    /// Recalled effortlessly.
    Easy = 4,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// The 1-4 number FSRS and the keyboard use.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<Grade> {
        Grade::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// Whether the card counts as remembered (everything but Again).
    pub fn passed(self) -> bool {
        self != Grade::Again
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Grade {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(g) = s.parse::<u8>().ok().and_then(Grade::from_number) {
            return Ok(g);
        }
        Grade::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown grade {s:?}; expected 1-4 or again, hard, good, easy"))
    }
}

/// FSRS memory state: stability in days (the interval at which recall probability falls to
/// 90%) and difficulty on FSRS's 1-10 scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    pub stability: f32,
    pub difficulty: f32,
}

impl From<fsrs::MemoryState> for Memory {
    fn from(m: fsrs::MemoryState) -> Self {
        Memory {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

impl From<Memory> for fsrs::MemoryState {
    fn from(m: Memory) -> Self {
        fsrs::MemoryState {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardState {
    /// Never answered.
    New,
    /// Going through the short learning steps before its first day-long interval.
    Learning,
    /// Scheduled in days.
    Review,
    /// Forgotten after graduating; going through the relearning steps.
    Relearning,
}

impl CardState {
    pub const ALL: [CardState; 4] = [
        CardState::New,
        CardState::Learning,
        CardState::Review,
        CardState::Relearning,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardState::New => "new",
            CardState::Learning => "learning",
            CardState::Review => "review",
            CardState::Relearning => "relearning",
        }
    }
}

pyprep_core::name_enum!(CardState, "card state");

/// One card and its scheduling state. Times are unix seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Assigned by the store; 0 for a card not stored yet.
    pub id: i64,
    pub key: CardKey,
    pub state: CardState,
    /// Index into the learning or relearning steps while in those states.
    pub step: u32,
    /// `None` until the first answer.
    pub memory: Option<Memory>,
    /// When the card is next shown. New cards are ordered by it (their introduction order).
    pub due: i64,
    pub last_review: Option<i64>,
    /// Days the last answer scheduled (0 while in learning steps).
    pub interval_days: u32,
    pub reps: u32,
    pub lapses: u32,
    /// Hidden from study until unsuspended.
    pub suspended: bool,
    /// Hidden from study until this time (the start of a later day).
    pub buried_until: Option<i64>,
}

impl Card {
    /// A card never answered, introduced in the order of `position`.
    pub fn new(key: CardKey, position: i64) -> Card {
        Card {
            id: 0,
            key,
            state: CardState::New,
            step: 0,
            memory: None,
            due: position,
            last_review: None,
            interval_days: 0,
            reps: 0,
            lapses: 0,
            suspended: false,
            buried_until: None,
        }
    }

    /// Whether the card may be studied at `now` at all (not suspended, not buried).
    pub fn is_active(&self, now: i64) -> bool {
        !self.suspended && self.buried_until.is_none_or(|until| until <= now)
    }

    /// The same card forgotten: new again, memory cleared; lapses and reps are kept as history.
    pub fn reset(&self, position: i64) -> Card {
        Card {
            state: CardState::New,
            step: 0,
            memory: None,
            due: position,
            last_review: None,
            interval_days: 0,
            suspended: false,
            buried_until: None,
            ..self.clone()
        }
    }
}

/// Why a review-log row exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewKind {
    /// A new or learning card answered.
    Learn,
    /// A graduated card answered.
    Review,
    /// A forgotten card answered during relearning.
    Relearn,
    /// The card was reset to new by the user: the optimiser starts its history afresh here.
    Reset,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 4] = [
        ReviewKind::Learn,
        ReviewKind::Review,
        ReviewKind::Relearn,
        ReviewKind::Reset,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Learn => "learn",
            ReviewKind::Review => "review",
            ReviewKind::Relearn => "relearn",
            ReviewKind::Reset => "reset",
        }
    }
}

pyprep_core::name_enum!(ReviewKind, "review kind");

/// One answer (or reset), as the optimiser and the progress report need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewLog {
    pub card_id: i64,
    /// Unix seconds when it was answered.
    pub at: i64,
    /// `None` for a reset.
    pub grade: Option<Grade>,
    pub kind: ReviewKind,
    /// The card's state before the answer.
    pub state_before: CardState,
    /// Scheduler days since the previous answer (0 for the first).
    pub elapsed_days: u32,
    /// Days until the next review that this answer scheduled (0 for learning steps).
    pub interval_days: u32,
    pub due_after: i64,
    pub memory_after: Option<Memory>,
    /// How long the user took, when known.
    pub duration_ms: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_from_numbers_and_names() {
        assert_eq!("3".parse::<Grade>().unwrap(), Grade::Good);
        assert_eq!("Easy".parse::<Grade>().unwrap(), Grade::Easy);
        assert!("5".parse::<Grade>().is_err());
        assert_eq!(Grade::from_number(0), None);
        assert_eq!(Grade::from_number(1), Some(Grade::Again));
    }

    #[test]
    fn card_keys_serialise_flat_and_display_readably() {
        let key = CardKey::drill("gil", 1);
        assert_eq!(key.to_string(), "gil#drill-2");
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json, r#"{"question_id":"gil","kind":"drill","example":1}"#);
        assert_eq!(serde_json::from_str::<CardKey>(&json).unwrap(), key);
        assert_eq!(CardKey::recall("gil").to_string(), "gil");
    }
}
