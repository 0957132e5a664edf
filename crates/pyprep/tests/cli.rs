//! The real binary, run the way a user runs it: each test gets its own temporary database.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn pyprep(&self) -> Command {
        let mut cmd = Command::cargo_bin("pyprep").unwrap();
        cmd.env("PYPREP_DB", self.dir.path().join("pyprep.db"))
            .env_remove("PYPREP_LOG");
        cmd
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.pyprep().args(args).arg("--json").assert().success();
        serde_json::from_slice(&out.get_output().stdout).expect("valid JSON")
    }
}

#[test]
fn list_json_prints_the_built_in_bank() {
    let env = Env::new();
    let listed = env.json(&["list"]);
    let rows = listed.as_array().unwrap();
    assert_eq!(
        rows.len(),
        pyprep_bank_len(),
        "every bank question is listed"
    );
    assert!(rows.iter().all(|r| r["origin"] == "bank"));
    // Listing again on the now-populated database gives the same answer.
    assert_eq!(env.json(&["list"]), listed);
}

fn pyprep_bank_len() -> usize {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../bank"))
        .unwrap()
        .flat_map(|topic| std::fs::read_dir(topic.unwrap().path()).unwrap())
        .filter(|f| {
            f.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|e| e == "md")
        })
        .count()
}

#[test]
fn filters_narrow_the_listing() {
    let env = Env::new();
    let all = env.json(&["list"]).as_array().unwrap().len();
    let asyncio = env.json(&["list", "--topic", "asyncio"]);
    let asyncio = asyncio.as_array().unwrap();
    assert!(!asyncio.is_empty() && asyncio.len() < all);
    assert!(
        asyncio
            .iter()
            .all(|r| r["topics"].as_array().unwrap().contains(&"asyncio".into()))
    );
    let easy = env.json(&["list", "--difficulty", "easy"]);
    assert!(
        easy.as_array()
            .unwrap()
            .iter()
            .all(|r| r["difficulty"] == "easy")
    );
    let coding = env.json(&["list", "--kind", "coding"]);
    assert!(
        coding
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] == "coding")
    );
    let google = env.json(&["list", "--company", "GOOGLE"]);
    assert!(google.as_array().unwrap().iter().all(|r| {
        r["companies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().eq_ignore_ascii_case("google"))
    }));
    assert_eq!(
        env.json(&["list", "--source", "bank"])
            .as_array()
            .unwrap()
            .len(),
        all
    );
    assert!(
        env.json(&["list", "--source", "nowhere.md"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn show_renders_a_question_with_its_example() {
    let env = Env::new();
    env.pyprep()
        .args(["show", "identity-vs-equality"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Identity (`is`) versus equality (`==`)",
        ))
        .stdout(predicate::str::contains("Key points"))
        .stdout(predicate::str::contains("Example 1"))
        .stdout(predicate::str::contains("Output:"));
    let q = env.json(&["show", "identity-vs-equality"]);
    assert_eq!(q["id"], "identity-vs-equality");
    assert!(!q["examples"][0]["code"].as_str().unwrap().is_empty());
}

#[test]
fn unknown_id_says_what_to_do() {
    Env::new()
        .pyprep()
        .args(["show", "no-such-thing"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no question with id \"no-such-thing\"",
        ))
        .stderr(predicate::str::contains("pyprep list"));
}

#[test]
fn database_in_missing_directory_is_a_clear_error() {
    Command::cargo_bin("pyprep")
        .unwrap()
        .args(["list", "--db", "/nonexistent/dir/x.db"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent/dir does not exist"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn bad_filter_values_are_rejected_with_the_choices() {
    Env::new()
        .pyprep()
        .args(["list", "--difficulty", "expert"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "expected one of: easy, medium, hard",
        ));
}

#[test]
fn stats_and_topics_count_the_bank() {
    let env = Env::new();
    let stats = env.json(&["stats"]);
    let total = stats["questions"].as_u64().unwrap() as usize;
    assert_eq!(total, pyprep_bank_len());
    let by_difficulty: u64 = stats["by_difficulty"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_difficulty as usize, total);
    let topics = env.json(&["topics"]);
    let asyncio = topics
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == "asyncio")
        .unwrap();
    let listed = env
        .json(&["list", "--topic", "asyncio"])
        .as_array()
        .unwrap()
        .len() as u64;
    assert_eq!(asyncio["questions"].as_u64().unwrap(), listed);
}

#[test]
fn corrupt_bank_file_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.md");
    std::fs::write(
        &file,
        "+++\nid = \"broken\"\ntitle = \"Broken\"\ndifficulty = \"easy\"\nkind = concept\n+++\n",
    )
    .unwrap();
    Command::cargo_bin("pyprep")
        .unwrap()
        .args(["bank", "check"])
        .arg(&file)
        .assert()
        .failure()
        .stdout(predicate::str::contains("broken.md: line 5: front matter"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "my precious notes\n".repeat(300)).unwrap();
    Command::cargo_bin("pyprep")
        .unwrap()
        .args(["list", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot open database"));
    assert!(
        std::fs::read_to_string(&db)
            .unwrap()
            .starts_with("my precious notes")
    );
}

#[test]
fn closed_stdout_is_not_a_crash() {
    let env = Env::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pyprep"))
        .args(["list"])
        .env("PYPREP_DB", env.dir.path().join("pyprep.db"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn every_built_in_example_passes_in_the_sandbox() {
    let env = Env::new();
    let out = env
        .pyprep()
        .args(["verify", "--all", "--strict", "--json"])
        .assert()
        .success();
    let summary: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(summary["failures"], 0, "{:#}", summary["by_status"]);
    assert!(
        summary["isolated"].as_bool().unwrap(),
        "the sandbox must be fully isolated here"
    );
    let checks = summary["checks"].as_array().unwrap();
    assert!(
        checks.len() >= pyprep_bank_len(),
        "every question has an example"
    );
    for check in checks {
        let status = check["status"].as_str().unwrap();
        // Only examples their authors declared norun or requires= may skip running.
        assert!(
            matches!(status, "passed" | "fragment" | "needs-package"),
            "{check:#}"
        );
    }
}

#[test]
fn bank_check_runs_examples_and_catches_a_wrong_output() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bank/basics/identity-vs-equality.md"
    ))
    .unwrap();
    let file = dir.path().join("identity-vs-equality.md");
    std::fs::write(&file, &good).unwrap();
    Command::cargo_bin("pyprep")
        .unwrap()
        .args(["bank", "check"])
        .arg(&file)
        .assert()
        .success();
    // Same file, but the expected output claims the lists are identical.
    let lying = good.replacen("```output\nTrue", "```output\nFalse", 1);
    assert_ne!(lying, good, "the fixture must change");
    std::fs::write(&file, lying).unwrap();
    Command::cargo_bin("pyprep")
        .unwrap()
        .args(["bank", "check"])
        .arg(&file)
        .assert()
        .failure()
        .stdout(predicate::str::contains("mismatch under CPython 3."));
}

#[test]
fn verify_stores_results_that_show_and_drill_use() {
    let env = Env::new();
    env.pyprep()
        .args(["verify"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--all"));
    env.pyprep()
        .args(["verify", "identity-vs-equality"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 passed"));
    env.pyprep()
        .args(["show", "identity-vs-equality"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Check: verified on CPython 3."));

    let drill = |answer: &str| -> Value {
        let out = env
            .pyprep()
            .args(["drill", "--id", "identity-vs-equality", "--json"])
            .write_stdin(answer)
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let expected = drill("")["expected"].as_str().unwrap().to_string();
    assert!(!expected.is_empty());
    // Trailing whitespace does not count against the answer; a wrong line does.
    let right = drill(&format!("{}  \n\n", expected.trim_end()));
    assert_eq!(right["correct"], true, "{right:#}");
    let wrong = drill("nothing like it\n");
    assert_eq!(wrong["correct"], false);
    assert!(
        wrong["diff"]
            .as_str()
            .unwrap()
            .contains("+ nothing like it")
    );
}

#[test]
fn drill_without_verified_examples_says_what_to_run() {
    Env::new()
        .pyprep()
        .args(["drill"])
        .write_stdin("")
        .assert()
        .failure()
        .stderr(predicate::str::contains("pyprep verify --all"));
}

#[test]
fn doctor_reports_python_and_isolation() {
    let doctor = Env::new().json(&["doctor"]);
    assert!(
        doctor["python"].as_str().unwrap().starts_with("3."),
        "{doctor:#}"
    );
    assert_eq!(doctor["fully_isolated"], true, "{doctor:#}");
    Env::new()
        .pyprep()
        .args(["doctor", "--python", "/nonexistent/python3"])
        .assert()
        .failure()
        .stdout(predicate::str::contains("unavailable"))
        .stdout(predicate::str::contains("--python"));
}

fn seeds() -> Vec<std::path::PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("the seed guides are needed at {dir} (../shared/seeds): {e}"))
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5, "five seed guides");
    seeds
}

#[test]
fn importing_the_seeds_merges_into_the_bank_and_is_idempotent() {
    let env = Env::new();
    let before = env.json(&["list"]).as_array().unwrap().len();
    let seeds = seeds();
    let dry = env
        .pyprep()
        .arg("import")
        .args(&seeds)
        .args(["--dry-run", "--json"])
        .assert()
        .success();
    let dry: Value = serde_json::from_slice(&dry.get_output().stdout).unwrap();
    assert_eq!(
        env.json(&["list"]).as_array().unwrap().len(),
        before,
        "a dry run stores nothing"
    );

    let out = env
        .pyprep()
        .arg("import")
        .args(&seeds)
        .arg("--json")
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        report["merge"], dry["merge"],
        "the dry run predicted the import"
    );
    let read: u64 = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["questions"].as_u64().unwrap())
        .sum();
    assert_eq!(read, 100 + 71 + 196 + 184 + 495);
    let formats: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["format"].as_str().unwrap())
        .collect();
    assert_eq!(
        formats
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len(),
        5,
        "{formats:?}"
    );
    let added = report["merge"]["added"].as_u64().unwrap() as usize;
    let enriched = report["merge"]["updated"].as_u64().unwrap();
    assert!(
        enriched >= 20,
        "seed questions merge into built-in ones: {enriched}"
    );
    assert_eq!(
        env.json(&["list"]).as_array().unwrap().len(),
        before + added
    );

    // The built-in question on `is` vs `==` now remembers the guides that ask it.
    let identity = env.json(&["show", "identity-vs-equality"]);
    assert!(
        !identity["sources"].as_array().unwrap().is_empty(),
        "{:#}",
        identity["sources"]
    );
    let duplicates = env.json(&["duplicates"]);
    assert!(
        duplicates
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["id"] == "identity-vs-equality" && g["built_in"] == true)
    );

    let again = env
        .pyprep()
        .arg("import")
        .args(&seeds)
        .arg("--json")
        .assert()
        .success();
    let again: Value = serde_json::from_slice(&again.get_output().stdout).unwrap();
    assert_eq!(again["merge"]["added"], 0);
    assert_eq!(again["merge"]["updated"], 0);
    assert_eq!(
        env.json(&["list"]).as_array().unwrap().len(),
        before + added
    );

    // Imported examples run in the sandbox; real failures are told apart from the rest.
    let verify = env.json(&["verify", "--all"]);
    let by_status = verify["by_status"].as_object().unwrap();
    assert!(by_status["passed"].as_u64().unwrap() > 200, "{by_status:?}");
    assert!(
        by_status.contains_key("fragment") || by_status.contains_key("needs-package"),
        "{by_status:?}"
    );
}

#[test]
fn a_bad_file_imports_nothing_and_names_the_file() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(
        &good,
        "# Notes\n\n## What is a generator?\n\nA function that yields values lazily.\n",
    )
    .unwrap();
    let bad = dir.path().join("broken.md");
    std::fs::write(&bad, "## Q1\n\n```python\nprint('never closed')\n").unwrap();
    let before = env.json(&["list"]);
    env.pyprep()
        .arg("import")
        .args([&good, &bad])
        .assert()
        .failure()
        .stderr(predicate::str::contains("broken.md"))
        .stderr(predicate::str::contains("nothing was imported"));
    assert_eq!(
        env.json(&["list"]),
        before,
        "the good file was not half-imported"
    );
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    env.pyprep()
        .arg("import")
        .arg(&binary)
        .assert()
        .failure()
        .stderr(predicate::str::contains("image.png"));
    env.pyprep()
        .args(["import", "/nonexistent/guide.md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot read"));
}
