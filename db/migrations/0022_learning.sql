-- Corrections that teach the checks (issue 12). Each short replacement a correction made ("Vitkoff"
-- → "Witkoff", 1–3 words on each side), derived by word diff when the change is recorded, so the
-- Terms page counts the articles of each replacement with one indexed GROUP BY instead of diffing
-- every passage event of the archive on each request. Whether it is approved is read from its
-- passage event, whose status an editor's decision settles later. Rows go with their event
-- (and the event with its article).
CREATE TABLE correction_replacements (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES passage_events (id) ON DELETE CASCADE,
  article_id  INTEGER NOT NULL,
  before_text TEXT    NOT NULL,
  after_text  TEXT    NOT NULL
);
CREATE INDEX correction_replacements_of_event ON correction_replacements (event_id);
CREATE INDEX correction_replacements_by_pair ON correction_replacements (before_text, after_text, article_id, event_id);

-- Corrections recorded before this table existed are derived in the background after start,
-- newest first: every event up to this id is still to be read (0 once all are).
CREATE TABLE correction_replacements_backfill (
  through_event_id INTEGER NOT NULL
);
INSERT INTO correction_replacements_backfill (through_event_id) SELECT coalesce(max(id), 0) FROM passage_events;

-- The findings dismissed across the archive, grouped by check and flagged text ("Often dismissed").
CREATE INDEX findings_dismissed_by_text ON findings (check_id, text, article_id) WHERE dismissed = 1;
