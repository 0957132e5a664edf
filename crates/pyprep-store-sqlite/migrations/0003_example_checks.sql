-- What `pyprep verify` found for each example. One row per example: a new run replaces it.
-- code_fingerprint tells a reader whether the example changed since it was checked.
CREATE TABLE example_checks (
    question_id      TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    example          INTEGER NOT NULL,
    code_fingerprint TEXT NOT NULL,
    status           TEXT NOT NULL,
    detail           TEXT NOT NULL,
    output           TEXT NOT NULL,
    python_version   TEXT NOT NULL,
    drill            INTEGER NOT NULL,
    checked_at       INTEGER NOT NULL,
    PRIMARY KEY (question_id, example)
);
CREATE INDEX example_checks_drill ON example_checks(drill) WHERE drill = 1;
