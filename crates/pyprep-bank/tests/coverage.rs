//! Keeps docs/bank-coverage.md true: every subject that two or more seed guides ask about is
//! listed under its topic, with at least one question, and every listed id is in the bank.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// `(topic, subject)` for each subject marked [2] to [5] in bank-subjects.md.
fn required_subjects(text: &str) -> Vec<(String, String)> {
    let mut topic = "";
    let mut subjects = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            topic = heading.split(" (").next().unwrap();
        } else if let Some((count, subject)) =
            line.strip_prefix("- [").and_then(|l| l.split_once("] "))
            && matches!(count, "2" | "3" | "4" | "5")
        {
            subjects.push((topic.to_string(), subject.to_string()));
        }
    }
    subjects
}

/// `(topic, subject)` -> question ids, from the `| subject | questions |` tables.
fn coverage_rows(text: &str) -> BTreeMap<(String, String), Vec<String>> {
    let mut topic = "";
    let mut rows = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if let Some(heading) = line.strip_prefix("## ") {
            topic = heading.trim();
        } else if line.starts_with('|')
            && let [subject, ids] = cells[..]
            && subject != "subject"
            && !subject.starts_with("---")
        {
            let ids = ids
                .split(',')
                .map(|id| id.trim().trim_matches('`').to_string());
            let ids = ids.filter(|id| !id.is_empty()).collect();
            rows.insert((topic.to_string(), subject.to_string()), ids);
        }
    }
    rows
}

#[test]
fn coverage_doc_lists_every_common_subject_with_real_questions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let subjects_path = root.join("../../../shared/bank-subjects.md");
    let subjects = fs::read_to_string(&subjects_path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nthis test needs ../shared (the folder beside the repository \
             that holds bank-subjects.md)",
            subjects_path.display()
        )
    });
    let doc = fs::read_to_string(root.join("../../docs/bank-coverage.md"))
        .expect("docs/bank-coverage.md");
    let bank: BTreeSet<String> = pyprep_bank::questions()
        .expect("the bank parses")
        .into_iter()
        .map(|q| q.id)
        .collect();

    let required = required_subjects(&subjects);
    let rows = coverage_rows(&doc);
    let mut problems = Vec::new();
    let mut covered = 0;
    for key @ (topic, subject) in &required {
        match rows.get(key) {
            None => problems.push(format!("{topic}: `{subject}` is not in the coverage doc")),
            Some(ids) if ids.is_empty() => {
                problems.push(format!("{topic}: `{subject}` has no question"))
            }
            Some(ids) => {
                let unknown: Vec<_> = ids.iter().filter(|id| !bank.contains(*id)).collect();
                if unknown.is_empty() {
                    covered += 1;
                } else {
                    problems.push(format!(
                        "{topic}: `{subject}` lists unknown ids {unknown:?}"
                    ));
                }
            }
        }
    }
    for (topic, subject) in rows.keys() {
        if !required.contains(&(topic.clone(), subject.clone())) {
            problems.push(format!(
                "{topic}: row `{subject}` matches no [2]-[5] subject"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/bank-coverage.md:\n{}",
        problems.join("\n")
    );
    assert!(
        covered >= 162,
        "only {covered} subjects covered, expected at least 162"
    );
}
