use std::time::Duration;

use crate::{IsolationFlags, Limits};

/// Which clock ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    Wall,
    Cpu,
}

/// An output stream of the snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// How a run ended. Output is lossily decoded UTF-8, cut at [`Limits::output_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The program exited by itself (a Python exception exits with status 1).
    Finished {
        exit_code: i32,
        stdout: String,
        stderr: String,
    },
    /// The wall-clock or CPU limit stopped the run.
    TimeLimit {
        kind: TimeKind,
        stdout: String,
        stderr: String,
    },
    /// An allocation failed against the address-space limit.
    MemoryLimit { stdout: String, stderr: String },
    /// One stream exceeded the output limit; the run was stopped, the host kept only the
    /// first `output_bytes` of each stream.
    OutputLimit {
        stream: Stream,
        stdout: String,
        stderr: String,
    },
    /// The program was killed by a signal it did not survive (SIGSEGV, SIGKILL, ...).
    Signaled {
        signal: i32,
        stdout: String,
        stderr: String,
    },
    /// The sandbox itself failed; says nothing about the snippet.
    SandboxFailure { message: String },
}

impl Outcome {
    pub fn stdout(&self) -> &str {
        match self {
            Outcome::Finished { stdout, .. }
            | Outcome::TimeLimit { stdout, .. }
            | Outcome::MemoryLimit { stdout, .. }
            | Outcome::OutputLimit { stdout, .. }
            | Outcome::Signaled { stdout, .. } => stdout,
            Outcome::SandboxFailure { .. } => "",
        }
    }

    pub fn stderr(&self) -> &str {
        match self {
            Outcome::Finished { stderr, .. }
            | Outcome::TimeLimit { stderr, .. }
            | Outcome::MemoryLimit { stderr, .. }
            | Outcome::OutputLimit { stderr, .. }
            | Outcome::Signaled { stderr, .. } => stderr,
            Outcome::SandboxFailure { message } => message,
        }
    }

    /// True for a clean `exit 0`.
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Finished { exit_code: 0, .. })
    }
}

/// A limit that a run ran into, including the ones that surface to the program as an
/// error it may have caught (file size, open files, processes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    Wall,
    Cpu,
    Memory,
    Output,
    FileSize,
    OpenFiles,
    Processes,
}

/// Everything known about one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    pub outcome: Outcome,
    /// The limits that applied (after raising values too small for CPython to start).
    pub limits: Limits,
    /// From the snippet's start until it exited or was stopped.
    pub wall_time: Duration,
    /// User + system time of the snippet and every process it waited for or left behind
    /// that exited before the run ended.
    pub cpu_time: Duration,
    /// Largest resident set of any process in the run (includes CPython's own ~10 MiB).
    pub peak_memory_bytes: u64,
    /// The isolation that was in force for this run.
    pub isolation: IsolationFlags,
}

impl RunReport {
    pub(crate) fn failure(
        message: impl Into<String>,
        limits: Limits,
        isolation: IsolationFlags,
    ) -> Self {
        RunReport {
            outcome: Outcome::SandboxFailure {
                message: message.into(),
            },
            limits,
            wall_time: Duration::ZERO,
            cpu_time: Duration::ZERO,
            peak_memory_bytes: 0,
            isolation,
        }
    }

    /// The limit this run hit, if any. Limits that CPython reports as an exception
    /// (`OSError: [Errno 27] File too large`, `[Errno 24] Too many open files`,
    /// `BlockingIOError`/`can't start new thread` from the process limit) are read from the
    /// last line of stderr, so a program that caught the error and went on is not counted.
    pub fn limit_hit(&self) -> Option<LimitKind> {
        match &self.outcome {
            Outcome::TimeLimit {
                kind: TimeKind::Wall,
                ..
            } => Some(LimitKind::Wall),
            Outcome::TimeLimit {
                kind: TimeKind::Cpu,
                ..
            } => Some(LimitKind::Cpu),
            Outcome::MemoryLimit { .. } => Some(LimitKind::Memory),
            Outcome::OutputLimit { .. } => Some(LimitKind::Output),
            Outcome::Finished {
                exit_code, stderr, ..
            } if *exit_code != 0 => {
                let last = last_nonblank_line(stderr);
                if last.contains("[Errno 27]") || last.contains("[Errno 28]") {
                    Some(LimitKind::FileSize)
                } else if last.contains("[Errno 24]") {
                    Some(LimitKind::OpenFiles)
                } else if last.contains("[Errno 11]") || last.contains("can't start new thread") {
                    Some(LimitKind::Processes)
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

pub(crate) fn last_nonblank_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(code: i32, stderr: &str) -> RunReport {
        RunReport {
            outcome: Outcome::Finished {
                exit_code: code,
                stdout: String::new(),
                stderr: stderr.into(),
            },
            limits: Limits::default(),
            wall_time: Duration::ZERO,
            cpu_time: Duration::ZERO,
            peak_memory_bytes: 0,
            isolation: IsolationFlags::default(),
        }
    }

    #[test]
    fn limit_hit_reads_the_final_error_line() {
        let r = finished(1, "Traceback...\nOSError: [Errno 27] File too large\n\n");
        assert_eq!(r.limit_hit(), Some(LimitKind::FileSize));
        let r = finished(1, "OSError: [Errno 24] Too many open files: 'x'\n");
        assert_eq!(r.limit_hit(), Some(LimitKind::OpenFiles));
        assert_eq!(finished(1, "ValueError: no\n").limit_hit(), None);
        assert_eq!(finished(0, "[Errno 27]").limit_hit(), None);
    }
}
