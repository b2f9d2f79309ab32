import { describe, expect, it } from 'vitest';
import { createTermbase, type Termbase } from '../../src/reference/termbase.js';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { backfillCorrectionReplacements, correctionReplacements, oftenDismissed, suggestedTerms, termSuggestions } from '../../src/services/learning.js';
import { decideProposals, dismissFinding, editPassage, revertPassage } from '../../src/services/review.js';
import { reference, testContext, testUser } from '../helpers/app.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const ARTICLE = ['Envoy meets the delegation', 'Envoy Vitkoff met the delegation in Geneva on Tuesday to discuss the grain corridor.', 'The meeting lasted three hours.'].join('\n\n');

/** Imports the article and has `role` replace `from` with `to` in its second passage; returns the article's id. */
async function corrected(ctx: ServiceContext, role: 'editor' | 'translator', from: string, to: string, text = ARTICLE): Promise<number> {
  const { id } = await importArticle(ctx, { text });
  const passage = ctx.repos.passages.ofArticle(id)[1]!;
  await editPassage(ctx, testUser(ctx, role), id, 1, passage.correctedText.replace(from, to), passage.version, 'name');
  return id;
}

const { termbase } = reference;

/** The services with the termbase changed, as an editor's change of it leaves them. */
const withTermbase = (ctx: ServiceContext, changed: Termbase): ServiceContext => ({ ...ctx, reference: { ...ctx.reference, termbase: changed } });

describe('correctionReplacements', () => {
  const cases: [string, string, string, [string, string][]][] = [
    ['a respelled name', 'Envoy Vitkoff met them.', 'Envoy Witkoff met them.', [['Vitkoff', 'Witkoff']]],
    ['two words on each side', 'They reached Krivoy Rog by noon.', 'They reached Kryvyi Rih by noon.', [['Krivoy Rog', 'Kryvyi Rih']]],
    ['a possessive both sides share, taken off', "Vitkoff's visit ended.", "Witkoff's visit ended.", [['Vitkoff', 'Witkoff']]],
    ['each replacement of a passage once', 'Vitkoff came, and Vitkoff left.', 'Witkoff came, and Witkoff left.', [['Vitkoff', 'Witkoff']]],
    ['no words added alone', 'The envoy met them.', 'The special envoy met them.', []],
    ['no words deleted alone', 'The special envoy met them.', 'The envoy met them.', []],
    ['no change of case alone', 'They met in kyiv today.', 'They met in Kyiv today.', []],
    ['no numbers', 'It carried 700.000 tonnes of grain.', 'It carried 700,000 tonnes of grain.', []],
    ['no punctuation', 'They met in Kiev, then left.', 'They met in Kyiv. Then left.', []],
    ['no span of four words', 'They flew on to the old capital city yesterday.', 'They flew on to a port on the coast yesterday.', []],
    ['no pieces of a passage rewritten', 'Talks on the corridor resumed after a pause of weeks.', 'Negotiators restarted corridor discussions following several weeks.', []],
  ];
  it.each(cases)('%s', (_name, before, after, expected) => {
    expect(correctionReplacements(before, after).map((r) => [r.before, r.after])).toEqual(expected);
  });

  it('takes a short passage replaced whole', () => {
    expect(correctionReplacements('Vitkoff', 'Witkoff')).toEqual([{ before: 'Vitkoff', after: 'Witkoff' }]);
  });
});

describe('suggestedTerms', () => {
  it('suggests a hand correction approved in three articles, with its count', async () => {
    const { ctx } = testContext();
    for (let i = 0; i < 3; i++) await corrected(ctx, 'editor', 'Vitkoff', 'Witkoff');
    expect(suggestedTerms(ctx)).toEqual([{ variant: 'Vitkoff', preferred: 'Witkoff', articles: 3, existingTerm: null }]);
  });

  it('does not suggest one approved in two articles, however often', async () => {
    const { ctx } = testContext();
    const id = await corrected(ctx, 'editor', 'Vitkoff', 'Witkoff');
    await corrected(ctx, 'editor', 'Vitkoff', 'Witkoff');
    // The same replacement again in the first article: still two articles.
    const passage = ctx.repos.passages.ofArticle(id)[2]!;
    await editPassage(ctx, testUser(ctx, 'editor'), id, 2, `${passage.correctedText} Vitkoff left.`, passage.version, 'name');
    const again = ctx.repos.passages.ofArticle(id)[2]!;
    await editPassage(ctx, testUser(ctx, 'editor'), id, 2, again.correctedText.replace('Vitkoff', 'Witkoff'), again.version, 'name');
    expect(suggestedTerms(ctx)).toEqual([]);
  });

  it('counts a translator\'s proposals once an editor approves them, and never rejected ones', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await corrected(ctx, 'translator', 'Vitkoff', 'Witkoff'));
    expect(suggestedTerms(ctx)).toEqual([]);
    const pick = (id: number) => ({ articleId: id, idx: 1, version: ctx.repos.passages.ofArticle(id)[1]!.version });
    await decideProposals(ctx, editor, 'approve', [pick(ids[0]!), pick(ids[1]!)]);
    await decideProposals(ctx, editor, 'reject', [pick(ids[2]!)]);
    expect(suggestedTerms(ctx)).toEqual([]);
    await decideProposals(ctx, editor, 'approve', [pick(ids[3]!)]);
    expect(suggestedTerms(ctx).map((s) => [s.variant, s.articles])).toEqual([['Vitkoff', 3]]);
  });

  it('learns nothing from a revert', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    // Witkoff written by the AI, corrected to Vitkoff and reverted: the revert's Vitkoff → Witkoff is no correction.
    const text = ARTICLE.replace('Vitkoff', 'Witkoff');
    for (let i = 0; i < 3; i++) {
      const id = await corrected(ctx, 'editor', 'Witkoff', 'Vitkoff', text);
      await revertPassage(ctx, editor, id, 1, ctx.repos.passages.ofArticle(id)[1]!.version);
    }
    expect(suggestedTerms(ctx).map((s) => [s.variant, s.preferred])).toEqual([['Witkoff', 'Vitkoff']]);
  });

  it('leaves out a replacement the termbase already has a say on, and names the term a new variant belongs to', async () => {
    const { ctx } = testContext();
    for (let i = 0; i < 3; i++) {
      await corrected(ctx, 'editor', 'Kiev', 'Kyiv', ARTICLE.replace('Geneva', 'Kiev'));
      await corrected(ctx, 'editor', 'Geneva', 'Kharkov');
      await corrected(ctx, 'editor', 'Vitkoff', 'Witkoff');
      await corrected(ctx, 'editor', 'Kyjiw', 'Kyiv', ARTICLE.replace('Geneva', 'Kyjiw'));
    }
    // Kiev → Kyiv is a term; Geneva → Kharkov corrects to a variant the termbase refuses; Kyjiw is a new variant of Kyiv.
    expect(suggestedTerms(ctx).map((s) => [s.variant, s.preferred, s.articles, s.existingTerm])).toEqual([
      ['Kyjiw', 'Kyiv', 3, 'Kyiv'],
      ['Vitkoff', 'Witkoff', 3, null],
    ]);
    const withWitkoff = createTermbase([...termbase.entries, { preferred: 'Witkoff', variants: ['Vitkoff'], exceptions: [] }]);
    expect(suggestedTerms(withTermbase(ctx, withWitkoff)).map((s) => s.variant)).toEqual(['Kyjiw']);
  });
});

describe('oftenDismissed', () => {
  const KHARKOV = ['Trains return to Kharkov', 'The line to Kharkov reopened on Monday after repairs.'].join('\n\n');

  /** Imports an article and dismisses its terms finding on Kharkov in the second passage with this reason. */
  async function dismissed(ctx: ServiceContext, reason: string): Promise<number> {
    const { id } = await importArticle(ctx, { text: KHARKOV });
    const finding = ctx.repos.findings.ofArticle(id).find((f) => f.check === 'terms' && f.passageIdx === 1)!;
    await dismissFinding(ctx, testUser(ctx, 'translator'), id, finding.fingerprint, reason);
    return id;
  }

  it('lists a finding dismissed in three articles with its count, reasons and articles', async () => {
    const { ctx } = testContext();
    const ids = [await dismissed(ctx, 'A quotation'), await dismissed(ctx, 'Historical name'), await dismissed(ctx, 'A quotation')];
    const [listed, ...others] = oftenDismissed(ctx);
    expect(others).toEqual([]);
    expect(listed).toMatchObject({ check: 'terms', text: 'Kharkov', articles: 3, reasons: [{ reason: 'A quotation', count: 2 }, { reason: 'Historical name', count: 1 }] });
    expect(listed!.dismissedIn.map((a) => a.articleId)).toEqual(ids.reverse());
    expect(listed!.dismissedIn.every((a) => a.title === 'Trains return to Kharkov' && ctx.repos.findings.find(a.articleId, a.fingerprint)?.dismissed)).toBe(true);
  });

  it('does not list one dismissed in two articles and left standing in a third', async () => {
    const { ctx } = testContext();
    await dismissed(ctx, 'A quotation');
    await dismissed(ctx, 'A quotation');
    const { id } = await importArticle(ctx, { text: KHARKOV });
    expect(ctx.repos.findings.ofArticle(id).some((f) => f.text === 'Kharkov' && !f.dismissed)).toBe(true);
    expect(oftenDismissed(ctx)).toEqual([]);
  });

  it('leaves out a text the termbase now allows', async () => {
    const { ctx } = testContext();
    for (let i = 0; i < 3; i++) await dismissed(ctx, 'Historical name');
    const disputed = termbase.entries.map((e) => (e.preferred === 'Kharkiv' ? { ...e, disputed: true } : e));
    const preferred = termbase.entries.map((e) => (e.preferred === 'Kharkiv' ? { ...e, preferred: 'Kharkov', variants: ['Kharkiv'], exceptions: [] } : e));
    expect(oftenDismissed(ctx)).toHaveLength(1);
    expect(oftenDismissed(withTermbase(ctx, createTermbase(disputed)))).toEqual([]);
    expect(oftenDismissed(withTermbase(ctx, createTermbase(preferred)))).toEqual([]);
  });
});

describe('backfillCorrectionReplacements', () => {
  it('derives the replacements of corrections recorded before the table, once', async () => {
    const { db, ctx } = testContext();
    for (let i = 0; i < 3; i++) await corrected(ctx, 'editor', 'Vitkoff', 'Witkoff');
    // As a database migrated with these events already stored stands.
    db.exec('DELETE FROM correction_replacements; UPDATE correction_replacements_backfill SET through_event_id = (SELECT max(id) FROM passage_events)');
    expect(suggestedTerms(ctx)).toEqual([]);
    expect(await backfillCorrectionReplacements(ctx)).toBe(3);
    expect(suggestedTerms(ctx).map((s) => [s.variant, s.articles])).toEqual([['Vitkoff', 3]]);
    expect(await backfillCorrectionReplacements(ctx)).toBe(0);
    expect(suggestedTerms(ctx).map((s) => [s.variant, s.articles])).toEqual([['Vitkoff', 3]]);
  });
});

describe('the Terms page\'s lists', () => {
  /** An archive of `size` articles, each with two approved replacements and two dismissed findings, ten articles sharing each. */
  function archive(size: number): ServiceContext {
    const { db, ctx } = testContext();
    const user = testUser(ctx, 'editor');
    const article = db.prepare("INSERT INTO articles (title, created_at, updated_at) VALUES ('An article', '', '')");
    const event = db.prepare("INSERT INTO passage_events (article_id, passage_idx, version, user_id, kind, before_text, after_text, created_at) VALUES (?, 0, 2, ?, 'edit', '', '', '')");
    const finding = db.prepare("INSERT INTO findings (article_id, fingerprint, check_id, severity, its_type, message, start_offset, end_offset, text, dismissed) VALUES (?, ?, 'terms', 'error', 'terminology', '', 0, 1, ?, 1)");
    const dismissal = db.prepare("INSERT INTO dismissals (article_id, fingerprint, check_id, reason, created_at) VALUES (?, ?, 'terms', 'A quotation', '')");
    ctx.repos.transaction(() => {
      for (let i = 0; i < size; i++) {
        const articleId = Number(article.run().lastInsertRowid);
        for (const n of [i % (size / 10), size + (i % (size / 10))]) {
          const eventId = Number(event.run(articleId, user.id).lastInsertRowid);
          ctx.repos.learning.insertReplacements({ id: eventId, articleId, approved: true }, [{ before: `Name${n}a`, after: `Name${n}b` }]);
          finding.run(articleId, `f${n}`, `Word${n}`);
          dismissal.run(articleId, `f${n}`);
        }
      }
    });
    return ctx;
  }

  it('cost near-linear in the archive', () => {
    expect(suggestedTerms(archive(100))).toHaveLength(20);
    expect(growthOf(2000, archive, termSuggestions)).toBeLessThan(GROWTH_LIMIT);
  });
});
