import { nameKey } from './name-key.js';
import { properNamesOf } from './proper-names.js';
import type { Passage } from './segment.js';

/** One spelling of a proper name in an article, as the archive's names index holds it. */
export interface ArticleName {
  /** The name's key (nameKey): every spelling of one name has the same. */
  key: string;
  spelling: string;
  /** How many times the article writes it. */
  uses: number;
}

/**
 * The proper names of an analysed article with their keys and counts of use: the candidates of
 * `readProperNames` that `isName` keeps, as the name-variants check reads them.
 */
export function articleNames(article: { text: string; passages: readonly Passage[] }): ArticleName[] {
  const names = properNamesOf(article);
  const found: ArticleName[] = [];
  for (const { spelling, mentions } of names.spellings) {
    let uses = 0;
    for (const mention of mentions) if (names.isName(mention)) uses++;
    if (uses > 0) found.push({ key: nameKey(spelling), spelling, uses });
  }
  return found;
}
