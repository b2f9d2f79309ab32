import { describe, expect, it } from 'vitest';
import type { ExportDocument, ExportPassage } from '../../src/export/document.js';
import { findFormat } from '../../src/export/index.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

/** A document of made-up passages, without a database: only the formats' own cost is measured. */
function documentOf(passages: ExportPassage[]): ExportDocument {
  const text = `${passages.map((p) => p.correctedText).join('\n\n')}\n`;
  return {
    id: 1,
    externalId: null,
    title: passages[0]!.correctedText,
    aiTitle: passages[0]!.aiText,
    separateTitle: false,
    targetLang: 'en',
    sourceLang: null,
    status: 'in_review',
    approved: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    passages,
    aiText: text,
    correctedText: text,
    findings: [],
    corrections: [],
    steps: [],
  };
}

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
