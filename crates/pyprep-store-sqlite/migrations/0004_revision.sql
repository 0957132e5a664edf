-- A counter every write to questions or example checks bumps in its own transaction, so a
-- long-running reader (the web app's search index) can tell with one cheap query whether
-- anything changed, even when another pyprep process made the change.
CREATE TABLE revision (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
-- It starts at a random point (below 2^61, leaving room to count up), so two databases
-- practically never share a revision: an index kept beside a database file that was replaced
-- by another cannot mistake the new one for the old.
INSERT INTO revision (id, value) VALUES (1, abs(random() >> 2));
