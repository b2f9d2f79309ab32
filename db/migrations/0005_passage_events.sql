-- Every change of a passage's corrected text: who made it, when, how, the text before and
-- after, and for a correction the kind of error it fixes (src/checks/types.ts ErrorCategory:
-- from the finding it resolved, or chosen by the person; none for a revert or a restore). The
-- article's history page lists them, and restoring an earlier version is a change too.
-- version is the passage version the change produced; accounts are never deleted, so the
-- author of every event stays known.
CREATE TABLE passage_events (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  passage_idx INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  kind        TEXT    NOT NULL CHECK (kind IN ('edit', 'revert', 'fix', 'spelling', 'restore', 'reject')),
  -- A translator's change is proposed until an editor approves or rejects its passage's proposal;
  -- an editor's change is approved when made.
  status      TEXT    NOT NULL DEFAULT 'approved' CHECK (status IN ('proposed', 'approved', 'rejected')),
  category    TEXT    CHECK (category IN ('name', 'number', 'terminology', 'omission-addition', 'accuracy', 'fluency', 'style', 'boilerplate')),
  before_text TEXT    NOT NULL,
  after_text  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
CREATE INDEX passage_events_of_article ON passage_events (article_id, id);
