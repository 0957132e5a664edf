use super::*;
use crate::card::{CardKey, Grade, Memory};
use crate::scheduler::SchedulerConfig;

const NOW: i64 = 1_750_000_000; // 2025-06-15 15:06 UTC
const DAY: i64 = 86_400;

fn log(card_id: i64, at: i64, grade: Grade, kind: ReviewKind) -> ReviewLog {
    ReviewLog {
        card_id,
        at,
        grade: Some(grade),
        kind,
        state_before: CardState::Review,
        elapsed_days: 1,
        interval_days: 1,
        due_after: at + DAY,
        memory_after: None,
        duration_ms: 0,
    }
}

fn card(id: i64, state: CardState, due: i64, memory: Option<Memory>, last: Option<i64>) -> Card {
    Card {
        id,
        state,
        due,
        memory,
        last_review: last,
        ..Card::new(CardKey::recall(format!("q{id}")), id)
    }
}

#[test]
fn dates_round_trip_and_reject_impossible_days() {
    assert_eq!(date_of_day(0), "1970-01-01");
    assert_eq!(date_of_day(20_254), "2025-06-15");
    assert_eq!(day_of_date("2025-06-15"), Some(20_254));
    assert_eq!(
        day_of_date("2024-02-29").map(date_of_day).as_deref(),
        Some("2024-02-29")
    );
    assert_eq!(day_of_date("2025-02-29"), None);
    assert_eq!(day_of_date("2025-13-01"), None);
    assert_eq!(day_of_date("next tuesday"), None);
}

#[test]
fn progress_counts_days_retention_forecast_mastery_and_streak() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let clock = Clock::utc(NOW);
    let logs = vec![
        // Today: two reviews, one forgotten.
        log(1, NOW - 60, Grade::Good, ReviewKind::Review),
        log(2, NOW - 120, Grade::Again, ReviewKind::Review),
        // Yesterday and the day before: one each. Four days ago: one (gap breaks the streak).
        log(1, NOW - DAY, Grade::Good, ReviewKind::Review),
        log(3, NOW - 2 * DAY, Grade::Hard, ReviewKind::Learn),
        log(3, NOW - 4 * DAY, Grade::Good, ReviewKind::Review),
    ];
    let strong = Memory {
        stability: 100.0,
        difficulty: 3.0,
    };
    let cards = vec![
        TopicCard {
            card: card(
                1,
                CardState::Review,
                NOW - 2 * DAY,
                Some(strong),
                Some(NOW - 60),
            ),
            topics: vec!["oop".into()],
        },
        TopicCard {
            card: card(
                2,
                CardState::Review,
                NOW + 3 * DAY,
                Some(strong),
                Some(NOW - 120),
            ),
            topics: vec!["oop".into(), "asyncio".into()],
        },
        TopicCard {
            card: card(3, CardState::New, 3, None, None),
            topics: vec!["asyncio".into()],
        },
    ];
    let p = progress(&s, clock, &cards, &logs, 30);
    assert_eq!(p.today, "2025-06-15");
    assert_eq!(p.reviews_per_day.len(), 30);
    let last: Vec<u32> = p
        .reviews_per_day
        .iter()
        .rev()
        .take(5)
        .map(|d| d.count)
        .collect();
    assert_eq!(last, [2, 1, 1, 0, 1]);
    assert_eq!(p.streak_days, 3);
    let today = &p.retention[0];
    assert_eq!((today.reviews, today.passed), (2, 1));
    assert_eq!(today.retention, Some(0.5));
    let all = p.retention.iter().find(|r| r.period == "all").unwrap();
    assert_eq!(
        (all.reviews, all.passed),
        (4, 3),
        "learning answers are not retention"
    );
    assert_eq!(p.due_forecast[0].count, 1, "overdue cards count today");
    assert_eq!(p.due_forecast[3].count, 1);
    assert_eq!(p.due_forecast.iter().map(|d| d.count).sum::<u32>(), 2);
    assert_eq!(p.cards.new, 1);
    assert_eq!(p.cards.review, 2);
    let asyncio = p.mastery.iter().find(|m| m.topic == "asyncio").unwrap();
    let oop = p.mastery.iter().find(|m| m.topic == "oop").unwrap();
    assert_eq!((asyncio.cards, asyncio.studied), (2, 1));
    assert!(
        asyncio.mastery < oop.mastery,
        "an unstudied card halves asyncio's mastery"
    );
    assert!(oop.retrievability.unwrap() > 0.99);
    assert_eq!(p.mastery[0].topic, "asyncio", "weakest first");
}

#[test]
fn a_streak_survives_until_today_is_studied() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let logs = vec![
        log(1, NOW - DAY, Grade::Good, ReviewKind::Review),
        log(1, NOW - 2 * DAY, Grade::Good, ReviewKind::Review),
    ];
    let p = progress(&s, Clock::utc(NOW), &[], &logs, 7);
    assert_eq!(p.streak_days, 2);
    let p = progress(&s, Clock::utc(NOW + 2 * DAY), &[], &logs, 7);
    assert_eq!(p.streak_days, 0);
}
