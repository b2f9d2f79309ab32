-- The termbase, owned by editors (issue 12). A term's variants and exceptions are JSON arrays of
-- strings: the checks always take the whole termbase at once, a term's lists are short and
-- ordered, and nothing queries one form alone (search_text serves the search box). search_text
-- is every form of the term, lower-cased by the application (SQLite's lower() folds ASCII only),
-- one a line. AUTOINCREMENT: a deleted term's id is never reused, so its history stays its own.
CREATE TABLE terms (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  preferred   TEXT    NOT NULL,
  variants    TEXT    NOT NULL DEFAULT '[]',
  exceptions  TEXT    NOT NULL DEFAULT '[]',
  note        TEXT,
  kind        TEXT    NOT NULL DEFAULT 'other' CHECK (kind IN ('place', 'person', 'organisation', 'other')),
  language    TEXT    NOT NULL DEFAULT 'en',
  disputed    INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
  search_text TEXT    NOT NULL,
  updated_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  updated_at  TEXT    NOT NULL
);
-- The service refuses a second term with the same preferred form (in any case); this is the
-- last guard, and NOCASE folds less than the service does, so it never refuses what it accepts.
CREATE UNIQUE INDEX terms_preferred ON terms (preferred COLLATE NOCASE);
CREATE INDEX terms_kind ON terms (kind, preferred COLLATE NOCASE);

-- Every change of a term: its whole entry as it stood after the change (for a deletion, the entry
-- it removed), so any earlier state can be restored. No foreign key to terms: a deleted term's
-- history stays, and restoring it brings the term back under its id. actor_id is NULL for the
-- terms loaded from the starter termbase or WORKBENCH_TERMS.
CREATE TABLE term_revisions (
  id         INTEGER PRIMARY KEY,
  term_id    INTEGER NOT NULL,
  action     TEXT    NOT NULL CHECK (action IN ('create', 'change', 'delete', 'restore')),
  entry      TEXT    NOT NULL,
  actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT    NOT NULL
);
CREATE INDEX term_revisions_of_term ON term_revisions (term_id, id);

-- That the termbase was loaded from a file once: an editor who deletes every term does not get
-- the starter termbase back on the next start. One row at most.
CREATE TABLE termbase_seed (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  source    TEXT    NOT NULL,
  terms     INTEGER NOT NULL,
  seeded_at TEXT    NOT NULL
);
