import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { MAX_FINDINGS_PER_ARTICLE, MAX_FINDINGS_PER_CHECK, reachedCaps, runChecks } from '../../src/checks/run-checks.js';
import type { Finding } from '../../src/checks/types.js';
import { analyse } from '../../src/text/analyse.js';
import { testReference } from '../helpers/check-tester.js';

const typography = checks.find((c) => c.id === 'typography')!;
const check = (text: string, options: Parameters<typeof runChecks>[1] = {}) => runChecks(analyse({ text }, testReference()), options);

// A double space before every "went on": one finding each.
const spaced = (slips: number) => `Talks${'  went on'.repeat(slips)} today.`;

// Paragraphs with a slip for six checks each, and scraping residue under them.
const PLACES = ['Kiev', 'Kharkov', 'Odessa', 'Zaporozhye', 'Nikolaev'];
function slipsEverywhere(paragraphs: number): string {
  return Array.from(
    { length: paragraphs },
    (_, i) => `${PLACES[i % PLACES.length]} round ${i}: the the mayor Witkoff counted ${(i % 9) + 1}00.000 voters, and Vitkoff said  so.\n${i + 1} views\nPhoto: Reuters`,
  ).join('\n\n');
}

describe('runChecks', () => {
  it(`lists at most ${MAX_FINDINGS_PER_CHECK} findings of a check, the earliest in the text`, () => {
    const text = spaced(MAX_FINDINGS_PER_CHECK + 50);
    const all = check(text, { checks: [typography], uncapped: true });
    const listed = check(text, { checks: [typography] });
    expect(all).toHaveLength(MAX_FINDINGS_PER_CHECK + 50);
    expect(listed).toEqual(all.slice(0, MAX_FINDINGS_PER_CHECK));
  });

  it(`lists at most ${MAX_FINDINGS_PER_ARTICLE} findings of an article, the earliest in the text`, () => {
    const text = slipsEverywhere(250);
    const all = check(text, { uncapped: true });
    expect(all.length).toBeGreaterThan(MAX_FINDINGS_PER_ARTICLE);
    // Each check's first ones, then the article's first ones among those.
    const ordinal = new Map<string, number>();
    const withinCheckCaps = all.filter((f) => {
      ordinal.set(f.check, (ordinal.get(f.check) ?? 0) + 1);
      return ordinal.get(f.check)! <= MAX_FINDINGS_PER_CHECK;
    });
    expect(check(text)).toEqual(withinCheckCaps.slice(0, MAX_FINDINGS_PER_ARTICLE));
  });

  it('does not count dismissed findings against the cap, so dismissing brings up the next ones', () => {
    const text = spaced(MAX_FINDINGS_PER_CHECK + 50);
    const first = check(text, { checks: [typography] });
    const dismissed = new Set(first.slice(0, 30).map((f) => f.fingerprint));
    const next = check(text, { checks: [typography], dismissed });
    expect(next).toEqual(check(text, { checks: [typography], uncapped: true }).slice(0, MAX_FINDINGS_PER_CHECK + 30));
  });

  it('keeps identical findings in identical context apart', () => {
    const fingerprints = check('Kiev is here.\n'.repeat(6), { checks: [checks.find((c) => c.id === 'terms')!] }).map((f) => f.fingerprint);
    expect(fingerprints[2]).toBe(`${fingerprints[1]}-1`);
    expect(new Set(fingerprints).size).toBe(6);
  });
});

describe('reachedCaps', () => {
  const findings = (check: string, n: number, dismissed = false) => Array.from({ length: n }, () => ({ check, dismissed }));

  it('names the checks that list as many open findings as they may', () => {
    expect(reachedCaps([...findings('terms', MAX_FINDINGS_PER_CHECK), ...findings('typography', MAX_FINDINGS_PER_CHECK - 1)])).toEqual({ checks: new Set(['terms']), article: false });
  });

  it('does not count dismissed findings', () => {
    expect(reachedCaps([...findings('terms', MAX_FINDINGS_PER_CHECK - 1), ...findings('terms', 5, true)]).checks).toEqual(new Set());
  });

  it('says when the article lists as many open findings as it may', () => {
    const many: Pick<Finding, 'check'>[] = ['a', 'b', 'c', 'd', 'e'].flatMap((c) => findings(c, MAX_FINDINGS_PER_ARTICLE / 5));
    expect(reachedCaps(many).article).toBe(true);
    expect(reachedCaps(many.slice(1)).article).toBe(false);
  });
});
