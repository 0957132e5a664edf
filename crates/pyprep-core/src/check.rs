//! What running an example found, as stored and shown next to the example.

use serde::{Deserialize, Serialize};

/// The verdict on one example, from the most to the least reassuring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    /// Ran and printed its expected output (or had none to compare).
    Passed,
    /// Ran but printed something other than its expected output.
    Mismatch,
    /// Raised an exception or exited non-zero.
    Error,
    /// A piece of a larger program, not meant to run alone.
    Fragment,
    /// Needs a third-party package.
    NeedsPackage,
    /// Reads input or files that are not there.
    NeedsInput,
    /// Ran out of time.
    TimedOut,
    /// Stopped by the memory or output limit or a signal.
    Killed,
    /// The sandbox itself failed; says nothing about the example.
    SandboxFailure,
}

impl CheckStatus {
    pub const ALL: [CheckStatus; 9] = [
        CheckStatus::Passed,
        CheckStatus::Mismatch,
        CheckStatus::Error,
        CheckStatus::Fragment,
        CheckStatus::NeedsPackage,
        CheckStatus::NeedsInput,
        CheckStatus::TimedOut,
        CheckStatus::Killed,
        CheckStatus::SandboxFailure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Passed => "passed",
            CheckStatus::Mismatch => "mismatch",
            CheckStatus::Error => "error",
            CheckStatus::Fragment => "fragment",
            CheckStatus::NeedsPackage => "needs-package",
            CheckStatus::NeedsInput => "needs-input",
            CheckStatus::TimedOut => "timed-out",
            CheckStatus::Killed => "killed",
            CheckStatus::SandboxFailure => "sandbox-failure",
        }
    }

    /// A real problem with the example, as opposed to one that was not meant to run here.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            CheckStatus::Mismatch
                | CheckStatus::Error
                | CheckStatus::TimedOut
                | CheckStatus::Killed
        )
    }
}

crate::name_enum!(CheckStatus, "check status");

impl CheckStatus {
    /// What a check with this status found, in a few words for a reader ("fails on CPython
    /// 3.11.7"); the CLI and the web app add the check's detail after it.
    pub fn summary(self, python_version: &str) -> String {
        match self {
            CheckStatus::Passed => format!("verified on CPython {python_version}"),
            CheckStatus::Mismatch => format!("output differs on CPython {python_version}"),
            CheckStatus::Error => format!("fails on CPython {python_version}"),
            CheckStatus::TimedOut => format!("timed out on CPython {python_version}"),
            CheckStatus::Killed => "stopped by the sandbox".into(),
            CheckStatus::Fragment => "a fragment, not run on its own".into(),
            CheckStatus::NeedsPackage => "needs a third-party package".into(),
            CheckStatus::NeedsInput => "needs input or files".into(),
            CheckStatus::SandboxFailure => "could not be run".into(),
        }
    }
}

/// The stored result of running one example of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleCheck {
    pub question_id: String,
    /// Index of the example within its question.
    pub example: u32,
    /// Fingerprint of the code that ran; a check whose code has since changed is stale.
    pub code_fingerprint: String,
    pub status: CheckStatus,
    /// The last traceback line, the output diff, the package needed, or why it is a fragment.
    pub detail: String,
    /// What the example printed (capped by the sandbox's output limit).
    pub output: String,
    /// CPython version it ran under, e.g. `3.11.7`.
    pub python_version: String,
    /// Deterministic, fast and self-contained: usable as a predict-the-output drill.
    pub drill: bool,
    /// Unix seconds.
    pub checked_at: i64,
}

/// The fingerprint `ExampleCheck::code_fingerprint` holds for `code`.
pub fn code_fingerprint(code: &str) -> String {
    crate::fingerprint([code.as_bytes()])
}

/// The stored check of each of `question`'s examples, in example order; `None` where no check
/// is stored or the stored one ran code that has changed since.
pub fn current_checks(
    question: &crate::Question,
    stored: &[ExampleCheck],
) -> Vec<Option<ExampleCheck>> {
    question
        .examples
        .iter()
        .enumerate()
        .map(|(i, example)| {
            let fingerprint = code_fingerprint(&example.code);
            stored
                .iter()
                .find(|c| c.example as usize == i && c.code_fingerprint == fingerprint)
                .cloned()
        })
        .collect()
}
