-- Each dismissal action (one finding, or all of a check's open findings at once) and each undo
-- of one, for the article's history; a bulk dismissal is one action, undone as one unit.
-- dismissals.action_id names the action that dismissed each fingerprint (NULL for dismissals
-- made before actions were recorded), so an undo removes exactly the dismissals of its action
-- that still stand. An undo names the action it undoes; user_id is who acted.
CREATE TABLE dismissal_actions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  kind       TEXT    NOT NULL CHECK (kind IN ('dismiss', 'undo')),
  -- For a dismissal of all of a check's open findings.
  check_id   TEXT,
  reason     TEXT,
  undoes     INTEGER REFERENCES dismissal_actions (id),
  -- How many findings it dismissed, or how many dismissals it removed.
  count      INTEGER NOT NULL,
  created_at TEXT    NOT NULL
);
CREATE INDEX dismissal_actions_of_article ON dismissal_actions (article_id, id);

ALTER TABLE dismissals ADD COLUMN action_id INTEGER REFERENCES dismissal_actions (id);
CREATE INDEX dismissals_by_action ON dismissals (action_id) WHERE action_id IS NOT NULL;
