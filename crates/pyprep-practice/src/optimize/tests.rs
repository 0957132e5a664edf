use super::*;
use crate::card::{Card, CardKey, CardState, Grade};
use crate::rng::SplitMix64;
use crate::scheduler::{Clock, Scheduler, SchedulerConfig};

const START: i64 = 1_700_000_000;

/// A simulated learner whose memory decays faster than FSRS's defaults expect, reviewing
/// `cards` cards on schedule for `days` days.
fn simulated_log(cards: i64, days: i64, seed: u64) -> Vec<ReviewLog> {
    let s = Scheduler::new(SchedulerConfig {
        learning_steps_secs: vec![],
        relearning_steps_secs: vec![],
        ..SchedulerConfig::default()
    })
    .unwrap();
    let mut rng = SplitMix64::new(seed);
    let mut logs = Vec::new();
    let mut deck: Vec<Card> = (1..=cards)
        .map(|i| {
            let mut c = Card::new(CardKey::recall(format!("q{i}")), START + i % 20 * 86_400);
            c.id = i;
            c
        })
        .collect();
    for day in 0..days {
        let now = START + day * 86_400 + 3600 * 10;
        for card in deck.iter_mut().filter(|c| c.due <= now) {
            let grade = if card.state == CardState::New {
                Grade::Good
            } else {
                // True recall is the FSRS prediction with a tenth of the stability.
                let days = (now - card.last_review.unwrap()) as f32 / 86_400.0;
                let mut weak = card.memory.unwrap();
                weak.stability /= 10.0;
                let r = fsrs::current_retrievability(weak.into(), days, s.decay());
                if rng.next_f32() < r {
                    Grade::Good
                } else {
                    Grade::Again
                }
            };
            let answered = s
                .answer(card, grade, Clock::utc(now), rng.next_f32(), 0)
                .unwrap();
            *card = answered.card;
            logs.push(answered.log);
        }
    }
    logs
}

#[test]
fn training_items_follow_each_card_and_restart_after_a_reset() {
    let logs = simulated_log(3, 30, 1);
    let (items, ids) = training_items(&logs);
    assert_eq!(items.len(), ids.len());
    assert!(items.iter().all(|i| i.long_term_review_cnt() > 0));
    assert!(items.iter().all(|i| i.reviews[0].delta_t == 0));
    let first_card = logs.iter().filter(|l| l.card_id == 1).count();
    assert_eq!(ids.iter().filter(|&&id| id == 1).count(), first_card - 1);

    let mut with_reset = logs.clone();
    let mut reset = logs[0].clone();
    reset.grade = None;
    reset.kind = ReviewKind::Reset;
    reset.at = logs.iter().map(|l| l.at).max().unwrap() + 1;
    with_reset.push(reset);
    let mut again = logs[0].clone();
    again.at += 10 * 86_400 * 365;
    with_reset.push(again);
    let (items2, _) = training_items(&with_reset);
    assert_eq!(
        items2.len(),
        items.len(),
        "one lone review after a reset adds no item"
    );
}

#[test]
fn too_small_a_log_is_refused_with_the_numbers() {
    let logs = simulated_log(5, 20, 2);
    match optimize(&logs, &[]) {
        Err(PracticeError::NotEnoughReviews { have, need }) => {
            assert!(have < need);
            assert_eq!(need, MIN_REVIEWS_TO_OPTIMIZE);
        }
        other => panic!("expected NotEnoughReviews, got {other:?}"),
    }
}

#[test]
fn optimising_fits_the_learner_better_than_the_defaults() {
    let logs = simulated_log(150, 120, 3);
    let fitted = optimize(&logs, &[]).expect("enough reviews");
    assert!(fitted.reviews >= MIN_REVIEWS_TO_OPTIMIZE);
    assert_eq!(fitted.parameters.len(), 21);
    assert!(
        Scheduler::new(SchedulerConfig {
            parameters: fitted.parameters.clone(),
            ..SchedulerConfig::default()
        })
        .is_ok()
    );
    assert!(
        fitted.log_loss_after < fitted.log_loss_before,
        "{} !< {}",
        fitted.log_loss_after,
        fitted.log_loss_before
    );
}
