import { describe, expect, it } from 'vitest';
import { boilerplate } from '../../src/checks/boilerplate.js';
import { duplicatePassage } from '../../src/checks/duplicate-passage.js';
import { fixArticle } from '../../src/checks/fixer.js';
import { analyse } from '../../src/text/analyse.js';
import { findingsOf, testCheck, testReference } from '../helpers/check-tester.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const BUDGET = 'The regional council approved the new budget on Thursday after a debate that lasted more than six hours.';
const SCHOOLS = 'Opposition members said the plan left too little money for repairs to schools damaged by shelling last winter.';
const CONTRACTS = 'The mayor promised that the first contracts for roof and window repairs would be signed before the end of May.';
const SUBSTATION = 'Engineers said repairs to the substation near the river would take at least two more weeks.';
const POWER = `Power was restored to most homes by the evening. ${SUBSTATION} Residents were asked to limit their use of heaters.`;

testCheck(duplicatePassage, {
  valid: [
    `${BUDGET}\n\n${SCHOOLS}\n\n${CONTRACTS}`,
    { name: 'a short sentence repeated in different paragraphs', text: `${BUDGET} He declined to comment.\n\n${SCHOOLS} He declined to comment.` },
    { name: 'a short line repeated (a caption is the boilerplate check’s business)', text: `Olena Marchenko, Photo: Ukrinform\n\n${BUDGET}\n\nOlena Marchenko, Photo: Ukrinform` },
    {
      name: 'a repeated residue line is left to the boilerplate check',
      text: `Disclaimer: The translations are mostly done through AI translator and might not be 100% accurate.\n\n${BUDGET}\n\nDisclaimer: The translations are mostly done through AI translator and might not be 100% accurate.`,
    },
    {
      name: 'an eight-word sentence with a different number is a new fact',
      text: 'Russia launched 40 drones at Ukraine overnight, officials said.\n\nRussia launched 35 drones at Ukraine overnight, officials said.',
    },
    {
      name: 'two words changed in twelve is a different sentence',
      text: 'The first train from Kyiv to Warsaw left at seven in the morning.\n\nThe last train from Kyiv to Berlin left at seven in the morning.',
    },
    {
      name: 'paragraphs that share a long phrase but say different things',
      text: `${SUBSTATION} The work starts on Monday.\n\nEngineers said repairs to the bridge over the river would take at least two more months, and traffic will be diverted.`,
    },
    { name: 'the headline restated in other words by the lead', text: 'Council approves budget after six-hour debate\n\n' + BUDGET },
    { name: 'a single paragraph', text: POWER },
    {
      name: 'sentences of a list that differ in one name',
      text: 'The delegation from Lviv will arrive at the summit on Tuesday morning.\nThe delegation from Odesa will arrive at the summit on Tuesday evening.',
    },
  ],
  invalid: [
    {
      name: 'a paragraph repeated word for word',
      text: `${BUDGET}\n\n${SCHOOLS}\n\n${BUDGET}\n\n${CONTRACTS}`,
      findings: [{ text: BUDGET, occurrence: 1, message: /repeats paragraph 1 word for word/, fix: '', severity: 'error' }],
      output: `${BUDGET}\n\n${SCHOOLS}\n\n${CONTRACTS}`,
    },
    {
      name: 'a repeat at the end of the article keeps the final line break',
      text: `${BUDGET}\n\n${SCHOOLS}\n\n${BUDGET}\n`,
      findings: [{ text: BUDGET, occurrence: 1, fix: '' }],
      output: `${BUDGET}\n\n${SCHOOLS}\n`,
    },
    {
      name: 'copies that differ only in spacing are exact',
      text: `${BUDGET}\n\n${SCHOOLS}\n\n${BUDGET.replace('new budget', 'new  budget')}`,
      findings: [{ text: BUDGET.replace('new budget', 'new  budget'), fix: '' }],
      output: `${BUDGET}\n\n${SCHOOLS}`,
    },
    {
      name: 'a block of two paragraphs copied again',
      text: `${BUDGET}\n\n${SCHOOLS}\n\n${CONTRACTS}\n\n${BUDGET}\n\n${SCHOOLS}\n\nThe session ended at midnight.`,
      findings: [
        { text: BUDGET, occurrence: 1, fix: '' },
        { text: SCHOOLS, occurrence: 1, message: /paragraph 2/, fix: '' },
      ],
      output: `${BUDGET}\n\n${SCHOOLS}\n\n${CONTRACTS}\n\nThe session ended at midnight.`,
    },
    {
      name: 'every later copy points to the first',
      text: `${BUDGET}\n${SCHOOLS}\n${BUDGET}\n${CONTRACTS}\n${BUDGET}`,
      findings: [
        { text: BUDGET, occurrence: 1, message: /paragraph 1/, fix: '' },
        { text: BUDGET, occurrence: 2, message: /paragraph 1/, fix: '' },
      ],
      output: `${BUDGET}\n${SCHOOLS}\n${CONTRACTS}`,
    },
    {
      name: 'one word changed: a suggestion to delete either copy, no fix',
      text: `${BUDGET}\n\n${SCHOOLS}\n\n${BUDGET.replace('Thursday', 'Friday')}`,
      findings: [{ text: BUDGET.replace('Thursday', 'Friday'), message: /nearly repeats paragraph 1 \(1 word differs\)/, fix: null, suggestions: ['', ''], severity: 'warning' }],
    },
    {
      name: 'one word added',
      text: `${SCHOOLS}\n\n${CONTRACTS}\n\n${SCHOOLS.replace('too little', 'far too little')}`,
      findings: [{ text: SCHOOLS.replace('too little', 'far too little'), message: /1 word differs/, fix: null, suggestions: ['', ''] }],
    },
    {
      name: 'only punctuation and capitals differ',
      text: `${BUDGET}\n\n${SCHOOLS}\n\n${BUDGET.replace('Thursday after', 'thursday, after')}`,
      findings: [{ text: BUDGET.replace('Thursday after', 'thursday, after'), message: /only punctuation, capitals or spacing differ/, fix: null }],
    },
    {
      name: 'a sentence repeated inside a later paragraph goes with the space after it',
      text: `${POWER}\n\nThe city said ${'schools will reopen'} on Monday. ${SUBSTATION} Buses will run as usual.`,
      findings: [{ text: SUBSTATION, occurrence: 1, message: /This sentence repeats a sentence in paragraph 1 word for word/, fix: '' }],
      output: `${POWER}\n\nThe city said schools will reopen on Monday. Buses will run as usual.`,
    },
    {
      name: 'a repeated sentence at the end of a paragraph goes with the space before it',
      text: `${POWER}\n\nThe city said schools will reopen on Monday. ${SUBSTATION}\n\nBuses will run as usual.`,
      findings: [{ text: SUBSTATION, occurrence: 1, fix: '' }],
      output: `${POWER}\n\nThe city said schools will reopen on Monday.\n\nBuses will run as usual.`,
    },
    {
      name: 'a sentence repeated within one paragraph',
      text: `${BUDGET} ${SCHOOLS} ${BUDGET}`,
      findings: [{ text: BUDGET, occurrence: 1, message: /an earlier sentence of the same paragraph/, fix: '' }],
      output: `${BUDGET} ${SCHOOLS}`,
    },
    {
      name: 'a one-sentence paragraph repeating a sentence of an earlier paragraph',
      text: `${POWER}\n\n${CONTRACTS}\n\n${SUBSTATION}\n\n${SCHOOLS}`,
      findings: [{ text: SUBSTATION, occurrence: 1, message: /This paragraph repeats a sentence in paragraph 1/, fix: '' }],
      output: `${POWER}\n\n${CONTRACTS}\n\n${SCHOOLS}`,
    },
    {
      name: 'a sentence nearly repeated inside a paragraph',
      text: `${POWER}\n\nBy Friday the lights were back. ${SUBSTATION.replace('two', 'three')} Residents were relieved.`,
      findings: [{ text: SUBSTATION.replace('two', 'three'), message: /This sentence nearly repeats a sentence in paragraph 1 \(1 word differs\)/, fix: null, suggestions: ['', ''] }],
    },
    {
      name: 'Windows line breaks',
      text: `${BUDGET}\r\n\r\n${SCHOOLS}\r\n\r\n${BUDGET}\r\n\r\n${CONTRACTS}\r\n`,
      findings: [{ text: BUDGET, occurrence: 1, fix: '' }],
      output: `${BUDGET}\r\n\r\n${SCHOOLS}\r\n\r\n${CONTRACTS}\r\n`,
    },
    {
      name: 'the headline’s paragraph repeated right under it',
      text: `Council approves budget\n\n${BUDGET}\n${BUDGET}\n\n${SCHOOLS}`,
      findings: [{ text: BUDGET, occurrence: 1, message: /paragraph 2/, fix: '' }],
      output: `Council approves budget\n\n${BUDGET}\n\n${SCHOOLS}`,
    },
  ],
});

describe('duplicate-passage near copies', () => {
  it('offers to delete either copy, each with clean spacing', () => {
    const later = BUDGET.replace('Thursday', 'Friday');
    const text = `${BUDGET}\n\n${SCHOOLS}\n\n${later}`;
    const [finding] = findingsOf(duplicatePassage, { text });
    expect(finding?.suggestions?.map((s) => s.label)).toEqual(['Delete this paragraph', 'Delete the copy in paragraph 1']);
    const [keepFirst, keepLater] = finding!.suggestions!.map(({ edit }) => text.slice(0, edit.start) + edit.text + text.slice(edit.end));
    expect(keepFirst).toBe(`${BUDGET}\n\n${SCHOOLS}`);
    expect(keepLater).toBe(`${SCHOOLS}\n\n${later}`);
  });

  it('costs near-linear time on a long article of many similar lines', () => {
    const ledger = (rows: number) => Array.from({ length: rows }, (_, i) => `Row ${i} of the ledger lists the payment made to the contractor in district ${i % 97}.`).join('\n');
    expect(growthOf(2_000, ledger, (text) => findingsOf(duplicatePassage, { text }))).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('duplicate-passage on degenerate text', () => {
  const articleOf = (text: string) => analyse({ text }, testReference());
  const messagesOf = (text: string) => duplicatePassage.run(articleOf(text)).map((r) => r.message);
  const run = (article: ReturnType<typeof articleOf>) => duplicatePassage.run(article);
  // Distinct made-up words ("xa", "xb", … "xba" …), as in a long list.
  const wordOf = (i: number): string => (i < 26 ? 'x' : wordOf(Math.floor(i / 26))) + String.fromCharCode(97 + (i % 26));
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => wordOf(from + i));

  it('grows near-linearly with a looping paragraph repeated with a few more loops', () => {
    const loops = (count: number) => `The convoy crossed ${'the '.repeat(count)}border.`;
    const textOf = (count: number) => `${loops(count)}\n\n${loops(count + 7)}`;
    expect(messagesOf(textOf(200))).toEqual(['This paragraph nearly repeats paragraph 1 (7 words differ); check which copy is right and delete the other.']);
    expect(growthOf(2000, (count) => articleOf(textOf(count)), run)).toBeLessThan(GROWTH_LIMIT);
  });

  it('grows near-linearly with a long paragraph repeated with five words changed', () => {
    const textOf = (count: number) => {
      const changed = words(0, count).map((word, i) => (i % Math.floor(count / 5) === 1 ? 'changed' : word));
      return `${words(0, count).join(' ')}\n\n${changed.join(' ')}`;
    };
    expect(messagesOf(textOf(400))).toEqual(['This paragraph nearly repeats paragraph 1 (5 words differ); check which copy is right and delete the other.']);
    expect(growthOf(2000, (count) => articleOf(textOf(count)), run)).toBeLessThan(GROWTH_LIMIT);
  });

  it('grows near-linearly with short paragraphs that each repeat part of a long one', () => {
    const textOf = (count: number) => [words(0, 10 * count).join(' '), ...Array.from({ length: count }, (_, k) => words(10 * k, 10 * k + 10).join(' '))].join('\n\n');
    expect(messagesOf(textOf(3))).toEqual(
      Array(3).fill('Nearly all of this paragraph is already in paragraph 1; check whether it adds anything, and delete it if not.'),
    );
    expect(growthOf(200, (count) => articleOf(textOf(count)), run)).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('duplicate-passage and boilerplate fixed together', () => {
  it('removes a repeated paragraph and residue lines, leaving clean paragraph spacing', () => {
    const text = [
      'Council approves budget',
      '',
      '1.2K views',
      BUDGET,
      '',
      'Olena Marchenko, Photo: Ukrinform',
      'Olena Marchenko, Photo: Ukrinform',
      'Read also:',
      '- Kyiv hosts donor conference',
      '',
      SCHOOLS,
      '',
      BUDGET,
      '12 comments',
      '',
      CONTRACTS,
      '',
      'Share on Facebook',
      'Bonus video:',
      '',
    ].join('\n');
    const result = fixArticle({ text }, testReference(), { checks: [duplicatePassage, boilerplate] });
    expect(result.text).toBe(
      ['Council approves budget', '', BUDGET, '', 'Olena Marchenko, Photo: Ukrinform', '', SCHOOLS, '', CONTRACTS, ''].join('\n'),
    );
    expect(result.remaining).toEqual([]);
  });
});
