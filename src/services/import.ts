import type { StoredFinding } from '../db/repositories/findings.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import { detectLanguage } from '../text/language.js';
import { checkArticle } from './check-article.js';
import type { Actor, ServiceContext } from './context.js';
import { ValidationError } from './errors.js';
import { carryOver, splitPassages } from './passage-layout.js';
import { storeReviewFragments } from './review-fragments.js';

export interface ImportInput {
  text: string;
  title?: string | undefined;
  source?: string | undefined;
  /** Detected from the source text when not given. */
  sourceLang?: string | undefined;
  targetLang?: string | undefined;
  /** The CMS's id for the article: importing it again updates the article instead of adding one. */
  externalId?: string | undefined;
  /** Who imports it, for the article's history; the command line has no one. */
  actor?: Actor | undefined;
}

export interface ImportResult {
  id: number;
  findings: StoredFinding[];
  /** False when the external id was known and the article was updated. */
  created: boolean;
}

const EXTERNAL_ID = /^[\w.:/-]{1,200}$/;

const MAX_TITLE = 200;

export const LANGUAGE_CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function languageCode(code: string | undefined, which: string): string | undefined {
  const trimmed = code?.trim();
  if (trimmed && !LANGUAGE_CODE.test(trimmed)) throw new ValidationError(`“${trimmed}” is not a ${which} language code such as en, uk or ru.`);
  return trimmed || undefined;
}

/** Line endings become \n: the web app stores and edits passages line by line. */
function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The given title, else the article's headline line, else its opening words. */
function titleOf(given: string | undefined, text: string): string {
  const title = given?.trim() || text.trim().split('\n', 1)[0]!.trim();
  return title.length <= MAX_TITLE ? title : `${title.slice(0, MAX_TITLE - 1)}…`;
}

/**
 * Stores an article with its passages and the findings of its first check, in one transaction;
 * or, for an external id already imported, updates that article: unchanged passages keep their
 * corrections, corrections of changed passages are kept and marked for re-review
 * (passage-layout.ts carryOver), comments and history follow their passages.
 */
export function importArticle(ctx: ServiceContext, input: ImportInput): ImportResult {
  const aiText = normalise(input.text);
  if (aiText.trim() === '') throw new ValidationError('The article text is empty.');
  const targetLang = languageCode(input.targetLang, 'translation') ?? 'en';
  const givenSourceLang = languageCode(input.sourceLang, 'source');
  const sourceText = input.source !== undefined && input.source.trim() !== '' ? normalise(input.source) : null;
  const sourceLang = sourceText === null ? null : givenSourceLang || detectLanguage(sourceText) || null;
  const externalId = input.externalId?.trim() || null;
  if (externalId !== null && !EXTERNAL_ID.test(externalId)) throw new ValidationError('An external id is 1 to 200 letters, digits and . _ : / -.');
  const fresh = splitPassages(aiText, sourceText);
  const article = { title: titleOf(input.title, aiText), targetLang, sourceLang, sourceText, aiText, now: ctx.now() };
  const { repos } = ctx;
  return repos.transaction(() => {
    const known = externalId === null ? undefined : repos.articles.idOfExternal(externalId);
    let id: number;
    let passages: StoredPassage[];
    if (known === undefined) {
      id = repos.articles.insert({ ...article, externalId });
      repos.passages.insertAll(id, fresh);
      passages = fresh.map((p) => ({ ...p, approvedText: p.correctedText, version: 1, needsReview: false }));
    } else {
      id = known;
      const carried = carryOver(repos.passages.ofArticle(id), fresh);
      passages = carried.passages;
      repos.articles.update(id, article);
      repos.passages.replaceAll(id, passages);
      repos.passageEvents.remap(id, carried.newIndex);
      repos.passageComments.remap(id, carried.newIndex);
      repos.articleEvents.insert({ articleId: id, userId: input.actor?.id ?? null, kind: 'reimported', comment: null, now: article.now });
    }
    repos.findings.replace(id, checkArticle({ targetLang, sourceLang, sourceText }, passages, ctx.reference, repos.dismissals.fingerprintsOf(id)));
    repos.articles.recount(id);
    const findings = repos.findings.ofArticle(id);
    storeReviewFragments(ctx, { id, targetLang, sourceLang, sourceText }, passages, findings);
    return { id, findings, created: known === undefined };
  });
}
