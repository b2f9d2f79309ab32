import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/connection.js';
import { createRepositories } from '../db/repositories/index.js';
import type { ReferenceData } from '../reference/index.js';
import { importArticle } from '../services/import.js';

export const DEMO_ARTICLE_FILE = fileURLToPath(new URL('../../src/demo/demo-article.txt', import.meta.url));

/** Imports the demo article when the database holds no article, so a newcomer sees flags at once. */
export function seedDemoArticle(db: Db, reference: ReferenceData): number | undefined {
  const repos = createRepositories(db);
  if (!repos.articles.isEmpty()) return undefined;
  const text = readFileSync(DEMO_ARTICLE_FILE, 'utf8');
  return importArticle({ repos, reference, now: () => new Date().toISOString() }, { text, targetLang: 'en' }).id;
}
