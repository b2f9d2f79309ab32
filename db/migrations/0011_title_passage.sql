-- The title is checked and corrected like a passage: it is passage 0. When it was taken from the
-- text's first line, passage 0 already is it. A title given apart from the text (the import
-- form's title field, the API's title) becomes a passage of its own before the text's first line,
-- marked by separate_title: checked with the text and corrected like any passage (versions,
-- proposals, history, comments), but not a line of the exported text. articles.title is from now
-- on derived, in the transaction of every change: the first line of the approved article,
-- shortened to 200 characters (src/db/repositories/articles.ts refreshTitle), kept in the row for
-- the list, its search, the queue and every page heading.
ALTER TABLE articles ADD COLUMN separate_title INTEGER NOT NULL DEFAULT 0;

-- The articles whose title is neither their first line nor that line shortened as the import
-- shortened it, with how far the title and the blank line after it move the article's text
-- (in UTF-16 code units, as finding offsets count: a character past U+FFFF counts two).
CREATE TEMP TABLE titled_apart (id INTEGER PRIMARY KEY, title TEXT NOT NULL, shift INTEGER NOT NULL);
INSERT INTO titled_apart (id, title, shift)
  WITH RECURSIVE given (id, title) AS (
    SELECT a.id, a.title FROM articles a JOIN passages p ON p.article_id = a.id AND p.idx = 0
    WHERE a.title <> p.ai_text AND NOT (length(p.ai_text) > 200 AND a.title = substr(p.ai_text, 1, length(a.title) - 1) || '…')
  ),
  walk (id, rest, units) AS (
    SELECT id, title, 0 FROM given
    UNION ALL
    SELECT id, substr(rest, 2), units + CASE WHEN unicode(rest) > 65535 THEN 2 ELSE 1 END FROM walk WHERE rest <> ''
  )
  SELECT g.id, g.title, w.units + 2 FROM given g JOIN walk w ON w.id = g.id AND w.rest = '';

-- Their passages move one index on, through negative indices (SQLite checks the primary key row
-- by row); the first line of the text is now after the title and a blank line.
UPDATE passages SET idx = -idx - 2 WHERE article_id IN (SELECT id FROM titled_apart);
UPDATE passages SET idx = -idx - 1, gap_before = CASE WHEN idx = -2 THEN char(10, 10) ELSE gap_before END
  WHERE article_id IN (SELECT id FROM titled_apart);
INSERT INTO passages (article_id, idx, gap_before, ai_text, corrected_text, approved_text, source_text, version, needs_review)
  SELECT m.id, 0, '', m.title, m.title, m.title, CASE WHEN t.source_text IS NULL THEN NULL ELSE '' END, 1, 0
  FROM titled_apart m JOIN article_texts t ON t.article_id = m.id;

-- History and comments follow their passages; those of passages a re-import dropped (-1) stay.
UPDATE passage_events SET passage_idx = passage_idx + 1 WHERE passage_idx >= 0 AND article_id IN (SELECT id FROM titled_apart);
UPDATE passage_comments SET passage_idx = passage_idx + 1 WHERE passage_idx >= 0 AND article_id IN (SELECT id FROM titled_apart);

-- Findings keep their fingerprints (the text's findings are fingerprinted without the title, see
-- src/checks/run-checks.ts textStart), so dismissals keep applying; their offsets index the
-- article with the title before it, and their passages moved on.
UPDATE findings SET
  passage_idx = passage_idx + 1,
  start_offset = start_offset + m.shift,
  end_offset = end_offset + m.shift,
  fix_json = json_set(fix_json, '$.start', json_extract(fix_json, '$.start') + m.shift, '$.end', json_extract(fix_json, '$.end') + m.shift),
  suggestions_json = CASE WHEN suggestions_json IS NULL THEN NULL ELSE (
    SELECT json_group_array(json(edited)) FROM (
      SELECT json_set(s.value, '$.edit.start', json_extract(s.value, '$.edit.start') + m.shift, '$.edit.end', json_extract(s.value, '$.edit.end') + m.shift) AS edited
      FROM json_each(findings.suggestions_json) s ORDER BY s.key
    )
  ) END
  FROM titled_apart m WHERE findings.article_id = m.id;

-- Their stored review pages name the old passage indices: rendered again (and the title checked)
-- when first shown.
DELETE FROM review_fragments WHERE article_id IN (SELECT id FROM titled_apart);
UPDATE articles SET separate_title = 1 WHERE id IN (SELECT id FROM titled_apart);
DROP TABLE titled_apart;

-- Every title becomes what the approved article says: a correction of the first line made before
-- this migration shows at once.
UPDATE articles SET title = coalesce((
  SELECT CASE WHEN length(p.approved_text) <= 200 THEN p.approved_text ELSE substr(p.approved_text, 1, 199) || '…' END
  FROM passages p WHERE p.article_id = articles.id AND p.approved_text <> '' ORDER BY p.idx LIMIT 1
), title);
