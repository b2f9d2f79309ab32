-- Every change of a passage's corrected text: who made it, when, how, and the text before and
-- after. The article's history page lists them, and restoring an earlier version is a change too.
-- version is the passage version the change produced; accounts are never deleted, so the
-- author of every event stays known.
CREATE TABLE passage_events (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  passage_idx INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  kind        TEXT    NOT NULL CHECK (kind IN ('edit', 'revert', 'fix', 'spelling', 'restore')),
  before_text TEXT    NOT NULL,
  after_text  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
CREATE INDEX passage_events_of_article ON passage_events (article_id, id);
