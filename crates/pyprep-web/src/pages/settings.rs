//! `/settings`: the practice settings people change: desired retention, daily limits and the
//! interview date.

use axum::Extension;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use pyprep_practice::SchedulerConfig;
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{Form, Query};
use crate::state::AppState;
use crate::view::Layout;

#[derive(askama::Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    retention_percent: u32,
    new_per_day: u32,
    reviews_per_day: u32,
    interview_date: String,
    saved: bool,
}

#[derive(Debug, Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<Saved>,
) -> Result<Html<String>, WebError> {
    let config = state.practice.practice_config().await?;
    super::html(&SettingsPage {
        layout: Layout::new("Settings · pyprep", "settings", &csrf.0),
        retention_percent: (config.desired_retention * 100.0).round() as u32,
        new_per_day: config.new_per_day,
        reviews_per_day: config.reviews_per_day,
        interview_date: config.interview_date.unwrap_or_default(),
        saved: query.saved.is_some(),
    })
}

/// The settings a form or the API may change; anything left out stays as it is.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SettingsChange {
    /// Desired retention in percent, 70 to 99.
    pub desired_retention_percent: Option<String>,
    /// New cards introduced per day, 0 to 1000.
    pub new_per_day: Option<String>,
    /// Reviews per day, 0 to 10000.
    pub reviews_per_day: Option<String>,
    /// The interview date, `YYYY-MM-DD`; an empty string clears it.
    pub interview_date: Option<String>,
}

fn number(name: &str, text: &Option<String>, max: u32) -> Result<Option<u32>, WebError> {
    let Some(text) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match text.parse::<u32>() {
        Ok(n) if n <= max => Ok(Some(n)),
        _ => Err(WebError::BadRequest(format!(
            "{name} must be a whole number from 0 to {max}, not {text:?}"
        ))),
    }
}

/// Applies a change to the saved settings, checking every value.
pub async fn apply(state: &AppState, change: &SettingsChange) -> Result<SchedulerConfig, WebError> {
    let mut config = state.practice.practice_config().await?;
    if let Some(percent) = number("desired retention", &change.desired_retention_percent, 100)? {
        if !(70..=99).contains(&percent) {
            return Err(WebError::BadRequest(format!(
                "desired retention must be from 70% to 99%, not {percent}%"
            )));
        }
        config.desired_retention = percent as f32 / 100.0;
    }
    if let Some(n) = number("new cards per day", &change.new_per_day, 1000)? {
        config.new_per_day = n;
    }
    if let Some(n) = number("reviews per day", &change.reviews_per_day, 10_000)? {
        config.reviews_per_day = n;
    }
    if let Some(date) = change.interview_date.as_deref().map(str::trim) {
        config.interview_date = match date {
            "" => None,
            date => Some(
                pyprep_practice::day_of_date(date)
                    .map(pyprep_practice::date_of_day)
                    .ok_or_else(|| {
                        WebError::BadRequest(format!(
                            "interview date {date:?} is not a date like 2026-12-15"
                        ))
                    })?,
            ),
        };
    }
    config
        .validate()
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    state.practice.save_practice_config(&config).await?;
    Ok(config)
}

pub async fn save(
    State(state): State<AppState>,
    Form(change): Form<SettingsChange>,
) -> Result<Response, WebError> {
    apply(&state, &change).await?;
    Ok(Redirect::to("/settings?saved=1").into_response())
}
