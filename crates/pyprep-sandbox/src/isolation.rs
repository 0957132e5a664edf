use std::fmt;
use std::path::PathBuf;

use crate::{Sandbox, SandboxConfig};

/// The isolation a run had, copied into every [`crate::RunReport`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IsolationFlags {
    /// No network: the run lives in a network namespace with only a down loopback.
    pub network: bool,
    /// Own pid namespace: every process the run started is killed when it ends,
    /// `setsid()` included, and the host's processes are invisible.
    pub processes: bool,
    /// Read-only view of the host's files, private `/tmp` working directory.
    pub filesystem: bool,
    /// Runs under a host uid that is not root (so RLIMIT_NPROC applies and root-owned
    /// files are out of reach).
    pub unprivileged: bool,
}

impl IsolationFlags {
    pub fn is_full(&self) -> bool {
        self.network && self.processes && self.filesystem && self.unprivileged
    }
}

/// Which isolation is in force for a [`Sandbox`], for `pyprep doctor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsolationReport {
    /// The real interpreter binary (shims such as pyenv's are resolved once).
    pub python: PathBuf,
    pub python_version: String,
    pub flags: IsolationFlags,
    /// User namespace created (the basis of every other namespace).
    pub user_namespace: bool,
    /// Host uid the snippets run as.
    pub snippet_host_uid: Option<u32>,
    /// Snippets fork from a pre-started interpreter instead of starting CPython each time.
    pub zygote: bool,
    /// Why something is missing, in words a user can act on.
    pub notes: Vec<String>,
}

impl IsolationReport {
    /// Everything that should be isolated is.
    pub fn is_full(&self) -> bool {
        self.flags.is_full()
    }
}

impl fmt::Display for IsolationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let yes = |b: bool| if b { "yes" } else { "NO" };
        writeln!(
            f,
            "python:            {} ({})",
            self.python.display(),
            self.python_version
        )?;
        writeln!(f, "user namespace:    {}", yes(self.user_namespace))?;
        match self.snippet_host_uid {
            Some(uid) => writeln!(
                f,
                "runs as host uid:  {uid} (unprivileged: {})",
                yes(self.flags.unprivileged)
            )?,
            None => writeln!(f, "runs as host uid:  unknown")?,
        }
        writeln!(f, "network cut off:   {}", yes(self.flags.network))?;
        writeln!(f, "own pid namespace: {}", yes(self.flags.processes))?;
        writeln!(f, "read-only host fs: {}", yes(self.flags.filesystem))?;
        writeln!(f, "zygote (fast):     {}", yes(self.zygote))?;
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

/// Probes the isolation available to the current user with the default interpreter.
///
/// Starts a sandbox, runs nothing but the probe, and shuts it down. When no sandbox can
/// be started at all the error is returned so `pyprep doctor` can show it.
pub fn isolation_report() -> Result<IsolationReport, crate::SandboxError> {
    Ok(Sandbox::new(SandboxConfig::default())?.isolation().clone())
}
