//! Throughput benchmark: the sandbox (full isolation, parallel) against the naive peer
//! (one plain `python3 file.py` per snippet, in sequence), on the same snippets in the
//! same run. `bench/sandbox/run.sh` is the way to run it; see bench/sandbox/README.md.
//!
//! Options: `--snippets FILE` (default bench/sandbox/snippets.py), `--count N` (200),
//! `--jobs N` (0 = cores), `--naive-python PATH` (default: the interpreter the sandbox
//! resolved, so neither side pays for a pyenv-style shim).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pyprep_sandbox::{Outcome, Sandbox, SandboxConfig};

struct Options {
    snippets: PathBuf,
    count: usize,
    jobs: usize,
    naive_python: Option<PathBuf>,
}

fn parse_options() -> Options {
    let mut options = Options {
        snippets: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/sandbox/snippets.py"),
        count: 200,
        jobs: 0,
        naive_python: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--snippets" => options.snippets = value().into(),
            "--count" => options.count = value().parse().expect("--count N"),
            "--jobs" => options.jobs = value().parse().expect("--jobs N"),
            "--naive-python" => options.naive_python = Some(value().into()),
            other => panic!("unknown option {other}"),
        }
    }
    options
}

/// Splits the snippet file at `# ---- name` lines.
fn load(path: &PathBuf) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut snippets: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("# ---- ") {
            snippets.push((name.trim().to_string(), String::new()));
        } else if let Some((_, code)) = snippets.last_mut() {
            code.push_str(line);
            code.push('\n');
        }
    }
    snippets
}

fn per_second(n: usize, elapsed: Duration) -> f64 {
    n as f64 / elapsed.as_secs_f64()
}

fn main() {
    let options = parse_options();
    let distinct = load(&options.snippets);
    assert!(
        !distinct.is_empty(),
        "no snippets in {}",
        options.snippets.display()
    );
    let batch: Vec<&(String, String)> = distinct.iter().cycle().take(options.count).collect();
    let codes: Vec<&str> = batch.iter().map(|(_, code)| code.as_str()).collect();
    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.jobs
    };

    let start = Instant::now();
    let sandbox = Sandbox::new(SandboxConfig::default()).expect("sandbox");
    let startup = start.elapsed();
    println!("{}", sandbox.isolation());

    let start = Instant::now();
    let reports = sandbox.run_many(&codes, jobs);
    let sandbox_time = start.elapsed();

    let python = options
        .naive_python
        .clone()
        .unwrap_or_else(|| sandbox.isolation().python.clone());
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<PathBuf> = batch
        .iter()
        .enumerate()
        .map(|(i, (_, code))| {
            let path = dir.path().join(format!("snippet{i}.py"));
            std::fs::write(&path, code).expect("write snippet");
            path
        })
        .collect();
    let start = Instant::now();
    let naive: Vec<std::process::Output> = files
        .iter()
        .map(|file| {
            Command::new(&python)
                .arg(file)
                .current_dir(dir.path())
                .stdin(Stdio::null())
                .output()
                .expect("run python3")
        })
        .collect();
    let naive_time = start.elapsed();

    let mut mismatches = Vec::new();
    for (((name, _), report), plain) in batch.iter().zip(&reports).zip(&naive) {
        let same = match &report.outcome {
            Outcome::Finished {
                exit_code, stdout, ..
            } => {
                Some(*exit_code) == plain.status.code()
                    && stdout.as_bytes() == plain.stdout.as_slice()
            }
            _ => false,
        };
        if !same {
            mismatches.push(format!(
                "{name}: sandbox {:?} / python3 {:?}",
                report.outcome,
                String::from_utf8_lossy(&plain.stdout)
            ));
        }
    }
    let fully_isolated = reports.iter().all(|r| r.isolation.is_full());
    let sandbox_rate = per_second(codes.len(), sandbox_time);
    let naive_rate = per_second(codes.len(), naive_time);
    let cpu: Duration = reports.iter().map(|r| r.cpu_time).sum();
    println!(
        "snippets:        {} ({} distinct), jobs {jobs}, cores {}",
        codes.len(),
        distinct.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "sandbox startup: {:.0} ms (interpreter probe + first zygote, not counted below)",
        startup.as_secs_f64() * 1e3
    );
    println!(
        "sandbox:         {:>7.1} snippets/s  ({:.2} s, full isolation: {fully_isolated}, snippet CPU {:.2} s)",
        sandbox_rate,
        sandbox_time.as_secs_f64(),
        cpu.as_secs_f64()
    );
    println!(
        "naive python3:   {:>7.1} snippets/s  ({:.2} s, {} file.py, sequential)",
        naive_rate,
        naive_time.as_secs_f64(),
        python.display()
    );
    println!("ratio:           {:>7.1}x", sandbox_rate / naive_rate);
    println!(
        "same output:     {}/{}",
        codes.len() - mismatches.len(),
        codes.len()
    );
    for m in &mismatches {
        println!("  MISMATCH {m}");
    }
    if !mismatches.is_empty() || !fully_isolated {
        std::process::exit(1);
    }
}
