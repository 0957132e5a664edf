//! `pyprep search` run as a user runs it: it finds questions, and its on-disk index follows
//! the store (imports, verification results, outdated or tampered indexes) instead of
//! answering from a stale copy.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pyprep_core::{CheckStatus, ExampleCheck, Question};
use pyprep_search::{Doc, SearchIndex, Verification};
use pyprep_store::Store;
use pyprep_store_sqlite::SqliteStore;
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

    fn db(&self) -> PathBuf {
        self.dir.path().join("pyprep.db")
    }

    fn index_dir(&self) -> PathBuf {
        self.dir.path().join("pyprep.db.search")
    }

    fn search(&self, args: &[&str]) -> Value {
        let out = Command::cargo_bin("pyprep")
            .unwrap()
            .env("PYPREP_DB", self.db())
            .env_remove("PYPREP_LOG")
            .arg("search")
            .args(args)
            .arg("--json")
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).expect("valid JSON")
    }

    fn ids(&self, args: &[&str]) -> Vec<String> {
        self.search(args)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// Runs `f` against the same database the binary uses.
    fn with_store<T>(&self, f: impl AsyncFnOnce(&SqliteStore) -> T) -> T {
        let db = self.db();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async move {
                let store = SqliteStore::open(&db).await.unwrap();
                f(&store).await
            })
    }
}

fn bank_question(id: &str) -> Question {
    pyprep_bank::questions()
        .unwrap()
        .into_iter()
        .find(|q| q.id == id)
        .unwrap()
}

#[test]
fn finds_misspelt_questions_with_facets_and_filters() {
    let env = Env::new();
    let results = env.search(&["corutine"]);
    assert_eq!(results["hits"][0]["id"], "what-is-a-coroutine");
    assert!(
        results["hits"][0]["title_html"]
            .as_str()
            .unwrap()
            .contains("<mark>coroutine</mark>")
    );
    let total = results["total"].as_u64().unwrap();
    let by_difficulty: u64 = results["facets"]["difficulty"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_difficulty, total, "every match has one difficulty");
    assert!(env.index_dir().join("meta.json").is_file());

    let hard = env.search(&["corutine", "--difficulty", "hard", "--limit", "50"]);
    let hits = hard["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() < total as usize);
    assert!(hits.iter().all(|h| h["difficulty"] == "hard"));

    let limited = env.ids(&["async", "--limit", "2"]);
    assert_eq!(limited.len(), 2);
}

#[test]
fn an_import_shows_up_in_the_next_search() {
    let env = Env::new();
    assert!(env.ids(&["axolotl"]).is_empty());

    let mut imported = bank_question("slots");
    imported.id = "axolotl-question".into();
    imported.title = "Axolotl regeneration in Python objects".into();
    imported.sources = vec![pyprep_core::Source {
        document: "zoo-guide.md".into(),
        position: 1,
        title: imported.title.clone(),
        line: 1,
        answer: None,
    }];
    env.with_store(async |store| store.import_questions(&[imported]).await.unwrap());

    assert_eq!(env.ids(&["axolotl"]), ["axolotl-question"]);
    let sources = env.search(&["axolotl"])["facets"]["source"].clone();
    assert_eq!(sources[0]["name"], "zoo-guide.md");
    assert_eq!(
        env.ids(&["regeneration", "--source", "ZOO-GUIDE.md"]),
        ["axolotl-question"]
    );
}

#[test]
fn stored_verification_results_become_a_facet() {
    let env = Env::new();
    env.search(&["slots"]);
    let question = bank_question("slots");
    let checks: Vec<ExampleCheck> = question
        .examples
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_runnable_python())
        .map(|(i, e)| ExampleCheck {
            question_id: question.id.clone(),
            example: i as u32,
            code_fingerprint: pyprep_core::check::code_fingerprint(&e.code),
            status: CheckStatus::Passed,
            detail: String::new(),
            output: String::new(),
            python_version: "3.11.0".into(),
            drill: false,
            checked_at: 0,
        })
        .collect();
    assert!(!checks.is_empty());
    env.with_store(async |store| store.save_checks(&checks).await.unwrap());
    assert_eq!(env.ids(&["slots", "--verified", "verified"]), ["slots"]);
}

/// Fills the CLI's index directory with content the store does not hold.
fn plant_wrong_index(dir: &Path) {
    let mut fake = bank_question("slots");
    fake.id = "planted".into();
    fake.title = "Narwhal facts".into();
    let index = SearchIndex::open(dir).unwrap();
    index
        .rebuild(&[Doc {
            question: &fake,
            in_bank: true,
            verification: Verification::NoCode,
        }])
        .unwrap();
}

#[test]
fn a_stale_or_outdated_index_is_rebuilt_never_served() {
    let env = Env::new();
    env.search(&["slots"]);

    plant_wrong_index(&env.index_dir());
    assert!(
        env.ids(&["narwhal"]).is_empty(),
        "the planted index was served"
    );
    assert_eq!(env.ids(&["__slots__"])[0], "slots");

    // An index from another pyprep version is replaced too.
    let meta = env.index_dir().join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let key = "\\\"format\\\":";
    let at = text.find(key).expect("the payload names its format") + key.len();
    let digits = text[at..].chars().take_while(char::is_ascii_digit).count();
    std::fs::write(&meta, format!("{}999{}", &text[..at], &text[at + digits..])).unwrap();
    assert_eq!(env.ids(&["__slots__"])[0], "slots");

    // A damaged one as well.
    std::fs::write(&meta, "garbage").unwrap();
    assert_eq!(env.ids(&["__slots__"])[0], "slots");
}

#[test]
fn an_unusable_index_directory_falls_back_to_a_private_index() {
    let env = Env::new();
    // Something that is not an index where the index should go: left alone, search still works.
    std::fs::create_dir(env.index_dir()).unwrap();
    std::fs::write(env.index_dir().join("notes.txt"), "mine").unwrap();
    assert_eq!(env.ids(&["__slots__"])[0], "slots");
    assert!(env.index_dir().join("notes.txt").is_file());
}
