//! The practice store suite, written once and run by every backend's tests against a fresh
//! store. Each function panics with a message on failure.

use pyprep_core::Question;
use pyprep_practice::{
    Card, CardKey, CardState, Clock, Grade, Level, MockSpec, QuizAnswer, QuizReport, Role,
    Scheduler, SchedulerConfig, SessionReport, mock_report,
};

use crate::testsuite::question;
use crate::{Filter, Position, PracticeStore, Store, StoreError};

const NOW: i64 = 1_750_000_000;

/// Three listed questions (oop, asyncio, oop) plus one that leaves the bank.
async fn seed(store: &(impl Store + PracticeStore)) -> Vec<Question> {
    let bank = vec![
        question(1, "oop"),
        question(2, "asyncio"),
        question(3, "oop"),
        question(4, "typing"),
    ];
    store.sync_bank(&bank, "v1").await.expect("sync");
    bank
}

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig {
        fuzz: false,
        ..SchedulerConfig::default()
    })
    .unwrap()
}

fn keys() -> Vec<CardKey> {
    vec![
        CardKey::recall("question-1"),
        CardKey::drill("question-1", 0),
        CardKey::recall("question-2"),
        CardKey::recall("question-3"),
        CardKey::recall("question-4"),
    ]
}

/// Cards are created once, in the order given, and read back whole.
pub async fn cards_are_created_once_in_order(store: &(impl Store + PracticeStore)) {
    seed(store).await;
    assert_eq!(store.add_cards(&keys()).await.unwrap(), 5);
    assert_eq!(
        store.add_cards(&keys()).await.unwrap(),
        0,
        "existing cards stay"
    );
    let new = store.new_cards(&Filter::default(), 100).await.unwrap();
    let order: Vec<String> = new.iter().map(|c| c.key.to_string()).collect();
    assert_eq!(
        order,
        [
            "question-1",
            "question-1#drill-1",
            "question-2",
            "question-3",
            "question-4"
        ]
    );
    assert!(new.iter().all(|c| c.state == CardState::New && c.id > 0));
    let first = &new[0];
    assert_eq!(&store.card(first.id).await.unwrap(), first);
    assert_eq!(
        store.card_by_key(&first.key).await.unwrap().as_ref(),
        Some(first)
    );
    assert_eq!(
        store
            .card_by_key(&CardKey::recall("question-9"))
            .await
            .unwrap(),
        None
    );
    assert!(matches!(
        store.card(987_654).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(
        store
            .add_cards(&[CardKey::recall("no-such-question")])
            .await
            .is_err(),
        "a card needs its question"
    );
    assert_eq!(
        store.new_cards(&Filter::default(), 2).await.unwrap().len(),
        2
    );
    let later = vec![CardKey::drill("question-2", 0)];
    store.add_cards(&later).await.unwrap();
    let new = store.new_cards(&Filter::default(), 100).await.unwrap();
    assert_eq!(new.last().unwrap().key, later[0], "added after the others");
}

/// An answer stores the card's new state and its log row exactly.
pub async fn answers_are_stored_with_their_log(store: &(impl Store + PracticeStore)) {
    seed(store).await;
    store.add_cards(&keys()).await.unwrap();
    let s = scheduler();
    let card = store.new_cards(&Filter::default(), 1).await.unwrap()[0].clone();
    let first = s
        .answer(&card, Grade::Good, Clock::utc(NOW), 0.5, 1234)
        .unwrap();
    store.record_answer(&first).await.unwrap();
    assert_eq!(store.card(card.id).await.unwrap(), first.card);
    let second = s
        .answer(
            &first.card,
            Grade::Easy,
            Clock::utc(first.card.due),
            0.5,
            99,
        )
        .unwrap();
    store.record_answer(&second).await.unwrap();
    assert_eq!(store.card(card.id).await.unwrap(), second.card);
    assert_eq!(
        store.review_log(0).await.unwrap(),
        vec![first.log.clone(), second.log.clone()]
    );
    assert_eq!(
        store.review_log(first.log.at + 1).await.unwrap(),
        vec![second.log.clone()],
        "`since` is inclusive and filters older rows"
    );
    let reset = s.reset(&second.card, Clock::utc(NOW + 1000), 5);
    store.record_answer(&reset).await.unwrap();
    let stored = store.card(card.id).await.unwrap();
    assert_eq!(stored.state, CardState::New);
    assert_eq!(stored.memory, None);
    assert_eq!(store.review_log(0).await.unwrap().last(), Some(&reset.log));
}

/// Due and new cards honour state, suspension, the due bound and the question filter.
pub async fn due_and_new_cards_follow_state_and_filter(store: &(impl Store + PracticeStore)) {
    let bank = seed(store).await;
    store.add_cards(&keys()).await.unwrap();
    let s = scheduler();
    let all = store.new_cards(&Filter::default(), 100).await.unwrap();
    // Answer question-1's recall and question-2's recall with Easy: due in days.
    for card in all.iter().filter(|c| {
        c.key == CardKey::recall("question-1") || c.key == CardKey::recall("question-2")
    }) {
        let answered = s
            .answer(card, Grade::Easy, Clock::utc(NOW), 0.5, 0)
            .unwrap();
        store.record_answer(&answered).await.unwrap();
    }
    let far = NOW + 400 * 86_400;
    let due = store.due_cards(&Filter::default(), far).await.unwrap();
    assert_eq!(due.len(), 2);
    assert!(due.windows(2).all(|w| w[0].due <= w[1].due));
    assert!(
        store
            .due_cards(&Filter::default(), NOW)
            .await
            .unwrap()
            .is_empty()
    );
    let oop = Filter {
        topic: Some("oop".into()),
        ..Filter::default()
    };
    let due_oop = store.due_cards(&oop, far).await.unwrap();
    assert_eq!(due_oop.len(), 1);
    assert_eq!(due_oop[0].key.question_id, "question-1");
    let new_oop = store.new_cards(&oop, 100).await.unwrap();
    assert_eq!(
        new_oop
            .iter()
            .map(|c| c.key.to_string())
            .collect::<Vec<_>>(),
        ["question-1#drill-1", "question-3"]
    );

    let mut suspended = due_oop[0].clone();
    suspended.suspended = true;
    store.update_card(&suspended).await.unwrap();
    assert!(store.due_cards(&oop, far).await.unwrap().is_empty());
    assert_eq!(store.card(suspended.id).await.unwrap(), suspended);

    // A question that leaves the bank takes its cards out of study, but keeps them.
    let kept: Vec<Question> = bank.into_iter().filter(|q| q.id != "question-4").collect();
    store.sync_bank(&kept, "v2").await.unwrap();
    let new = store.new_cards(&Filter::default(), 100).await.unwrap();
    assert!(new.iter().all(|c| c.key.question_id != "question-4"));
    assert!(
        store
            .card_by_key(&CardKey::recall("question-4"))
            .await
            .unwrap()
            .is_some()
    );

    let cards = store.cards(&Filter::default()).await.unwrap();
    assert_eq!(cards.len(), 4, "every listed card, whatever its state");
    let q2 = cards
        .iter()
        .find(|c| c.card.key == CardKey::recall("question-2"))
        .unwrap();
    assert_eq!(q2.topics, ["asyncio", "basics"]);
}

/// New positions put a card before or after every other new card.
pub async fn new_positions_reorder_new_cards(store: &(impl Store + PracticeStore)) {
    seed(store).await;
    store.add_cards(&keys()).await.unwrap();
    let new = store.new_cards(&Filter::default(), 100).await.unwrap();
    let mut last: Card = new.last().unwrap().clone();
    last.due = store.new_position(Position::Front).await.unwrap();
    store.update_card(&last).await.unwrap();
    let mut first: Card = new[0].clone();
    first.due = store.new_position(Position::Back).await.unwrap();
    store.update_card(&first).await.unwrap();
    let order: Vec<i64> = store
        .new_cards(&Filter::default(), 100)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(order.first(), Some(&last.id));
    assert_eq!(order.last(), Some(&first.id));
}

/// Settings default until saved, then read back exactly.
pub async fn practice_config_round_trips(store: &(impl Store + PracticeStore)) {
    assert_eq!(
        store.practice_config().await.unwrap(),
        SchedulerConfig::default()
    );
    let config = SchedulerConfig {
        desired_retention: 0.85,
        new_per_day: 7,
        parameters: pyprep_practice::scheduler::default_parameters(),
        ..SchedulerConfig::default()
    };
    store.save_practice_config(&config).await.unwrap();
    assert_eq!(store.practice_config().await.unwrap(), config);
}

/// Quizzes and mock interviews are kept in history, newest first.
pub async fn sessions_are_kept_newest_first(store: &(impl Store + PracticeStore)) {
    let quiz = SessionReport::Quiz(QuizReport::new(
        vec!["topic=oop".into()],
        vec![QuizAnswer {
            card: CardKey::recall("question-1"),
            title: "Question number 1".into(),
            grade: Grade::Good,
        }],
    ));
    let spec = MockSpec {
        role: Role::Backend,
        level: Level::Mid,
        company: Some("Acme".into()),
        minutes: 30,
    };
    let mock = SessionReport::Mock(mock_report(&spec, vec![]));
    let a = store.save_session(NOW, NOW + 60, &quiz).await.unwrap();
    let b = store
        .save_session(NOW + 100, NOW + 900, &mock)
        .await
        .unwrap();
    assert_ne!(a, b);
    let history = store.sessions(10).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!((history[0].id, &history[0].report), (b, &mock));
    assert_eq!((history[1].started_at, &history[1].report), (NOW, &quiz));
    assert_eq!(store.sessions(1).await.unwrap().len(), 1);
}

/// A batch of answers is stored whole or not at all.
pub async fn a_batch_of_answers_is_all_or_nothing(store: &(impl Store + PracticeStore)) {
    seed(store).await;
    store.add_cards(&keys()).await.unwrap();
    let s = scheduler();
    let cards = store.new_cards(&Filter::default(), 2).await.unwrap();
    let good: Vec<_> = cards
        .iter()
        .map(|c| s.answer(c, Grade::Good, Clock::utc(NOW), 0.5, 0).unwrap())
        .collect();
    let mut broken = good.clone();
    broken[1].card.id = 999_999;
    broken[1].log.card_id = 999_999;
    assert!(store.record_answers(&broken).await.is_err());
    assert!(
        store.review_log(0).await.unwrap().is_empty(),
        "nothing half-stored"
    );
    assert_eq!(store.card(cards[0].id).await.unwrap(), cards[0]);
    store.record_answers(&good).await.unwrap();
    assert_eq!(store.review_log(0).await.unwrap().len(), 2);
}

/// The queue's cards: learning cards, then reviews overdue first and most forgotten first,
/// cut to the limit, without suspended or buried cards.
pub async fn queue_cards_order_and_cut_the_backlog(store: &(impl Store + PracticeStore)) {
    let bank: Vec<Question> = (1..=8).map(|n| question(n, "oop")).collect();
    store.sync_bank(&bank, "queue").await.unwrap();
    let keys: Vec<CardKey> = bank.iter().map(|q| CardKey::recall(&q.id)).collect();
    store.add_cards(&keys).await.unwrap();
    let s = scheduler();
    let clock = Clock::utc(NOW);
    let today_start = s.day_start(s.today(clock), clock);
    let end_of_day = s.day_start(s.today(clock) + 1, clock);
    let cards = store.new_cards(&Filter::default(), 100).await.unwrap();
    // (stability, days since last answer, due offset from today's start in days)
    let shapes = [
        (10.0, 10, 0),  // 1: due today, t/S = 1.0
        (2.0, 4, 0),    // 2: due today, t/S = 2.0
        (50.0, 60, -5), // 3: overdue, t/S = 1.2
        (5.0, 9, -1),   // 4: overdue, t/S = 1.8
        (8.0, 4, 3),    // 5: not due
        (1.0, 5, 0),    // 6: due today, t/S = 5, but buried
        (1.0, 6, -2),   // 7: overdue, t/S = 6, but suspended
    ];
    for (card, (stability, ago, due)) in cards.iter().zip(shapes) {
        let mut card = card.clone();
        card.state = CardState::Review;
        card.memory = Some(pyprep_practice::Memory {
            stability,
            difficulty: 5.0,
        });
        card.last_review = Some(NOW - ago * 86_400);
        card.interval_days = 1;
        card.due = today_start + due * 86_400;
        card.buried_until = (card.key.question_id == "question-6").then_some(end_of_day);
        card.suspended = card.key.question_id == "question-7";
        store.update_card(&card).await.unwrap();
    }
    let mut learning = cards[7].clone();
    learning.state = CardState::Learning;
    learning.memory = Some(pyprep_practice::Memory {
        stability: 0.5,
        difficulty: 5.0,
    });
    learning.last_review = Some(NOW - 60);
    learning.due = NOW + 600;
    store.update_card(&learning).await.unwrap();

    let query = crate::QueueQuery {
        now: NOW,
        today_start,
        end_of_day,
        review_limit: 3,
    };
    let got: Vec<String> = store
        .queue_cards(&Filter::default(), &query)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.key.question_id)
        .collect();
    assert_eq!(
        got,
        ["question-8", "question-4", "question-3", "question-2"]
    );
    let all = crate::QueueQuery {
        review_limit: 100,
        ..query
    };
    let got = store.queue_cards(&Filter::default(), &all).await.unwrap();
    assert_eq!(got.len(), 5, "learning + four due reviews");
}
