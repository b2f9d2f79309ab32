import { describe, expect, it } from 'vitest';
import { demoText } from '../helpers/app.js';
import { loadCorpus } from '../helpers/corpus.js';
import { fixInWebApp, fixOnCommandLine } from '../helpers/web-fix.js';

/**
 * Applying every fix in the web app and exporting gives exactly what `workbench fix` gives for
 * the same file (issue 10). The seed article is compared in tests/acceptance/seed.test.ts.
 */
async function expectSameFix(text: string, lang = 'en'): Promise<number> {
  const web = await fixInWebApp(text, lang);
  expect(web.text).toBe(fixOnCommandLine(text, lang));
  return web.applied;
}

describe('applying every fix in the web app and exporting, against workbench fix', () => {
  it('agree on the demo article', async () => {
    expect(await expectSameFix(demoText)).toBeGreaterThan(5);
  });

  it.each(loadCorpus().articles.map((a) => [a.file, a.input.text, a.input.lang ?? 'en'] as const))('agree on the corpus article %s', async (_file, text, lang) => {
    await expectSameFix(text, lang);
  });

  it('agree on a byte order mark at the start of a line, which the web app could not remove', async () => {
    expect(await expectSameFix('Talks resume\n\nThe first part ends here.\n\ufeffThe second part starts here.\n')).toBe(1);
  });

  it.each(Array.from({ length: 12 }, (_, seed) => [seed]))('agree on generated article %i, with every kind of slip in every layout', async (seed) => {
    expect(await expectSameFix(generatedArticle(seed))).toBeGreaterThan(0);
  });
});

/**
 * Paragraphs with a fixable slip, or none; each is used once per article, and repeated. Each has
 * ten words or more after fixing: a repeat of fewer than eight is not reported, so one whose slip
 * pushes it over that line would be deleted or kept depending on the order fixes are applied in.
 */
const PARAGRAPHS = [
  'Officials in Kiev said the talks would continue early next week.',
  'The convoy carried 700.000 tonnes of grain through the corridor last month.',
  'Turnout reached 99,5 percent in the first district, the commission said.',
  'The envoy met the the foreign delegation in the capital on Monday.',
  'Repair crews worked  through the night near the station in the south.',
  'The mayor spoke about the bridge\u200b repairs on Tuesday in the city hall.',
  'Residents of Kharkov were told to stay in shelters until the morning.',
  'The ministry said the new line would open in spring if funding arrives.',
  'Farmers near Odessa expect a smaller harvest this year because of the drought.',
  'Prices rose by 4,2 percent over the month, the statistics office reported.',
  'The council approved the budget after a long debate on Thursday evening.',
  'Engineers inspected the dam and found no new damage after the strike.',
];

/** Lines of scraping residue, which the fix deletes with the gaps around them. */
const RESIDUE = ['4821 views 3 comment(s)', 'Bonus video:', 'Read also: Grain exports rise again', 'Disclaimer: The translations are mostly done through AI translator and may contain errors.'];

/** A small deterministic generator (mulberry32), so a failing article can be made again. */
function random(seed: number): () => number {
  let state = seed * 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A headline and a shuffle of the paragraphs, with residue lines and repeated paragraphs put at
 * the start, between paragraphs (next to each other too) and at the end, and every gap a single
 * line break, a blank line or two blank lines, some with spaces around them.
 */
function generatedArticle(seed: number): string {
  const next = random(seed + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const paragraphs = [...PARAGRAPHS].sort(() => next() - 0.5).slice(0, 8);
  const lines: string[] = next() < 0.3 ? [pick(RESIDUE)] : [];
  lines.push('Talks on the grain corridor resume');
  for (const paragraph of paragraphs) {
    lines.push(paragraph);
    const roll = next();
    if (roll < 0.25) lines.push(pick(RESIDUE));
    else if (roll < 0.4) lines.push(pick(RESIDUE), pick(paragraphs.slice(0, paragraphs.indexOf(paragraph) + 1)));
    else if (roll < 0.5) lines.push(pick(paragraphs.slice(0, paragraphs.indexOf(paragraph) + 1)));
  }
  if (next() < 0.5) lines.push(pick(RESIDUE));
  const gaps = ['\n', '\n\n', '\n\n\n', ' \n', '\n  \n'];
  return lines.map((line, i) => (i === 0 ? line : pick(gaps) + line)).join('') + '\n';
}
