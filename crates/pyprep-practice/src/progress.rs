//! Progress figures from cards and the review log: reviews per day, true retention, the due
//! forecast, mastery per topic and the study streak.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::card::{Card, CardState, ReviewKind, ReviewLog};
use crate::scheduler::{Clock, Scheduler};

/// A count on one scheduler day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    /// `YYYY-MM-DD` of the local day.
    pub date: String,
    pub count: u32,
}

/// Share of graduated cards remembered over a period (Anki's "true retention").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Retention {
    pub period: String,
    pub reviews: u32,
    pub passed: u32,
    /// `None` when there were no reviews of graduated cards.
    pub retention: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicMastery {
    pub topic: String,
    pub cards: u32,
    pub studied: u32,
    /// Mean probability of recall now over studied cards.
    pub retrievability: Option<f32>,
    /// Mean probability of recall now over all cards, unstudied ones counting 0.
    pub mastery: f32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardCounts {
    pub new: u32,
    pub learning: u32,
    pub review: u32,
    pub suspended: u32,
}

/// Everything `pyprep progress` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub today: String,
    pub cards: CardCounts,
    pub total_reviews: u64,
    /// The last days, oldest first, today last.
    pub reviews_per_day: Vec<DayCount>,
    pub retention: Vec<Retention>,
    /// The next days, today first (today includes overdue cards).
    pub due_forecast: Vec<DayCount>,
    /// Weakest first.
    pub mastery: Vec<TopicMastery>,
    /// Consecutive days with at least one answer, ending today (or yesterday when today has
    /// none yet).
    pub streak_days: u32,
}

/// A card with the topics of its question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicCard {
    pub card: Card,
    pub topics: Vec<String>,
}

/// Computes progress over `days` days back and forward.
pub fn progress(
    scheduler: &Scheduler,
    clock: Clock,
    cards: &[TopicCard],
    logs: &[ReviewLog],
    days: u32,
) -> Progress {
    let today = scheduler.today(clock);
    let days = i64::from(days.max(1));

    let mut per_day: BTreeMap<i64, u32> = BTreeMap::new();
    for log in logs.iter().filter(|l| l.grade.is_some()) {
        *per_day.entry(scheduler.day_of(log.at, clock)).or_default() += 1;
    }
    let reviews_per_day = (today - days + 1..=today)
        .map(|day| DayCount {
            date: date_of_day(day),
            count: per_day.get(&day).copied().unwrap_or(0),
        })
        .collect();

    let mut streak_days = 0;
    let mut day = if per_day.contains_key(&today) {
        today
    } else {
        today - 1
    };
    while per_day.contains_key(&day) {
        streak_days += 1;
        day -= 1;
    }

    let retention = [
        ("today", 1),
        ("7 days", 7),
        ("30 days", 30),
        ("all", i64::MAX),
    ]
    .into_iter()
    .map(|(period, span)| {
        let first_day = today.saturating_sub(span.saturating_sub(1));
        let (mut reviews, mut passed) = (0, 0);
        for log in logs.iter().filter(|l| l.kind == ReviewKind::Review) {
            if scheduler.day_of(log.at, clock) >= first_day {
                reviews += 1;
                passed += u32::from(log.grade.is_some_and(|g| g.passed()));
            }
        }
        Retention {
            period: period.to_string(),
            reviews,
            passed,
            retention: (reviews > 0).then(|| passed as f32 / reviews as f32),
        }
    })
    .collect();

    let mut forecast = vec![0u32; days as usize];
    let mut counts = CardCounts::default();
    let mut topics: BTreeMap<&str, (u32, u32, f64)> = BTreeMap::new();
    for TopicCard {
        card,
        topics: card_topics,
    } in cards
    {
        if card.suspended {
            counts.suspended += 1;
        }
        match card.state {
            CardState::New => counts.new += 1,
            CardState::Learning | CardState::Relearning => counts.learning += 1,
            CardState::Review => counts.review += 1,
        }
        if card.state != CardState::New && !card.suspended {
            let offset = (scheduler.day_of(card.due, clock) - today).max(0);
            if let Some(slot) = forecast.get_mut(offset as usize) {
                *slot += 1;
            }
        }
        let r = if card.state == CardState::New {
            None
        } else {
            scheduler.retrievability(card, clock.now)
        };
        for topic in card_topics {
            let entry = topics.entry(topic).or_default();
            entry.0 += 1;
            if let Some(r) = r {
                entry.1 += 1;
                entry.2 += f64::from(r);
            }
        }
    }
    let due_forecast = forecast
        .into_iter()
        .enumerate()
        .map(|(i, count)| DayCount {
            date: date_of_day(today + i as i64),
            count,
        })
        .collect();
    let mut mastery: Vec<TopicMastery> = topics
        .into_iter()
        .map(|(topic, (cards, studied, sum))| TopicMastery {
            topic: topic.to_string(),
            cards,
            studied,
            retrievability: (studied > 0).then(|| (sum / f64::from(studied)) as f32),
            mastery: (sum / f64::from(cards.max(1))) as f32,
        })
        .collect();
    mastery.sort_by(|a, b| {
        a.mastery
            .partial_cmp(&b.mastery)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.topic.cmp(&b.topic))
    });

    Progress {
        today: date_of_day(today),
        cards: counts,
        total_reviews: logs.iter().filter(|l| l.grade.is_some()).count() as u64,
        reviews_per_day,
        retention,
        due_forecast,
        mastery,
        streak_days,
    }
}

/// Distinct scheduler days in `logs` with at least one answer.
pub fn study_days(scheduler: &Scheduler, clock: Clock, logs: &[ReviewLog]) -> BTreeSet<i64> {
    logs.iter()
        .filter(|l| l.grade.is_some())
        .map(|l| scheduler.day_of(l.at, clock))
        .collect()
}

/// `YYYY-MM-DD` for a day number counted from 1970-01-01 (Howard Hinnant's algorithm).
pub fn date_of_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The day number of a `YYYY-MM-DD` date, or `None` when it is not a real date.
pub fn day_of_date(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > 31 {
        return None;
    }
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy.rem_euclid(400);
    let mp = i64::from(if m > 2 { m - 3 } else { m + 9 });
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let day = era * 146_097 + doe - 719_468;
    // Reject 2025-02-30 and the like: the round trip must give the same date back.
    (civil_from_days(day) == (y, m, d)).then_some(day)
}

#[cfg(test)]
mod tests;
