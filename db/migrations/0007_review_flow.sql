-- The review flow: an article is new, in review, awaiting approval or approved, and may be
-- assigned to a translator. external_id is the CMS's id for it: importing the same external id
-- again updates the article instead of adding another. The states need a wider CHECK constraint, which SQLite changes only
-- by rebuilding the table (its documented procedure; migrate() turns foreign keys off around it).
CREATE TABLE articles_new (
  id            INTEGER PRIMARY KEY,
  title         TEXT    NOT NULL,
  target_lang   TEXT    NOT NULL DEFAULT 'en',
  source_lang   TEXT,
  status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_review', 'awaiting_approval', 'approved')),
  assignee_id   INTEGER REFERENCES users (id),
  external_id   TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  open_errors   INTEGER NOT NULL DEFAULT 0,
  open_warnings INTEGER NOT NULL DEFAULT 0,
  open_infos    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO articles_new (id, title, target_lang, source_lang, status, created_at, updated_at, open_errors, open_warnings, open_infos)
  SELECT id, title, target_lang, source_lang, status, created_at, updated_at, open_errors, open_warnings, open_infos FROM articles;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
CREATE INDEX articles_updated ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_status_updated ON articles (status, updated_at DESC, id DESC);
CREATE INDEX articles_assignee ON articles (assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE UNIQUE INDEX articles_external_id ON articles (external_id) WHERE external_id IS NOT NULL;

-- What happened to the article as a whole: submitted, approved, sent back (with the editor's
-- comment), assigned, re-imported (an updated AI text). Shown with the passage history. A
-- re-import from the command line has no user.
CREATE TABLE article_events (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  user_id    INTEGER REFERENCES users (id),
  kind       TEXT    NOT NULL CHECK (kind IN ('submitted', 'approved', 'sent_back', 'assigned', 'reimported')),
  comment    TEXT,
  created_at TEXT    NOT NULL
);
CREATE INDEX article_events_of_article ON article_events (article_id, id);
