import type { EstablishedName } from '../reference/index.js';
import { inCaseOf } from '../text/letter-case.js';
import { nameKey } from '../text/name-key.js';
import { properNamesOf } from '../text/proper-names.js';
import type { Check, Report } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Names the article spells otherwise than the archive's approved articles have established
 * (reference.archiveNames, worked out by src/services/names.ts): "Vitkoff" where forty approved
 * articles write "Witkoff", though the article itself is consistent. The termbase outranks the
 * archive: a spelling the termbase lists, or an established one it lists, is the terms check's.
 * The name-variants check leaves the spellings reported here to this check.
 */
export const archiveNames: Check = {
  id: 'archive-names',
  description: 'Proper names spelled otherwise than the approved articles of the archive have established (Vitkoff where the archive writes Witkoff).',
  // The archive is strong evidence, not a rule: a person confirms the fix.
  defaultSeverity: 'warning',
  itsType: 'inconsistency',
  category: 'name',
  run(article) {
    const established = article.reference.archiveNames;
    if (!established || established.size === 0) return [];
    const names = properNamesOf(article);
    const { termbase } = article.reference;
    const reports: Report[] = [];
    for (const { spelling, mentions } of names.spellings) {
      const archive = archiveSpellingOtherThan(spelling, established);
      if (!archive || termbase.entryFor(spelling) || termbase.entryFor(archive.spelling)) continue;
      const message = `${spelling}: the archive writes ${archive.spelling} (${archive.approvedArticles} approved articles, last on ${shortDate(archive.lastApproved)}).`;
      for (const mention of mentions) {
        if (!names.isName(mention)) continue;
        const written = article.text.slice(mention.start, mention.end);
        reports.push({
          start: mention.start,
          end: mention.end,
          message,
          fix: { start: mention.start, end: mention.end, text: inCaseOf(written, spelling, archive.spelling) },
          group: `archive-names:${archive.key}`,
          alternatives: [archive.spelling],
        });
      }
    }
    return reports;
  },
};

/** The archive's established spelling of the name a spelling writes, when it is another one (not merely in other letter case). */
export function archiveSpellingOtherThan(spelling: string, established: ReadonlyMap<string, EstablishedName>): EstablishedName | undefined {
  const archive = established.get(nameKey(spelling));
  return archive && archive.spelling.toLowerCase() !== spelling.toLowerCase() ? archive : undefined;
}

/** "2 Dec 2026", from an ISO 8601 time (UTC). */
function shortDate(iso: string): string {
  const date = new Date(iso);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
