//! Shows what the importer reads from files: `cargo run -p pyprep-import --example inspect --
//! FILE... [--questions] [--groups] [--json]`. A tool for checking a new guide layout by eye.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_questions = args.iter().any(|a| a == "--questions");
    let show_groups = args.iter().any(|a| a == "--groups");
    let show_json = args.iter().any(|a| a == "--json");
    let mut all = Vec::new();
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let name = path.rsplit('/').next().unwrap_or(path);
        match pyprep_import::parse(name, &bytes) {
            Ok(doc) => {
                print!("{}", doc.summary());
                if show_json {
                    println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
                }
                if show_questions {
                    for (q, kind) in doc.questions.iter().zip(&doc.question_kinds) {
                        println!(
                            "  [{}] {} | {} {:?} | {} | {} | ex={} lf={} ss={} rf={} fu={} kp={} src={} ans={}",
                            kind.as_str(),
                            q.title,
                            q.difficulty,
                            q.difficulty_label,
                            q.topics.join(","),
                            q.companies.join(","),
                            q.examples.len(),
                            q.look_for.len(),
                            q.strong_signals.len(),
                            q.red_flags.len(),
                            q.follow_ups.len(),
                            q.key_points.len(),
                            q.sources.len(),
                            q.answer.len()
                        );
                    }
                }
                all.extend(doc.questions);
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let outcome = pyprep_import::merge(&[], &all);
    let summary = outcome.summary(all.len());
    println!(
        "merged {} questions into {} ({} duplicate groups)",
        summary.incoming, summary.added, summary.duplicate_groups
    );
    if show_groups {
        for g in &outcome.groups {
            println!("  {:.2} {} <= {:?}", g.similarity, g.title, g.titles);
        }
    }
    ExitCode::SUCCESS
}
