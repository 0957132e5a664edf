//! The due queue for a study session: which cards to show, in which order, within the daily
//! limits. Built from cards a store selected; updated in memory as the user answers.

use std::cmp::Ordering;
use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::card::{Card, CardState, ReviewKind, ReviewLog};
use crate::scheduler::{Clock, Scheduler};

/// What was already done today, counted against the daily limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayCounts {
    /// New cards answered for the first time today.
    pub new: u32,
    /// Graduated cards reviewed today.
    pub reviews: u32,
}

impl TodayCounts {
    /// Counts today's rows of a review log (rows from earlier days are ignored).
    pub fn from_logs<'a>(
        logs: impl IntoIterator<Item = &'a ReviewLog>,
        scheduler: &Scheduler,
        clock: Clock,
    ) -> TodayCounts {
        let start = scheduler.day_start(scheduler.today(clock), clock);
        let mut counts = TodayCounts::default();
        for log in logs
            .into_iter()
            .filter(|l| l.at >= start && l.at <= clock.now)
        {
            match (log.kind, log.state_before) {
                (ReviewKind::Learn, CardState::New) => counts.new += 1,
                (ReviewKind::Review, _) => counts.reviews += 1,
                _ => {}
            }
        }
        counts
    }
}

/// What to show next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "next", rename_all = "lowercase")]
pub enum Next {
    Card {
        card: Card,
    },
    /// Only learning cards remain and the first comes back at `until`.
    Wait {
        until: i64,
    },
    /// Nothing left for today.
    Done,
}

/// The cards of one session: learning cards when their step is up, then due reviews, then
/// new cards, then learning cards a little ahead of time.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StudyQueue {
    learning: Vec<Card>,
    review: VecDeque<Card>,
    new: VecDeque<Card>,
    learn_ahead: i64,
    end_of_day: i64,
}

impl StudyQueue {
    /// Builds the queue from `due` (cards already answered whose due time falls before the end
    /// of today; others are ignored) and `new` (unanswered candidates, in introduction order),
    /// leaving out suspended and buried cards and cutting reviews and new cards to what the
    /// daily limits still allow after `done`.
    ///
    /// Reviews are ordered overdue first (due before today), then by retrievability, lowest
    /// first: the cards closest to being forgotten come first when a limit cuts the list.
    pub fn build(
        scheduler: &Scheduler,
        clock: Clock,
        due: Vec<Card>,
        new: Vec<Card>,
        done: TodayCounts,
    ) -> StudyQueue {
        let config = scheduler.config();
        let today = scheduler.today(clock);
        let end_of_day = scheduler.day_start(today + 1, clock);
        let mut learning = Vec::new();
        let mut review = Vec::new();
        for card in due.into_iter().filter(|c| c.is_active(clock.now)) {
            match card.state {
                CardState::Learning | CardState::Relearning if card.due < end_of_day => {
                    learning.push(card);
                }
                CardState::Review if scheduler.day_of(card.due, clock) <= today => {
                    let overdue = scheduler.day_of(card.due, clock) < today;
                    let r = scheduler.retrievability(&card, clock.now).unwrap_or(0.0);
                    review.push((overdue, r, card));
                }
                _ => {}
            }
        }
        learning.sort_by_key(|c| (c.due, c.id));
        review.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.partial_cmp(&b.1).unwrap_or(Ordering::Equal))
                .then(a.2.due.cmp(&b.2.due))
                .then(a.2.id.cmp(&b.2.id))
        });
        let review_room = config.reviews_per_day.saturating_sub(done.reviews) as usize;
        let review: VecDeque<Card> = review
            .into_iter()
            .take(review_room)
            .map(|(_, _, c)| c)
            .collect();
        let mut new: Vec<Card> = new
            .into_iter()
            .filter(|c| c.state == CardState::New && c.is_active(clock.now))
            .collect();
        new.sort_by_key(|c| (c.due, c.id));
        new.truncate(config.new_per_day.saturating_sub(done.new) as usize);
        StudyQueue {
            learning,
            review,
            new: new.into(),
            learn_ahead: i64::from(config.learn_ahead_secs),
            end_of_day,
        }
    }

    /// The card to show at `now`, without removing it.
    pub fn next(&self, now: i64) -> Next {
        let first_learning = self.learning.first();
        if let Some(card) = first_learning.filter(|c| c.due <= now) {
            return Next::Card { card: card.clone() };
        }
        if let Some(card) = self.review.front().or(self.new.front()) {
            return Next::Card { card: card.clone() };
        }
        match first_learning {
            Some(card) if card.due <= now + self.learn_ahead => Next::Card { card: card.clone() },
            Some(card) => Next::Wait { until: card.due },
            None => Next::Done,
        }
    }

    /// Takes an answered card out and, if it is still in (re)learning today, puts it back
    /// for its next step.
    pub fn answered(&mut self, card: &Card) {
        self.remove(card.id);
        if matches!(card.state, CardState::Learning | CardState::Relearning)
            && card.due < self.end_of_day
        {
            let at = self
                .learning
                .partition_point(|c| (c.due, c.id) <= (card.due, card.id));
            self.learning.insert(at, card.clone());
        }
    }

    /// Takes a card out for this session (buried, suspended or skipped).
    pub fn remove(&mut self, id: i64) {
        self.learning.retain(|c| c.id != id);
        self.review.retain(|c| c.id != id);
        self.new.retain(|c| c.id != id);
    }

    /// Cards left: (learning, review, new).
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.learning.len(), self.review.len(), self.new.len())
    }

    pub fn is_empty(&self) -> bool {
        self.learning.is_empty() && self.review.is_empty() && self.new.is_empty()
    }
}
