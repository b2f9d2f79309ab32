import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { affectedArticles } from '../../src/services/recheck.js';
import { decideProposals, editPassage } from '../../src/services/review.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';
import { contextOver, testContext, testUser } from '../helpers/app.js';

async function imported(ctx: ServiceContext, text: string): Promise<number> {
  return (await importArticle(ctx, { text, targetLang: 'en' })).id;
}

/** Sets passage `idx` of the article to `text`, as the actor's edit. */
async function edit(ctx: ServiceContext, role: 'editor' | 'translator', id: number, idx: number, text: string): Promise<void> {
  const passage = ctx.repos.passages.find(id, idx)!;
  await editPassage(ctx, testUser(ctx, role), id, idx, text, passage.version, 'terminology');
}

describe('the word index of articles', () => {
  it('finds whole words and phrases, case-insensitive, possessives included, never a longer word', async () => {
    const { ctx } = testContext();
    const possessive = await imported(ctx, 'Notes from the front\n\nThe mayor of KIEV’s council spoke.');
    const plain = await imported(ctx, 'Another day\n\nTalks went on in Kiev, and in pro-Kiev circles.');
    const longer = await imported(ctx, 'History\n\nThe Kievan state and kievskiy prospekt.');
    const dish = await imported(ctx, 'Menus\n\nThe café served chicken Kiev on Fridays.');
    const reversed = await imported(ctx, 'Recipes\n\nKiev chicken, said the chef, is not the dish.');

    expect(affectedArticles(ctx, ['Kiev'])).toEqual([possessive, plain, dish, reversed]);
    expect(affectedArticles(ctx, ['kiev'])).toEqual([possessive, plain, dish, reversed]);
    expect(affectedArticles(ctx, ['Chicken Kiev'])).toEqual([dish]);
    expect(affectedArticles(ctx, ['Kievan', 'Fridays'])).toEqual([longer, dish]);
    // Diacritics are folded as case is: the index may find more than a check flags, never less.
    expect(affectedArticles(ctx, ['Cafe'])).toEqual([dish]);
    // A form is words to find, never query syntax: quotes and operators are words or nothing.
    expect(affectedArticles(ctx, ['"Kiev"s'])).toEqual([possessive]);
    expect(affectedArticles(ctx, ['Kie', 'NEAR', 'OR', '—', '*', ''])).toEqual([]);
    expect(affectedArticles(ctx, [])).toEqual([]);
  });

  it('holds the working text: proposals at once, edits and deleted passages as they are stored, the title too', async () => {
    const { ctx } = testContext();
    const id = await imported(ctx, 'Meeting in Odessa\n\nDelegates met in Kharkov on Monday.\n\nThe Dnepr was calm.');
    const other = await imported(ctx, 'Elsewhere\n\nNothing happened in Lviv.');
    expect(affectedArticles(ctx, ['Odessa'])).toEqual([id]);

    // A translator's proposal is in the working text before any editor approves it.
    await edit(ctx, 'translator', id, 1, 'Delegates met in Kharkiv on Monday.');
    expect(affectedArticles(ctx, ['Kharkov'])).toEqual([]);
    expect(affectedArticles(ctx, ['Kharkiv'])).toEqual([id]);
    // Rejected, it is gone from the working text again.
    const proposal = ctx.repos.passages.find(id, 1)!;
    await decideProposals(ctx, testUser(ctx, 'editor'), 'reject', [{ articleId: id, idx: 1, version: proposal.version }]);
    expect(affectedArticles(ctx, ['Kharkov'])).toEqual([id]);
    expect(affectedArticles(ctx, ['Kharkiv'])).toEqual([]);

    // A passage emptied is deleted: its words leave the index; the title is a passage like any.
    await edit(ctx, 'editor', id, 2, '');
    await edit(ctx, 'editor', id, 0, 'Meeting in Odesa');
    expect(affectedArticles(ctx, ['Dnepr', 'Odessa'])).toEqual([]);
    expect(affectedArticles(ctx, ['Odesa', 'Lviv'])).toEqual([id, other]);
  });

  it('follows a re-import of an article', async () => {
    const { ctx } = testContext();
    const { id } = await importArticle(ctx, { text: 'Report\n\nShelling near Zaporozhye.', externalId: 'cms-1' });
    await importArticle(ctx, { text: 'Report\n\nShelling near Zaporizhzhia.', externalId: 'cms-1' });
    expect(affectedArticles(ctx, ['Zaporozhye'])).toEqual([]);
    expect(affectedArticles(ctx, ['Zaporizhzhia'])).toEqual([id]);
  });

  it('is filled by its migration for the articles of an existing database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-migrations-'));
    for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < '0021')) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const db = openDatabase(':memory:');
    migrate(db, dir);
    // Raw SQL: the repositories' statements need the schema of every migration.
    db.exec(`INSERT INTO articles (id, title, target_lang, created_at, updated_at) VALUES (3, 'Old news', 'en', 'x', 'x'), (4, 'Other', 'en', 'x', 'x');
      INSERT INTO article_texts (article_id, ai_text) VALUES (3, 'Old news\nTalks in Kiev.'), (4, 'Other\nTalks in Lviv.');
      INSERT INTO passages (article_id, idx, ai_text, corrected_text, approved_text) VALUES
        (3, 0, 'Old news', 'Old news', 'Old news'), (3, 1, 'Talks in Kiev.', 'Talks in Kyiv''s centre.', 'Talks in Kiev.'),
        (4, 0, 'Other', 'Other', 'Other'), (4, 1, 'Talks in Lviv.', 'Talks in Lviv.', 'Talks in Lviv.');`);
    migrate(db);
    const { ctx } = contextOver(db);
    expect(affectedArticles(ctx, ['Kyiv'])).toEqual([3]);
    expect(affectedArticles(ctx, ['Kiev'])).toEqual([]);
    expect(affectedArticles(ctx, ['Lviv', 'Old news'])).toEqual([3, 4]);
  });

  it('answers a lookup in time that grows with the articles found, not with the archive', () => {
    /** An archive of `articles` short articles of which `naming` name the city. */
    const archive = (articles: number, naming: number): ServiceContext => {
      const { ctx } = testContext();
      ctx.repos.transaction(() => {
        for (let id = 1; id <= articles; id++) {
          const city = id % Math.floor(articles / naming) === 0 ? 'Kharkov' : 'Poltava';
          const text = `Report ${id}\nTalks in ${city} went on for a ${id}th day, officials said after the meeting.`;
          ctx.repos.articles.insert(id, { separateTitle: false, targetLang: 'en', sourceLang: null, sourceText: null, aiText: text, externalId: null, now: 'x' });
          ctx.repos.passages.insertAll(id, text.split('\n').map((line, idx) => ({ idx, gapBefore: idx === 0 ? '' : '\n', aiText: line, correctedText: line, sourceText: null })));
          ctx.repos.wordIndex.refresh(id);
        }
      });
      return ctx;
    };
    const lookup = (ctx: ServiceContext) => affectedArticles(ctx, ['Kharkov', 'Chicken Kiev']);
    expect(lookup(archive(2_000, 100))).toHaveLength(100);
    // One article in 20 names the city at either size: the lookup's work grows as its answer does.
    expect(growthOf(2_000, (articles) => archive(articles, articles / 20), lookup)).toBeLessThan(GROWTH_LIMIT);
    // 100 articles name it in an archive 4x as large: about the same work. Reading every article
    // would make this 4, as the archive grows; the index keeps it near 1.
    expect(growthOf(2_000, (articles) => archive(articles, 100), lookup)).toBeLessThan(2);
  });
});
