//! `pyprep optimize`: fit FSRS parameters to the user's review log once it is large enough.

use std::process::ExitCode;

use anyhow::Result;
use pyprep_practice::{PracticeError, optimize};
use pyprep_store::PracticeStore;
use serde_json::json;

use super::practice;
use crate::cli::{Cli, OptimizeArgs};
use crate::{app, output};

pub async fn run(cli: &Cli, args: &OptimizeArgs) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let scheduler = practice::scheduler(&store).await?;
    let logs = store.review_log(0).await?;
    let fitted = match optimize(&logs, &scheduler.config().parameters) {
        Err(PracticeError::NotEnoughReviews { have, need }) => {
            if cli.json {
                output::json(&json!({"status": "not-enough-reviews", "have": have, "need": need}))?;
            } else {
                output::line(format!(
                    "Not enough reviews to optimise yet: {have} usable, {need} needed (answers of cards seen at least a day earlier). The default parameters stay; keep studying."
                ))?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        other => other?,
    };
    let improved = fitted.log_loss_after < fitted.log_loss_before;
    if !args.dry_run && improved {
        let mut config = scheduler.config().clone();
        config.parameters = fitted.parameters.clone();
        store.save_practice_config(&config).await?;
    }
    if cli.json {
        output::json(&json!({
            "status": if args.dry_run { "dry-run" } else if improved { "saved" } else { "kept" },
            "result": fitted,
        }))?;
    } else {
        output::line(format!(
            "Fitted to {} reviews: log loss {:.4} -> {:.4}, RMSE {:.4} -> {:.4}.",
            fitted.reviews,
            fitted.log_loss_before,
            fitted.log_loss_after,
            fitted.rmse_before,
            fitted.rmse_after
        ))?;
        output::line(if args.dry_run {
            "Dry run: parameters unchanged."
        } else if improved {
            "Saved: the scheduler now uses your parameters (`pyprep practice-settings --default-parameters` undoes it)."
        } else {
            "The fit predicts your reviews no better, so the current parameters stay."
        })?;
    }
    Ok(ExitCode::SUCCESS)
}
