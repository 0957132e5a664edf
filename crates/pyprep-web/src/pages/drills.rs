//! `/drills`: predict what an example prints, as many times as you like, checked against the
//! output the example really printed. Free practice: nothing is scheduled or recorded (the
//! same drills come back on a schedule in `/study`).

use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use pyprep_core::taxonomy::is_topic;
use pyprep_practice::check_output;
use pyprep_store::Filter;
use serde::{Deserialize, Serialize};

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::extract::{Form, Query};
use crate::markdown;
use crate::practice::{self, drill_outputs};
use crate::state::AppState;
use crate::view::{Layout, topic_label};

/// One drill: an example of a question whose real output is known.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Drill {
    pub question_id: String,
    pub title: String,
    /// Index of the example within the question.
    pub example: u32,
    pub code: String,
    pub language: String,
}

/// How a prediction compares with the real output.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DrillResult {
    pub correct: bool,
    /// 1-based line of the first difference, when wrong.
    pub first_difference: Option<usize>,
    /// What the example really printed.
    pub expected: String,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DrillQuery {
    /// Only drills from questions on this taxonomy topic.
    pub topic: Option<String>,
}

impl DrillQuery {
    pub fn topic(&self) -> Result<Option<String>, WebError> {
        match self
            .topic
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => Ok(None),
            Some(t) if is_topic(t) => Ok(Some(t.to_string())),
            Some(t) => Err(WebError::BadRequest(format!(
                "unknown topic {t:?}; /api/topics lists them"
            ))),
        }
    }
}

/// A random drill on `topic`, or `None` when there is none.
pub async fn pick(state: &AppState, topic: Option<String>) -> Result<Option<Drill>, WebError> {
    let questions = state
        .store
        .questions(&Filter {
            topic,
            ..Filter::default()
        })
        .await?;
    let outputs = drill_outputs(state, &questions).await?;
    let mut keys: Vec<&(String, u32)> = outputs.keys().collect();
    // HashMap order differs between runs; sort so the pick depends only on the random number.
    keys.sort();
    if keys.is_empty() {
        return Ok(None);
    }
    let (id, example) = keys[practice::rng().below(keys.len())];
    let question = questions
        .iter()
        .find(|q| &q.id == id)
        .expect("outputs come from these questions");
    let code = &question.examples[*example as usize];
    Ok(Some(Drill {
        question_id: id.clone(),
        title: question.title.clone(),
        example: *example,
        code: code.code.clone(),
        language: code.language.clone(),
    }))
}

/// Checks `typed` against what example `example` of `question_id` really prints.
pub async fn check(
    state: &AppState,
    question_id: &str,
    example: u32,
    typed: &str,
) -> Result<(Drill, DrillResult), WebError> {
    let question = state.store.get(question_id).await?;
    let outputs = drill_outputs(state, std::slice::from_ref(&question)).await?;
    let expected = outputs
        .get(&(question.id.clone(), example))
        .ok_or_else(|| {
            WebError::NotFound(format!(
                "example {} of {question_id:?} is not a drill: its output is not known",
                example + 1
            ))
        })?;
    let result = check_output(expected, typed);
    let code = &question.examples[example as usize];
    Ok((
        Drill {
            question_id: question.id.clone(),
            title: question.title.clone(),
            example,
            code: code.code.clone(),
            language: code.language.clone(),
        },
        DrillResult {
            correct: result.correct,
            first_difference: result.first_difference,
            expected: result.expected,
        },
    ))
}

pub struct TopicOption {
    pub name: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(askama::Template)]
#[template(path = "drills.html")]
struct DrillsPage {
    layout: Layout,
    topics: Vec<TopicOption>,
    topic: String,
    drill: Option<Drill>,
    title_html: String,
    code_html: String,
    typed: String,
    result: Option<DrillResult>,
}

fn topics(selected: Option<&str>) -> Vec<TopicOption> {
    pyprep_core::taxonomy::TOPICS
        .iter()
        .map(|&name| TopicOption {
            name,
            label: topic_label(name),
            selected: selected == Some(name),
        })
        .collect()
}

fn render(
    csrf: &str,
    topic: Option<String>,
    drill: Option<Drill>,
    typed: String,
    result: Option<DrillResult>,
) -> Result<Html<String>, WebError> {
    let (title_html, code_html) = drill.as_ref().map_or_else(Default::default, |d| {
        (
            markdown::inline(&d.title),
            markdown::code_block(&d.code, &d.language),
        )
    });
    super::html(&DrillsPage {
        layout: Layout::new("Drills · pyprep", "drills", csrf),
        topics: topics(topic.as_deref()),
        topic: topic.unwrap_or_default(),
        drill,
        title_html,
        code_html,
        typed,
        result,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<DrillQuery>,
) -> Result<Html<String>, WebError> {
    let topic = query.topic()?;
    let drill = pick(&state, topic.clone()).await?;
    render(&csrf.0, topic, drill, String::new(), None)
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    question_id: String,
    example: u32,
    #[serde(default)]
    typed: String,
    topic: Option<String>,
}

pub async fn answer(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<AnswerForm>,
) -> Result<Html<String>, WebError> {
    let topic = DrillQuery { topic: form.topic }.topic()?;
    let (drill, result) = check(&state, &form.question_id, form.example, &form.typed).await?;
    render(&csrf.0, topic, Some(drill), form.typed, Some(result))
}
