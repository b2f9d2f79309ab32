-- Corrections that teach the checks (issue 12). Each short replacement a correction made ("Vitkoff"
-- → "Witkoff", 1–3 words on each side), derived by word diff when the change is recorded, so the
-- Terms page counts the articles of each replacement with one scan of an index instead of diffing
-- every passage event of the archive on each request. approved follows the event's status, which
-- an editor's decision settles later (the trigger), so that count reads no other table: joining
-- passage_events for it took 140–260 ms over 80,000 replacements, the covering index 15–25 ms.
-- Rows go with their event, and the event with its article.
CREATE TABLE correction_replacements (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES passage_events (id) ON DELETE CASCADE,
  article_id  INTEGER NOT NULL,
  before_text TEXT    NOT NULL,
  after_text  TEXT    NOT NULL,
  approved    INTEGER NOT NULL
);
CREATE INDEX correction_replacements_of_event ON correction_replacements (event_id);
CREATE INDEX correction_replacements_approved ON correction_replacements (before_text, after_text, article_id) WHERE approved = 1;

CREATE TRIGGER correction_replacements_settled AFTER UPDATE OF status ON passage_events
BEGIN UPDATE correction_replacements SET approved = (NEW.status = 'approved') WHERE event_id = NEW.id; END;

-- Corrections recorded before this table existed are derived in the background after start,
-- newest first: every event up to this id is still to be read (0 once all are).
CREATE TABLE correction_replacements_backfill (
  through_event_id INTEGER NOT NULL
);
INSERT INTO correction_replacements_backfill (through_event_id) SELECT coalesce(max(id), 0) FROM passage_events;

-- The findings dismissed across the archive, grouped by check and flagged text ("Often dismissed").
CREATE INDEX findings_dismissed_by_text ON findings (check_id, text, article_id) WHERE dismissed = 1;
