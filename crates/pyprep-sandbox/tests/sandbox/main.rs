//! Integration tests: real CPython in the real sandbox. One binary, a module per feature.

mod behaviour;
mod hostile;
mod verify;

use std::sync::OnceLock;
use std::time::Duration;

use pyprep_sandbox::{Limits, RunReport, Sandbox, SandboxConfig};

/// One sandbox for the whole binary: tests run in parallel and each concurrent run gets
/// its own zygote, like the CLI's `run_many`.
pub fn sandbox() -> &'static Sandbox {
    static SANDBOX: OnceLock<Sandbox> = OnceLock::new();
    SANDBOX.get_or_init(|| {
        let sandbox = Sandbox::new(SandboxConfig::default())
            .expect("the sandbox must start on a test machine");
        eprintln!("{}", sandbox.isolation());
        sandbox
    })
}

/// Fails loudly when the machine lacks isolation that a test is about; a developer on a
/// machine without user namespaces can set PYPREP_SANDBOX_ALLOW_NO_ISOLATION=1 to turn
/// that into a warning, and the test then says it checked nothing.
pub fn require_isolation(what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    let message = format!(
        "ISOLATION MISSING: {what} is not available here, so this test cannot check it.\n{}",
        sandbox().isolation()
    );
    if std::env::var_os("PYPREP_SANDBOX_ALLOW_NO_ISOLATION").is_some() {
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n{message}!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
        false
    } else {
        panic!("{message}(set PYPREP_SANDBOX_ALLOW_NO_ISOLATION=1 to only warn)");
    }
}

pub fn run(code: &str) -> RunReport {
    sandbox().run(code)
}

pub fn run_with(code: &str, adjust: impl FnOnce(&mut Limits)) -> RunReport {
    let mut limits = sandbox().limits().clone();
    adjust(&mut limits);
    sandbox().run_with_limits(code, &limits)
}

pub fn short_wall(limits: &mut Limits) {
    limits.wall = Duration::from_millis(1500);
}

/// Processes on the host whose command line contains `marker`.
pub fn processes_with(marker: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(marker))
        })
        .collect()
}

/// A marker no other test uses.
pub fn unique_marker(name: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("pyprep-marker-{name}-{}-{nanos}", std::process::id())
}
