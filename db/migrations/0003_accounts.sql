-- People and what they may do. Names are compared case-insensitively ("Olena" and "olena"
-- are one account). password_hash is an argon2id PHC string; a disabled account cannot log
-- in and its sessions and tokens stop working, but its history stays attributed to it.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT    NOT NULL CHECK (role IN ('translator', 'editor', 'admin')),
  password_hash TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT    NOT NULL
);

-- A browser session. The cookie holds a random id; only its SHA-256 is stored, so a copy of
-- the database does not hand out live sessions. user_id is NULL before login: the login and
-- first-run forms need a CSRF token too. last_seen_at moves at most every few minutes.
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      INTEGER REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- Bearer tokens for the CMS API, acting as their user. Stored hashed (SHA-256: the tokens are
-- 256 random bits, so a slow hash adds nothing); shown once, when created.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label        TEXT    NOT NULL,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_at   TEXT    NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
