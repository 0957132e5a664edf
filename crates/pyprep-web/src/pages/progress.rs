//! `/progress`: reviews per day, true retention, the due forecast and mastery per topic,
//! with the charts drawn on the server.

use std::collections::HashSet;

use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use pyprep_practice::{Progress, Retention, progress};
use pyprep_store::Filter;

use crate::charts;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::practice::{self, clock};
use crate::state::AppState;
use crate::view::Layout;

/// Days shown back (reviews) and forward (forecast).
const DAYS: u32 = 30;

pub async fn compute(state: &AppState) -> Result<Progress, WebError> {
    practice::ensure_cards(state).await?;
    let scheduler = practice::scheduler(state).await?;
    let cards = state.practice.cards(&Filter::default()).await?;
    let ids: HashSet<i64> = cards.iter().map(|c| c.card.id).collect();
    let logs: Vec<_> = state
        .practice
        .review_log(0)
        .await?
        .into_iter()
        .filter(|l| ids.contains(&l.card_id))
        .collect();
    Ok(progress(&scheduler, clock(), &cards, &logs, DAYS))
}

pub struct RetentionRow {
    pub period: String,
    pub reviews: u32,
    pub passed: u32,
    pub retention: String,
}

#[derive(askama::Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    layout: Layout,
    p: Progress,
    retention: Vec<RetentionRow>,
    reviews_svg: String,
    forecast_svg: String,
    mastery_svg: String,
}

fn retention_rows(rows: &[Retention]) -> Vec<RetentionRow> {
    rows.iter()
        .map(|r| RetentionRow {
            period: r.period.clone(),
            reviews: r.reviews,
            passed: r.passed,
            retention: r
                .retention
                .map_or_else(|| "–".to_string(), |x| format!("{:.0}%", x * 100.0)),
        })
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, WebError> {
    let p = compute(&state).await?;
    let reviews_svg = charts::days(&p.reviews_per_day, "Reviews per day, last 30 days");
    let forecast_svg = charts::days(&p.due_forecast, "Cards coming due, next 30 days");
    let mastery_svg = charts::mastery(&p.mastery, "Mastery per topic");
    super::html(&ProgressPage {
        layout: Layout::new("Progress · pyprep", "progress", &csrf.0),
        retention: retention_rows(&p.retention),
        p,
        reviews_svg,
        forecast_svg,
        mastery_svg,
    })
}
