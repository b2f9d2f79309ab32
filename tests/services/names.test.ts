import { describe, expect, it, vi } from 'vitest';
import type { ReferenceUpdate } from '../../src/reference/index.js';
import { MIN_APPROVED_ARTICLES, MIN_SHARE_OF_USES, archiveNamesUpdate, establishedNames, nameGroup, nameGroups, startArchiveNamesRefresh } from '../../src/services/names.js';
import { rebuildNamesIndex } from '../../src/services/names-rebuild.js';
import { importArticle } from '../../src/services/import.js';
import { editPassage } from '../../src/services/review.js';
import type { ServiceContext } from '../../src/services/context.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { namesWorkers } from '../../src/services/names-workers.js';
import { contextOver, testContext, testUser } from '../helpers/app.js';

/** An article about an envoy, spelling him `spelling`. */
function envoyArticle(spelling: string, n: number): string {
  return `Talks resume in Geneva, round ${n}\n\nThe envoy ${spelling} arrived in Geneva on Monday for the round.\n\nDelegates said ${spelling} met both sides before noon.`;
}

async function approvedArticle(ctx: ServiceContext, text: string): Promise<number> {
  const { id } = await importArticle(ctx, { text });
  ctx.repos.articles.setStatus(id, 'approved', ctx.now());
  return id;
}

function archiveFindings(findings: { check: string; text: string; message: string; fix: { text: string } | null }[]) {
  return findings.filter((f) => f.check === 'archive-names').map((f) => ({ text: f.text, fix: f.fix?.text, message: f.message }));
}

describe('the names index', () => {
  it('holds each article’s names with their spellings and uses, kept up to date on every correction', async () => {
    const { ctx, db } = testContext();
    const { id } = await importArticle(ctx, { text: envoyArticle('Vitkoff', 1) });
    const rows = () => db.prepare('SELECT name_key AS key, spelling, uses FROM article_names WHERE article_id = ? ORDER BY spelling').all(id);
    expect(rows()).toContainEqual({ key: 'vitkof', spelling: 'Vitkoff', uses: 2 });
    expect(rows()).toContainEqual({ key: 'geneva', spelling: 'Geneva', uses: 2 });

    const editor = testUser(ctx, 'editor');
    await editPassage(ctx, { id: editor.id, role: 'editor' }, id, 1, 'The envoy Witkoff arrived in Geneva on Monday for the round.', 1, 'name');
    expect(rows()).toContainEqual({ key: 'vitkof', spelling: 'Vitkoff', uses: 1 });
    expect(rows()).toContainEqual({ key: 'vitkof', spelling: 'Witkoff', uses: 1 });
  });

  it('is rebuilt from scratch the same as it was kept', async () => {
    const { ctx, db } = testContext();
    for (const [i, spelling] of ['Witkoff', 'Vitkoff', 'Witkoff'].entries()) await importArticle(ctx, { text: envoyArticle(spelling, i) });
    const all = () => db.prepare('SELECT article_id, name_key, spelling, uses FROM article_names ORDER BY 1, 2, 3').all();
    const kept = all();
    // As migration 0020 leaves a database that had articles: no names, the index incomplete.
    db.prepare('DELETE FROM article_names').run();
    db.prepare('UPDATE names_index_state SET complete = 0').run();
    expect(ctx.repos.names.isComplete()).toBe(false);
    expect(await rebuildNamesIndex(ctx)).toEqual({ articles: 3, names: kept.length });
    expect(all()).toEqual(kept);
    expect(ctx.repos.names.isComplete()).toBe(true);
  });
});

describe('the names index read by a worker thread', () => {
  it('answers as this thread does, from its own connection to the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'names-reader-'));
    const db = openDatabase(join(dir, 'workbench.sqlite'));
    // Worker threads run compiled JavaScript: the one `npm test` builds into dist/ first.
    const workers = namesWorkers(1, join(dir, 'workbench.sqlite'), new URL('../../dist/services/names-worker.js', import.meta.url));
    try {
      migrate(db);
      const { ctx } = contextOver(db);
      for (const [i, spelling] of ['Witkoff', 'Vitkoff', 'Witkoff'].entries()) await importArticle(ctx, { text: envoyArticle(spelling, i) });
      const here = await nameGroups(ctx, { page: 1, contested: false });
      const there = await nameGroups({ ...ctx, archiveNames: workers.reader }, { page: 1, contested: false });
      expect(there).toEqual(here);
      expect(there.groups[0]).toMatchObject({ key: 'vitkof', contested: true });
      expect(await nameGroup({ ...ctx, archiveNames: workers.reader }, 'vitkof')).toEqual(await nameGroup(ctx, 'vitkof'));
    } finally {
      await workers.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the rebuild beside changes', () => {
  it('leaves an article that changed after its batch was read to what its change stored', async () => {
    const { ctx, db } = testContext();
    const ids: number[] = [];
    for (const [i, spelling] of ['Witkoff', 'Vitkoff'].entries()) ids.push((await importArticle(ctx, { text: envoyArticle(spelling, i) })).id);
    db.prepare('DELETE FROM article_names').run();
    // As if article 2 changed between the read of its batch and the store: its version read is an older one.
    const names = { ...ctx.repos.names, contentVersions: (first: number, last: number) => new Map([...ctx.repos.names.contentVersions(first, last)].map(([id, v]) => [id, id === ids[1] ? v - 1 : v])) };
    await rebuildNamesIndex({ ...ctx, repos: { ...ctx.repos, names } });
    const indexed = db.prepare('SELECT DISTINCT article_id FROM article_names').pluck().all();
    expect(indexed).toEqual([ids[0]]);
  });
});

describe('established spellings', () => {
  const spelling = (s: string, articles: number, uses: number) => ({ key: 'vitkof', spelling: s, articles, uses, lastApproved: '2026-12-02T10:00:00.000Z' });

  it(`need ${MIN_APPROVED_ARTICLES} approved articles and ${MIN_SHARE_OF_USES * 100} % of the uses`, () => {
    expect(establishedNames([spelling('Witkoff', 3, 8), spelling('Vitkoff', 1, 2)]).map((n) => n.spelling)).toEqual(['Witkoff']);
    expect(establishedNames([spelling('Witkoff', 2, 8)])).toEqual([]);
    expect(establishedNames([spelling('Witkoff', 3, 7), spelling('Vitkoff', 1, 2)])).toEqual([]);
  });
});

describe('the archive-names check against the archive', () => {
  it('flags a new article that spells a name otherwise than the approved archive, with the fix to its spelling', async () => {
    const { ctx } = testContext();
    for (let i = 0; i < 3; i++) await approvedArticle(ctx, envoyArticle('Witkoff', i));
    ctx.reviewer.update(archiveNamesUpdate(ctx));
    const { findings } = await importArticle(ctx, { text: envoyArticle('Vitkoff', 9) });
    expect(archiveFindings(findings)).toEqual([
      { text: 'Vitkoff', fix: 'Witkoff', message: 'Vitkoff: the archive writes Witkoff (3 approved articles, last on 1 Jan 2025).' },
      { text: 'Vitkoff', fix: 'Witkoff', message: 'Vitkoff: the archive writes Witkoff (3 approved articles, last on 1 Jan 2025).' },
    ]);
    // One check pulls the name one way: name-variants says nothing of it.
    expect(findings.filter((f) => f.check === 'name-variants')).toEqual([]);
  });

  it('gives no finding for an archive split 50/50, which the names list shows as contested', async () => {
    const { ctx } = testContext();
    for (let i = 0; i < 4; i++) await approvedArticle(ctx, envoyArticle(i % 2 ? 'Witkoff' : 'Vitkoff', i));
    ctx.reviewer.update(archiveNamesUpdate(ctx));
    const { findings } = await importArticle(ctx, { text: envoyArticle('Vitkoff', 9) });
    expect(archiveFindings(findings)).toEqual([]);

    const { groups } = await nameGroups(ctx, { page: 1, contested: true });
    expect(groups.map((g) => [g.key, g.spellings.map((s) => [s.spelling, s.articles])])).toEqual([
      ['vitkof', [['Vitkoff', 3], ['Witkoff', 2]]],
    ]);
    expect(groups[0]!.contested).toBe(true);
    const all = await nameGroups(ctx, { page: 1, contested: false });
    expect(all.groups[0]!.key).toBe('vitkof');
    expect(all.groups.find((g) => g.key === 'geneva')).toMatchObject({ contested: false, articles: 5, leadingShare: 1 });
    expect((await nameGroup(ctx, 'vitkof')).spellings.map((s) => [s.spelling, s.articlesWriting.length])).toEqual([
      ['Vitkoff', 3],
      ['Witkoff', 2],
    ]);
  });

  it('no longer counts an article sent back from approval', async () => {
    const { ctx } = testContext();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await approvedArticle(ctx, envoyArticle('Witkoff', i)));
    expect(archiveNamesUpdate(ctx).archiveNames!.map((n) => n.spelling)).toContain('Witkoff');
    ctx.repos.articles.setStatus(ids[0]!, 'in_review', ctx.now());
    expect(archiveNamesUpdate(ctx).archiveNames!.map((n) => n.spelling)).not.toContain('Witkoff');
  });
});

describe('the archive names refresh', () => {
  it('sends the established spellings to the reviewer at start and again once approvals change, once however many came', async () => {
    vi.useFakeTimers();
    try {
      const { ctx } = testContext();
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push((await importArticle(ctx, { text: envoyArticle('Witkoff', i) })).id);
      const updates: ReferenceUpdate[] = [];
      const refresh = startArchiveNamesRefresh({ ...ctx, reviewer: { ...ctx.reviewer, update: (u) => updates.push(u) } }, { intervalMs: 1000 });
      await vi.advanceTimersByTimeAsync(0);
      expect(updates.map((u) => u.archiveNames!.length)).toEqual([0]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(updates).toHaveLength(1);
      for (const id of ids.slice(0, 3)) ctx.repos.articles.setStatus(id, 'approved', ctx.now());
      await vi.advanceTimersByTimeAsync(1000);
      expect(updates.map((u) => u.archiveNames!.map((n) => n.spelling))).toEqual([[], expect.arrayContaining(['Witkoff', 'Geneva'])]);
      await vi.advanceTimersByTimeAsync(5000);
      expect(updates).toHaveLength(2);
      refresh.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
