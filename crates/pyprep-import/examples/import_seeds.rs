//! Benchmark: the whole import of a folder of guides (detect, parse, repair, normalise and
//! merge duplicates across all of them), timed in process over several rounds. Files are
//! read once before timing, since reading is the caller's job.
//!
//! `cargo run --release -p pyprep-import --example import_seeds -- [DIR] [--rounds N] [--ms]
//! [--fresh]` prints a report, or with `--ms` only the median milliseconds per round (for
//! scripts). DIR defaults to the shared seed guides beside the repository. Rounds run as
//! `pyprep import` runs, with this thread in the thread pool; `--fresh` runs each in a new
//! pool instead (cold per-thread caches and heaps, like a new process).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

// The allocator the `pyprep` binary uses, so that the benchmark measures what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // As the `pyprep` binary does for its commands (see `crates/pyprep/src/main.rs`).
    pyprep_import::work_on_this_thread_too();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut rounds = 30;
    let mut ms_only = false;
    let mut fresh = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--rounds" => {
                i += 1;
                rounds = args.get(i).and_then(|n| n.parse().ok()).unwrap_or(rounds);
            }
            "--ms" => ms_only = true,
            "--fresh" => fresh = true,
            other => dir = PathBuf::from(other),
        }
        i += 1;
    }
    let mut files: Vec<(String, Vec<u8>)> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter_map(|p| {
                let bytes = std::fs::read(&p).ok()?;
                Some((p.file_name()?.to_string_lossy().into_owned(), bytes))
            })
            .collect(),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    files.sort();
    let total_bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let import = || {
        // As the CLI reads them: on as many threads as the machine has cores (one under
        // `taskset -c 0`).
        let mut documents = Vec::with_capacity(files.len());
        for result in pyprep_import::parse_all(&files) {
            match result {
                Ok(doc) => documents.push(doc),
                Err(e) => eprintln!("error: {e}"),
            }
        }
        let incoming = documents.iter().map(|d| d.questions.len()).sum::<usize>();
        // As the CLI merges them: the documents are handed over whole, with the title
        // signatures made while reading, and the new questions move into the result.
        let outcome = pyprep_import::merge_documents(&[], documents);
        (incoming, outcome)
    };

    let (incoming, outcome) = import();
    let mut times: Vec<Duration> = (0..rounds.max(1))
        .map(|_| {
            if fresh {
                // A new pool each round: new threads, with empty word caches and allocator
                // heaps, as in a new `pyprep import` process (its start is timed too).
                let start = Instant::now();
                let pool = rayon::ThreadPoolBuilder::new()
                    .build()
                    .expect("a thread pool");
                std::hint::black_box(pool.install(import));
                drop(pool);
                start.elapsed()
            } else {
                let start = Instant::now();
                std::hint::black_box(import());
                start.elapsed()
            }
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2].as_secs_f64() * 1000.0;
    let min = times[0].as_secs_f64() * 1000.0;
    if ms_only {
        println!("{median:.3}");
        return ExitCode::SUCCESS;
    }
    println!(
        "pyprep-import: {} files, {:.1} KiB -> {} questions -> {} after merge ({} duplicate groups)",
        files.len(),
        total_bytes as f64 / 1024.0,
        incoming,
        outcome.added.len(),
        outcome.groups.len()
    );
    println!(
        "parse + merge, {} rounds: median {median:.2} ms, min {min:.2} ms",
        times.len()
    );
    ExitCode::SUCCESS
}
