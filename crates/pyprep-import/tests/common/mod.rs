//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::fmt::Write;
use std::path::PathBuf;

use pyprep_import::ParsedDocument;

/// A fixture of this crate's own (written for these tests, not copied from any guide).
pub fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed guides, read at run time from the shared folder beside the repository.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the seed guides are expected in {}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).expect("readable seed");
            (name, bytes)
        })
        .collect()
}

/// A compact, stable rendering of everything a document yielded, for snapshots.
pub fn render(doc: &ParsedDocument) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "format: {}", doc.format);
    for (kind, n) in &doc.items {
        let _ = writeln!(out, "items: {n} {}", kind.as_str());
    }
    for (q, kind) in doc.questions.iter().zip(&doc.question_kinds) {
        let _ = writeln!(out, "\n## {} [{}] ({})", q.title, q.id, kind.as_str());
        let _ = writeln!(
            out,
            "difficulty: {}{} | kind: {} | topics: {}",
            q.difficulty,
            q.difficulty_label
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default(),
            q.kind,
            q.topics.join(", ")
        );
        if !q.companies.is_empty() {
            let _ = writeln!(out, "companies: {}", q.companies.join(", "));
        }
        if !q.links.is_empty() {
            let _ = writeln!(out, "links: {}", q.links.join(" "));
        }
        if q.prompt != q.title {
            let _ = writeln!(out, "prompt: {}", q.prompt);
        }
        for s in &q.sources {
            let _ = writeln!(
                out,
                "source: {}#{} line {}: {}{}",
                s.document,
                s.position,
                s.line,
                s.title,
                if s.answer.is_some() {
                    " (answer kept)"
                } else {
                    ""
                }
            );
        }
        for (label, items) in [
            ("key point", &q.key_points),
            ("look for", &q.look_for),
            ("strong signal", &q.strong_signals),
            ("red flag", &q.red_flags),
        ] {
            for item in items {
                let _ = writeln!(out, "{label}: {item}");
            }
        }
        for f in &q.follow_ups {
            let _ = writeln!(out, "follow-up: {} => {}", f.question, f.answer);
        }
        let _ = writeln!(out, "answer:\n{}", q.answer);
        for ex in &q.examples {
            let mut flags = vec![ex.language.clone()];
            if ex.norun {
                flags.push("norun".into());
            }
            if !ex.requires.is_empty() {
                flags.push(format!("requires={}", ex.requires.join(",")));
            }
            if ex.nondeterministic {
                flags.push("nondeterministic".into());
            }
            let _ = writeln!(
                out,
                "example {:?} [{}]:\n{}",
                ex.caption,
                flags.join(" "),
                ex.code
            );
        }
    }
    if !doc.non_companies.is_empty() {
        let labels: Vec<&str> = doc.non_companies.keys().map(String::as_str).collect();
        let _ = writeln!(out, "\nnot companies: {}", labels.join(", "));
    }
    for w in &doc.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}
