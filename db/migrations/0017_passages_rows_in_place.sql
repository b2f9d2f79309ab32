-- Passages move from a WITHOUT ROWID table to an ordinary one. A WITHOUT ROWID table keeps at most
-- about 1,000 bytes of a row in its B-tree page; a passage row holds three copies of a paragraph
-- (AI, working and approved text), so most rows spilled into overflow pages of their own, mostly
-- empty: 47 KB per 7 KB article, and that much written to the WAL on every import. An ordinary
-- table keeps rows up to about 4,000 bytes in place; (article_id, idx) stays unique through an index.
CREATE TABLE passages_by_rowid (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  gap_before     TEXT    NOT NULL DEFAULT '',
  ai_text        TEXT    NOT NULL,
  corrected_text TEXT    NOT NULL,
  approved_text  TEXT    NOT NULL,
  source_text    TEXT,
  version        INTEGER NOT NULL DEFAULT 1,
  needs_review   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (article_id, idx)
);
INSERT INTO passages_by_rowid (article_id, idx, gap_before, ai_text, corrected_text, approved_text, source_text, version, needs_review)
  SELECT article_id, idx, gap_before, ai_text, corrected_text, approved_text, source_text, version, needs_review FROM passages ORDER BY article_id, idx;
DROP TABLE passages;
ALTER TABLE passages_by_rowid RENAME TO passages;

CREATE TRIGGER passages_inserted AFTER INSERT ON passages
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER passages_updated AFTER UPDATE ON passages
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER passages_deleted AFTER DELETE ON passages
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = OLD.article_id; END;
CREATE INDEX passages_pending ON passages (article_id, idx) WHERE corrected_text <> approved_text;
