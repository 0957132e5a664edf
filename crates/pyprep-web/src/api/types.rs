//! The API's wire types. They mirror the domain model on purpose: the API is a contract
//! with its own schema, and the model can change without breaking clients unnoticed.

use pyprep_core::{ExampleCheck, Question};
use pyprep_store::{Count, QuestionSummary, Stats};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// What went wrong, written for a person.
    pub error: String,
    /// The HTTP status code.
    pub status: u16,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    pub status: String,
    pub version: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CsrfTokenBody {
    pub token: String,
    /// The header to send it in.
    pub header: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionSummaryBody {
    pub id: String,
    /// Inline markdown.
    pub title: String,
    /// `easy`, `medium` or `hard`.
    pub difficulty: String,
    /// `concept`, `output` or `coding`.
    pub kind: String,
    pub topics: Vec<String>,
    pub companies: Vec<String>,
    /// `bank` (built in) or `import`.
    pub origin: String,
}

impl From<QuestionSummary> for QuestionSummaryBody {
    fn from(s: QuestionSummary) -> Self {
        QuestionSummaryBody {
            id: s.id,
            title: s.title,
            difficulty: s.difficulty.to_string(),
            kind: s.kind.to_string(),
            topics: s.topics,
            companies: s.companies,
            origin: s.origin.as_str().to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionList {
    pub total: usize,
    pub questions: Vec<QuestionSummaryBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpBody {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceBody {
    /// The document the question was imported from.
    pub document: String,
    /// 1-based position of the question in that document.
    pub position: u32,
    /// 1-based line where it starts.
    pub line: u32,
    pub title: String,
    /// That source's own answer, when it was merged into another question.
    pub answer: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CheckBody {
    /// `passed`, `mismatch`, `error`, `fragment`, `needs-package`, `needs-input`,
    /// `timed-out`, `killed` or `sandbox-failure`.
    pub status: String,
    pub detail: String,
    /// What the example printed.
    pub output: String,
    pub python_version: String,
    /// Unix seconds.
    pub checked_at: i64,
}

impl From<ExampleCheck> for CheckBody {
    fn from(c: ExampleCheck) -> Self {
        CheckBody {
            status: c.status.as_str().to_string(),
            detail: c.detail,
            output: c.output,
            python_version: c.python_version,
            checked_at: c.checked_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExampleBody {
    pub caption: String,
    /// Markdown.
    pub description: String,
    pub language: String,
    pub code: String,
    pub expected_output: Option<String>,
    pub norun: bool,
    pub nondeterministic: bool,
    pub requires: Vec<String>,
    /// What running the current code found; absent when it has not been run.
    pub check: Option<CheckBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionBody {
    pub id: String,
    pub title: String,
    pub difficulty: String,
    /// The source's own difficulty label, when it differs.
    pub difficulty_label: Option<String>,
    pub kind: String,
    pub topics: Vec<String>,
    pub companies: Vec<String>,
    /// Markdown.
    pub prompt: String,
    /// Markdown.
    pub answer: String,
    pub key_points: Vec<String>,
    pub look_for: Vec<String>,
    pub strong_signals: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<FollowUpBody>,
    pub examples: Vec<ExampleBody>,
    pub links: Vec<String>,
    pub sources: Vec<SourceBody>,
}

impl QuestionBody {
    pub fn new(q: Question, checks: Vec<Option<ExampleCheck>>) -> Self {
        let examples = q
            .examples
            .into_iter()
            .zip(checks.into_iter().chain(std::iter::repeat(None)))
            .map(|(e, check)| ExampleBody {
                caption: e.caption,
                description: e.description,
                language: e.language,
                code: e.code,
                expected_output: e.expected_output,
                norun: e.norun,
                nondeterministic: e.nondeterministic,
                requires: e.requires,
                check: check.map(CheckBody::from),
            })
            .collect();
        QuestionBody {
            id: q.id,
            title: q.title,
            difficulty: q.difficulty.to_string(),
            difficulty_label: q.difficulty_label,
            kind: q.kind.to_string(),
            topics: q.topics,
            companies: q.companies,
            prompt: q.prompt,
            answer: q.answer,
            key_points: q.key_points,
            look_for: q.look_for,
            strong_signals: q.strong_signals,
            red_flags: q.red_flags,
            follow_ups: q
                .follow_ups
                .into_iter()
                .map(|f| FollowUpBody {
                    question: f.question,
                    answer: f.answer,
                })
                .collect(),
            examples,
            links: q.links,
            sources: q
                .sources
                .into_iter()
                .map(|s| SourceBody {
                    document: s.document,
                    position: s.position,
                    line: s.line,
                    title: s.title,
                    answer: s.answer,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CountBody {
    pub name: String,
    pub count: u64,
}

fn counts(counts: Vec<Count>) -> Vec<CountBody> {
    counts
        .into_iter()
        .map(|c| CountBody {
            name: c.name,
            count: c.count,
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatsBody {
    pub questions: u64,
    pub examples: u64,
    pub by_topic: Vec<CountBody>,
    pub by_difficulty: Vec<CountBody>,
    pub by_kind: Vec<CountBody>,
    pub by_source: Vec<CountBody>,
    pub by_company: Vec<CountBody>,
}

impl From<Stats> for StatsBody {
    fn from(s: Stats) -> Self {
        StatsBody {
            questions: s.questions,
            examples: s.examples,
            by_topic: counts(s.by_topic),
            by_difficulty: counts(s.by_difficulty),
            by_kind: counts(s.by_kind),
            by_source: counts(s.by_source),
            by_company: counts(s.by_company),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicBody {
    pub name: String,
    pub label: String,
    pub questions: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitBody {
    pub id: String,
    pub score: f32,
    /// Plain inline-markdown title.
    pub title: String,
    /// The title as escaped HTML whose only markup is `<mark>` around matches.
    pub title_html: String,
    /// The best matching passage, escaped HTML with `<mark>` around matches.
    pub snippet_html: String,
    pub difficulty: String,
    pub kind: String,
    pub topics: Vec<String>,
    pub companies: Vec<String>,
    /// `verified`, `failing`, `unverified` or `no-code`.
    pub verified: String,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct FacetsBody {
    pub topic: Vec<CountBody>,
    pub difficulty: Vec<CountBody>,
    pub kind: Vec<CountBody>,
    pub company: Vec<CountBody>,
    pub source: Vec<CountBody>,
    pub verified: Vec<CountBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchBody {
    /// Every matching question, not just the hits returned.
    pub total: u64,
    /// No question matched every word, so these match all words but one.
    pub relaxed: bool,
    pub hits: Vec<SearchHitBody>,
    /// Counts per facet value over all matches.
    pub facets: FacetsBody,
}

fn facet(counts: Vec<pyprep_search::FacetCount>) -> Vec<CountBody> {
    counts
        .into_iter()
        .map(|c| CountBody {
            name: c.name,
            count: c.count,
        })
        .collect()
}

impl From<pyprep_search::Results> for SearchBody {
    fn from(r: pyprep_search::Results) -> Self {
        let facets = r.facets.map_or_else(FacetsBody::default, |f| FacetsBody {
            topic: facet(f.topic),
            difficulty: facet(f.difficulty),
            kind: facet(f.kind),
            company: facet(f.company),
            source: facet(f.source),
            verified: facet(f.verified),
        });
        SearchBody {
            total: r.total,
            relaxed: r.relaxed,
            hits: r
                .hits
                .into_iter()
                .map(|h| SearchHitBody {
                    id: h.id,
                    score: h.score,
                    title: h.title,
                    title_html: h.title_html,
                    snippet_html: h.snippet_html,
                    difficulty: h.difficulty.to_string(),
                    kind: h.kind.to_string(),
                    topics: h.topics,
                    companies: h.companies,
                    verified: h.verified.as_str().to_string(),
                })
                .collect(),
            facets,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StudyCardBody {
    pub id: i64,
    /// Times answered; send it back with the grade.
    pub reps: u32,
    pub question_id: String,
    /// `recall` (answer from memory) or `drill` (predict an example's output).
    pub kind: String,
    /// The example a drill asks about (0-based).
    pub example: Option<u32>,
    /// `new`, `learning`, `review` or `relearning`.
    pub state: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StudyNextBody {
    /// `null` when nothing is due now.
    pub card: Option<StudyCardBody>,
    /// When nothing is due now but a learning card comes back today: when (unix seconds).
    pub wait_until: Option<i64>,
    pub new: usize,
    pub learning: usize,
    pub review: usize,
    pub done_today: u32,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StudyAnswerBody {
    pub card_id: i64,
    pub reps: u32,
    /// 1 again, 2 hard, 3 good, 4 easy.
    pub grade: u8,
    /// How long the answer took, for the review log.
    pub duration_ms: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StudyAnsweredBody {
    /// When the card comes back (unix seconds).
    pub due: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsBody {
    pub desired_retention_percent: u32,
    pub new_per_day: u32,
    pub reviews_per_day: u32,
    /// `YYYY-MM-DD`, or null when no interview is planned.
    pub interview_date: Option<String>,
}

impl From<pyprep_practice::SchedulerConfig> for SettingsBody {
    fn from(c: pyprep_practice::SchedulerConfig) -> Self {
        SettingsBody {
            desired_retention_percent: (c.desired_retention * 100.0).round() as u32,
            new_per_day: c.new_per_day,
            reviews_per_day: c.reviews_per_day,
            interview_date: c.interview_date,
        }
    }
}
