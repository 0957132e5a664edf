//! The built-in bank: every question file under the repository's `bank/` folder, compiled
//! into the binary so that a fresh install has content without touching the disk.
//!
//! It only hands out the files and parses them with the canonical reader of `pyprep-core`;
//! loading them into a database is the store's job.

use pyprep_core::{BankError, Question, parse_question};

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// The bank's files as `(path, text)` pairs, paths relative to the repository (`bank/...`).
pub fn files() -> &'static [(&'static str, &'static str)] {
    FILES
}

/// Every built-in question, in path order.
pub fn questions() -> Result<Vec<Question>, BankError> {
    FILES
        .iter()
        .map(|(path, text)| parse_question(path, text))
        .collect()
}

/// Identifies this version of the bank, so stores re-sync only when it changed.
pub fn version() -> String {
    pyprep_core::fingerprint(
        FILES
            .iter()
            .flat_map(|(path, text)| [path.as_bytes(), text.as_bytes()]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bank_file_parses_and_is_canonical() {
        assert!(FILES.len() >= 12, "the bank has {} files", FILES.len());
        for (path, text) in FILES {
            let question = parse_question(path, text).unwrap_or_else(|e| panic!("{e}"));
            let file_name = path.rsplit('/').next().unwrap();
            assert_eq!(
                file_name,
                format!("{}.md", question.id),
                "{path}: file name must be the id"
            );
            assert_eq!(
                pyprep_core::write_question(&question),
                *text,
                "{path} is not in canonical form: run `pyprep bank fmt`"
            );
        }
    }
}
