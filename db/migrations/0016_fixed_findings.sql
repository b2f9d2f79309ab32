-- The findings a reviewer's change made go away: the review report lists them as fixed. The
-- findings table holds only what the latest check still reports, so without this a fixed slip
-- left no trace but the changed text. A finding reported again (its fix rejected or reverted)
-- is read as not fixed, so rows are never deleted for it; one row per fingerprint, the latest.
-- passage_idx follows re-imports like passage_events'. Changes made before this migration
-- left no rows: their fixes stay unlisted.
CREATE TABLE fixed_findings (
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  fingerprint TEXT    NOT NULL,
  check_id    TEXT    NOT NULL,
  severity    TEXT    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message     TEXT    NOT NULL,
  text        TEXT    NOT NULL,
  passage_idx INTEGER,
  fixed_at    TEXT    NOT NULL,
  PRIMARY KEY (article_id, fingerprint)
) WITHOUT ROWID;
