//! Practice commands run as a user runs them: study through a real pseudo-terminal and through
//! a pipe, a session killed mid-way, quiz, mock, plan, progress, optimize and card commands.
//! The clock and the random seed are pinned with `PYPREP_NOW` / `PYPREP_SEED`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pyprep_practice::{CardKey, CardKind, CardState, Grade, ReviewLog};
use pyprep_store::{Filter, PracticeStore};
use pyprep_store_sqlite::SqliteStore;
use serde_json::Value;

/// 2025-06-15 15:06:40 UTC.
const NOW: &str = "1750000000";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("pyprep.db")
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pyprep"));
        cmd.env("PYPREP_DB", self.db())
            .env("PYPREP_NOW", NOW)
            .env("PYPREP_SEED", "7")
            .env("TZ", "UTC")
            .env_remove("PYPREP_LOG");
        cmd
    }

    /// Runs with `input` on stdin (not a terminal) and returns stdout; fails on error.
    fn run(&self, args: &[&str], input: &str) -> String {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "pyprep {args:?} failed\nstdout:\n{stdout}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    fn json(&self, args: &[&str], input: &str) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.run(&all, input);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    fn store<T>(&self, f: impl AsyncFnOnce(&SqliteStore) -> T) -> T {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let store = SqliteStore::open(&self.db()).await.unwrap();
            f(&store).await
        })
    }

    /// The stored review log with each row's card key.
    fn reviews(&self) -> Vec<(CardKey, ReviewLog)> {
        self.store(async |store| {
            let mut out = Vec::new();
            for log in store.review_log(0).await.unwrap() {
                let key = store.card(log.card_id).await.unwrap().key;
                out.push((key, log));
            }
            out
        })
    }
}

/// Collects everything a child writes to `reader` on a thread.
fn collect(mut reader: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let sink = buffer.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        // A pty master reports EIO once the child has gone: that is the end of output too.
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    buffer
}

fn text(buffer: &Arc<Mutex<Vec<u8>>>) -> String {
    String::from_utf8_lossy(&buffer.lock().unwrap()).into_owned()
}

/// Waits until `needle` has appeared `times` times in the output. The limit only keeps a
/// broken build from hanging the suite; nothing here measures time.
fn wait_for(buffer: &Arc<Mutex<Vec<u8>>>, needle: &str, times: usize) {
    let start = Instant::now();
    while text(buffer).matches(needle).count() < times {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never saw {needle:?} x{times}; output so far:\n{}",
            text(buffer)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "pyprep did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A pseudo-terminal: the child gets the slave side as stdin, stdout and stderr.
struct Pty {
    master: std::fs::File,
    slave: std::fs::File,
}

fn pty() -> Pty {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    rustix::termios::tcsetwinsize(
        &slave,
        rustix::termios::Winsize {
            ws_row: 50,
            ws_col: 140,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .unwrap();
    Pty {
        master: std::fs::File::from(master),
        slave,
    }
}

#[test]
fn study_through_a_terminal_with_single_keys() {
    let env = Env::new();
    let Pty { mut master, slave } = pty();
    let mut child = env
        .command()
        .args(["study", "--topic", "asyncio"])
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave)
        .spawn()
        .unwrap();
    let screen = collect(master.try_clone().unwrap());

    // Card 1: space reveals, 4 grades Easy.
    wait_for(&screen, "space reveals", 1);
    master.write_all(b" ").unwrap();
    wait_for(&screen, "Grade 1-4", 1);
    master.write_all(b"4").unwrap();
    wait_for(&screen, "Saved: easy", 1);

    // Card 2: type an answer over two lines with a typo fixed by backspace, an empty line
    // submits, Enter takes the suggested grade.
    wait_for(&screen, "space reveals", 2);
    master.write_all(b"it printx\x7fs\rsomething\r\r").unwrap();
    wait_for(&screen, "Grade 1-4, Enter =", 1);
    master.write_all(b"\r").unwrap();
    wait_for(&screen, "Saved:", 2);

    // Card 3: reveal, then 2 (Hard); card 4: q quits at the question.
    wait_for(&screen, "space reveals", 3);
    master.write_all(b" ").unwrap();
    wait_for(&screen, "Grade 1-4", 3);
    master.write_all(b"2").unwrap();
    wait_for(&screen, "Saved: hard", 1);
    wait_for(&screen, "space reveals", 4);
    master.write_all(b"q").unwrap();
    let status = wait_exit(&mut child);
    assert!(status.success(), "{}", text(&screen));
    let screen = text(&screen);
    assert!(
        screen.contains("it printx\u{8} \u{8}s"),
        "typed keys are echoed and backspace erases: {screen}"
    );
    assert!(
        screen.contains("first difference on line 1"),
        "the typed prediction was checked: {screen}"
    );
    assert!(screen.contains("Studied 3 cards"), "{screen}");

    let reviews = env.reviews();
    assert_eq!(reviews.len(), 3, "{reviews:#?}");
    assert_eq!(reviews[0].1.grade, Some(Grade::Easy));
    assert_eq!(reviews[2].1.grade, Some(Grade::Hard));
    // The second card was a drill answered wrongly, so Enter took the suggested Again.
    assert_eq!(reviews[1].0.question_id, reviews[0].0.question_id);
    assert!(
        matches!(reviews[1].0.kind, CardKind::Drill { .. }),
        "{:?}",
        reviews[1].0
    );
    assert_eq!(reviews[1].1.grade, Some(Grade::Again));
    assert!(
        reviews
            .iter()
            .all(|(_, l)| l.state_before == CardState::New)
    );
}

#[test]
fn study_reads_lines_when_stdin_is_not_a_terminal() {
    let env = Env::new();
    // A typed answer + Enter (the suggested grade), reveal + Good, reveal + Again, then the
    // input ends.
    let input = "the event loop runs coroutines on one thread\n\n\n\n3\n\n1\n";
    let out = env.run(&["study", "--topic", "asyncio"], input);
    assert!(
        out.contains("Key points ("),
        "the typed answer was checked:\n{out}"
    );
    let reviews = env.reviews();
    let grades: Vec<Option<Grade>> = reviews.iter().map(|(_, l)| l.grade).collect();
    assert_eq!(grades.len(), 3, "{out}");
    assert!(
        grades[0].unwrap() <= Grade::Hard,
        "a one-line answer covers little"
    );
    assert_eq!(grades[1], Some(Grade::Good));
    assert_eq!(grades[2], Some(Grade::Again));
    let summary = env.json(&["study", "--topic", "asyncio", "--limit", "1"], "\n4\n");
    assert_eq!(summary["studied"], 1);
    assert_eq!(summary["grades"]["easy"], 1);
    // A card answered Again is back in learning, due a minute later.
    let card = &reviews[2];
    assert_eq!(card.1.due_after, card.1.at + 60);
}

#[test]
fn a_killed_session_keeps_every_acknowledged_grade() {
    let env = Env::new();
    let mut child = env
        .command()
        .args(["study", "--topic", "oop"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let out = collect(child.stdout.take().unwrap());
    let grades = ["3", "1", "4"];
    for (i, grade) in grades.iter().enumerate() {
        wait_for(&out, "q quits)", i + 1);
        stdin.write_all(b"\n").unwrap();
        wait_for(&out, "Grade 1-4", i + 1);
        stdin.write_all(format!("{grade}\n").as_bytes()).unwrap();
        wait_for(&out, "Saved:", i + 1);
    }
    // The fourth card is revealed but not graded when the process dies.
    wait_for(&out, "q quits)", 4);
    stdin.write_all(b"\n").unwrap();
    wait_for(&out, "Grade 1-4", 4);
    child.kill().unwrap();
    child.wait().unwrap();

    let reviews = env.reviews();
    let stored: Vec<u8> = reviews
        .iter()
        .map(|(_, l)| l.grade.unwrap().number())
        .collect();
    assert_eq!(stored, [3, 1, 4], "exactly the acknowledged grades");
    // And the cards carry the state those answers gave them.
    env.store(async |store| {
        for (key, log) in &reviews {
            let card = store.card_by_key(key).await.unwrap().unwrap();
            assert_eq!(card.due, log.due_after, "{key}");
        }
    });
}

#[test]
fn quiz_scores_and_keeps_history() {
    let env = Env::new();
    let report = env.json(
        &["quiz", "--topic", "asyncio", "--count", "3"],
        "\n3\n\n1\n\n4\n",
    );
    assert_eq!(report["answered"], 3);
    assert_eq!(report["correct"], 2);
    assert!((report["percent"].as_f64().unwrap() - 66.666).abs() < 0.1);
    assert_eq!(report["filters"][0], "topic=asyncio");
    let sessions = env.store(async |store| store.sessions(10).await.unwrap());
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].report.kind(), "quiz");
    assert_eq!(env.reviews().len(), 3, "quiz answers are reviews");
}

#[test]
fn mock_interview_reports_and_queues_weak_questions() {
    let env = Env::new();
    // 21 minutes: three questions. Scores: 1 (typed answer), 4, 2.
    let input = "I am not sure\n\n1\n\n4\n\n2\n";
    let report = env.json(
        &[
            "mock",
            "--role",
            "backend",
            "--level",
            "senior",
            "--minutes",
            "21",
        ],
        input,
    );
    let answers = report["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 3);
    assert!(answers[0]["coverage"].is_number());
    let weak: Vec<&str> = report["study_next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(weak.len(), 2);
    assert_eq!(weak[0], answers[0]["question_id"]);
    assert!(!report["per_topic"].as_array().unwrap().is_empty());
    // The weak questions are first in line for study.
    let front = env.store(async |store| {
        store
            .new_cards(&Filter::default(), 2)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.key.question_id)
            .collect::<Vec<_>>()
    });
    let mut front_sorted = front.clone();
    front_sorted.sort();
    let mut weak_sorted: Vec<String> = weak.iter().map(|s| s.to_string()).collect();
    weak_sorted.sort();
    assert_eq!(front_sorted, weak_sorted);
    let sessions = env.store(async |store| store.sessions(10).await.unwrap());
    assert_eq!(sessions[0].report.kind(), "mock");
}

#[test]
fn plan_saves_its_settings_and_explains_itself() {
    let env = Env::new();
    let plan = env.json(
        &[
            "plan",
            "--date",
            "2025-07-15",
            "--topic",
            "asyncio",
            "--target",
            "0.85",
        ],
        "",
    );
    assert_eq!(plan["days_left"], 30);
    assert_eq!(plan["exam_date"], "2025-07-15");
    assert!(plan["reaches_target"].as_bool().unwrap(), "{plan:#}");
    let settings = env.json(&["practice-settings"], "");
    assert_eq!(settings["new_per_day"], plan["new_per_day"]);
    assert_eq!(settings["desired_retention"], plan["desired_retention"]);
    assert_eq!(
        settings["interview_date"], "2025-07-15",
        "the date is saved"
    );
    let text = env.run(&["plan", "--dry-run"], "");
    assert_eq!(text.lines().count(), 2, "two lines: {text}");
    assert!(text.contains("new cards a day"));
    let again = env.json(&["plan", "--dry-run"], "");
    assert_eq!(
        again["exam_date"], "2025-07-15",
        "the saved date is the default"
    );

    let past = env
        .command()
        .args(["plan", "--date", "2025-06-01"])
        .output()
        .unwrap();
    assert!(!past.status.success());
    assert!(String::from_utf8_lossy(&past.stderr).contains("after today"));

    let fresh = Env::new();
    let undated = fresh.command().args(["plan"]).output().unwrap();
    assert!(!undated.status.success());
    assert!(String::from_utf8_lossy(&undated.stderr).contains("--date YYYY-MM-DD"));
}

#[test]
fn progress_and_optimize_report_on_the_log() {
    let env = Env::new();
    let empty = env.json(&["optimize"], "");
    assert_eq!(empty["status"], "not-enough-reviews");
    assert_eq!(empty["need"], 400);

    env.run(&["study", "--topic", "oop", "--limit", "2"], "\n3\n\n4\n");
    let progress = env.json(&["progress", "--days", "7"], "");
    assert_eq!(progress["total_reviews"], 2);
    assert_eq!(progress["streak_days"], 1);
    assert_eq!(progress["today"], "2025-06-15");
    let days = progress["reviews_per_day"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days[6]["count"], 2);
    assert_eq!(progress["due_forecast"].as_array().unwrap().len(), 7);
    let oop = progress["mastery"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["topic"] == "oop")
        .unwrap();
    assert_eq!(oop["studied"], 2);
    let table = env.run(&["progress"], "");
    assert!(table.contains("true retention") && table.contains("mastery"));
}

#[test]
fn cards_can_be_suspended_buried_and_reset() {
    let env = Env::new();
    env.run(&["study", "--topic", "asyncio", "--limit", "1"], "\n4\n");
    let first = env.reviews()[0].0.to_string();
    let card = env.json(&["card", "show", &first], "");
    assert_eq!(card["state"], "review");
    let card = env.json(&["card", "suspend", &first], "");
    assert_eq!(card["suspended"], true);
    let card = env.json(&["card", "unsuspend", &first], "");
    assert_eq!(card["suspended"], false);
    let card = env.json(&["card", "bury", &first], "");
    assert!(card["buried_until"].as_i64().unwrap() > NOW.parse::<i64>().unwrap());
    let card = env.json(&["card", "reset", &first], "");
    assert_eq!(card["state"], "new");
    assert!(card["memory"].is_null());
    let log = env.reviews();
    assert_eq!(
        log.last().unwrap().1.kind,
        pyprep_practice::ReviewKind::Reset
    );

    let missing = env
        .command()
        .args(["card", "show", "no-such-question"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
}

#[test]
fn settings_are_validated_and_kept() {
    let env = Env::new();
    let settings = env.json(
        &[
            "practice-settings",
            "--retention",
            "0.85",
            "--learning-steps",
            "30s,5m,1h",
        ],
        "",
    );
    assert_eq!(
        settings["learning_steps_secs"],
        serde_json::json!([30, 300, 3600])
    );
    let kept = env.json(&["practice-settings"], "");
    assert!((kept["desired_retention"].as_f64().unwrap() - 0.85).abs() < 1e-6);
    let bad = env
        .command()
        .args(["practice-settings", "--retention", "0.4"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("desired retention"));
}
