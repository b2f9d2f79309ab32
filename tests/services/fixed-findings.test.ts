import { describe, expect, it } from 'vitest';
import type { FindingSummary, FindingToStore, FixedFinding, StoredFinding } from '../../src/db/repositories/findings.js';
import { fixedFindingsChange } from '../../src/services/fixed-findings.js';
import { importArticle } from '../../src/services/import.js';
import { applyFinding, decideProposals } from '../../src/services/review.js';
import { testContext, testUser } from '../helpers/app.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const finding = (fingerprint: string, check: string, passageIdx: number | null, text = 'x'): StoredFinding => ({
  fingerprint,
  check,
  severity: 'warning',
  itsType: 'terminology',
  message: `${check} message`,
  start: 0,
  end: 1,
  text,
  fix: null,
  suggestions: [],
  group: null,
  alternatives: [],
  note: null,
  passageIdx,
  passageStart: 0,
  passageEnd: 1,
  dismissed: false,
  dismissalReason: null,
});
const fresh = (f: StoredFinding): FindingToStore => ({ ...f, fix: undefined, suggestions: undefined, group: undefined, alternatives: undefined, note: undefined });
const keys = (findings: readonly FindingSummary[]) => findings.map((f) => f.fingerprint);
const fixedBy = (before: readonly StoredFinding[], after: readonly FindingToStore[]) => fixedFindingsChange(before, after, []).fixed;
const wasFixed = (id: number, check: string, passageIdx: number, text: string): FixedFinding => ({ id, check, severity: 'warning', message: '', text, passageIdx, fixedAt: '' });

describe('fixedFindingsChange', () => {
  it('takes a finding no longer reported as fixed, and one still reported as not', () => {
    expect(keys(fixedBy([finding('a', 'terms', 1), finding('b', 'terms', 2)], [fresh(finding('b', 'terms', 2))]))).toEqual(['a']);
  });

  it('takes a finding whose words around changed (the same check reports a new one in its passage) as moved, one for one', () => {
    const before = [finding('a', 'terms', 1), finding('b', 'terms', 1), finding('c', 'number-format', 1)];
    const after = [fresh(finding('b2', 'terms', 1)), fresh(finding('c2', 'number-format', 1))];
    expect(fixedBy(before, after)).toHaveLength(1);
  });

  it('prefers as fixed the finding whose flagged text is not reported again', () => {
    const before = [finding('a', 'terms', 1, 'Kiev'), finding('b', 'terms', 1, 'Odessa')];
    expect(keys(fixedBy(before, [fresh(finding('b2', 'terms', 1, 'Odessa'))]))).toEqual(['a']);
  });

  it('names the right passage when a second identical slip takes the fixed one\'s fingerprint', () => {
    const before = [finding('k', 'terms', 5, 'Kiev'), finding('k-1', 'terms', 11, 'Kiev')];
    expect(fixedBy(before, [fresh(finding('k', 'terms', 11, 'Kiev'))]).map((f) => f.passageIdx)).toEqual([5]);
  });

  it('takes a fixed finding back when its check reports its text in its passage again, the latest first', () => {
    const fixedSoFar = [wasFixed(1, 'terms', 1, 'Kiev'), wasFixed(2, 'terms', 1, 'Kiev'), wasFixed(3, 'terms', 1, 'Odessa'), wasFixed(4, 'terms', 2, 'Kiev')];
    const change = fixedFindingsChange([finding('z', 'terms', 1, 'Kharkov')], [fresh(finding('z', 'terms', 1, 'Kharkov')), fresh(finding('k', 'terms', 1, 'Kiev'))], fixedSoFar);
    expect(change).toEqual({ fixed: [], reportedAgain: [2] });
  });

  it('costs time near-linear in the findings, all in one passage with one text', () => {
    const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => finding(`${prefix}${i}`, 'terms', 1, 'Kiev'));
    const fixedSoFar = (n: number) => Array.from({ length: n }, (_, i) => wasFixed(i, 'terms', 1, 'Kiev'));
    const fewer = (n: number) => ({ before: many(n, 'a'), after: many(n / 2, 'b').map(fresh), fixed: fixedSoFar(n) });
    const more = (n: number) => ({ before: many(n / 2, 'a'), after: many(n, 'b').map(fresh), fixed: fixedSoFar(n) });
    // 1,000 findings is more than any article has; at tens of thousands the garbage collector's
    // share, not the algorithm's, grows faster than the input and decides the figure.
    for (const make of [fewer, more]) expect(growthOf(1_000, make, (c) => fixedFindingsChange(c.before, c.after, c.fixed))).toBeLessThan(GROWTH_LIMIT);
  });

  it('keeps a fixed finding when a new slip of another text appears in its passage', () => {
    const change = fixedFindingsChange([], [fresh(finding('o', 'terms', 1, 'Odessa'))], [wasFixed(1, 'terms', 1, 'Kiev')]);
    expect(change).toEqual({ fixed: [], reportedAgain: [] });
  });

  it('does not pair a new finding of another check or another passage', () => {
    const after = [fresh(finding('n', 'number-format', 1)), fresh(finding('m', 'terms', 2))];
    expect(keys(fixedBy([finding('a', 'terms', 1)], after))).toEqual(['a']);
  });
});

// "Kiev" and "700.000" a few words apart: fixing one changes the words around the other.
const text = ['Harbour figures', 'The port of Kiev handled 700.000 tonnes last year.', 'A closing line.'].join('\n\n');

describe('fixed findings as stored', () => {
  it('records what a fix made go away, but not the neighbour whose fingerprint moved', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    const { id } = await importArticle(ctx, { text, targetLang: 'en', actor: editor });
    const kiev = ctx.repos.findings.ofArticle(id).find((f) => f.text === 'Kiev')!;
    const number = ctx.repos.findings.ofArticle(id).find((f) => f.text === '700.000')!;
    await applyFinding(ctx, editor, id, kiev.fingerprint);
    // The case this covers: the number's fingerprint changed with the fix beside it.
    expect(ctx.repos.findings.ofArticle(id).find((f) => f.text === '700.000')!.fingerprint).not.toBe(number.fingerprint);
    expect(ctx.repos.findings.fixedOf(id)).toEqual([{ id: expect.any(Number), check: kiev.check, severity: kiev.severity, message: kiev.message, text: 'Kiev', passageIdx: 1, fixedAt: expect.any(String) }]);
  });

  it('does not count a proposed fix the editor rejected', async () => {
    const { ctx } = testContext();
    const translator = testUser(ctx, 'translator');
    const editor = testUser(ctx, 'editor');
    const { id } = await importArticle(ctx, { text, targetLang: 'en', actor: editor });
    const kiev = ctx.repos.findings.ofArticle(id).find((f) => f.text === 'Kiev')!;
    await applyFinding(ctx, translator, id, kiev.fingerprint);
    expect(ctx.repos.findings.fixedOf(id).map((f) => f.text)).toEqual(['Kiev']);
    const passage = ctx.repos.passages.ofArticle(id)[1]!;
    await decideProposals(ctx, editor, 'reject', [{ articleId: id, idx: 1, version: passage.version }], 'Keep it');
    expect(ctx.repos.findings.fixedOf(id)).toEqual([]);
  });

  it('follows its passage through a re-import, and a slip the CMS removed is not a fix', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    const withShare = text.replace('A closing line.', 'The share rose to 99,5 percent.');
    const { id } = await importArticle(ctx, { text: withShare, targetLang: 'en', externalId: 'cms-7', actor: editor });
    await applyFinding(ctx, editor, id, ctx.repos.findings.ofArticle(id).find((f) => f.text === 'Kiev')!.fingerprint);
    expect(ctx.repos.findings.ofArticle(id).some((f) => f.text === '99,5')).toBe(true);
    const moved = withShare.replace('Harbour figures', 'Harbour figures\n\nA new first paragraph.').replace('99,5', '99.5');
    await importArticle(ctx, { text: moved, targetLang: 'en', externalId: 'cms-7', actor: editor });
    expect(ctx.repos.findings.fixedOf(id).map((f) => [f.text, f.passageIdx])).toEqual([['Kiev', 2]]);
  });
});
