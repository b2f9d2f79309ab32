-- Articles under review. The open_* counts are kept in step with findings by the repository
-- on every re-check, so the article list never counts findings per row.
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  title         TEXT    NOT NULL,
  target_lang   TEXT    NOT NULL DEFAULT 'en',
  source_lang   TEXT,
  source_text   TEXT,
  ai_text       TEXT    NOT NULL,
  status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_review')),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  open_errors   INTEGER NOT NULL DEFAULT 0,
  open_warnings INTEGER NOT NULL DEFAULT 0,
  open_infos    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_updated ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_status_updated ON articles (status, updated_at DESC, id DESC);

-- One row per passage (non-blank line) of the AI text. gap_before is the whitespace that
-- separated it from the previous passage, so the corrected article keeps the original layout.
-- An empty corrected_text means the passage was deleted.
CREATE TABLE passages (
  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  gap_before     TEXT    NOT NULL DEFAULT '',
  ai_text        TEXT    NOT NULL,
  corrected_text TEXT    NOT NULL,
  source_text    TEXT,
  diff_html      TEXT    NOT NULL,
  PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

-- The findings of the latest check of the corrected article. Offsets (start_offset, end_offset,
-- and those in fix_json / suggestions_json) index the corrected article text; passage_idx
-- and passage_start locate the span inside its passage for highlighting.
CREATE TABLE findings (
  id                INTEGER PRIMARY KEY,
  article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  fingerprint       TEXT    NOT NULL,
  check_id          TEXT    NOT NULL,
  severity          TEXT    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  its_type          TEXT    NOT NULL,
  message           TEXT    NOT NULL,
  start_offset      INTEGER NOT NULL,
  end_offset        INTEGER NOT NULL,
  text              TEXT    NOT NULL,
  fix_json          TEXT,
  suggestions_json  TEXT,
  group_key         TEXT,
  alternatives_json TEXT,
  passage_idx       INTEGER,
  passage_start     INTEGER,
  passage_end       INTEGER,
  dismissed         INTEGER NOT NULL DEFAULT 0,
  UNIQUE (article_id, fingerprint)
);
CREATE INDEX findings_open_by_check ON findings (check_id, article_id) WHERE dismissed = 0;

-- A dismissal is keyed by fingerprint, not by finding row, so it survives re-checks.
CREATE TABLE dismissals (
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  fingerprint TEXT    NOT NULL,
  check_id    TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  PRIMARY KEY (article_id, fingerprint)
) WITHOUT ROWID;
