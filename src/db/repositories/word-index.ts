import type { Db } from '../connection.js';

/** A form as an FTS5 phrase: its words in order, whatever the punctuation between them; quotes doubled, as the query syntax escapes them. */
const phrase = (form: string) => `"${form.replace(/"/g, '""')}"`;

/** A form with no letter or digit has no word to look for (the tokenizer would make it an empty phrase). */
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * The word index of articles (migration 0021): the words of each article's working text,
 * case and diacritics folded, so the articles that hold a form are found without reading any.
 */
export function wordIndexRepository(db: Db) {
  // Read back from the passages just written, so the index holds exactly what is stored.
  const refresh = db.prepare(`INSERT OR REPLACE INTO article_words (rowid, text)
    SELECT @articleId, group_concat(corrected_text, char(10) ORDER BY idx) FROM passages WHERE article_id = @articleId`);
  const matching = db.prepare('SELECT rowid FROM article_words WHERE article_words MATCH ? ORDER BY rowid').pluck();

  return {
    /** Call in the transaction that stores an article's passages: indexes its working text as it now stands. */
    refresh(articleId: number): void {
      refresh.run({ articleId });
    },
    /**
     * The ids of the articles whose working text holds any of the forms, ascending: a form of
     * several words as a phrase, case-insensitive, whole words only ("Kiev" is in "Kiev's" and
     * "pro-Kiev", not in "Kievan").
     */
    articlesWithAny(forms: readonly string[]): number[] {
      const phrases = forms.filter((form) => HAS_WORD.test(form)).map(phrase);
      return phrases.length === 0 ? [] : (matching.all(phrases.join(' OR ')) as number[]);
    },
  };
}
