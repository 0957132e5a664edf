//! Runs untrusted Python snippets with the real CPython and reports what happened.
//!
//! pyprep checks the bank's examples (`pyprep verify`) and the user's drill answers by
//! running them. This crate owns that: it finds the interpreter, starts a pre-isolated
//! zygote that forks a fresh child per snippet, applies time, memory, process, file and
//! output limits, cuts the network off and hides the host's file system, and returns a
//! typed [`RunReport`]. [`verify`] turns a report into a verdict for one bank example.
//!
//! It must not trust the snippet, must not share any state between two runs, and must not
//! let a run harm the host (its files, its processes, its network, its environment).
//! It must also never claim isolation it does not have: when the kernel refuses a
//! namespace, [`IsolationReport`] and every [`RunReport`] say so.
//! It does not store results, schedule drills or talk to the user: the CLI and web crates
//! do that with this API.

//! How it works: each worker is a CPython started once with `-I -S` inside new user, mount,
//! network, IPC and UTS namespaces (`zygote.py`). For every snippet it clones an init into
//! fresh user, pid, mount and IPC namespaces whose only uid is an unprivileged one; the init
//! mounts a private `/proc`, `/tmp` and `/dev/shm` over a read-only view of the host and
//! forks the snippet, which drops every capability and takes the rlimits. When the init
//! exits, the kernel kills whatever the snippet left. `bench/sandbox/README.md` has the
//! numbers. Set `PYPREP_SANDBOX_DEBUG=1` to see the zygote's own errors on stderr.

// The sandbox has to call unshare(2) between fork and exec, which std only exposes through
// the unsafe `CommandExt::pre_exec`, plus a few libc calls (poll, kill, geteuid) that have
// no safe wrapper in std. Every unsafe block is small and says why it is sound.
#![allow(unsafe_code)]

mod isolation;
mod limits;
mod python;
mod report;
mod sandbox;
pub mod verify;
mod zygote;

pub use isolation::{IsolationFlags, IsolationReport, isolation_report};
pub use limits::Limits;
pub use report::{LimitKind, Outcome, RunReport, Stream, TimeKind};
pub use sandbox::{Sandbox, SandboxConfig};

use std::path::PathBuf;

/// Why a [`Sandbox`] could not be created.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("no python3 found on PATH; install CPython 3 or set the interpreter explicitly")]
    PythonNotFound,
    #[error("could not run the Python interpreter {path}: {source}")]
    PythonUnusable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a usable CPython 3 interpreter: {detail}")]
    NotCPython { path: PathBuf, detail: String },
    #[error("could not start the sandbox: {0}")]
    Start(String),
}
