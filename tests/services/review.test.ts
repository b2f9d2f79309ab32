import { describe, expect, it } from 'vitest';
import { articleHistory, correctedText, listArticles } from '../../src/services/articles.js';
import { reviewArticle } from '../../src/services/review-fragments.js';
import { NotFoundError, StaleEditError, ValidationError } from '../../src/errors.js';
import { importArticle } from '../../src/services/import.js';
import { MAX_FINDINGS_PER_CHECK } from '../../src/checks/run-checks.js';
import type { ArticleState } from '../../src/services/review-state.js';
import { applyFinding, applyGroupSpelling, dismissCheck, dismissFinding, editPassage, parseCategory, restorePassage, revertPassage } from '../../src/services/review.js';
import { contextOver, demoText, fragmentHtml, testContext, testUser } from '../helpers/app.js';

async function setup() {
  const { ctx } = testContext();
  const { id, findings } = await importArticle(ctx, { text: demoText });
  return { ctx, id, findings, actor: testUser(ctx, 'editor') };
}

/** The review page's table row of one passage, as stored. */
async function passageRow(ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number, idx: number): Promise<string> {
  const html = fragmentHtml((await reviewArticle(ctx, { role: 'editor' }, id)).fragments.passages);
  const start = html.indexOf(`<tr id="p-${idx}"`);
  return html.slice(start, html.indexOf('</tr>', start) + 5);
}

const open = (ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number) => ctx.repos.findings.ofArticle(id).filter((f) => !f.dismissed);

describe('importArticle', () => {
  it('stores the passages, findings and open counts of the demo article', async () => {
    const { ctx, id, findings, actor } = await setup();
    const article = ctx.repos.articles.find(id)!;
    expect(article.title).toBe('Grain convoy reaches Odesa after talks on Black Sea corridor');
    expect(article.status).toBe('new');
    expect(new Set(findings.map((f) => f.check))).toEqual(new Set(['boilerplate', 'terms', 'number-format', 'typography', 'name-variants', 'duplicate-passage']));
    expect(article.openWarnings + article.openErrors + article.openInfos).toBe(findings.length);
    expect(correctedText(ctx, id).text).toBe(`${demoText.trim()}\n`);
  });

  it('stores an article under the next id when another process took the one its page was rendered with, and renders the page when first shown', async () => {
    const { db, ctx } = testContext();
    const inner = ctx.reviewer;
    const otherProcess = contextOver(db).ctx;
    // While the first import is being checked, another process stores an article.
    let taken = false;
    const racing = { ...ctx, reviewer: { ...inner, review: async (state: ArticleState) => {
      if (!taken) {
        taken = true;
        await importArticle(otherProcess, { text: 'Stored meanwhile.' });
      }
      return inner.review(state);
    } } };
    const { id } = await importArticle(racing, { text: 'Talks in Kiev\n\nThe talks ended.' });
    expect(id).toBe(2);
    expect(ctx.repos.articles.find(1)!.title).toBe('Stored meanwhile.');
    expect(ctx.repos.findings.ofArticle(id).map((f) => f.text)).toEqual(['Kiev']);
    expect(ctx.repos.reviewFragments.find(id, false)).toBeUndefined();
    const html = fragmentHtml((await reviewArticle(ctx, { role: 'editor' }, id)).fragments.findings);
    expect(html).toContain(`/articles/${id}/findings/`);
    expect(ctx.repos.reviewFragments.find(id, false)).toBeDefined();
  });

  it('detects the source language and aligns source passages', async () => {
    const { ctx } = testContext();
    const { id } = await importArticle(ctx, {
      text: 'Title line\n\nThe mayor of Kyiv spoke on Monday about the new bridge.',
      source: 'Заголовок\n\nМер Києва у понеділок розповів про новий міст, який з’єднає два береги Дніпра.',
    });
    expect((await reviewArticle(ctx, { role: 'editor' }, id)).article.sourceLang).toBe('uk');
    expect(ctx.repos.passages.find(id, 1)!.sourceText).toContain('Мер Києва');
  });

  it('refuses an empty text', async () => {
    const { ctx } = testContext();
    await expect(importArticle(ctx, { text: ' \n ' })).rejects.toThrow(ValidationError);
  });

  it('refuses a title given over 200 characters, and shortens one taken from the first line', async () => {
    const { ctx } = testContext();
    const long = `Talks in Kiev ${'and more talks '.repeat(13)}`.trim();
    expect(long).toHaveLength(208);
    await expect(importArticle(ctx, { title: long, text: 'Talks ended.' })).rejects.toThrow('A title has at most 200 characters; this one has 208.');
    expect(ctx.repos.articles.count({})).toBe(0);
    const { id } = await importArticle(ctx, { title: ` ${long.slice(0, 200)} `, text: 'Talks ended.' });
    expect(ctx.repos.articles.find(id)!.title).toBe(long.slice(0, 200));
    const derived = await importArticle(ctx, { text: `${long}\n\nTalks ended.` });
    expect(ctx.repos.articles.find(derived.id)!.title).toBe(`${long.slice(0, 199)}…`);
  });

  it('refuses a passage of the text or of the source over 20,000 characters', async () => {
    const { ctx } = testContext();
    const wall = '!'.repeat(20_001);
    await expect(importArticle(ctx, { text: `Talks ended.\n\n${wall}` })).rejects.toThrow('Line 3 of the text has 20,001 characters; a passage has at most 20,000.');
    await expect(importArticle(ctx, { text: 'Talks ended.', source: `Переговори завершилися.\r\n${wall}` })).rejects.toThrow('Line 2 of the source has 20,001 characters');
    expect(ctx.repos.articles.count({})).toBe(0);
  });
});

describe('review actions', () => {
  it('applies a fix, re-checks and marks the article in review', async () => {
    const { ctx, id, actor } = await setup();
    const place = open(ctx, id).find((f) => f.check === 'terms' && f.text === 'Zaporozhye')!;
    await applyFinding(ctx, actor, id, place.fingerprint);
    const passage = ctx.repos.passages.find(id, place.passageIdx!)!;
    expect(passage.correctedText).toContain('in the Zaporizhzhia region');
    expect(await passageRow(ctx, id, place.passageIdx!)).toContain('<del><span class="visually-hidden">deleted: </span>Zaporozhye</del><ins><span class="visually-hidden">inserted: </span>Zaporizhzhia</ins>');
    expect(ctx.repos.findings.find(id, place.fingerprint)).toBeUndefined();
    expect(ctx.repos.articles.find(id)!.status).toBe('in_review');
  });

  it('deletes a passage through a deletion fix, keeping the article layout', async () => {
    const { ctx, id, actor } = await setup();
    const counter = open(ctx, id).find((f) => f.text.startsWith('2874 views'))!;
    await applyFinding(ctx, actor, id, counter.fingerprint);
    const passage = ctx.repos.passages.find(id, counter.passageIdx!)!;
    expect(passage.correctedText).toBe('');
    expect(correctedText(ctx, id).text).not.toContain('2874 views');
    expect(await passageRow(ctx, id, counter.passageIdx!)).toMatch(/^<tr id="p-\d+" class="is-deleted">/);
  });

  it('keeps a dismissal across re-checks and out of the counts', async () => {
    const { ctx, id, actor } = await setup();
    const openCount = () => {
      const { openErrors, openWarnings, openInfos } = ctx.repos.articles.find(id)!;
      return openErrors + openWarnings + openInfos;
    };
    const before = openCount();
    const finding = open(ctx, id).find((f) => f.check === 'number-format')!;
    await dismissFinding(ctx, actor, id, finding.fingerprint, 'quoted as in the source');
    expect(openCount()).toBe(before - 1);
    await editPassage(ctx, actor, id, 0, 'Grain convoy reaches Odesa after corridor talks', 1, 'style');
    const again = ctx.repos.findings.find(id, finding.fingerprint)!;
    expect(again.dismissed).toBe(true);
    expect(again.dismissalReason).toBe('quoted as in the source');
    expect(await passageRow(ctx, id, finding.passageIdx!)).not.toContain(finding.fingerprint);
  });

  it('dismisses every open finding of one check at once', async () => {
    const { ctx, id, actor } = await setup();
    expect(await dismissCheck(ctx, actor, id, 'boilerplate', 'keep for now')).toBe(4);
    expect(open(ctx, id).filter((f) => f.check === 'boilerplate')).toEqual([]);
    await expect(dismissCheck(ctx, actor, id, 'boilerplate')).rejects.toThrow(NotFoundError);
  });

  it('uses one spelling of a group everywhere', async () => {
    const { ctx, id, actor } = await setup();
    const variant = open(ctx, id).find((f) => f.check === 'name-variants')!;
    await applyGroupSpelling(ctx, actor, id, variant.group!, 'Martchenko');
    const text = correctedText(ctx, id).text;
    expect(text).not.toMatch(/\bMarchenko\b/);
    expect(text.match(/Martchenko/g)!.length).toBeGreaterThanOrEqual(5);
    await expect(applyGroupSpelling(ctx, actor, id, variant.group!, 'Nobody')).rejects.toThrow();
  });

  it('uses one spelling everywhere for every spelling the group flags, also those beyond the ten it offers', async () => {
    const { ctx } = testContext();
    const actor = testUser(ctx, 'editor');
    const spellings = ['Zelenskyy', 'Zelenskiy', 'Zelenskyi', 'Zelenskyj', 'Zelenski', 'Zełenski', 'Zelenskii', 'Zelenskij', 'Selenskyj', 'Selensky', 'Selenskij'];
    const text = ['Talks resumed', 'Aides said Zelensky would speak, and Zelensky did.', ...spellings.map((s) => `Later that week ${s} met the envoys.`)].join('\n\n');
    const { id } = await importArticle(ctx, { text });
    const groupOf = () => open(ctx, id).find((f) => f.check === 'name-variants')?.group;
    expect(open(ctx, id).find((f) => f.check === 'name-variants')?.alternatives).toHaveLength(10);
    await applyGroupSpelling(ctx, actor, id, groupOf()!, 'Zelensky');
    expect(correctedText(ctx, id).text.match(/\b[ZS]elensk\p{L}*/gu)!.every((s) => s === 'Zelensky')).toBe(true);
    expect(groupOf()).toBeUndefined();
  });

  it('respells only the open flagged occurrences of a group, each in its own case', async () => {
    const { ctx } = testContext();
    const actor = testUser(ctx, 'editor');
    const text = [
      'Ferry timetable changes',
      'The ferry from Kiev leaves at noon.',
      'A café near the pier serves chicken Kiev all day.',
      'KIEV PORT NOTICE: boarding closes early.',
      'Travellers to Kiev should carry water.',
    ].join('\n\n');
    const { id } = await importArticle(ctx, { text });
    const flagged = open(ctx, id).filter((f) => f.check === 'terms');
    expect(flagged.map((f) => f.text)).toEqual(['Kiev', 'KIEV', 'Kiev']);
    await dismissFinding(ctx, actor, id, flagged[2]!.fingerprint, 'quoted from a timetable');
    await applyGroupSpelling(ctx, actor, id, flagged[0]!.group!, 'Kyiv');
    expect(correctedText(ctx, id).text).toBe([
      'Ferry timetable changes',
      'The ferry from Kyiv leaves at noon.',
      'A café near the pier serves chicken Kiev all day.',
      'KYIV PORT NOTICE: boarding closes early.',
      'Travellers to Kiev should carry water.\n',
    ].join('\n\n'));
  });

  it('respells a group past the cap on listed findings of its check', async () => {
    const { ctx } = testContext();
    const actor = testUser(ctx, 'editor');
    const count = MAX_FINDINGS_PER_CHECK + 30;
    const text = ['Harbour log', ...Array.from({ length: count }, (_, i) => `Crossing ${i + 1} reached Kiev on time.`)].join('\n\n');
    const { id } = await importArticle(ctx, { text });
    const listed = open(ctx, id).filter((f) => f.check === 'terms');
    expect(listed).toHaveLength(MAX_FINDINGS_PER_CHECK);
    await applyGroupSpelling(ctx, actor, id, listed[0]!.group!, 'Kyiv');
    const corrected = correctedText(ctx, id).text;
    expect(corrected).not.toContain('Kiev');
    expect(corrected.match(/Kyiv/g)).toHaveLength(count);
    expect(open(ctx, id).filter((f) => f.check === 'terms')).toEqual([]);
  });

  it('edits a passage by hand and reverts it to the AI text', async () => {
    const { ctx, id, actor } = await setup();
    const original = ctx.repos.passages.find(id, 1)!.aiText;
    await editPassage(ctx, actor, id, 1, 'Ukraine and its partners agreed on Monday\nto extend the corridor.', 1, 'style');
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'Ukraine and its partners agreed on Monday to extend the corridor.', version: 2 });
    await revertPassage(ctx, actor, id, 1, 2);
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: original, version: 3 });
    await expect(editPassage(ctx, actor, id, 99, 'x', 1, 'style')).rejects.toThrow(NotFoundError);
  });

  it('refuses an edit that makes a passage longer than 20,000 characters, counting its line breaks as the spaces they become', async () => {
    const { ctx, id, actor } = await setup();
    const before = ctx.repos.passages.find(id, 1)!;
    const looped = 'the '.repeat(5_000).trim();
    await expect(editPassage(ctx, actor, id, 1, `${looped}\n${looped}`, 1, 'style')).rejects.toThrow('The passage has 39,999 characters; a passage has at most 20,000.');
    expect(ctx.repos.passages.find(id, 1)).toEqual(before);
    const longest = 'The talks went on. '.repeat(1_100).slice(0, 20_000);
    const gap = longest.indexOf(' ', 10_000);
    await editPassage(ctx, actor, id, 1, `${longest.slice(0, gap)}\r\n\r\n  ${longest.slice(gap + 1)}`, 1, 'style');
    expect(ctx.repos.passages.find(id, 1)!.correctedText).toBe(longest);
  });

  it('refuses a change made from an older version of the passage, and keeps the newer text', async () => {
    const { ctx, id, actor } = await setup();
    await editPassage(ctx, actor, id, 1, 'First reviewer’s text.', 1, 'style');
    await expect(editPassage(ctx, actor, id, 1, 'Second reviewer’s text.', 1, 'style')).rejects.toThrow(StaleEditError);
    await expect(revertPassage(ctx, actor, id, 1, 1)).rejects.toThrow(StaleEditError);
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'First reviewer’s text.', version: 2 });
    // Applying a fix changes the passage too: an edit opened before it is stale.
    const kiev = open(ctx, id).find((f) => f.text === 'Kiev')!;
    const version = ctx.repos.passages.find(id, kiev.passageIdx!)!.version;
    await applyFinding(ctx, actor, id, kiev.fingerprint);
    await expect(editPassage(ctx, actor, id, kiev.passageIdx!, 'Old view of the passage.', version, 'style')).rejects.toThrow(StaleEditError);
    // Other passages keep their versions.
    expect(ctx.repos.passages.find(id, 0)!.version).toBe(1);
  });

  it('records every change of a passage with its author, and restores an earlier version as a change of its own', async () => {
    const { ctx, id, actor } = await setup();
    const translator = testUser(ctx, 'translator');
    const ai = ctx.repos.passages.find(id, 1)!.aiText;
    await editPassage(ctx, actor, id, 1, 'First wording.', 1, 'style');
    await editPassage(ctx, translator, id, 1, 'Second wording.', 2, 'style');
    const kiev = open(ctx, id).find((f) => f.text === 'Kiev')!;
    await applyFinding(ctx, translator, id, kiev.fingerprint);
    const [fix, second, first] = ctx.repos.passageEvents.ofArticle(id);
    expect(first).toMatchObject({ passageIdx: 1, version: 2, userName: 'editor', kind: 'edit', beforeText: ai, afterText: 'First wording.' });
    expect(second).toMatchObject({ passageIdx: 1, version: 3, userName: 'translator', kind: 'edit', beforeText: 'First wording.', afterText: 'Second wording.' });
    expect(fix).toMatchObject({ passageIdx: kiev.passageIdx, userName: 'translator', kind: 'fix', category: 'terminology' });
    expect(first!.category).toBe('style');
    expect(fix!.afterText).toContain('Kyiv');

    expect(await restorePassage(ctx, actor, id, first!.id, 3)).toBe(1);
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'First wording.', version: 4 });
    expect(ctx.repos.passageEvents.ofArticle(id)[0]).toMatchObject({ kind: 'restore', category: null, version: 4, beforeText: 'Second wording.', afterText: 'First wording.' });
    // A restore from a stale page is refused like any other change.
    await expect(restorePassage(ctx, actor, id, second!.id, 3)).rejects.toThrow(StaleEditError);
    await expect(restorePassage(ctx, actor, id, 9999, 4)).rejects.toThrow(NotFoundError);
    // Dismissing changes no text, so it is not a passage event.
    await dismissFinding(ctx, actor, id, open(ctx, id)[0]!.fingerprint, 'fine');
    expect(ctx.repos.passageEvents.ofArticle(id)).toHaveLength(4);
  });

  it('files each correction under the kind of error it fixes', async () => {
    const { ctx, id, actor } = await setup();
    const variant = open(ctx, id).find((f) => f.check === 'name-variants')!;
    await applyGroupSpelling(ctx, actor, id, variant.group!, 'Marchenko');
    const number = open(ctx, id).find((f) => f.check === 'number-format' && f.fix)!;
    await applyFinding(ctx, actor, id, number.fingerprint);
    await editPassage(ctx, actor, id, 1, 'A clearer sentence.', 1, 'fluency');
    const kinds = ctx.repos.passageEvents.ofArticle(id).map((e) => `${e.kind}:${e.category}`);
    expect(kinds).toContain('spelling:name');
    expect(kinds).toContain('fix:number');
    expect(kinds).toContain('edit:fluency');
    expect(articleHistory(ctx, id).byCategory.map(([c]) => c).sort()).toEqual(['fluency', 'name', 'number']);
    expect(() => parseCategory('grammar')).toThrow(ValidationError);
    expect(parseCategory('omission-addition')).toBe('omission-addition');
  });

  it('reports a finding that no longer exists as not found', async () => {
    const { ctx, id, actor } = await setup();
    await expect(applyFinding(ctx, actor, id, 'nope')).rejects.toThrow(NotFoundError);
    await expect(applyFinding(ctx, actor, 999, 'nope')).rejects.toThrow(NotFoundError);
  });
});

describe('listArticles', () => {
  it('filters by status, check and title, newest change first, paginated', async () => {
    const { ctx } = testContext();
    for (let i = 0; i < 55; i++) await importArticle(ctx, { text: `Plain report number ${i} about the weather.`, title: `Report ${i}` });
    const kiev = ((await importArticle(ctx, { text: 'The talks in Kiev ended.', title: 'Talks_100%' }))).id;

    const first = listArticles(ctx, {}, 1);
    expect(first).toMatchObject({ total: 56, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.id).toBe(kiev);
    expect(listArticles(ctx, {}, 9).page).toBe(2);

    expect(listArticles(ctx, { check: 'terms' }, 1).items.map((a) => a.id)).toEqual([kiev]);
    expect(listArticles(ctx, { titleContains: '_100%' }, 1).items.map((a) => a.id)).toEqual([kiev]);
    expect(listArticles(ctx, { titleContains: 'report 5' }, 1).total).toBe(6);
    expect(listArticles(ctx, { status: 'in_review' }, 1).total).toBe(0);

    await dismissCheck(ctx, testUser(ctx, 'editor'), kiev, 'terms');
    expect(listArticles(ctx, { check: 'terms' }, 1).total).toBe(0);
    expect(listArticles(ctx, { status: 'in_review' }, 1).items.map((a) => a.id)).toEqual([kiev]);
  });
});
