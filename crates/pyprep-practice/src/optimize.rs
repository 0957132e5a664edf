//! Fitting FSRS parameters to the user's own review log (`pyprep optimize`).

use std::collections::BTreeMap;

use fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview};
use serde::{Deserialize, Serialize};

use crate::card::{ReviewKind, ReviewLog};
use crate::error::PracticeError;

/// Reviews (with at least one day-long interval behind them) needed before fitting: fewer
/// make the fitted parameters noise, so the defaults stay (Anki long asked for 400 too).
pub const MIN_REVIEWS_TO_OPTIMIZE: usize = 400;

/// Fitted parameters and how well each set predicts the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Optimized {
    pub parameters: Vec<f32>,
    /// Reviews the fit used.
    pub reviews: usize,
    /// Log loss of the parameters in force before, on the same reviews (lower is better).
    pub log_loss_before: f32,
    pub log_loss_after: f32,
    pub rmse_before: f32,
    pub rmse_after: f32,
}

/// The log as FSRS training items: one item per answer with the card's earlier answers,
/// keeping only items with a day-long interval behind them. A reset starts a card's history
/// afresh. Returns the items with the card id each came from.
pub fn training_items(logs: &[ReviewLog]) -> (Vec<FSRSItem>, Vec<i64>) {
    let mut by_card: BTreeMap<i64, Vec<&ReviewLog>> = BTreeMap::new();
    for log in logs {
        by_card.entry(log.card_id).or_default().push(log);
    }
    let mut items = Vec::new();
    let mut ids = Vec::new();
    for (card_id, mut history) in by_card {
        history.sort_by_key(|l| l.at);
        let mut reviews: Vec<FSRSReview> = Vec::new();
        for log in history {
            let Some(grade) = log.grade else {
                if log.kind == ReviewKind::Reset {
                    reviews.clear();
                }
                continue;
            };
            reviews.push(FSRSReview {
                rating: u32::from(grade.number()),
                delta_t: if reviews.is_empty() {
                    0
                } else {
                    log.elapsed_days
                },
            });
            let item = FSRSItem {
                reviews: reviews.clone(),
            };
            if item.long_term_review_cnt() > 0 {
                items.push(item);
                ids.push(card_id);
            }
        }
    }
    (items, ids)
}

/// Fits parameters to `logs`, starting from and compared with `current` (empty for FSRS's
/// defaults). Says so when the log is too small.
pub fn optimize(logs: &[ReviewLog], current: &[f32]) -> Result<Optimized, PracticeError> {
    let (items, card_ids) = training_items(logs);
    if items.len() < MIN_REVIEWS_TO_OPTIMIZE {
        return Err(PracticeError::NotEnoughReviews {
            have: items.len(),
            need: MIN_REVIEWS_TO_OPTIMIZE,
        });
    }
    let parameters = fsrs::compute_parameters(ComputeParametersInput {
        train_set: items.clone(),
        card_ids: Some(card_ids),
        ..ComputeParametersInput::default()
    })?;
    let before = FSRS::new(current)?.evaluate(items.clone(), |_| true)?;
    let after = FSRS::new(&parameters)?.evaluate(items.clone(), |_| true)?;
    Ok(Optimized {
        parameters,
        reviews: items.len(),
        log_loss_before: before.log_loss,
        log_loss_after: after.log_loss,
        rmse_before: before.rmse_bins,
        rmse_after: after.rmse_bins,
    })
}

#[cfg(test)]
mod tests;
