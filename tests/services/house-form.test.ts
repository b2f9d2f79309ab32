import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { proposeHouseSpelling, respelled } from '../../src/services/house-form.js';
import { decideProposals } from '../../src/services/review.js';
import { testContext, testUser } from '../helpers/app.js';

function envoyArticle(spelling: string, n: number): string {
  return `Talks resume in Geneva, round ${n}\n\nThe envoy ${spelling} arrived in Geneva on Monday.\n\nDelegates said ${spelling}'s team stayed late.`;
}

describe('respelled', () => {
  it('changes whole words written as one of the spellings only', () => {
    const text = "Vitkoff's team, the Vitkoff-led talks, Vitkoffs and VITKOFF.";
    expect(respelled(text, new Set(['Vitkoff']), 'Witkoff')).toBe("Witkoff's team, the Witkoff-led talks, Vitkoffs and VITKOFF.");
  });
});

describe('proposing a house spelling across the archive', () => {
  it('proposes it in every article with another spelling, as proposals an editor then approves; approved text changes only then', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    const ids: number[] = [];
    for (const [i, spelling] of ['Witkoff', 'Vitkoff', 'Witkof', 'Witkoff'].entries()) ids.push((await importArticle(ctx, { text: envoyArticle(spelling, i) })).id);
    ctx.repos.articles.setStatus(ids[2]!, 'approved', ctx.now());

    const result = await proposeHouseSpelling(ctx, editor, 'vitkof', 'Witkoff');
    expect(result).toEqual({ replaced: ['Vitkoff', 'Witkof'], articles: 2, passages: 4 });

    const vitkoff = ctx.repos.passages.ofArticle(ids[1]!);
    expect(vitkoff.map((p) => p.correctedText)).toEqual([
      'Talks resume in Geneva, round 1',
      'The envoy Witkoff arrived in Geneva on Monday.',
      "Delegates said Witkoff's team stayed late.",
    ]);
    // Proposals: the approved text, which exports take, is still the old one.
    expect(vitkoff.map((p) => p.approvedText)[1]).toBe('The envoy Vitkoff arrived in Geneva on Monday.');
    expect(ctx.repos.passages.ofArticle(ids[2]!)[1]!.approvedText).toBe('The envoy Witkof arrived in Geneva on Monday.');
    // The articles already written the house way are left alone.
    expect(ctx.repos.passageEvents.ofArticle(ids[0]!)).toEqual([]);

    const picks = [ids[1]!, ids[2]!].flatMap((articleId) => ctx.repos.passages.pendingOf(articleId).map((p) => ({ articleId, idx: p.idx, version: p.version })));
    expect(picks).toHaveLength(4);
    expect(await decideProposals(ctx, editor, 'approve', picks)).toEqual({ decided: 4, skipped: 0 });
    expect(ctx.repos.passages.ofArticle(ids[2]!).map((p) => p.approvedText)[2]).toBe("Delegates said Witkoff's team stayed late.");
    expect(ctx.repos.names.articlesOf('vitkof').map((a) => a.spelling)).toEqual(['Witkoff', 'Witkoff', 'Witkoff', 'Witkoff']);
  });

  it('refuses a spelling no article writes', async () => {
    const { ctx } = testContext();
    await importArticle(ctx, { text: envoyArticle('Witkoff', 1) });
    await expect(proposeHouseSpelling(ctx, testUser(ctx, 'editor'), 'vitkof', 'Whitcoff')).rejects.toThrow('No article writes “Whitcoff”');
  });
});
