-- A thread of comments on each passage, with author and time: where a translator asks and an
-- editor answers about one passage.
CREATE TABLE passage_comments (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  passage_idx INTEGER NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  body        TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
CREATE INDEX passage_comments_of_passage ON passage_comments (article_id, passage_idx, id);
