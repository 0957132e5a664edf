//! Practice at scale on SQLite: 100,000 cards with 1,000,000 review-log rows, then the
//! latency of building the due queue and of scheduling one review. See bench/practice/.
//!
//! `cargo run --release -p pyprep-store-sqlite --example practice_bench -- [DB] [CARDS] [REVIEWS_PER_CARD]`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use pyprep_core::{Difficulty, Kind, Question, taxonomy::TOPICS};
use pyprep_practice::{
    Answered, CardKey, CardState, Clock, Grade, Next, Scheduler, SchedulerConfig, SplitMix64,
    StudyQueue, TodayCounts,
};
use pyprep_store::{Filter, PracticeStore, QueueQuery, Store};
use pyprep_store_sqlite::SqliteStore;

const DAY: i64 = 86_400;
/// 2025-06-15 15:06:40 UTC; the history ends here.
const NOW: i64 = 1_750_000_000;

fn question(i: usize) -> Question {
    Question {
        id: format!("q{i}"),
        title: format!("Question {i}"),
        difficulty: Difficulty::ALL[i % 3],
        difficulty_label: None,
        kind: Kind::Concept,
        topics: vec![TOPICS[i % TOPICS.len()].to_string()],
        companies: vec![],
        key_points: vec![],
        look_for: vec![],
        strong_signals: vec![],
        red_flags: vec![],
        links: vec![],
        follow_ups: vec![],
        sources: vec![],
        prompt: format!("Explain thing {i}."),
        answer: "Because.".into(),
        examples: vec![],
    }
}

fn stats(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.3} ms, p95 {:.3} ms, min {:.3} ms, max {:.3} ms (n={})",
        ms(p(0.5)),
        ms(p(0.95)),
        ms(samples[0]),
        ms(*samples.last().unwrap()),
        samples.len()
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("pyprep-practice-bench.db"));
    let cards: usize = args.next().map_or(100_000, |a| a.parse().unwrap());
    let per_card: usize = args.next().map_or(10, |a| a.parse().unwrap());
    let scheduler = Scheduler::new(SchedulerConfig::default()).unwrap();
    let clock = Clock::utc(NOW);

    let fresh = !path.exists();
    let store = SqliteStore::open(&path).await.unwrap();
    if fresh {
        let start = Instant::now();
        let bank: Vec<Question> = (0..cards).map(question).collect();
        store.sync_bank(&bank, "bench").await.unwrap();
        let keys: Vec<CardKey> = bank.iter().map(|q| CardKey::recall(&q.id)).collect();
        store.add_cards(&keys).await.unwrap();
        eprintln!("{cards} questions and cards in {:.1?}", start.elapsed());

        // Each card's history: `per_card` answers with about one lapse in ten, each on the due
        // day or earlier (a review at most 95 days after the last), so every history fits in
        // the 1,000 days before NOW and some cards are overdue, some due today, most later.
        let start = Instant::now();
        let mut rng = SplitMix64::new(42);
        let all = store
            .new_cards(&Filter::default(), cards as u32)
            .await
            .unwrap();
        let mut batch: Vec<Answered> = Vec::with_capacity(50_000);
        let mut rows = 0usize;
        for mut card in all {
            let mut at = NOW - 1000 * DAY + rng.below(40) as i64 * DAY + 9 * 3600;
            for _ in 0..per_card {
                let grade = match rng.below(20) {
                    0 | 1 => Grade::Again,
                    2 => Grade::Hard,
                    3 => Grade::Easy,
                    _ => Grade::Good,
                };
                let answered = scheduler
                    .answer(&card, grade, clock.at(at), rng.next_f32(), 8_000)
                    .unwrap();
                card = answered.card.clone();
                batch.push(answered);
                rows += 1;
                // Learning steps are minutes apart; reviews happen on their due day or early.
                at = if card.state == CardState::Review {
                    (card.due + 10 * 3600).min(at + (5 + rng.below(90) as i64) * DAY)
                } else {
                    card.due
                };
            }
            if batch.len() >= 50_000 {
                store.record_answers(&batch).await.unwrap();
                batch.clear();
            }
        }
        store.record_answers(&batch).await.unwrap();
        eprintln!("{rows} review-log rows in {:.1?}", start.elapsed());
    }

    let logs_total = store.review_log(0).await.unwrap().len();
    let end_of_day = scheduler.day_start(scheduler.today(clock) + 1, clock);
    let today_start = scheduler.day_start(scheduler.today(clock), clock);
    let oop = Filter {
        topic: Some("oop".into()),
        ..Filter::default()
    };

    // Build the due queue exactly as `pyprep study` does.
    let mut build = Vec::new();
    let mut due_query = Vec::new();
    let mut filtered = Vec::new();
    let mut due_count = 0;
    let mut queue = StudyQueue::default();
    for _ in 0..20 {
        let start = Instant::now();
        let logs = store.review_log(today_start).await.unwrap();
        let done = TodayCounts::from_logs(&logs, &scheduler, clock);
        let query = QueueQuery {
            now: NOW,
            today_start,
            end_of_day,
            review_limit: scheduler
                .config()
                .reviews_per_day
                .saturating_sub(done.reviews),
        };
        let due = store.queue_cards(&Filter::default(), &query).await.unwrap();
        let new = store
            .new_cards(&Filter::default(), scheduler.config().new_per_day)
            .await
            .unwrap();
        queue = StudyQueue::build(&scheduler, clock, due, new, done);
        build.push(start.elapsed());

        let start = Instant::now();
        let due = store.queue_cards(&oop, &query).await.unwrap();
        let new = store.new_cards(&oop, 20).await.unwrap();
        let _ = StudyQueue::build(&scheduler, clock, due, new, done);
        filtered.push(start.elapsed());

        // What loading the whole backlog would cost, for comparison.
        let start = Instant::now();
        due_count = store
            .due_cards(&Filter::default(), end_of_day)
            .await
            .unwrap()
            .len();
        due_query.push(start.elapsed());
    }

    // Schedule reviews: answer the next card and store it, as one study step does.
    let mut review = Vec::new();
    let mut compute = Vec::new();
    let mut rng = SplitMix64::new(7);
    let mut now = NOW;
    for _ in 0..1000 {
        let Next::Card { card } = queue.next(now) else {
            break;
        };
        now += 5;
        let start = Instant::now();
        let answered = scheduler
            .answer(&card, Grade::Good, clock.at(now), rng.next_f32(), 5_000)
            .unwrap();
        compute.push(start.elapsed());
        store.record_answer(&answered).await.unwrap();
        review.push(start.elapsed());
        queue.answered(&answered.card);
    }

    println!("database: {}", path.display());
    println!(
        "{cards} cards, {logs_total} review-log rows, {due_count} cards due by the end of today (the queue takes the daily limit of them)"
    );
    println!(
        "build due queue (today's log + due + new + order):  {}",
        stats(build)
    );
    println!(
        "  (loading the whole due backlog instead):          {}",
        stats(due_query)
    );
    println!(
        "build due queue for one topic (--topic oop):       {}",
        stats(filtered)
    );
    println!(
        "schedule one review (FSRS + fuzz + store, durable): {}",
        stats(review)
    );
    println!(
        "  scheduler alone (no storage):                     {}",
        stats(compute)
    );
}
