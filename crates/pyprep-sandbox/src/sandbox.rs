use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use crate::python::{self, Python};
use crate::zygote::{Started, Zygote, ZygoteOptions};
use crate::{IsolationFlags, IsolationReport, Limits, RunReport, SandboxError};

/// How to build a [`Sandbox`].
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The interpreter; `None` means `python3` on PATH.
    pub python: Option<PathBuf>,
    /// Limits for [`Sandbox::run`].
    pub limits: Limits,
    /// Use namespaces when the kernel allows. Turning this off is only for tests and for
    /// machines where namespaces are known to misbehave; the reports then say that runs
    /// are not isolated.
    pub namespaces: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            python: None,
            limits: Limits::default(),
            namespaces: true,
        }
    }
}

/// Standard-library modules imported once in the zygote so that snippets importing them
/// pay nothing. Only modules whose import has no per-process state (no random seeding,
/// no threads, no pid-dependent caches) are listed: every child gets the zygote's copy.
const PREIMPORT: &[&str] = &[
    "abc",
    "bisect",
    "collections",
    "collections.abc",
    "contextlib",
    "copy",
    "dataclasses",
    "enum",
    "functools",
    "heapq",
    "itertools",
    "math",
    "operator",
    "re",
    "string",
    "textwrap",
    "traceback",
    "types",
    "typing",
];

/// Runs Python snippets in isolation. Cheap to share: `Send + Sync`, and concurrent calls
/// each get their own zygote.
pub struct Sandbox {
    python: Python,
    limits: Limits,
    report: IsolationReport,
    options: ZygoteOptions,
    idle: Mutex<Vec<Zygote>>,
    busy: AtomicUsize,
}

const PROBE: &str = r#"import json, os, socket
facts = {"pid": os.getpid(), "ro": bool(os.statvfs("/").f_flag & os.ST_RDONLY)}
try:
    facts["ifaces"] = [name for _, name in socket.if_nameindex()]
except OSError:
    facts["ifaces"] = None
print(json.dumps(facts))
"#;

#[derive(Deserialize)]
struct ProbeFacts {
    pid: i64,
    ro: bool,
    ifaces: Option<Vec<String>>,
}

impl Sandbox {
    /// Finds the interpreter, starts one zygote and probes which isolation it really has.
    pub fn new(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        let python = python::resolve(config.python.as_deref())?;
        let limits = config.limits.sanitized();
        let mut options = ZygoteOptions {
            python: python.executable.clone(),
            namespaces: config.namespaces,
            preimport: PREIMPORT.iter().map(|s| s.to_string()).collect(),
        };
        let mut notes = Vec::new();
        let (zygote, flags) = match start_and_probe(&options) {
            Ok(found) => found,
            Err(e) if options.namespaces => {
                notes.push(format!(
                    "isolated start failed, running without namespaces: {e}"
                ));
                options.namespaces = false;
                start_and_probe(&options).map_err(SandboxError::Start)?
            }
            Err(e) => return Err(SandboxError::Start(e)),
        };
        let Started {
            user_namespace,
            snippet_host_uid,
            notes: start_notes,
            ..
        } = zygote.started.clone();
        notes.extend(start_notes);
        if !flags.network {
            notes.push("network access is NOT cut off for snippets".into());
        }
        if !flags.processes {
            notes.push("no pid namespace: leftover processes are still killed (the run is a subreaper), but a snippet can see and signal other processes of its uid".into());
        }
        if !flags.unprivileged {
            notes.push(
                "snippets run as root: RLIMIT_NPROC and file permissions do not hold them".into(),
            );
        }
        let report = IsolationReport {
            python: python.executable.clone(),
            python_version: python.version.clone(),
            flags,
            user_namespace,
            snippet_host_uid,
            zygote: true,
            notes,
        };
        Ok(Sandbox {
            python,
            limits,
            report,
            options,
            idle: Mutex::new(vec![zygote]),
            busy: AtomicUsize::new(0),
        })
    }

    /// The interpreter's version, e.g. "3.11.7".
    pub fn python_version(&self) -> &str {
        &self.python.version
    }

    pub fn isolation(&self) -> &IsolationReport {
        &self.report
    }

    /// The limits [`Sandbox::run`] applies.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Runs one snippet with the sandbox's limits.
    pub fn run(&self, code: &str) -> RunReport {
        self.run_with_limits(code, &self.limits)
    }

    /// Runs one snippet with other limits (e.g. a shorter time for drills).
    pub fn run_with_limits(&self, code: &str, limits: &Limits) -> RunReport {
        let limits = limits.sanitized();
        let flags = self.report.flags;
        let pooled = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut zygote = match pooled {
            Some(z) => z,
            None => match Zygote::start(&self.options) {
                Ok(z) => z,
                Err(e) => {
                    return RunReport::failure(
                        format!("could not start a zygote: {e}"),
                        limits,
                        flags,
                    );
                }
            },
        };
        self.busy.fetch_add(1, Ordering::Relaxed);
        let result = zygote.run(code, &limits, flags);
        self.busy.fetch_sub(1, Ordering::Relaxed);
        match result {
            Ok(report) => {
                self.idle
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(zygote);
                report
            }
            // The zygote is dropped (and killed) here; the next run starts a fresh one.
            Err(e) => RunReport::failure(e, limits, flags),
        }
    }

    /// Runs every snippet, up to `jobs` at a time, and returns the reports in input order.
    /// `jobs` of 0 means the number of cores.
    pub fn run_many(&self, codes: &[&str], jobs: usize) -> Vec<RunReport> {
        let jobs = if jobs == 0 { default_jobs() } else { jobs }.min(codes.len().max(1));
        let next = AtomicUsize::new(0);
        let mut slots: Vec<Option<RunReport>> = vec![None; codes.len()];
        let results = Mutex::new(&mut slots);
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(code) = codes.get(i) else { break };
                        let report = self.run(code);
                        results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(report);
                    }
                });
            }
        });
        slots
            .into_iter()
            .map(|r| r.expect("every index is run exactly once"))
            .collect()
    }
}

/// Cores available to this process.
pub(crate) fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn start_and_probe(options: &ZygoteOptions) -> Result<(Zygote, IsolationFlags), String> {
    let mut zygote = Zygote::start(options)?;
    let report = zygote.run(PROBE, &Limits::default(), IsolationFlags::default())?;
    if !report.outcome.is_success() {
        return Err(format!("the isolation probe failed: {:?}", report.outcome));
    }
    let facts: ProbeFacts = serde_json::from_str(report.outcome.stdout().trim())
        .map_err(|e| format!("bad probe output {:?}: {e}", report.outcome.stdout()))?;
    let started = &zygote.started;
    let flags = IsolationFlags {
        network: started.network_namespace
            && facts
                .ifaces
                .as_deref()
                .is_some_and(|i| i.iter().all(|n| n == "lo")),
        // pid 1 is the run's init, so the snippet is pid 2 only inside its own namespace.
        processes: options.namespaces && facts.pid == 2,
        filesystem: started.mounts && facts.ro,
        unprivileged: started.snippet_host_uid.is_some_and(|uid| uid != 0),
    };
    Ok((zygote, flags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Sandbox>();
    }
}
