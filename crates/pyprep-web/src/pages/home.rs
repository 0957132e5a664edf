//! `/`: where to start.

use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use pyprep_core::taxonomy::TOPICS;
use pyprep_store::{Count, Filter};

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::AppState;
use crate::view::{Layout, topic_label};

pub struct TopicTile {
    pub name: &'static str,
    pub label: String,
    pub count: u64,
}

#[derive(askama::Template)]
#[template(path = "home.html")]
struct Home {
    layout: Layout,
    questions: u64,
    examples: u64,
    topics: Vec<TopicTile>,
    difficulties: Vec<Count>,
    companies: Vec<Count>,
    today: Today,
}

/// The practice summary at the top of the home page.
pub struct Today {
    pub due: usize,
    pub new: usize,
    pub done: u32,
    pub streak: u32,
    pub reviews: u64,
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, WebError> {
    let stats = state.store.stats(&Filter::default()).await?;
    let count_of = |topic: &str| {
        stats
            .by_topic
            .iter()
            .find(|c| c.name == topic)
            .map_or(0, |c| c.count)
    };
    let topics = TOPICS
        .iter()
        .map(|&name| TopicTile {
            name,
            label: topic_label(name),
            count: count_of(name),
        })
        .filter(|t| t.count > 0)
        .collect();
    let mut difficulties = stats.by_difficulty.clone();
    difficulties.sort_by_key(|c| c.name.parse::<pyprep_core::Difficulty>().ok());
    let (_, counts) = super::study::next(&state).await?;
    let progress = super::progress::compute(&state).await?;
    let today = Today {
        due: counts.learning + counts.review,
        new: counts.new,
        done: counts.done_today,
        streak: progress.streak_days,
        reviews: progress.total_reviews,
    };
    super::html(&Home {
        today,
        layout: Layout::new("pyprep · Python interview preparation", "home", &csrf.0),
        questions: stats.questions,
        examples: stats.examples,
        topics,
        difficulties,
        companies: stats.by_company.into_iter().take(16).collect(),
    })
}
