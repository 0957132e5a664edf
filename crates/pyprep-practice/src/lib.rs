//! Practice logic for pyprep: cards and their FSRS memory state, the scheduler (learning steps,
//! fuzz, daily limits), the due queue, typed-answer checking against a question's key points,
//! predict-the-output drills, quizzes, mock interviews, study plans for an interview date,
//! parameter optimisation and progress figures.
//!
//! Everything here is pure: no I/O, no database, no clock and no random source of its own.
//! The current time ([`Clock`]) and any randomness (a fuzz factor, a seed) are arguments, so
//! the CLI, the web app and tests all get the same answers for the same inputs. Values are
//! serde-serialisable so a store can keep them and a web API can send them.

pub mod card;
pub mod checker;
pub mod error;
pub mod mock;
pub mod optimize;
pub mod plan;
pub mod progress;
pub mod queue;
pub mod rng;
pub mod scheduler;
pub mod session;
mod text;

pub use card::{
    Card, CardKey, CardKind, CardState, Grade, Memory, ReviewKind, ReviewLog, is_drillable,
};
pub use checker::{AnswerCheck, KeyPointResult, OutputCheck, Status, check_answer, check_output};
pub use error::PracticeError;
pub use mock::{
    Candidate, Level, MockAnswer, MockReport, MockSpec, Role, TopicScore, mock_report, pick_mock,
};
pub use optimize::{MIN_REVIEWS_TO_OPTIMIZE, Optimized, optimize, training_items};
pub use plan::{Plan, PlanRequest, plan};
pub use progress::{
    DayCount, Progress, Retention, TopicCard, TopicMastery, date_of_day, day_of_date, progress,
};
pub use queue::{Next, StudyQueue, TodayCounts};
pub use rng::SplitMix64;
pub use scheduler::{Answered, Clock, Preview, Scheduler, SchedulerConfig, human_delay};
pub use session::{QuizAnswer, QuizReport, SessionReport, pick};
