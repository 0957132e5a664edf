-- Questions and what hangs off them. List-valued fields that are only ever read whole are JSON
-- text; the ones listings filter on (topics, companies, sources) are rows of their own.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE questions (
    id               TEXT PRIMARY KEY NOT NULL,
    title            TEXT NOT NULL,
    difficulty       TEXT NOT NULL,
    difficulty_label TEXT,
    kind             TEXT NOT NULL,
    prompt           TEXT NOT NULL,
    answer           TEXT NOT NULL,
    key_points       TEXT NOT NULL,
    look_for         TEXT NOT NULL,
    strong_signals   TEXT NOT NULL,
    red_flags        TEXT NOT NULL,
    links            TEXT NOT NULL,
    follow_ups       TEXT NOT NULL,
    origin           TEXT NOT NULL,          -- 'bank' or 'import'
    content_hash     TEXT NOT NULL,          -- of the bank text, to upgrade only what changed
    retired          INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,       -- unix seconds
    updated_at       INTEGER NOT NULL
);

-- origin says who contributed the row, so a bank upgrade replaces only the bank's rows and
-- keeps topics and companies that imports merged in.
CREATE TABLE question_topics (
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    PRIMARY KEY (question_id, topic)
);
CREATE INDEX question_topics_topic ON question_topics(topic);

CREATE TABLE question_companies (
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    company     TEXT NOT NULL COLLATE NOCASE,
    position    INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    PRIMARY KEY (question_id, company)
);
CREATE INDEX question_companies_company ON question_companies(company);

CREATE TABLE sources (
    question_id  TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    document     TEXT NOT NULL COLLATE NOCASE,
    doc_position INTEGER NOT NULL,
    title        TEXT NOT NULL,
    line         INTEGER NOT NULL,
    answer       TEXT,
    PRIMARY KEY (question_id, position)
);
CREATE INDEX sources_document ON sources(document);

CREATE TABLE examples (
    question_id      TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    caption          TEXT NOT NULL,
    description      TEXT NOT NULL,
    language         TEXT NOT NULL,
    code             TEXT NOT NULL,
    expected_output  TEXT,
    norun            INTEGER NOT NULL,
    nondeterministic INTEGER NOT NULL,
    requires         TEXT NOT NULL,
    PRIMARY KEY (question_id, position)
);
