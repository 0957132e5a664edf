//! Scheduler behaviour with a pinned clock, checked against the `fsrs` crate's own
//! `next_states` for the same memory state.

use fsrs::{FSRS, MemoryState};

use super::*;
use crate::card::{CardKey, CardState, Grade, Memory, ReviewKind};
use crate::queue::{Next, StudyQueue, TodayCounts};

/// 2025-06-15 15:06:40 UTC: a Sunday afternoon, well inside a scheduler day.
const NOW: i64 = 1_750_000_000;
const DAY: i64 = 86_400;

fn clock() -> Clock {
    Clock::utc(NOW)
}

fn no_fuzz() -> Scheduler {
    Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..SchedulerConfig::default()
    })
    .unwrap()
}

fn new_card(id: i64) -> Card {
    let mut card = Card::new(CardKey::recall(format!("q{id}")), id);
    card.id = id;
    card
}

/// A graduated card last answered `days_ago` days before NOW and due after `interval` days.
fn review_card(id: i64, memory: Memory, days_ago: i64, interval: u32) -> Card {
    let s = no_fuzz();
    let last = NOW - days_ago * DAY;
    Card {
        state: CardState::Review,
        memory: Some(memory),
        last_review: Some(last),
        interval_days: interval,
        due: s.day_start(s.day_of(last, clock()) + i64::from(interval), clock()),
        reps: 3,
        ..new_card(id)
    }
}

fn fsrs_next(memory: Option<Memory>, elapsed: u32) -> fsrs::NextStates {
    FSRS::default()
        .next_states(memory.map(MemoryState::from), 0.9, elapsed)
        .unwrap()
}

fn memory_close(a: Option<Memory>, b: MemoryState) {
    let a = a.expect("memory set");
    assert!(
        (a.stability - b.stability).abs() < 1e-4 && (a.difficulty - b.difficulty).abs() < 1e-4,
        "{a:?} vs {b:?}"
    );
}

#[test]
fn first_answer_of_each_grade_on_a_new_card() {
    let s = no_fuzz();
    let card = new_card(1);
    let fsrs = fsrs_next(None, 0);

    let again = s.answer(&card, Grade::Again, clock(), 0.5, 0).unwrap();
    assert_eq!(
        (again.card.state, again.card.step),
        (CardState::Learning, 0)
    );
    assert_eq!(
        again.card.due,
        NOW + 60,
        "first learning step is one minute"
    );
    memory_close(again.card.memory, fsrs.again.memory);

    let hard = s.answer(&card, Grade::Hard, clock(), 0.5, 0).unwrap();
    assert_eq!((hard.card.state, hard.card.step), (CardState::Learning, 0));
    assert_eq!(
        hard.card.due,
        NOW + 330,
        "halfway between the 1m and 10m steps"
    );
    memory_close(hard.card.memory, fsrs.hard.memory);

    let good = s.answer(&card, Grade::Good, clock(), 0.5, 0).unwrap();
    assert_eq!((good.card.state, good.card.step), (CardState::Learning, 1));
    assert_eq!(good.card.due, NOW + 600);
    memory_close(good.card.memory, fsrs.good.memory);

    let easy = s.answer(&card, Grade::Easy, clock(), 0.5, 0).unwrap();
    assert_eq!(easy.card.state, CardState::Review, "Easy graduates at once");
    assert_eq!(easy.card.interval_days, fsrs.easy.interval.round() as u32);
    assert_eq!(easy.card.interval_days, 8);
    assert_eq!(
        easy.card.due,
        s.day_start(s.today(clock()) + 8, clock()),
        "review cards are due at the start of a scheduler day"
    );
    memory_close(easy.card.memory, fsrs.easy.memory);

    for answered in [&again, &hard, &good, &easy] {
        assert_eq!(answered.card.reps, 1);
        assert_eq!(answered.card.last_review, Some(NOW));
        assert_eq!(answered.log.kind, ReviewKind::Learn);
        assert_eq!(answered.log.state_before, CardState::New);
        assert_eq!(answered.log.due_after, answered.card.due);
    }
}

#[test]
fn learning_steps_then_graduation() {
    let s = no_fuzz();
    let first = s
        .answer(&new_card(1), Grade::Good, clock(), 0.5, 0)
        .unwrap();
    let later = clock().at(first.card.due);
    let second = s.answer(&first.card, Grade::Good, later, 0.5, 0).unwrap();
    assert_eq!(second.card.state, CardState::Review);
    // Same day, so FSRS sees zero elapsed days and applies its short-term update.
    let expected = FSRS::default()
        .next_states(first.card.memory.map(MemoryState::from), 0.9, 0)
        .unwrap();
    memory_close(second.card.memory, expected.good.memory);
    assert!(second.card.interval_days >= 1);
    assert_eq!(second.log.elapsed_days, 0);
}

#[test]
fn without_learning_steps_new_cards_graduate_at_once() {
    let s = Scheduler::new(SchedulerConfig {
        fuzz: false,
        learning_steps_secs: vec![],
        ..SchedulerConfig::default()
    })
    .unwrap();
    let fsrs = fsrs_next(None, 0);
    let days: Vec<u32> = Grade::ALL
        .iter()
        .map(|&g| {
            s.answer(&new_card(1), g, clock(), 0.5, 0)
                .unwrap()
                .card
                .interval_days
        })
        .collect();
    // Hard 1.29 -> 1, Good 2.31 -> 2, Easy 8.30 -> 8; Again is at least a day.
    assert_eq!(days, [1, 1, 2, 8]);
    assert_eq!(fsrs.good.interval.round() as u32, 2);
}

#[test]
fn a_lapse_goes_to_relearning_and_counts() {
    let s = no_fuzz();
    let memory = Memory {
        stability: 12.0,
        difficulty: 5.5,
    };
    let card = review_card(2, memory, 12, 12);
    let lapse = s.answer(&card, Grade::Again, clock(), 0.5, 0).unwrap();
    assert_eq!(lapse.card.state, CardState::Relearning);
    assert_eq!(lapse.card.lapses, 1);
    assert_eq!(
        lapse.card.due,
        NOW + 600,
        "the relearning step is ten minutes"
    );
    assert_eq!(lapse.log.kind, ReviewKind::Review);
    assert_eq!(lapse.log.elapsed_days, 12);
    let fsrs = fsrs_next(Some(memory), 12);
    memory_close(lapse.card.memory, fsrs.again.memory);
    assert!(lapse.card.memory.unwrap().stability < memory.stability);

    let relearned = s
        .answer(&lapse.card, Grade::Good, clock().at(lapse.card.due), 0.5, 0)
        .unwrap();
    assert_eq!(relearned.card.state, CardState::Review);
    assert_eq!(relearned.log.kind, ReviewKind::Relearn);
    assert_eq!(relearned.card.lapses, 1);
    let after = FSRS::default()
        .next_states(lapse.card.memory.map(MemoryState::from), 0.9, 0)
        .unwrap();
    let hard = (after.hard.interval.round() as u32).max(1);
    assert_eq!(
        relearned.card.interval_days,
        (after.good.interval.round() as u32).max(hard + 1),
        "Good is FSRS's interval, at least a day longer than Hard's"
    );
}

#[test]
fn a_long_overdue_card_uses_the_real_elapsed_time() {
    let s = no_fuzz();
    let memory = Memory {
        stability: 5.0,
        difficulty: 6.0,
    };
    // Due after 5 days, answered after 100.
    let card = review_card(3, memory, 100, 5);
    let r = s.retrievability(&card, NOW).unwrap();
    assert!(
        r < 0.75,
        "100 days on a 5-day memory is mostly forgotten: {r}"
    );
    let answered = s.answer(&card, Grade::Good, clock(), 0.5, 0).unwrap();
    assert_eq!(answered.log.elapsed_days, 100);
    let fsrs = fsrs_next(Some(memory), 100);
    memory_close(answered.card.memory, fsrs.good.memory);
    assert_eq!(
        answered.card.interval_days,
        fsrs.good.interval.round() as u32
    );
    // Remembering after a long gap is strong evidence: stability grows well past the gap's
    // start.
    assert!(answered.card.memory.unwrap().stability > memory.stability * 4.0);
}

#[test]
fn agrees_with_fsrs_next_states_across_states() {
    let s = no_fuzz();
    let fsrs = FSRS::default();
    for stability in [0.5f32, 2.0, 9.0, 40.0, 300.0] {
        for difficulty in [1.5f32, 5.0, 9.5] {
            for elapsed in [1u32, 3, 10, 45, 400] {
                let memory = Memory {
                    stability,
                    difficulty,
                };
                let card = review_card(9, memory, i64::from(elapsed), elapsed);
                let expected = fsrs.next_states(Some(memory.into()), 0.9, elapsed).unwrap();
                let raw = [
                    expected.hard.interval,
                    expected.good.interval,
                    expected.easy.interval,
                ];
                let mut floor = 1;
                for (i, grade) in [Grade::Hard, Grade::Good, Grade::Easy]
                    .into_iter()
                    .enumerate()
                {
                    let got = s.answer(&card, grade, clock(), 0.5, 0).unwrap();
                    let want_memory = [&expected.hard, &expected.good, &expected.easy][i].memory;
                    memory_close(got.card.memory, want_memory);
                    // Without fuzz the interval is FSRS's, rounded, capped, and at least one
                    // day past the previous grade's.
                    let want = (raw[i].round() as u32).clamp(floor, 36_500);
                    assert_eq!(
                        got.card.interval_days, want,
                        "S={stability} D={difficulty} t={elapsed} {grade}"
                    );
                    floor = want + 1;
                }
            }
        }
    }
}

#[test]
fn fuzz_stays_within_bounds_and_spreads() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let memory = Memory {
        stability: 30.0,
        difficulty: 5.0,
    };
    let card = review_card(4, memory, 30, 30);
    let raw = fsrs_next(Some(memory), 30).good.interval;
    let (lower, upper) = fuzz_bounds(raw, 1, 36_500, 30);
    assert!(
        upper > lower + 2,
        "a ~{raw}-day interval has a real range: {lower}..={upper}"
    );
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..200 {
        let fuzz = i as f32 / 200.0;
        let days = s
            .answer(&card, Grade::Good, clock(), fuzz, 0)
            .unwrap()
            .card
            .interval_days;
        assert!(
            (lower..=upper).contains(&days),
            "{days} outside {lower}..={upper}"
        );
        seen.insert(days);
    }
    assert_eq!(seen.first(), Some(&lower));
    assert_eq!(seen.last(), Some(&upper));
    assert_eq!(
        seen.len() as u32,
        upper - lower + 1,
        "every day in range is reachable"
    );

    // Short intervals are never fuzzed, and bounds honour the maximum interval.
    assert_eq!(fuzz_bounds(2.0, 1, 100, 0), (2, 2));
    let (_, hi) = fuzz_bounds(400.0, 1, 365, 0);
    assert_eq!(hi, 365);
}

#[test]
fn better_grades_never_come_back_sooner_even_with_fuzz() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let card = review_card(
        5,
        Memory {
            stability: 3.0,
            difficulty: 9.0,
        },
        3,
        3,
    );
    for i in 0..50 {
        let fuzz = i as f32 / 50.0;
        let days: Vec<u32> = [Grade::Hard, Grade::Good, Grade::Easy]
            .iter()
            .map(|&g| {
                s.answer(&card, g, clock(), fuzz, 0)
                    .unwrap()
                    .card
                    .interval_days
            })
            .collect();
        assert!(days[0] < days[1] && days[1] < days[2], "{days:?}");
    }
}

#[test]
fn maximum_interval_caps_everything() {
    let s = Scheduler::new(SchedulerConfig {
        maximum_interval_days: 30,
        ..SchedulerConfig::default()
    })
    .unwrap();
    let card = review_card(
        6,
        Memory {
            stability: 200.0,
            difficulty: 2.0,
        },
        200,
        200,
    );
    for grade in [Grade::Hard, Grade::Good, Grade::Easy] {
        let days = s
            .answer(&card, grade, clock(), 0.99, 0)
            .unwrap()
            .card
            .interval_days;
        assert!(days <= 30, "{grade}: {days}");
    }
}

#[test]
fn scheduler_days_start_at_the_configured_local_hour() {
    let s = no_fuzz();
    // 03:30 UTC belongs to the previous scheduler day when days start at 04:00.
    let midnight = 1_749_945_600; // 2025-06-15 00:00 UTC
    let c = Clock::utc(midnight + 3 * 3600 + 1800);
    assert_eq!(s.today(c), s.today(Clock::utc(midnight - 3600)));
    assert_eq!(s.today(Clock::utc(midnight + 4 * 3600)), s.today(c) + 1);
    // Two hours east of UTC, 04:00 local is 02:00 UTC.
    let east = Clock {
        now: midnight + 2 * 3600,
        utc_offset_secs: 7200,
    };
    assert_eq!(s.day_start(s.today(east), east), midnight + 2 * 3600);
    assert_eq!(s.bury_until(c), midnight + 4 * 3600);
}

#[test]
fn invalid_settings_are_refused_with_their_name() {
    let bad = SchedulerConfig {
        desired_retention: 0.5,
        ..SchedulerConfig::default()
    };
    let err = Scheduler::new(bad).unwrap_err().to_string();
    assert!(err.contains("desired retention"), "{err}");
    let bad = SchedulerConfig {
        parameters: vec![1.0; 5],
        ..SchedulerConfig::default()
    };
    assert!(Scheduler::new(bad).is_err());
}

#[test]
fn reset_forgets_the_memory_and_logs_it() {
    let s = no_fuzz();
    let card = review_card(
        7,
        Memory {
            stability: 10.0,
            difficulty: 4.0,
        },
        2,
        10,
    );
    let reset = s.reset(&card, clock(), 99);
    assert_eq!(reset.card.state, CardState::New);
    assert_eq!(reset.card.memory, None);
    assert_eq!(reset.card.due, 99);
    assert_eq!(reset.log.kind, ReviewKind::Reset);
    assert_eq!(reset.log.grade, None);
    assert_eq!(reset.card.reps, card.reps, "history counters are kept");
}

fn queue_config(new_per_day: u32, reviews_per_day: u32) -> Scheduler {
    Scheduler::new(SchedulerConfig {
        fuzz: false,
        new_per_day,
        reviews_per_day,
        ..SchedulerConfig::default()
    })
    .unwrap()
}

#[test]
fn queue_respects_daily_limits_and_what_was_done_today() {
    let s = queue_config(5, 3);
    let memory = Memory {
        stability: 10.0,
        difficulty: 5.0,
    };
    let due: Vec<Card> = (1..=10).map(|i| review_card(i, memory, 10, 10)).collect();
    let new: Vec<Card> = (100..120).map(new_card).collect();
    let queue = StudyQueue::build(
        &s,
        clock(),
        due.clone(),
        new.clone(),
        TodayCounts::default(),
    );
    assert_eq!(queue.counts(), (0, 3, 5));
    let done = TodayCounts { new: 4, reviews: 3 };
    let queue = StudyQueue::build(&s, clock(), due, new, done);
    assert_eq!(queue.counts(), (0, 0, 1), "only what today's limits leave");
}

#[test]
fn queue_orders_overdue_first_then_lowest_retrievability() {
    let s = queue_config(0, 100);
    let weak = Memory {
        stability: 2.0,
        difficulty: 8.0,
    };
    let strong = Memory {
        stability: 50.0,
        difficulty: 3.0,
    };
    let weaker = Memory {
        stability: 1.5,
        difficulty: 8.0,
    };
    let cards = vec![
        review_card(1, strong, 50, 50), // due today, R = 0.9
        review_card(2, weaker, 2, 2),   // due today, R below 0.9
        review_card(3, strong, 60, 55), // overdue by 5 days
        review_card(4, weak, 3, 2),     // overdue by a day, lowest R of all
        review_card(5, strong, 10, 40), // not due yet
    ];
    let mut queue = StudyQueue::build(&s, clock(), cards, vec![], TodayCounts::default());
    let mut order = Vec::new();
    while let Next::Card { card } = queue.next(NOW) {
        order.push(card.id);
        queue.remove(card.id);
    }
    assert_eq!(order, [4, 3, 2, 1]);
}

#[test]
fn queue_leaves_out_suspended_and_buried_cards() {
    let s = queue_config(10, 10);
    let mut suspended = new_card(1);
    suspended.suspended = true;
    let mut buried = new_card(2);
    buried.buried_until = Some(s.bury_until(clock()));
    let mut unburied = new_card(3);
    unburied.buried_until = Some(NOW - 1);
    let queue = StudyQueue::build(
        &s,
        clock(),
        vec![],
        vec![suspended, buried, unburied],
        TodayCounts::default(),
    );
    assert_eq!(queue.counts(), (0, 0, 1));
}

#[test]
fn learning_cards_come_back_within_the_session() {
    let s = queue_config(2, 10);
    let mut queue = StudyQueue::build(
        &s,
        clock(),
        vec![],
        vec![new_card(1), new_card(2)],
        TodayCounts::default(),
    );
    let Next::Card { card } = queue.next(NOW) else {
        panic!("a new card first")
    };
    assert_eq!(card.id, 1);
    let answered = s.answer(&card, Grade::Again, clock(), 0.5, 0).unwrap();
    queue.answered(&answered.card);
    // Card 1 is due in a minute; card 2 is shown meanwhile.
    let Next::Card { card } = queue.next(NOW) else {
        panic!()
    };
    assert_eq!(card.id, 2);
    let answered2 = s.answer(&card, Grade::Easy, clock(), 0.5, 0).unwrap();
    queue.answered(&answered2.card);
    assert_eq!(
        queue.counts(),
        (1, 0, 0),
        "graduated cards leave the session"
    );
    // Nothing else left: the learning card is shown ahead of time (within 20 minutes).
    assert!(matches!(queue.next(NOW), Next::Card { card } if card.id == 1));
    let mut far = answered.card.clone();
    far.due = NOW + 3600;
    queue.answered(&far);
    assert_eq!(queue.next(NOW), Next::Wait { until: NOW + 3600 });
    queue.remove(1);
    assert_eq!(queue.next(NOW), Next::Done);
}

#[test]
fn today_counts_come_from_todays_log_only() {
    let s = no_fuzz();
    let a = s
        .answer(&new_card(1), Grade::Good, clock(), 0.5, 0)
        .unwrap();
    let review = review_card(
        2,
        Memory {
            stability: 5.0,
            difficulty: 5.0,
        },
        5,
        5,
    );
    let b = s.answer(&review, Grade::Good, clock(), 0.5, 0).unwrap();
    let mut yesterday = s
        .answer(&new_card(3), Grade::Good, clock(), 0.5, 0)
        .unwrap();
    yesterday.log.at -= DAY;
    let later = s
        .answer(&a.card, Grade::Good, clock().at(a.card.due), 0.5, 0)
        .unwrap();
    let counts = TodayCounts::from_logs(
        [&a.log, &b.log, &yesterday.log, &later.log],
        &s,
        clock().at(later.log.at),
    );
    assert_eq!(counts, TodayCounts { new: 1, reviews: 1 });
}
