import { describe, expect, it } from 'vitest';
import { applyArticleEdits, correctedArticle, splitPassages } from '../../src/services/passage-layout.js';

const text = 'Headline\n\nFirst paragraph.\n99 views\nSecond paragraph.\n';

describe('passage layout', () => {
  it('splits the AI text into passages with the gaps between them and rebuilds it', () => {
    const passages = splitPassages(text, null);
    expect(passages.map((p) => [p.gapBefore, p.aiText])).toEqual([
      ['', 'Headline'],
      ['\n\n', 'First paragraph.'],
      ['\n', '99 views'],
      ['\n', 'Second paragraph.'],
    ]);
    expect(correctedArticle(passages).text).toBe(text.trimEnd());
  });

  it('maps an edit inside a passage, a whole-passage deletion and an edit across passages', () => {
    const passages = splitPassages(text, null);
    const { text: article } = correctedArticle(passages);
    const views = article.indexOf('99 views');
    const changed = applyArticleEdits(passages, [
      { start: 0, end: 4, text: 'Top' },
      { start: views, end: views + '99 views\n'.length, text: '' },
    ]);
    expect(changed).toEqual(new Map([[0, 'Topline'], [2, '']]));

    const across = applyArticleEdits(passages, [{ start: article.indexOf('paragraph.'), end: article.indexOf('Second') + 6, text: 'one.' }]);
    expect(across).toEqual(new Map([[1, 'First one.'], [2, ''], [3, 'paragraph.']]));
  });

  it('leaves out deleted passages and keeps the gap of the next kept one', () => {
    const passages = splitPassages(text, null).map((p) => (p.idx === 2 ? { ...p, correctedText: '' } : p));
    expect(correctedArticle(passages).text).toBe('Headline\n\nFirst paragraph.\nSecond paragraph.');
  });
});
