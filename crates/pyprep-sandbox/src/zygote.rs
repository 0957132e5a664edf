//! The host side of one zygote: start it in fresh namespaces, feed it snippets, read back
//! what happened. The zygote itself is `zygote.py`.

use std::fs;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::report::last_nonblank_line;
use crate::{IsolationFlags, Limits, Outcome, RunReport, Stream, TimeKind};

const ZYGOTE_SRC: &str = include_str!("zygote.py");

/// First stage: wait until the host has written our uid/gid maps, then re-exec so the
/// interpreter starts as root of its user namespace (capabilities are computed at exec).
/// The config arrives on the same line so the host can decide it after seeing which
/// namespaces the kernel granted.
const BOOT_SRC: &str = "import os, sys\n\
config = sys.stdin.buffer.readline().decode().strip()\n\
os.execv(sys.executable, [sys.executable, '-I', '-S', '-c', sys.argv[1], config])\n";

/// Host uid (and gid) that snippets run as when pyprep runs as root: `nobody`.
pub(crate) const SNIPPET_HOST_ID: u32 = 65534;

const START_TIMEOUT: Duration = Duration::from_secs(20);
/// Extra time the host gives a zygote beyond the wall limit before declaring it hung; the
/// zygote itself stops a run 2 s after its deadline at the latest.
const RUN_GRACE: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub(crate) struct ZygoteOptions {
    pub python: PathBuf,
    pub namespaces: bool,
    pub preimport: Vec<String>,
}

/// What a started zygote found out about its isolation.
#[derive(Debug, Clone, Default)]
pub(crate) struct Started {
    pub user_namespace: bool,
    pub network_namespace: bool,
    pub mounts: bool,
    pub snippet_host_uid: Option<u32>,
    pub notes: Vec<String>,
}

pub(crate) struct Zygote {
    child: Child,
    stdin: ChildStdin,
    stdout: TimedReader,
    pub started: Started,
}

#[derive(Debug, Deserialize)]
struct Ready {
    #[serde(default)]
    mounts: bool,
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    readonly_failed: Vec<String>,
}

/// The zygote's answer for one run.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Status {
    failure: Option<String>,
    wall: Option<f64>,
    cpu: Option<f64>,
    maxrss_kb: Option<u64>,
    exit_code: Option<i32>,
    signal: Option<i32>,
    timed_out: bool,
    output_exceeded: Option<String>,
    elapsed: f64,
    stdout_len: usize,
    stderr_len: usize,
}

impl Zygote {
    pub fn start(opts: &ZygoteOptions) -> Result<Zygote, String> {
        let mut cmd = Command::new(&opts.python);
        cmd.args(["-I", "-S", "-c", BOOT_SRC, ZYGOTE_SRC])
            .env_clear()
            .envs(scrubbed_env(&opts.python))
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if std::env::var_os("PYPREP_SANDBOX_DEBUG").is_some() {
                // Lets a developer see the zygote's own tracebacks on the terminal.
                Stdio::inherit()
            } else {
                Stdio::piped()
            });
        if opts.namespaces {
            let flags = libc::CLONE_NEWUSER
                | libc::CLONE_NEWNS
                | libc::CLONE_NEWNET
                | libc::CLONE_NEWIPC
                | libc::CLONE_NEWUTS;
            // SAFETY: the closure runs in the forked child before exec and only calls
            // unshare(2), which is async-signal-safe and touches no memory of ours. A
            // failure is deliberately ignored: the host sees which namespaces exist by
            // comparing /proc/<pid>/ns links and reports missing isolation.
            unsafe {
                cmd.pre_exec(move || {
                    libc::unshare(flags);
                    Ok(())
                });
            }
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("starting {}: {e}", opts.python.display()))?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = TimedReader::new(child.stdout.take().expect("stdout is piped"));
        let mut zygote = Zygote {
            child,
            stdin,
            stdout,
            started: Started::default(),
        };
        match zygote.handshake(opts) {
            Ok(()) => Ok(zygote),
            Err(e) => {
                let stderr = zygote.kill_and_collect_stderr();
                Err(if stderr.trim().is_empty() {
                    e
                } else {
                    format!("{e}; zygote stderr: {}", stderr.trim())
                })
            }
        }
    }

    fn handshake(&mut self, opts: &ZygoteOptions) -> Result<(), String> {
        let pid = self.child.id();
        let mut started = Started::default();
        let euid = current_euid();
        let mut namespaces = false;
        if opts.namespaces {
            started.user_namespace = ns_differs(pid, "user");
            started.network_namespace = started.user_namespace && ns_differs(pid, "net");
            if started.user_namespace {
                match write_id_maps(pid, euid) {
                    Ok(()) => namespaces = true,
                    Err(e) => started
                        .notes
                        .push(format!("could not map uids into the user namespace: {e}")),
                }
            } else {
                started
                    .notes
                    .push("the kernel refused a user namespace (unshare(CLONE_NEWUSER)); runs are not isolated from the network or from each other's processes".into());
            }
        } else {
            started
                .notes
                .push("namespaces disabled by configuration".into());
        }
        // Inside our user namespace uid 1 is the host's `nobody`; without one, the zygote
        // (still host root) switches to it directly.
        let (snippet_uid, snippet_host_uid) = match (euid == 0, namespaces) {
            (true, true) => (Some(1), Some(SNIPPET_HOST_ID)),
            (true, false) if reachable_by_others(&opts.python) => {
                (Some(SNIPPET_HOST_ID), Some(SNIPPET_HOST_ID))
            }
            (true, false) => {
                started.notes.push(format!(
                    "{} is not readable by other users and there is no mount namespace to expose it: snippets run as root",
                    opts.python.display()
                ));
                (None, Some(0))
            }
            (false, _) => (None, Some(euid)),
        };
        started.snippet_host_uid = snippet_host_uid;
        let config = serde_json::json!({
            "namespaces": namespaces,
            "snippet_uid": snippet_uid,
            "snippet_gid": snippet_uid,
            "preimport": opts.preimport,
        });
        let mut line = config.to_string();
        line.push('\n');
        self.stdin
            .write_all(line.as_bytes())
            .map_err(|e| format!("sending the zygote its config: {e}"))?;
        let deadline = Instant::now() + START_TIMEOUT;
        let ready = self
            .stdout
            .read_line(deadline)
            .map_err(|e| format!("waiting for the zygote to start: {e}"))?;
        let ready = ready
            .strip_prefix("ready ")
            .ok_or_else(|| format!("unexpected zygote greeting {ready:?}"))?;
        let ready: Ready =
            serde_json::from_str(ready).map_err(|e| format!("bad zygote greeting: {e}"))?;
        started.mounts = namespaces && ready.mounts;
        started.notes.extend(ready.errors);
        if !ready.readonly_failed.is_empty() {
            started.notes.push(format!(
                "could not make these mounts read-only: {}",
                ready.readonly_failed.join(", ")
            ));
        }
        self.started = started;
        Ok(())
    }

    /// Runs one snippet. An `Err` means this zygote is no longer usable.
    pub fn run(
        &mut self,
        code: &str,
        limits: &Limits,
        flags: IsolationFlags,
    ) -> Result<RunReport, String> {
        let header = serde_json::json!({
            "code_len": code.len(),
            "wall_ms": limits.wall.as_millis() as u64,
            "cpu_ms": limits.cpu.as_millis() as u64,
            "memory_bytes": limits.memory_bytes,
            "processes": limits.processes,
            "file_size_bytes": limits.file_size_bytes,
            "open_files": limits.open_files,
            "output_bytes": limits.output_bytes,
        });
        let mut request = header.to_string().into_bytes();
        request.push(b'\n');
        request.extend_from_slice(code.as_bytes());
        self.stdin
            .write_all(&request)
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("sending the snippet to the zygote: {e}"))?;
        let deadline = Instant::now() + limits.wall + RUN_GRACE;
        let line = self
            .stdout
            .read_line(deadline)
            .map_err(|e| format!("waiting for the zygote: {e}"))?;
        let status: Status =
            serde_json::from_str(&line).map_err(|e| format!("bad zygote reply {line:?}: {e}"))?;
        let stdout = self
            .stdout
            .read_exact(status.stdout_len, deadline)
            .map_err(|e| format!("reading stdout from the zygote: {e}"))?;
        let stderr = self
            .stdout
            .read_exact(status.stderr_len, deadline)
            .map_err(|e| format!("reading stderr from the zygote: {e}"))?;
        Ok(interpret(
            status,
            String::from_utf8_lossy(&stdout).into_owned(),
            String::from_utf8_lossy(&stderr).into_owned(),
            limits,
            flags,
        ))
    }

    fn kill_and_collect_stderr(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut text = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            let _ = io::Read::read_to_string(&mut err, &mut text);
        }
        text
    }
}

impl Drop for Zygote {
    fn drop(&mut self) {
        // Killing the zygote is enough: the running init dies with it through
        // PR_SET_PDEATHSIG, and the kernel then empties the run's pid namespace.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Turns the zygote's raw status into an outcome. Order matters: the zygote's own
/// verdicts (deadline, output flood) win over the exit status they caused.
pub(crate) fn interpret(
    status: Status,
    stdout: String,
    stderr: String,
    limits: &Limits,
    isolation: IsolationFlags,
) -> RunReport {
    let cpu_time = Duration::from_secs_f64(status.cpu.unwrap_or(0.0).max(0.0));
    let wall_time = Duration::from_secs_f64(status.wall.unwrap_or(status.elapsed).max(0.0));
    let outcome = if status.timed_out {
        Outcome::TimeLimit {
            kind: TimeKind::Wall,
            stdout,
            stderr,
        }
    } else if let Some(stream) = status.output_exceeded.as_deref() {
        Outcome::OutputLimit {
            stream: if stream == "stderr" {
                Stream::Stderr
            } else {
                Stream::Stdout
            },
            stdout,
            stderr,
        }
    } else if let Some(message) = status.failure {
        Outcome::SandboxFailure { message }
    } else if let Some(signal) = status.signal {
        let cpu_limit = Duration::from_secs(limits.cpu.as_secs_f64().ceil() as u64);
        if signal == libc::SIGXCPU || (signal == libc::SIGKILL && cpu_time >= cpu_limit) {
            Outcome::TimeLimit {
                kind: TimeKind::Cpu,
                stdout,
                stderr,
            }
        } else if is_out_of_memory(&stderr) {
            Outcome::MemoryLimit { stdout, stderr }
        } else {
            Outcome::Signaled {
                signal,
                stdout,
                stderr,
            }
        }
    } else if let Some(exit_code) = status.exit_code {
        if exit_code != 0 && is_out_of_memory(&stderr) {
            Outcome::MemoryLimit { stdout, stderr }
        } else {
            Outcome::Finished {
                exit_code,
                stdout,
                stderr,
            }
        }
    } else {
        Outcome::SandboxFailure {
            message: "the zygote reported neither an exit status nor a signal".into(),
        }
    };
    RunReport {
        outcome,
        limits: limits.clone(),
        wall_time,
        cpu_time,
        peak_memory_bytes: status.maxrss_kb.unwrap_or(0) * 1024,
        isolation,
    }
}

/// CPython turns a failed allocation into `MemoryError`; allocations in C code that cannot
/// raise abort with a "Fatal Python error" mentioning memory instead.
fn is_out_of_memory(stderr: &str) -> bool {
    let last = last_nonblank_line(stderr);
    last == "MemoryError"
        || last.starts_with("MemoryError:")
        || stderr.contains("Cannot allocate memory")
        || (stderr.contains("Fatal Python error") && stderr.contains("memory"))
}

fn scrubbed_env(python: &std::path::Path) -> Vec<(String, String)> {
    let mut path = String::new();
    if let Some(dir) = python.parent() {
        path.push_str(&dir.to_string_lossy());
        path.push(':');
    }
    path.push_str("/usr/local/bin:/usr/bin:/bin");
    vec![
        ("PATH".into(), path),
        ("LANG".into(), "C.UTF-8".into()),
        ("HOME".into(), "/tmp".into()),
        ("TMPDIR".into(), "/tmp".into()),
    ]
}

/// Whether `nobody` could start this interpreter: every directory above it traversable by
/// others. (Without a mount namespace we cannot expose a prefix under a private home.)
fn reachable_by_others(python: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    python
        .ancestors()
        .skip(1)
        .all(|dir| fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0))
}

fn current_euid() -> u32 {
    // SAFETY: geteuid(2) cannot fail and has no preconditions.
    unsafe { libc::geteuid() }
}

fn current_egid() -> u32 {
    // SAFETY: getegid(2) cannot fail and has no preconditions.
    unsafe { libc::getegid() }
}

fn ns_differs(pid: u32, ns: &str) -> bool {
    let ours = fs::read_link(format!("/proc/self/ns/{ns}"));
    let theirs = fs::read_link(format!("/proc/{pid}/ns/{ns}"));
    matches!((ours, theirs), (Ok(a), Ok(b)) if a != b)
}

/// Root maps itself (the zygote stays root of its namespace, for mounting) plus `nobody`
/// as uid 1 for the snippets. Anyone else may only map their own uid.
fn write_id_maps(pid: u32, euid: u32) -> io::Result<()> {
    let proc = format!("/proc/{pid}");
    if euid == 0 {
        let map = format!("0 0 1\n1 {SNIPPET_HOST_ID} 1\n");
        fs::write(format!("{proc}/uid_map"), &map)?;
        fs::write(format!("{proc}/gid_map"), &map)?;
    } else {
        fs::write(format!("{proc}/setgroups"), "deny")?;
        fs::write(format!("{proc}/uid_map"), format!("0 {euid} 1\n"))?;
        fs::write(
            format!("{proc}/gid_map"),
            format!("0 {} 1\n", current_egid()),
        )?;
    }
    Ok(())
}

/// Reads a pipe with a deadline so a hung zygote cannot hang the caller.
struct TimedReader {
    pipe: ChildStdout,
    buf: Vec<u8>,
}

impl TimedReader {
    fn new(pipe: ChildStdout) -> Self {
        TimedReader {
            pipe,
            buf: Vec::new(),
        }
    }

    fn fill(&mut self, deadline: Instant) -> io::Result<()> {
        let fd: RawFd = self.pipe.as_raw_fd();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the zygote did not answer in time",
                ));
            }
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = left.as_millis().min(i32::MAX as u128) as i32 + 1;
            // SAFETY: `pfd` is a valid pollfd for the duration of the call and nfds is 1.
            let n = unsafe { libc::poll(&mut pfd, 1, ms) };
            if n < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(err);
            }
            if n == 0 {
                continue;
            }
            let mut chunk = [0u8; 65536];
            let got = io::Read::read(&mut self.pipe, &mut chunk)?;
            if got == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the zygote exited",
                ));
            }
            self.buf.extend_from_slice(&chunk[..got]);
            return Ok(());
        }
    }

    fn read_line(&mut self, deadline: Instant) -> io::Result<String> {
        loop {
            if let Some(pos) = self.buf.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.buf.drain(..=pos).collect();
                return Ok(String::from_utf8_lossy(&line[..pos]).into_owned());
            }
            self.fill(deadline)?;
        }
    }

    fn read_exact(&mut self, n: usize, deadline: Instant) -> io::Result<Vec<u8>> {
        while self.buf.len() < n {
            self.fill(deadline)?;
        }
        Ok(self.buf.drain(..n).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(json: &str) -> Status {
        serde_json::from_str(json).unwrap()
    }

    fn outcome(json: &str, stderr: &str) -> Outcome {
        interpret(
            status(json),
            "out".into(),
            stderr.into(),
            &Limits::default(),
            IsolationFlags::default(),
        )
        .outcome
    }

    #[test]
    fn deadline_wins_over_the_kill_it_caused() {
        let o = outcome(r#"{"timed_out": true, "signal": 9, "elapsed": 5.0}"#, "");
        assert!(matches!(
            o,
            Outcome::TimeLimit {
                kind: TimeKind::Wall,
                ..
            }
        ));
    }

    #[test]
    fn output_flood_names_the_stream() {
        let o = outcome(r#"{"output_exceeded": "stderr", "signal": 9}"#, "");
        assert!(matches!(
            o,
            Outcome::OutputLimit {
                stream: Stream::Stderr,
                ..
            }
        ));
    }

    #[test]
    fn cpu_limit_is_sigxcpu_or_a_kill_after_the_cpu_budget() {
        assert!(matches!(
            outcome(r#"{"signal": 24, "cpu": 5.0}"#, ""),
            Outcome::TimeLimit {
                kind: TimeKind::Cpu,
                ..
            }
        ));
        assert!(matches!(
            outcome(r#"{"signal": 9, "cpu": 6.0}"#, ""),
            Outcome::TimeLimit {
                kind: TimeKind::Cpu,
                ..
            }
        ));
        assert!(matches!(
            outcome(r#"{"signal": 9, "cpu": 0.1}"#, ""),
            Outcome::Signaled { signal: 9, .. }
        ));
    }

    #[test]
    fn memory_error_is_a_memory_limit() {
        let o = outcome(
            r#"{"exit_code": 1}"#,
            "Traceback (most recent call last):\nMemoryError\n",
        );
        assert!(matches!(o, Outcome::MemoryLimit { .. }));
        let o = outcome(
            r#"{"exit_code": 1}"#,
            "ValueError: MemoryError is not this\n",
        );
        assert!(matches!(o, Outcome::Finished { exit_code: 1, .. }));
    }

    #[test]
    fn times_and_memory_are_carried_over() {
        let r = interpret(
            status(r#"{"exit_code": 0, "wall": 0.5, "cpu": 0.25, "maxrss_kb": 2}"#),
            String::new(),
            String::new(),
            &Limits::default(),
            IsolationFlags::default(),
        );
        assert_eq!(r.wall_time, Duration::from_millis(500));
        assert_eq!(r.cpu_time, Duration::from_millis(250));
        assert_eq!(r.peak_memory_bytes, 2048);
    }
}
