//! A snippet behaves as under `python3 main.py`, and runs do not see each other.

use pyprep_sandbox::{Outcome, Sandbox, SandboxConfig};

use crate::{run, sandbox};

fn finished(report: &pyprep_sandbox::RunReport) -> (i32, &str, &str) {
    match &report.outcome {
        Outcome::Finished {
            exit_code,
            stdout,
            stderr,
        } => (*exit_code, stdout, stderr),
        other => panic!("expected a finished run, got {other:?}"),
    }
}

#[test]
fn prints_and_exits_zero() {
    let report = run("print('hello', 6 * 7)");
    assert_eq!(finished(&report), (0, "hello 42\n", ""));
    assert!(report.wall_time > std::time::Duration::ZERO);
    assert!(
        report.peak_memory_bytes > 1 << 20,
        "{}",
        report.peak_memory_bytes
    );
}

#[test]
fn reports_the_real_interpreter_version() {
    let version = sandbox().python_version();
    assert!(version.starts_with("3."), "{version}");
    assert!(
        !sandbox()
            .isolation()
            .python
            .to_string_lossy()
            .contains("shims")
    );
}

#[test]
fn runs_as_a_main_script() {
    let code = "import sys\nif __name__ == '__main__':\n    print(__file__, sys.argv)\n";
    assert_eq!(finished(&run(code)).1, "/tmp/main.py ['main.py']\n");
}

#[test]
fn an_exception_prints_a_normal_traceback_and_exits_one() {
    let report = run("print('before')\ndef f():\n    1 / 0\nf()\n");
    let (code, out, err) = finished(&report);
    assert_eq!((code, out), (1, "before\n"));
    assert!(err.starts_with("Traceback (most recent call last):\n  File \"/tmp/main.py\", line 4, in <module>\n    f()\n"), "{err}");
    assert!(
        err.trim_end()
            .ends_with("ZeroDivisionError: division by zero"),
        "{err}"
    );
}

#[test]
fn a_syntax_error_looks_like_cpythons() {
    let report = run("print('unclosed'\n");
    let (code, _, err) = finished(&report);
    assert_eq!(code, 1);
    assert!(!err.contains("Traceback"), "{err}");
    assert!(
        err.contains("File \"/tmp/main.py\", line 1") && err.contains("SyntaxError"),
        "{err}"
    );
}

#[test]
fn a_nul_byte_in_the_source_is_a_normal_error() {
    let report = run("print(1)\0");
    let (code, _, err) = finished(&report);
    assert_eq!(code, 1);
    assert!(!err.contains("<string>"), "{err}");
}

#[test]
fn a_sandbox_made_on_a_short_lived_thread_keeps_working() {
    // Callers such as tokio's spawn_blocking create and use sandboxes on pool threads that
    // come and go; nothing may be tied to the creating thread's life.
    let sandbox = std::thread::spawn(|| Sandbox::new(SandboxConfig::default()).unwrap())
        .join()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(finished(&sandbox.run("print('alive')")).1, "alive\n");
}

#[test]
fn sys_exit_and_builtin_exit_set_the_status() {
    assert_eq!(finished(&run("import sys\nsys.exit(3)")).0, 3);
    assert_eq!(finished(&run("exit(4)")).0, 4);
    let report = run("import sys\nsys.exit('bye')");
    assert_eq!(finished(&report), (1, "", "bye\n"));
}

#[test]
fn shutdown_runs_threads_atexit_and_finalizers_in_order() {
    let code = "\
import atexit, threading, time
class Noisy:
    def __del__(self):
        print('del')
keep = Noisy()
atexit.register(lambda: print('atexit'))
def late():
    time.sleep(0.1)
    print('thread')
threading.Thread(target=late).start()
print('main')
";
    assert_eq!(finished(&run(code)).1, "main\nthread\natexit\ndel\n");
}

#[test]
fn input_sees_end_of_file() {
    let report = run("input('name? ')");
    let (code, _, err) = finished(&report);
    assert_eq!(code, 1);
    assert!(
        err.trim_end()
            .ends_with("EOFError: EOF when reading a line"),
        "{err}"
    );
}

#[test]
fn unicode_output_survives() {
    assert_eq!(finished(&run("print('héllo ✓ 你好')")).1, "héllo ✓ 你好\n");
}

#[test]
fn stdlib_imports_work_including_c_extensions() {
    let code = "import json, sqlite3, decimal, asyncio, hashlib\nprint(json.dumps({'a': 1}), decimal.Decimal('1.10') + 1)";
    assert_eq!(finished(&run(code)).1, "{\"a\": 1} 2.10\n");
}

#[test]
fn subprocesses_and_multiprocessing_work_within_limits() {
    let code = "\
import subprocess, sys
from multiprocessing import Pool
out = subprocess.run([sys.executable, '-c', 'print(5)'], capture_output=True, text=True).stdout
def sq(x):
    return x * x
if __name__ == '__main__':
    with Pool(2) as p:
        print(out.strip(), p.map(sq, range(4)))
";
    assert_eq!(finished(&run(code)).1, "5 [0, 1, 4, 9]\n");
}

#[test]
fn the_environment_is_scrubbed() {
    let report = run("import os\nprint(sorted(os.environ))");
    assert_eq!(finished(&report).1, "['HOME', 'LANG', 'PATH', 'TMPDIR']\n");
}

#[test]
fn runs_do_not_share_state() {
    // One zygote serves both runs (jobs = 1), so this is the case where leaks would show.
    let first = "\
import json, os, sys
open('/tmp/left-behind', 'w').write('x')
os.makedirs('/dev/shm', exist_ok=True)
open('/dev/shm/left-behind', 'w').write('x')
json.leaked = True
sys.modules['leaked_module'] = json
os.environ['LEAKED'] = '1'
print('wrote')
";
    let second = "\
import json, os, sys
print(os.path.exists('/tmp/left-behind'), os.path.exists('/dev/shm/left-behind'),
      hasattr(json, 'leaked'), 'leaked_module' in sys.modules, 'LEAKED' in os.environ)
";
    let reports = sandbox().run_many(&[first, second, second], 1);
    assert_eq!(finished(&reports[0]).1, "wrote\n");
    assert_eq!(finished(&reports[1]).1, "False False False False False\n");
    assert_eq!(finished(&reports[2]).1, "False False False False False\n");
}

#[test]
fn random_state_differs_between_runs() {
    let code = "import random\nprint(random.random())";
    let reports = sandbox().run_many(&[code, code], 1);
    assert_ne!(finished(&reports[0]).1, finished(&reports[1]).1);
}

#[test]
fn run_many_preserves_order() {
    let codes: Vec<String> = (0..12).map(|i| format!("print({i})")).collect();
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    let reports = sandbox().run_many(&refs, 3);
    for (i, report) in reports.iter().enumerate() {
        assert_eq!(finished(report).1, format!("{i}\n"));
    }
}

#[test]
fn the_snippet_has_no_capabilities_and_no_host_identity() {
    if !crate::require_isolation("user namespaces", sandbox().isolation().flags.unprivileged) {
        return;
    }
    let code = "\
import os
status = open('/proc/self/status').read()
caps = [l.split()[1] for l in status.splitlines() if l.startswith(('CapEff', 'CapPrm', 'CapBnd'))]
print(caps, os.getpid())
";
    assert_eq!(
        finished(&run(code)).1,
        "['0000000000000000', '0000000000000000', '0000000000000000'] 2\n"
    );
}

#[test]
fn isolation_report_lists_what_is_in_force() {
    let report = sandbox().isolation();
    let text = report.to_string();
    assert!(text.contains("network cut off"), "{text}");
    assert_eq!(report.is_full(), report.flags.is_full());
}

#[test]
fn without_namespaces_the_report_says_runs_are_not_isolated() {
    let sandbox = Sandbox::new(SandboxConfig {
        namespaces: false,
        ..SandboxConfig::default()
    })
    .unwrap();
    let flags = sandbox.isolation().flags;
    assert!(!flags.network && !flags.processes && !flags.filesystem);
    assert!(
        sandbox
            .isolation()
            .notes
            .iter()
            .any(|n| n.contains("NOT cut off"))
    );
    let report = sandbox.run("print('still runs')");
    assert_eq!(finished(&report).1, "still runs\n");
    assert!(
        !report.isolation.network,
        "each report must carry the missing isolation"
    );
}

#[test]
fn no_zombies_are_left_behind() {
    for _ in 0..3 {
        run("import os\nif os.fork() == 0:\n    os._exit(0)\nprint('parent')");
    }
    let me = std::process::id().to_string();
    let zombies: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{name}/stat")).ok()?;
            let after = stat.rsplit_once(')')?.1;
            let mut fields = after.split_whitespace();
            let state = fields.next()?;
            let ppid = fields.next()?;
            (state == "Z" && ppid == me).then_some(name)
        })
        .collect();
    assert!(
        zombies.is_empty(),
        "zombie children of the test process: {zombies:?}"
    );
}
