import type { StoredFinding } from '../db/repositories/findings.js';
import { detectLanguage } from '../text/language.js';
import { checkArticle } from './check-article.js';
import type { ServiceContext } from './context.js';
import { ValidationError } from './errors.js';
import { splitPassages } from './passage-layout.js';
import { storeReviewFragments } from './review-fragments.js';

export interface ImportInput {
  text: string;
  title?: string | undefined;
  source?: string | undefined;
  /** Detected from the source text when not given. */
  sourceLang?: string | undefined;
  targetLang?: string | undefined;
}

export interface ImportResult {
  id: number;
  findings: StoredFinding[];
}

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

/** Stores an article with its passages and the findings of its first check, in one transaction. */
export function importArticle(ctx: ServiceContext, input: ImportInput): ImportResult {
  const aiText = normalise(input.text);
  if (aiText.trim() === '') throw new ValidationError('The article text is empty.');
  const targetLang = languageCode(input.targetLang, 'translation') ?? 'en';
  const givenSourceLang = languageCode(input.sourceLang, 'source');
  const sourceText = input.source !== undefined && input.source.trim() !== '' ? normalise(input.source) : null;
  const sourceLang = sourceText === null ? null : givenSourceLang || detectLanguage(sourceText) || null;
  const passages = splitPassages(aiText, sourceText);
  const { repos } = ctx;
  const id = repos.transaction(() => {
    const articleId = repos.articles.insert({ title: titleOf(input.title, aiText), targetLang, sourceLang, sourceText, aiText, now: ctx.now() });
    repos.passages.insertAll(articleId, passages);
    repos.findings.replace(articleId, checkArticle({ targetLang, sourceLang, sourceText }, passages, ctx.reference));
    repos.articles.recount(articleId);
    storeReviewFragments(ctx, { id: articleId, targetLang, sourceLang, sourceText }, passages.map((p) => ({ ...p, version: 1 })));
    return articleId;
  });
  return { id, findings: repos.findings.ofArticle(id) };
}
