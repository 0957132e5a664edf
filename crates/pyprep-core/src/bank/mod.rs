//! The canonical bank format: TOML front matter between `+++` lines, then `## Prompt`,
//! `## Answer` and `## Example` sections (docs/bank-format.md).
//!
//! [`write_question`] produces the one canonical text for a question and [`parse_question`]
//! reads it back, so `parse(write(q)) == q` for every question the model can hold, and the
//! bank lint can demand that each file already is in canonical form.

mod read;
mod write;

pub use read::parse_question;
pub use write::write_question;

/// A bank file that cannot be read: which file, which line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct BankError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The longest run of backticks that opens a line of `text`, so a fence around it can be longer.
fn longest_backtick_run(text: &str) -> usize {
    text.lines()
        .map(|l| l.trim_start().bytes().take_while(|&b| b == b'`').count())
        .max()
        .unwrap_or(0)
}

/// Opening fence of a fenced block: the run of backticks (3 or more) and the info string.
fn fence_open(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let ticks = trimmed.bytes().take_while(|&b| b == b'`').count();
    (ticks >= 3).then(|| (ticks, trimmed[ticks..].trim()))
}

/// Whether `line` closes a fence opened with `ticks` backticks.
fn fence_closes(line: &str, ticks: usize) -> bool {
    let trimmed = line.trim();
    trimmed.len() >= ticks && trimmed.bytes().all(|b| b == b'`')
}

#[cfg(test)]
mod tests;
