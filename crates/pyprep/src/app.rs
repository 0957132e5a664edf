//! Opening the store the way every subcommand needs it: resolve the database path, open it and
//! bring the built-in bank up to date.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use pyprep_store_sqlite::SqliteStore;

use crate::cli::Cli;

/// The database path: `--db` / `PYPREP_DB`, else the per-user data directory (created).
pub fn database_path(cli: &Cli) -> Result<PathBuf> {
    if let Some(path) = &cli.db {
        return Ok(path.clone());
    }
    let dirs = directories::ProjectDirs::from("", "", "pyprep").ok_or_else(|| {
        anyhow!("cannot find a home directory for the database; pass --db PATH or set PYPREP_DB")
    })?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "cannot create the data directory {}; pass --db PATH or set PYPREP_DB",
            dir.display()
        )
    })?;
    Ok(SqliteStore::default_path(dir))
}

/// Opens the store and syncs the built-in bank into it.
pub async fn open_store(cli: &Cli) -> Result<SqliteStore> {
    let path = database_path(cli)?;
    let store = SqliteStore::open(&path).await?;
    let bank = pyprep_bank::questions()
        .context("the built-in bank is damaged; this is a bug in this build of pyprep")?;
    pyprep_store::Store::sync_bank(&store, &bank, &pyprep_bank::version()).await?;
    Ok(store)
}

/// The sandbox every command that runs Python uses, with the interpreter from `--python`.
pub fn sandbox(cli: &Cli) -> Result<pyprep_sandbox::Sandbox> {
    pyprep_sandbox::Sandbox::new(pyprep_sandbox::SandboxConfig {
        python: cli.python.clone(),
        ..pyprep_sandbox::SandboxConfig::default()
    })
    .context(
        "cannot start the Python sandbox; install python3 (3.11 or newer) or pass --python PATH",
    )
}
