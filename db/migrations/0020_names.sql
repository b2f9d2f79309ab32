-- The archive's names index: per article, each proper name's key (src/text/name-key.ts nameKey,
-- the key the name-variants check groups by) and each spelling of it with its count of uses in
-- the article's working text. Written with the article's findings, in the same transaction, on
-- import and on every change (src/services/article-change.ts storeReview), from names the review
-- worker read. Ordered by article only: an article's rows are written together, on few pages. An
-- index by name_key would put each of an article's ~80 names on a page of its own, every
-- import writing ~80 pages; what reads by name (the Names page, the established spellings)
-- aggregates the whole archive anyway.
CREATE TABLE article_names (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  name_key   TEXT    NOT NULL,
  spelling   TEXT    NOT NULL,
  uses       INTEGER NOT NULL CHECK (uses > 0),
  PRIMARY KEY (article_id, name_key, spelling)
) WITHOUT ROWID;

-- Whether every article is in the index. SQL cannot read names, so articles stored before this
-- migration are indexed by a rebuild (src/services/names.ts rebuildNamesIndex), which the server
-- runs at start while this says the index is incomplete.
CREATE TABLE names_index_state (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  complete INTEGER NOT NULL
);
INSERT INTO names_index_state (id, complete) SELECT 1, NOT EXISTS (SELECT 1 FROM articles);
