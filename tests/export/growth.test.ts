import { describe, expect, it } from 'vitest';
import type { ExportPassage } from '../../src/export/document.js';
import { findFormat } from '../../src/export/index.js';
import { madeUpDocument } from '../helpers/export-document.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const documentOf = (passages: ExportPassage[]) => madeUpDocument(passages);

/** Text that asks for escaping everywhere: markup at line starts and inside, HTML specials, runs of emphasis marks. */
const MARKUP = '* # 1. > _a_ *b* `c` [d](e) <f> & "g" \\ ';

const manyPassages = (n: number) => documentOf(Array.from({ length: n }, (_, i) => ({ idx: i, gapBefore: '\n\n', sourceText: null, aiText: `${MARKUP}${i}`, correctedText: i % 7 === 0 ? '' : `${MARKUP}fixed ${i}` })));
const oneLongPassage = (n: number) => documentOf([{ idx: 0, gapBefore: '', sourceText: null, aiText: 'Title', correctedText: 'Title' }, { idx: 1, gapBefore: '\n\n', sourceText: null, aiText: MARKUP.repeat(n / 40), correctedText: '*_'.repeat(n / 2) }]);

describe('the text formats stay near-linear in the article', () => {
  it.each(['md', 'html', 'json', 'txt'])('%s, in many passages and in one long passage full of markup', (id) => {
    const format = findFormat(id)!;
    expect(growthOf(2_000, manyPassages, (doc) => format.render(doc, format.texts.includes('both') ? 'both' : 'corrected'))).toBeLessThan(GROWTH_LIMIT);
    expect(growthOf(50_000, oneLongPassage, (doc) => format.render(doc, 'corrected'))).toBeLessThan(GROWTH_LIMIT);
  }, 120_000);
});
