//! `/`: where to start: what is due today, the streak, the interview countdown and the bank.

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
    interview: Option<Countdown>,
}

/// Days left to the interview date set in the settings or by `pyprep plan`.
pub struct Countdown {
    pub date: String,
    /// Negative once the date has passed.
    pub days: i64,
}

impl Countdown {
    fn new(date: Option<&str>, today: i64) -> Option<Self> {
        let date = date?;
        let day = pyprep_practice::day_of_date(date)?;
        Some(Countdown {
            date: date.to_string(),
            days: day - today,
        })
    }
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
    let scheduler = crate::practice::scheduler(&state).await?;
    let interview = Countdown::new(
        scheduler.config().interview_date.as_deref(),
        scheduler.today(crate::practice::clock()),
    );
    let today = Today {
        due: counts.learning + counts.review,
        new: counts.new,
        done: counts.done_today,
        streak: progress.streak_days,
        reviews: progress.total_reviews,
    };
    super::html(&Home {
        today,
        interview,
        layout: Layout::new("pyprep · Python interview preparation", "home", &csrf.0),
        questions: stats.questions,
        examples: stats.examples,
        topics,
        difficulties,
        companies: stats.by_company.into_iter().take(16).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::Countdown;

    #[test]
    fn countdown_counts_calendar_days_and_ignores_bad_dates() {
        let today = pyprep_practice::day_of_date("2026-11-21").unwrap();
        let days = |date: &str| Countdown::new(Some(date), today).map(|c| c.days);
        assert_eq!(days("2026-11-21"), Some(0));
        assert_eq!(days("2026-12-15"), Some(24));
        assert_eq!(days("2026-11-20"), Some(-1));
        assert_eq!(days("someday"), None);
        assert!(Countdown::new(None, today).is_none());
    }
}
