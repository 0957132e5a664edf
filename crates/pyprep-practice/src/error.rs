//! What can go wrong in practice logic.

/// Errors from the practice library.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PracticeError {
    /// A setting is out of range; the message names it and the allowed range.
    #[error("invalid setting: {0}")]
    InvalidConfig(String),
    /// FSRS refused its input (for example a corrupt memory state).
    #[error("the FSRS scheduler failed: {0}")]
    Fsrs(String),
    /// The review log is too small to fit parameters to.
    #[error(
        "not enough reviews to optimise: {have} usable reviews, at least {need} are needed; keep studying with the default parameters"
    )]
    NotEnoughReviews { have: usize, need: usize },
    /// A plan needs a date after today.
    #[error("the interview date must be after today")]
    DateNotInFuture,
    /// A plan or quiz with nothing to work on.
    #[error("{0}")]
    Empty(String),
}

impl From<fsrs::FSRSError> for PracticeError {
    fn from(e: fsrs::FSRSError) -> Self {
        PracticeError::Fsrs(format!("{e:?}"))
    }
}
