import { describe, expect, it } from 'vitest';
import { archiveNames } from '../../src/checks/archive-names.js';
import { nameVariants } from '../../src/checks/name-variants.js';
import type { EstablishedName, ReferenceData } from '../../src/reference/index.js';
import { compileBoilerplate } from '../../src/reference/boilerplate.js';
import { createTermbase, type TermEntry } from '../../src/reference/termbase.js';
import { nameKey } from '../../src/text/name-key.js';
import { analyse } from '../../src/text/analyse.js';
import { findingsOf, testCheck } from '../helpers/check-tester.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const LAST_APPROVED = '2026-12-02T09:30:00.000Z';

function established(spelling: string, approvedArticles = 40): EstablishedName {
  return { key: nameKey(spelling), spelling, approvedArticles, lastApproved: LAST_APPROVED };
}

function reference(names: EstablishedName[], entries: TermEntry[] = []): () => ReferenceData {
  const data: ReferenceData = {
    termbase: createTermbase(entries),
    boilerplate: compileBoilerplate([]),
    archiveNames: new Map(names.map((n) => [n.key, n])),
  };
  return () => data;
}

const archive = reference([established('Witkoff'), established('Zelensky', 12), established('Luhansk', 25)]);

testCheck(
  archiveNames,
  {
    valid: [
      { name: 'the established spelling', text: 'Steve Witkoff arrived in Moscow. Witkoff met officials.' },
      { name: 'a name the archive has not established', text: 'Andrii Sybiha spoke to reporters in Kyiv.' },
      { name: 'the established spelling in a headline', text: 'Witkoff In Moscow\n\nThe envoy Witkoff arrived on Tuesday.' },
      { name: 'a different name that only looks alike', text: 'The envoy Whitcombe arrived on Tuesday.' },
    ],
    invalid: [
      {
        name: 'an article consistent in itself but not with the archive',
        text: 'Steve Vitkoff arrived in Moscow. Later Vitkoff met officials.',
        findings: [
          { text: 'Vitkoff', message: 'Vitkoff: the archive writes Witkoff (40 approved articles, last on 2 Dec 2026).', fix: 'Witkoff', alternatives: ['Witkoff'] },
          { text: 'Vitkoff', occurrence: 1, fix: 'Witkoff' },
        ],
        output: 'Steve Witkoff arrived in Moscow. Later Witkoff met officials.',
      },
      {
        name: 'a possessive keeps its ending',
        text: "President Zelenskyy's office said on Monday that it agreed.",
        findings: [{ text: 'Zelenskyy', message: /the archive writes Zelensky \(12 approved articles/, fix: 'Zelensky' }],
        output: "President Zelensky's office said on Monday that it agreed.",
      },
    ],
  },
  archive,
);

describe('archive-names beside the termbase', () => {
  const text = 'Steve Vitkoff arrived in Moscow. Later Vitkoff met officials.';

  it('leaves a name the termbase lists to the terms check', () => {
    const ref = reference([established('Witkoff')], [{ preferred: 'Vitkoff', variants: ['Witkoff'], exceptions: [] }]);
    expect(findingsOf(archiveNames, { text }, ref())).toEqual([]);
  });

  it('gives no finding when the archive’s form is itself a termbase variant', () => {
    const ref = reference([established('Witkoff')], [{ preferred: 'Whitcoff', variants: ['Witkoff'], exceptions: [] }]);
    expect(findingsOf(archiveNames, { text }, ref())).toEqual([]);
  });

  it('gives none without archive names at all', () => {
    const data: ReferenceData = { termbase: createTermbase([]), boilerplate: compileBoilerplate([]) };
    expect(findingsOf(archiveNames, { text }, data)).toEqual([]);
  });
});

describe('name-variants defers to the archive', () => {
  const mixed = 'Steve Vitkoff arrived in Moscow. Vitkoff met officials, and Witkoff left on Friday.';

  it('reports nothing the archive-names check reports, so no name is pulled two ways', () => {
    expect(findingsOf(nameVariants, { text: mixed }, archive())).toEqual([]);
    const fromArchive = findingsOf(archiveNames, { text: mixed }, archive());
    expect(fromArchive.map((f) => [f.text, f.fix?.text])).toEqual([
      ['Vitkoff', 'Witkoff'],
      ['Vitkoff', 'Witkoff'],
    ]);
  });

  it('without the archive, decides by the first full mention as before', () => {
    const none = reference([]);
    expect(findingsOf(nameVariants, { text: mixed }, none()).map((f) => [f.text, f.fix?.text])).toEqual([['Witkoff', 'Vitkoff']]);
  });

  it('fixes a spelling one slip from the archive’s to it, naming the archive', () => {
    // "Lugansk" has a key of its own, one letter from Luhansk's: name-variants groups them, archive-names cannot.
    const text = 'Shelling continued near Luhansk. A Moscow outlet reported calm in Lugansk.';
    const findings = findingsOf(nameVariants, { text }, archive());
    expect(findings.map((f) => [f.text, f.fix?.text, f.alternatives])).toEqual([['Lugansk', 'Luhansk', ['Luhansk']]]);
    expect(findings[0]!.message).toMatch(/The archive writes “Luhansk” \(25 approved articles\)/);
    expect(findingsOf(archiveNames, { text }, archive())).toEqual([]);
  });
});

describe('archive-names cost', () => {
  it('grows near-linearly with the names of the article, each against an archive of as many', () => {
    // Names made of letters no romanisation rule touches, each established in another spelling ("Bab…" → "Babb…").
    const nameOf = (i: number) => `Ba${[...i.toString(4)].map((d) => 'bdfg'[Number(d)]).join('a')}ar`;
    const referenceOf = (count: number) => reference(Array.from({ length: count }, (_, i) => established(`${nameOf(i)}r`)))();
    const articleOf = (count: number) => {
      const text = Array.from({ length: count }, (_, i) => `Officials said ${nameOf(i)} spoke again.`).join(' ');
      return analyse({ text }, referenceOf(count));
    };
    expect(archiveNames.run(articleOf(50)).length).toBe(50);
    expect(growthOf(400, articleOf, (article) => archiveNames.run(article))).toBeLessThan(GROWTH_LIMIT);
  });
});
