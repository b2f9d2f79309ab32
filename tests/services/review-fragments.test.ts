import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { importArticle } from '../../src/services/import.js';
import { reviewArticle } from '../../src/services/review-fragments.js';
import type { ArticleState } from '../../src/services/review-state.js';
import { dismissFinding, editPassage } from '../../src/services/review.js';
import type { ServiceContext } from '../../src/services/context.js';
import { fragmentHtml, testContext, testUser } from '../helpers/app.js';

const TEXT = 'Talks in Kiev went on.\n\nThe convoy left Odesa on Monday.\n\nNobody spoke after the talks.';

/** A context whose reviewer counts the states it reviews (each is a check and a rendering). */
async function setup() {
  const { db, ctx: plain } = testContext();
  const reviewed: ArticleState[] = [];
  const ctx: ServiceContext = { ...plain, reviewer: { ...plain.reviewer, review: (state) => (reviewed.push(state), plain.reviewer.review(state)) } };
  const { id } = await importArticle(ctx, { text: TEXT });
  reviewed.length = 0;
  return { db, ctx, id, reviewed };
}

async function page(ctx: ServiceContext, id: number) {
  const { fragments } = await reviewArticle(ctx, { role: 'editor' }, id);
  return { passages: fragmentHtml(fragments.passages), findings: fragmentHtml(fragments.findings) };
}

const versionOf = (db: Db, id: number) => db.prepare('SELECT content_version FROM articles WHERE id = ?').pluck().get(id) as number;

describe('stored review fragments', () => {
  it('are read as stored while nothing they show has changed, and stored again with the version a change leaves', async () => {
    const { ctx, id, reviewed } = await setup();
    await page(ctx, id);
    await page(ctx, id);
    expect(reviewed).toHaveLength(0);
    const kiev = ctx.repos.findings.ofArticle(id).find((f) => f.text === 'Kiev')!;
    await dismissFinding(ctx, testUser(ctx, 'translator'), id, kiev.fingerprint, 'A quotation');
    expect(reviewed).toHaveLength(1);
    expect((await page(ctx, id)).findings).toContain('Dismissed: A quotation');
    expect(reviewed).toHaveLength(1);
  });

  // Writes that go around the change service and never render the fragments: the database's
  // content version moves, so the page renders them again when it is next shown.
  const forgetfulWrites: [string, (ctx: ServiceContext, id: number) => void, (html: { passages: string; findings: string }) => void][] = [
    [
      'a passage corrected by a repository call',
      (ctx, id) => ctx.repos.passages.updateAll(id, [{ idx: 1, correctedText: 'The convoy left Odesa on Tuesday.', approvedText: 'The convoy left Odesa on Tuesday.', version: 2, needsReview: false }]),
      (html) => expect(html.passages).toMatch(/<ins><span class="visually-hidden">inserted: <\/span>Tuesday/),
    ],
    [
      'a comment inserted',
      (ctx, id) => ctx.repos.passageComments.insert({ articleId: id, passageIdx: 0, userId: testUser(ctx, 'translator').id, body: 'Kyiv?', now: ctx.now() }),
      (html) => expect(html.passages).toContain('1 comment</a>'),
    ],
    [
      'a dismissal saved',
      (ctx, id) => {
        const actionId = ctx.repos.dismissals.recordAction({ articleId: id, userId: testUser(ctx, 'editor').id, kind: 'dismiss', check: null, reason: 'Said in 1990', undoes: null, count: 1, now: ctx.now() });
        ctx.repos.dismissals.save(id, { fingerprint: ctx.repos.findings.ofArticle(id)[0]!.fingerprint, check: 'terms', reason: 'Said in 1990', actionId }, ctx.now());
      },
      (html) => expect(html.findings).toContain('Dismissed: Said in 1990'),
    ],
  ];

  it.each(forgetfulWrites)('show %s, though its writer did not render them', async (_name, write, shows) => {
    const { db, ctx, id, reviewed } = await setup();
    await page(ctx, id);
    const before = versionOf(db, id);
    write(ctx, id);
    expect(versionOf(db, id)).toBeGreaterThan(before);
    shows(await page(ctx, id));
    expect(reviewed).toHaveLength(1);
    // Rendered again once: the next read takes them as stored.
    await page(ctx, id);
    expect(reviewed).toHaveLength(1);
  });

  it('are kept per audience: the approve and reject forms only in the passages for people who may approve', async () => {
    const { ctx, id } = await setup();
    const translator = testUser(ctx, 'translator');
    await editPassage(ctx, translator, id, 1, 'The convoy left Odesa late on Monday.', 1, 'style');
    const forTranslator = await reviewArticle(ctx, { role: 'translator' }, id);
    const forEditor = await reviewArticle(ctx, { role: 'editor' }, id);
    expect(fragmentHtml(forTranslator.fragments.passages)).toContain('Proposed, waiting for an editor.');
    expect(fragmentHtml(forTranslator.fragments.passages)).not.toContain('/passages/1/approve');
    expect(fragmentHtml(forEditor.fragments.passages)).toContain(`action="/articles/${id}/passages/1/approve"`);
    // Each audience's passages count their own forms: the editor's two more (approve, reject).
    expect(forEditor.fragments.passages.forms).toBe(forTranslator.fragments.passages.forms + 2);
    expect(forTranslator.actions).toMatchObject({ submit: true, approve: false, sendBack: false, assignees: null });
    expect(forEditor.actions).toMatchObject({ submit: true, approve: false, sendBack: false, assignees: [expect.objectContaining({ name: 'translator' })] });
  });
});

describe('the content version', () => {
  it('is raised by the database at every insert, update and delete of what the fragments show', async () => {
    const { db, ctx, id } = await setup();
    const commenter = testUser(ctx, 'translator').id;
    const statements = [
      `INSERT INTO passages (article_id, idx, ai_text, corrected_text, approved_text) VALUES (${id}, 9, 'x', 'x', 'x')`,
      `UPDATE passages SET corrected_text = 'y' WHERE article_id = ${id} AND idx = 9`,
      `DELETE FROM passages WHERE article_id = ${id} AND idx = 9`,
      `UPDATE findings SET dismissed = 1 WHERE article_id = ${id}`,
      `DELETE FROM findings WHERE article_id = ${id}`,
      `INSERT INTO findings (article_id, fingerprint, check_id, severity, its_type, message, start_offset, end_offset, text) VALUES (${id}, 'f', 'terms', 'error', 'terminology', 'm', 0, 1, 'T')`,
      `INSERT INTO dismissals (article_id, fingerprint, check_id, reason, created_at) VALUES (${id}, 'f', 'terms', 'r', 'now')`,
      `UPDATE dismissals SET reason = 's' WHERE article_id = ${id}`,
      `DELETE FROM dismissals WHERE article_id = ${id}`,
      `INSERT INTO passage_comments (article_id, passage_idx, user_id, body, created_at) VALUES (${id}, 0, ${commenter}, 'b', 'now')`,
      `UPDATE passage_comments SET passage_idx = 1 WHERE article_id = ${id}`,
      `DELETE FROM passage_comments WHERE article_id = ${id}`,
      `UPDATE articles SET source_lang = 'uk' WHERE id = ${id}`,
      `UPDATE article_texts SET source_text = 'Переговори' WHERE article_id = ${id}`,
    ];
    for (const sql of statements) {
      const before = versionOf(db, id);
      db.exec(sql);
      expect(versionOf(db, id), sql).toBeGreaterThan(before);
    }
  });
});
