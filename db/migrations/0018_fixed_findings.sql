-- The findings a reviewer's change fixed: the review report lists them. The findings table holds
-- only what the latest check reports, so without this a fixed slip left no trace but the changed
-- text. Rows are kept per check and passage, not by fingerprint: a fingerprint holds the words
-- around a slip, which a fix beside it changes (src/services/fixed-findings.ts). A slip reported
-- again (its fix rejected or reverted) takes its row away. passage_idx follows re-imports like
-- passage_events'. Changes made before this migration left no rows: their fixes stay unlisted.
CREATE TABLE fixed_findings (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  check_id    TEXT    NOT NULL,
  severity    TEXT    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message     TEXT    NOT NULL,
  text        TEXT    NOT NULL,
  passage_idx INTEGER,
  fixed_at    TEXT    NOT NULL
);
CREATE INDEX fixed_findings_of_article ON fixed_findings (article_id, passage_idx);
