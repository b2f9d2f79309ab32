-- The article list reads only small columns, but SQLite walks a row's payload to reach its
-- later columns, so with the texts inside every article row each list page read the overflow
-- pages of 50 articles' texts. The texts move to a table of their own, read only where a
-- whole article is needed (checks, export, API).
CREATE TABLE article_texts (
  article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  ai_text     TEXT NOT NULL,
  source_text TEXT
);
INSERT INTO article_texts (article_id, ai_text, source_text) SELECT id, ai_text, source_text FROM articles;
ALTER TABLE articles DROP COLUMN ai_text;
ALTER TABLE articles DROP COLUMN source_text;

-- The review page's passages and findings panel, rendered whenever the article's text or
-- findings change, so that showing the page reads one row instead of rendering every passage.
-- Each is stored gzip-ready (src/lib/http/gzip-assembly.ts: deflated stretches between the
-- slots a request fills in), so a page is sent compressed without compressing on each request.
-- render_key names the templates that produced the HTML: a row from older templates is
-- rendered again when read. The per-passage diff HTML this replaces is no longer stored.
CREATE TABLE review_fragments (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  render_key TEXT NOT NULL,
  passages   BLOB NOT NULL,
  findings   BLOB NOT NULL
);
ALTER TABLE passages DROP COLUMN diff_html;
