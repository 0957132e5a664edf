//! The `pyprep` binary: parses the command line, opens the store and runs one subcommand.
//!
//! Each subcommand lives in its own module under `cmd/`; they share the store set-up in
//! `app.rs` and the terminal/JSON output helpers in `output.rs`. Domain rules belong in the
//! library crates, not here.

mod app;
mod cli;
mod cmd;
mod examples;
mod output;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

// Imports allocate and free many small strings; mimalloc does that faster than the system
// allocator (the import benchmark, which measures this binary's code path, uses it too).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PYPREP_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    // The web server answers many requests at once on every core; the other commands do
    // one thing at a time, on this thread, which then also takes part in the importer's
    // parallel work instead of waiting for it (no other thread of theirs sends any).
    let mut runtime = match cli.command {
        cli::Command::Serve(_) => tokio::runtime::Builder::new_multi_thread(),
        _ => {
            pyprep_import::work_on_this_thread_too();
            tokio::runtime::Builder::new_current_thread()
        }
    };
    let runtime = match runtime.enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cmd::run(cli)) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The reader of our output went away (`pyprep list | head`): not an error worth reporting.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
