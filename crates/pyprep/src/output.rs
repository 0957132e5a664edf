//! Printing results: JSON for scripts (`--json`), tables for people.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use comfy_table::presets::{NOTHING, UTF8_FULL_CONDENSED};
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

/// Writes `text` and a newline to stdout. Unlike `println!` it returns an error when the reader
/// went away (`pyprep list | head`), which `main` turns into a quiet exit.
pub fn line(text: impl std::fmt::Display) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")?;
    stdout.flush()?;
    Ok(())
}

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    line(serde_json::to_string_pretty(value)?)
}

/// A table that draws borders on a terminal and plain aligned columns in a pipe.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    if std::io::stdout().is_terminal() {
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.load_preset(NOTHING);
    }
    table.set_header(header.to_vec());
    table
}
