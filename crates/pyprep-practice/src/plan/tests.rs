use super::*;
use crate::card::CardKey;
use crate::scheduler::SchedulerConfig;

const NOW: i64 = 1_750_000_000;

fn new_cards(n: i64) -> Vec<Card> {
    (1..=n)
        .map(|i| {
            let mut c = Card::new(CardKey::recall(format!("q{i}")), i);
            c.id = i;
            c
        })
        .collect()
}

fn request(s: &Scheduler, days: i64, target: f32) -> PlanRequest {
    PlanRequest {
        exam_day: s.today(Clock::utc(NOW)) + days,
        target_recall: target,
        max_minutes_per_day: 60,
    }
}

#[test]
fn a_month_is_enough_for_a_small_bank() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let cards = new_cards(120);
    let plan = plan(&s, Clock::utc(NOW), &cards, &request(&s, 30, 0.85)).unwrap();
    assert!(plan.reaches_target, "{plan:#?}");
    assert!(plan.expected_recall >= 0.85);
    assert_eq!(plan.new_cards, 120);
    assert!(
        plan.new_per_day >= 4,
        "120 cards in at most 30 days: {}",
        plan.new_per_day
    );
    assert!((0.8..=0.97).contains(&plan.desired_retention));
    assert!(plan.explanation[0].contains(&format!("{} new cards a day", plan.new_per_day)));
    assert!(plan.explanation[1].contains(&plan.exam_date));
    // The same inputs give the same plan: the simulation is seeded.
    assert_eq!(
        plan,
        super::plan(&s, Clock::utc(NOW), &cards, &request(&s, 30, 0.85)).unwrap()
    );
}

#[test]
fn a_tight_deadline_says_the_target_is_out_of_reach() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let cards = new_cards(400);
    let plan = plan(&s, Clock::utc(NOW), &cards, &request(&s, 2, 0.95)).unwrap();
    assert!(!plan.reaches_target);
    assert!(plan.expected_recall < 0.95);
    assert!(
        plan.explanation[1].contains("short of the 95% target"),
        "{}",
        plan.explanation[1]
    );
}

#[test]
fn higher_targets_cost_more_study() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let cards = new_cards(100);
    let low = plan(&s, Clock::utc(NOW), &cards, &request(&s, 40, 0.7)).unwrap();
    let high = plan(&s, Clock::utc(NOW), &cards, &request(&s, 40, 0.92)).unwrap();
    assert!(
        low.reaches_target && high.reaches_target,
        "{low:#?} {high:#?}"
    );
    assert!(high.minutes_per_day >= low.minutes_per_day);
    assert!(high.expected_recall >= low.expected_recall);
}

#[test]
fn past_dates_and_empty_subjects_are_refused() {
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let err = plan(&s, Clock::utc(NOW), &new_cards(3), &request(&s, 0, 0.9)).unwrap_err();
    assert_eq!(err, PracticeError::DateNotInFuture);
    assert!(matches!(
        plan(&s, Clock::utc(NOW), &[], &request(&s, 5, 0.9)),
        Err(PracticeError::Empty(_))
    ));
}
