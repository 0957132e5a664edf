use pyprep_core::{Difficulty, Kind};

use super::*;

fn candidate(
    i: usize,
    topic: &str,
    difficulty: Difficulty,
    kind: Kind,
    companies: &[&str],
) -> Candidate {
    Candidate {
        id: format!("q{i}"),
        title: format!("Question {i}"),
        topics: vec![topic.to_string()],
        difficulty,
        kind,
        companies: companies.iter().map(|c| c.to_string()).collect(),
    }
}

/// Four questions of each difficulty in each of several topics, one coding problem, and a
/// few asked at Acme.
fn pool() -> Vec<Candidate> {
    let topics = [
        "oop",
        "asyncio",
        "databases",
        "data-science",
        "testing",
        "decorators",
        "web-frameworks",
    ];
    let mut out = Vec::new();
    for (t, topic) in topics.iter().enumerate() {
        for (d, difficulty) in Difficulty::ALL.into_iter().enumerate() {
            for k in 0..4 {
                let i = out.len();
                let companies: &[&str] = if k == 0 && t % 2 == 0 { &["Acme"] } else { &[] };
                let _ = d;
                out.push(candidate(i, topic, difficulty, Kind::Concept, companies));
            }
        }
    }
    out.push(candidate(
        999,
        "coding-problems",
        Difficulty::Medium,
        Kind::Coding,
        &[],
    ));
    out
}

fn spec(role: Role, level: Level, company: Option<&str>, minutes: u32) -> MockSpec {
    MockSpec {
        role,
        level,
        company: company.map(str::to_string),
        minutes,
    }
}

#[test]
fn a_mock_is_balanced_over_topics_and_difficulty() {
    let pool = pool();
    let s = spec(Role::Backend, Level::Senior, None, 45);
    let picked = pick_mock(&pool, &s, 1);
    assert_eq!(picked.len(), 6, "45 minutes is six questions");
    let topics: std::collections::BTreeSet<&str> =
        picked.iter().map(|c| c.topics[0].as_str()).collect();
    assert_eq!(
        topics.len(),
        6,
        "no topic twice while others are unused: {picked:#?}"
    );
    assert!(!topics.contains("data-science"), "not a backend topic");
    let hard = picked
        .iter()
        .filter(|c| c.difficulty == Difficulty::Hard)
        .count();
    let easy = picked
        .iter()
        .filter(|c| c.difficulty == Difficulty::Easy)
        .count();
    assert!(
        hard >= 2 && easy <= 1,
        "senior mix leans hard: {hard} hard, {easy} easy"
    );
    assert_eq!(
        picked.last().unwrap().kind,
        Kind::Coding,
        "the coding question comes last"
    );
    assert!(
        picked
            .windows(2)
            .take(picked.len() - 2)
            .all(|w| w[0].difficulty <= w[1].difficulty)
    );
}

#[test]
fn juniors_get_easier_questions_and_the_seed_is_reproducible() {
    let pool = pool();
    let s = spec(Role::General, Level::Junior, None, 70);
    let picked = pick_mock(&pool, &s, 9);
    assert_eq!(picked.len(), 10);
    let easy = picked
        .iter()
        .filter(|c| c.difficulty == Difficulty::Easy)
        .count();
    let hard = picked
        .iter()
        .filter(|c| c.difficulty == Difficulty::Hard)
        .count();
    assert!(easy >= 4 && hard <= 2, "{easy} easy, {hard} hard");
    assert_eq!(picked, pick_mock(&pool, &s, 9));
    assert_ne!(picked, pick_mock(&pool, &s, 10));
}

#[test]
fn company_questions_come_first() {
    let pool = pool();
    let s = spec(Role::General, Level::Mid, Some("acme"), 30);
    let picked = pick_mock(&pool, &s, 3);
    let acme = picked
        .iter()
        .filter(|c| c.companies.iter().any(|x| x == "Acme"))
        .count();
    assert!(
        acme >= 3,
        "{acme} of {} from Acme: {picked:#?}",
        picked.len()
    );
}

#[test]
fn the_report_scores_topics_and_queues_weak_questions() {
    let s = spec(Role::Backend, Level::Mid, None, 20);
    let answer = |id: &str, topic: &str, score: Grade, seconds: u32| MockAnswer {
        question_id: id.into(),
        title: id.into(),
        topics: vec![topic.into()],
        difficulty: Difficulty::Medium,
        score,
        seconds,
        allotted_seconds: 400,
        coverage: None,
    };
    let report = mock_report(
        &s,
        vec![
            answer("a", "asyncio", Grade::Again, 500),
            answer("b", "asyncio", Grade::Hard, 400),
            answer("c", "oop", Grade::Easy, 300),
            answer("d", "testing", Grade::Good, 200),
        ],
    );
    assert_eq!(report.per_topic[0].topic, "asyncio");
    assert!((report.per_topic[0].percent - 100.0 / 6.0).abs() < 0.01);
    assert_eq!(report.weakest, ["asyncio"]);
    assert_eq!(report.study_next, ["a", "b"]);
    assert!((report.percent - 50.0).abs() < 0.01);
    assert_eq!(report.seconds, 1400);
    assert!(report.over_time, "1400 s is over 20 minutes");
}
