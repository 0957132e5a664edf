-- Practice: cards with their FSRS state, the review log, settings and session history.
-- Times are unix seconds; memory states are REAL (f64 here; DOUBLE PRECISION on PostgreSQL).

CREATE TABLE cards (
    id            INTEGER PRIMARY KEY,
    question_id   TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,               -- 'recall' or 'drill'
    example       INTEGER NOT NULL DEFAULT -1, -- the drill's example index; -1 for recall
    state         TEXT NOT NULL,               -- new, learning, review, relearning
    step          INTEGER NOT NULL,
    stability     REAL,
    difficulty    REAL,
    due           INTEGER NOT NULL,            -- new cards: introduction order
    last_review   INTEGER,
    interval_days INTEGER NOT NULL,
    reps          INTEGER NOT NULL,
    lapses        INTEGER NOT NULL,
    suspended     INTEGER NOT NULL DEFAULT 0,
    buried_until  INTEGER,
    UNIQUE (question_id, kind, example)
);
-- The due queue reads by state and due time; the review part orders by how forgotten a card
-- is, so this index covers every column it filters and sorts on.
CREATE INDEX cards_queue ON cards(state, due);
CREATE INDEX cards_review_order
    ON cards(state, suspended, due, last_review, stability, buried_until, question_id);

CREATE TABLE review_log (
    id            INTEGER PRIMARY KEY,
    card_id       INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    at            INTEGER NOT NULL,
    grade         INTEGER,                     -- 1-4; NULL for a reset
    kind          TEXT NOT NULL,               -- learn, review, relearn, reset
    state_before  TEXT NOT NULL,
    elapsed_days  INTEGER NOT NULL,
    interval_days INTEGER NOT NULL,
    due_after     INTEGER NOT NULL,
    stability     REAL,
    difficulty    REAL,
    duration_ms   INTEGER NOT NULL
);
CREATE INDEX review_log_at ON review_log(at);
CREATE INDEX review_log_card ON review_log(card_id, at);

-- One row: the SchedulerConfig as JSON, so new settings need no migration.
CREATE TABLE practice_settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE practice_sessions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                 -- quiz or mock
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    report      TEXT NOT NULL                  -- the SessionReport as JSON
);
