//! Hostile programs: each must be contained with the right outcome, and the host (its
//! processes, files, network and environment) must be unharmed.

use std::io::ErrorKind;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use pyprep_sandbox::{LimitKind, Outcome, Stream, TimeKind};

use crate::{processes_with, require_isolation, run, run_with, sandbox, short_wall, unique_marker};

#[test]
fn infinite_loop_hits_the_wall_clock() {
    let start = Instant::now();
    let report = run_with("while True:\n    pass\n", short_wall);
    assert!(
        matches!(report.outcome, Outcome::TimeLimit { .. }),
        "{:?}",
        report.outcome
    );
    assert_eq!(
        report
            .limit_hit()
            .map(|k| k == LimitKind::Wall || k == LimitKind::Cpu),
        Some(true)
    );
    assert!(
        start.elapsed() < Duration::from_secs(7),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn cpu_limit_stops_a_busy_loop_before_the_wall_clock() {
    let report = run_with("while True:\n    pass\n", |l| {
        l.cpu = Duration::from_secs(1);
        l.wall = Duration::from_secs(10);
    });
    assert!(
        matches!(
            report.outcome,
            Outcome::TimeLimit {
                kind: TimeKind::Cpu,
                ..
            }
        ),
        "{:?}",
        report.outcome
    );
    // The kernel's RLIMIT_CPU accounting and the rusage reported afterwards can differ by a
    // good part of a second on a loaded VM, so only the order of events is asserted: the CPU
    // limit ended the run, which had used CPU, before the wall clock would have.
    assert!(report.cpu_time > Duration::ZERO, "{report:?}");
    assert!(report.wall_time < Duration::from_secs(10), "{report:?}");
}

#[test]
fn cpu_burn_in_many_threads_is_stopped() {
    let code = "\
import threading
def burn():
    while True:
        pass
for _ in range(16):
    threading.Thread(target=burn, daemon=True).start()
burn()
";
    let start = Instant::now();
    let report = run_with(code, |l| {
        l.cpu = Duration::from_secs(1);
        l.wall = Duration::from_secs(3);
    });
    assert!(
        matches!(report.outcome, Outcome::TimeLimit { .. }),
        "{:?}",
        report.outcome
    );
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn memory_bomb_hits_the_memory_limit() {
    let code = "blocks = []\nwhile True:\n    blocks.append(bytearray(32 * 1024 * 1024))\n";
    let report = run_with(code, |l| l.memory_bytes = 256 << 20);
    assert!(
        matches!(report.outcome, Outcome::MemoryLimit { .. }),
        "{:?}",
        report.outcome
    );
    assert!(
        report.peak_memory_bytes <= 256 << 20,
        "{}",
        report.peak_memory_bytes
    );
    assert_eq!(report.limit_hit(), Some(LimitKind::Memory));
}

#[test]
fn one_huge_allocation_hits_the_memory_limit() {
    let report = run("s = 'x' * (10 ** 10)\n");
    assert!(
        matches!(report.outcome, Outcome::MemoryLimit { .. }),
        "{:?}",
        report.outcome
    );
}

/// Re-execs a fresh interpreter whose command line carries `marker`, so the host can
/// count the snippet's processes among all others on the machine.
fn exec_with_marker(body: &str, marker: &str) -> String {
    format!(
        "import os, sys\nos.execv(sys.executable, [sys.executable, '-S', '-c', {body:?}, {marker:?}])\n"
    )
}

/// Runs `code` on another thread while watching the host for `marker` processes.
/// Returns the report, the most marker processes seen at once, and the survivors.
fn watch(
    code: String,
    marker: &str,
    adjust: fn(&mut pyprep_sandbox::Limits),
) -> (pyprep_sandbox::RunReport, usize, Vec<u32>) {
    let runner = thread::spawn(move || run_with(&code, adjust));
    let mut most = 0;
    while !runner.is_finished() {
        most = most.max(processes_with(marker).len());
        thread::sleep(Duration::from_millis(5));
    }
    let report = runner.join().unwrap();
    (report, most, processes_with(marker))
}

#[test]
fn fork_bomb_is_capped_and_fully_killed() {
    if !require_isolation(
        "an unprivileged uid (RLIMIT_NPROC)",
        sandbox().isolation().flags.unprivileged,
    ) {
        return;
    }
    let marker = unique_marker("forkbomb");
    let bomb =
        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n";
    let (report, most, survivors) = watch(exec_with_marker(bomb, &marker), &marker, short_wall);
    assert!(
        matches!(report.outcome, Outcome::TimeLimit { .. }),
        "{:?}",
        report.outcome
    );
    let cap = report.limits.processes as usize;
    eprintln!(
        "fork bomb: at most {most} processes seen at once (limit {cap}), {} left",
        survivors.len()
    );
    assert!(
        most >= 2,
        "the bomb never forked ({most} seen): the test checked nothing"
    );
    assert!(
        most <= cap + 1,
        "{most} bomb processes at once with a limit of {cap}"
    );
    assert!(survivors.is_empty(), "survivors: {survivors:?}");
}

#[test]
fn a_child_that_ignores_sigterm_and_calls_setsid_does_not_outlive_the_run() {
    let marker = unique_marker("escape");
    let stubborn = "import signal, time\nfor s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):\n    signal.signal(s, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.05)\n";
    let code = format!(
        "import os, sys, time\n\
         pid = os.fork()\n\
         if pid == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.execv(sys.executable, [sys.executable, '-S', '-c', {stubborn:?}, {marker:?}])\n    os._exit(0)\n\
         os.waitpid(pid, 0)\n\
         time.sleep(0.5)\n\
         print('parent exits')\n"
    );
    let (report, most, survivors) = watch(code, &marker, short_wall);
    assert!(
        matches!(&report.outcome, Outcome::Finished { exit_code: 0, stdout, .. } if stdout == "parent exits\n"),
        "{:?}",
        report.outcome
    );
    eprintln!(
        "escape: {most} escaped process(es) seen during the run, {} left after it",
        survivors.len()
    );
    assert!(
        most >= 1,
        "the escaping child was never seen running: the test checked nothing"
    );
    assert!(
        survivors.is_empty(),
        "the escaped child survived: {survivors:?}"
    );
}

#[test]
fn sleeping_forever_after_closing_stdout_times_out() {
    let start = Instant::now();
    let report = run_with(
        "import os, time\nprint('bye', flush=True)\nos.close(1)\nos.close(2)\ntime.sleep(1000)\n",
        short_wall,
    );
    assert!(
        matches!(&report.outcome, Outcome::TimeLimit { kind: TimeKind::Wall, stdout, .. } if stdout == "bye\n"),
        "{:?}",
        report.outcome
    );
    assert!(
        start.elapsed() < Duration::from_secs(7),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn writing_a_huge_file_hits_the_file_size_limit() {
    let code = "chunk = b'x' * (1 << 20)\nwith open('big.bin', 'wb') as f:\n    while True:\n        f.write(chunk)\n";
    let report = run_with(code, |l| l.file_size_bytes = 4 << 20);
    assert_eq!(
        report.limit_hit(),
        Some(LimitKind::FileSize),
        "{:?}",
        report.outcome
    );
    assert!(
        report.outcome.stderr().contains("File too large"),
        "{}",
        report.outcome.stderr()
    );
}

#[test]
fn filling_the_disk_with_many_files_stops_at_the_private_tmpfs() {
    let code = "chunk = b'x' * (1 << 20)\ni = 0\nwhile True:\n    with open(f'f{i}', 'wb') as f:\n        f.write(chunk * 3)\n    i += 1\n";
    let report = run_with(code, |l| l.file_size_bytes = 4 << 20);
    assert_eq!(
        report.limit_hit(),
        Some(LimitKind::FileSize),
        "{:?}",
        report.outcome
    );
}

#[test]
fn flooding_stdout_hits_the_output_limit() {
    let report = run_with("while True:\n    print('x' * 1000)\n", |l| {
        l.output_bytes = 64 << 10
    });
    match &report.outcome {
        Outcome::OutputLimit {
            stream: Stream::Stdout,
            stdout,
            ..
        } => assert_eq!(stdout.len(), 64 << 10),
        other => panic!("{other:?}"),
    }
}

#[test]
fn flooding_stderr_hits_the_output_limit() {
    let report = run_with(
        "import sys\nwhile True:\n    sys.stderr.write('e' * 1000)\n",
        |l| l.output_bytes = 64 << 10,
    );
    assert!(
        matches!(
            report.outcome,
            Outcome::OutputLimit {
                stream: Stream::Stderr,
                ..
            }
        ),
        "{:?}",
        report.outcome
    );
}

#[test]
fn opening_thousands_of_files_hits_the_descriptor_limit() {
    let report = run("files = [open(f'f{i}', 'w') for i in range(5000)]\n");
    assert_eq!(
        report.limit_hit(),
        Some(LimitKind::OpenFiles),
        "{:?}",
        report.outcome
    );
}

const ATTACK: &str = r#"
import json, os, shutil, sys
done = []
def attempt(name, action):
    try:
        action()
        done.append(name)
    except Exception:
        pass
d = sys.argv_dir
attempt("read secret", lambda: open(os.path.join(d, "secret.txt")).read())
attempt("write readable", lambda: open(os.path.join(d, "readable.txt"), "a").write("pwned"))
attempt("truncate readable", lambda: open(os.path.join(d, "readable.txt"), "w").close())
attempt("delete readable", lambda: os.remove(os.path.join(d, "readable.txt")))
attempt("delete secret", lambda: os.remove(os.path.join(d, "secret.txt")))
attempt("rename", lambda: os.rename(os.path.join(d, "readable.txt"), os.path.join(d, "moved")))
attempt("chmod", lambda: os.chmod(os.path.join(d, "secret.txt"), 0o777))
attempt("create in dir", lambda: open(os.path.join(d, "new.txt"), "w").write("x"))
attempt("rmtree dir", lambda: shutil.rmtree(d))
attempt("host tmp canary", lambda: os.remove(sys.argv_tmp))
attempt("etc", lambda: open("/etc/pyprep-canary", "w").write("x"))
attempt("python prefix", lambda: open(os.path.join(sys.prefix, "pyprep-canary"), "w").write("x"))
attempt("read root home", lambda: os.listdir("/root/.ssh"))
print(json.dumps(done))
"#;

#[test]
fn files_outside_the_working_directory_are_untouched() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tempfile::Builder::new()
        .prefix("canary-")
        .tempdir_in(base)
        .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for ancestor in dir.path().ancestors().skip(1) {
        if ancestor
            .metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o001 == 0)
        {
            eprintln!(
                "note: {} is not traversable by others; the snippet cannot even reach the canaries",
                ancestor.display()
            );
        }
    }
    let readable = dir.path().join("readable.txt");
    let secret = dir.path().join("secret.txt");
    std::fs::write(&readable, "public canary\n").unwrap();
    std::fs::write(&secret, "secret canary\n").unwrap();
    std::fs::set_permissions(&readable, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let host_tmp = tempfile::NamedTempFile::new().unwrap();
    let code = format!(
        "import sys\nsys.argv_dir = {:?}\nsys.argv_tmp = {:?}\n{ATTACK}",
        dir.path().to_str().unwrap(),
        host_tmp.path().to_str().unwrap()
    );
    let report = run(&code);
    assert!(report.outcome.is_success(), "{:?}", report.outcome);
    assert_eq!(
        report.outcome.stdout(),
        "[]\n",
        "the snippet managed these attacks"
    );
    assert_eq!(
        std::fs::read_to_string(&readable).unwrap(),
        "public canary\n"
    );
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "secret canary\n");
    assert_eq!(
        secret.metadata().unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    assert!(host_tmp.path().exists());
    assert!(!Path::new("/etc/pyprep-canary").exists());
}

#[test]
fn no_tcp_connection_reaches_a_host_server() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let code = format!(
        "import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'hi')\n    print('connected')\nexcept OSError as e:\n    print('blocked', e.errno)\n"
    );
    let report = run(&code);
    let accepted = match listener.accept() {
        Ok(_) => true,
        Err(e) if e.kind() == ErrorKind::WouldBlock => false,
        Err(e) => panic!("accept: {e}"),
    };
    if !require_isolation("a network namespace", sandbox().isolation().flags.network) {
        eprintln!(
            "without isolation the snippet printed {:?}",
            report.outcome.stdout()
        );
        return;
    }
    assert!(!accepted, "the snippet connected to the host's server");
    assert!(
        report.outcome.stdout().starts_with("blocked"),
        "{:?}",
        report.outcome
    );
    assert!(report.isolation.network);
}

const SECRET_VAR: &str = "PYPREP_SANDBOX_TEST_SECRET";
const CHILD_FLAG: &str = "PYPREP_SANDBOX_SECRET_CHILD";

#[test]
fn the_parents_environment_does_not_leak() {
    if std::env::var_os(CHILD_FLAG).is_some() {
        // We are the re-executed test binary, started with the secret in our environment.
        let secret = std::env::var(SECRET_VAR).expect("the parent sets the secret");
        let code = "\
import os
seen = dict(os.environ)
for pid in os.listdir('/proc'):
    try:
        seen[pid] = open(f'/proc/{pid}/environ', 'rb').read().decode(errors='replace')
    except (OSError, ValueError):
        pass
print(repr(seen))
";
        let report = run(code);
        assert!(report.outcome.is_success(), "{:?}", report.outcome);
        assert!(
            !report.outcome.stdout().contains(&secret),
            "the snippet saw the secret"
        );
        assert!(
            !report.outcome.stdout().contains(SECRET_VAR),
            "the snippet saw the variable"
        );
        println!("SECRET-CHECK-RAN");
        return;
    }
    // Setting a variable in this multi-threaded process would be unsound, so the check
    // runs in a copy of this test binary started with the secret already set.
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "hostile::the_parents_environment_does_not_leak",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_FLAG, "1")
        .env(SECRET_VAR, format!("s3cr3t-{}", std::process::id()))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("SECRET-CHECK-RAN"),
        "child test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
