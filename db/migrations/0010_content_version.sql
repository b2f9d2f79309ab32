-- The database says when a stored review page fragment is stale. Every insert, update or delete
-- of what the fragments show (an article's passages, findings, dismissals and passage comments,
-- its languages, whether it has a source text) raises the article's content version, kept here
-- by triggers rather than by every writer remembering to; a fragment stores the version it was
-- rendered from and is rendered again when read at another. The version is 0009's revision,
-- which code raised at each stored change and which changes still compare before they store.
ALTER TABLE articles RENAME COLUMN revision TO content_version;

CREATE TRIGGER passages_inserted AFTER INSERT ON passages
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER passages_updated AFTER UPDATE ON passages
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER passages_deleted AFTER DELETE ON passages
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = OLD.article_id; END;

CREATE TRIGGER findings_inserted AFTER INSERT ON findings
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER findings_updated AFTER UPDATE ON findings
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER findings_deleted AFTER DELETE ON findings
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = OLD.article_id; END;

CREATE TRIGGER dismissals_inserted AFTER INSERT ON dismissals
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER dismissals_updated AFTER UPDATE ON dismissals
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER dismissals_deleted AFTER DELETE ON dismissals
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = OLD.article_id; END;

CREATE TRIGGER passage_comments_inserted AFTER INSERT ON passage_comments
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER passage_comments_updated AFTER UPDATE ON passage_comments
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;
CREATE TRIGGER passage_comments_deleted AFTER DELETE ON passage_comments
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = OLD.article_id; END;

CREATE TRIGGER article_languages_updated AFTER UPDATE OF target_lang, source_lang ON articles
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.id; END;
CREATE TRIGGER article_texts_updated AFTER UPDATE ON article_texts
BEGIN UPDATE articles SET content_version = content_version + 1 WHERE id = NEW.article_id; END;

-- Fragments are now one compressed chunk each (their forms' CSRF inputs are written per request),
-- with the content version they show, and the passages a second time for the people who may
-- approve when a proposal waits. Stored fragments are derived data: every page renders again
-- when first shown.
DROP TABLE review_fragments;
CREATE TABLE review_fragments (
  article_id        INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  render_key        TEXT    NOT NULL,
  content_version   INTEGER NOT NULL,
  passages          BLOB    NOT NULL,
  approver_passages BLOB,
  findings          BLOB    NOT NULL
);
