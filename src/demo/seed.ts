import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { noArticleYet } from '../services/articles.js';
import type { ServiceContext } from '../services/context.js';
import { importArticle } from '../services/import.js';

export const DEMO_ARTICLE_FILE = fileURLToPath(new URL('../../src/demo/demo-article.txt', import.meta.url));

/** Imports the demo article when the database holds no article, so a newcomer sees flags at once. */
export async function seedDemoArticle(ctx: ServiceContext): Promise<number | undefined> {
  if (!noArticleYet(ctx)) return undefined;
  const text = readFileSync(DEMO_ARTICLE_FILE, 'utf8');
  return (await importArticle(ctx, { text, targetLang: 'en' })).id;
}
