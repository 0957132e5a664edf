//! Quizzes and the session records a store keeps in history.

use serde::{Deserialize, Serialize};

use crate::card::{CardKey, Grade};
use crate::mock::MockReport;
use crate::rng::SplitMix64;

/// One answered quiz card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizAnswer {
    pub card: CardKey,
    pub title: String,
    pub grade: Grade,
}

/// The end of a quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizReport {
    /// The filters the quiz was drawn with, as the user gave them (e.g. `topic=asyncio`).
    pub filters: Vec<String>,
    pub answers: Vec<QuizAnswer>,
    /// Answers graded Good or Easy (drills: correct).
    pub correct: u32,
    /// Answers given (a quiz left early counts only what was answered).
    pub answered: u32,
    pub percent: f32,
}

impl QuizReport {
    pub fn new(filters: Vec<String>, answers: Vec<QuizAnswer>) -> QuizReport {
        let answered = answers.len() as u32;
        let correct = answers.iter().filter(|a| a.grade >= Grade::Good).count() as u32;
        QuizReport {
            filters,
            answers,
            correct,
            answered,
            percent: if answered == 0 {
                0.0
            } else {
                correct as f32 * 100.0 / answered as f32
            },
        }
    }
}

/// A finished quiz or mock interview, as history keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SessionReport {
    Quiz(QuizReport),
    Mock(MockReport),
}

impl SessionReport {
    pub fn kind(&self) -> &'static str {
        match self {
            SessionReport::Quiz(_) => "quiz",
            SessionReport::Mock(_) => "mock",
        }
    }
}

/// `count` items drawn at random (without repeats) from `items`, reproducibly for a seed.
pub fn pick<T: Clone>(items: &[T], count: usize, seed: u64) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    SplitMix64::new(seed).shuffle(&mut order);
    order
        .into_iter()
        .take(count)
        .map(|i| items[i].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiz_score_counts_good_and_easy() {
        let answer = |grade| QuizAnswer {
            card: CardKey::recall("q"),
            title: "Q".into(),
            grade,
        };
        let report = QuizReport::new(
            vec![],
            vec![
                answer(Grade::Good),
                answer(Grade::Again),
                answer(Grade::Easy),
                answer(Grade::Hard),
            ],
        );
        assert_eq!((report.correct, report.answered), (2, 4));
        assert_eq!(report.percent, 50.0);
        assert_eq!(QuizReport::new(vec![], vec![]).percent, 0.0);
    }

    #[test]
    fn pick_draws_distinct_items_reproducibly() {
        let items: Vec<u32> = (0..50).collect();
        let a = pick(&items, 10, 3);
        assert_eq!(a, pick(&items, 10, 3));
        let distinct: std::collections::BTreeSet<_> = a.iter().collect();
        assert_eq!(distinct.len(), 10);
        assert_eq!(pick(&items, 99, 1).len(), 50);
    }
}
