import { inCaseOf } from '../text/letter-case.js';
import type { Check, Report } from './types.js';

// A whitespace-delimited chunk is a web address, an email address or a handle when it has a
// scheme, starts with "www." or "@", has "@" before a domain, or is a bare domain ("kiev.ua/news").
const WEB_ADDRESS = /:\/\/|^www\.|^@|@[\p{L}\p{N}-]+\.|^[\p{L}\p{N}.-]+\.[a-z]{2,}(?:[/:?#]|$)/u;
const CHUNK_PUNCTUATION = /^[("'“‘«<\[]+|[)"'”’»>\],.;:!?]+$/gu;
// How far to look for the ends of a chunk; a longer run without spaces is not prose anyway.
const CHUNK_REACH = 500;

export const terms: Check = {
  id: 'terms',
  description: 'Names and terms written in a form the house termbase disallows (Kiev, Kharkov, Odessa), fixed to the preferred form.',
  // The termbase disallows the form and its exceptions are kept: a certain slip, fixed safely.
  defaultSeverity: 'error',
  itsType: 'terminology',
  category: 'terminology',
  run(article) {
    const { text } = article;
    const reports: Report[] = [];
    const hits = article.passages.flatMap((passage) => article.reference.termbase.findVariants(text, passage.tokens));
    for (const { start, end, entry, variant } of hits) {
      // A disputed term has no house form yet: name-variants keeps an article to one of its forms.
      if (entry.disputed || insideWebAddress(text, start, end)) continue;
      const written = text.slice(start, end);
      const replacement = inCaseOf(written, variant, entry.preferred);
      const report: Report = {
        start,
        end,
        message: `Write "${replacement}", not "${written}" (house style).`,
        fix: { start, end, text: replacement },
        group: `terms:${entry.preferred.toLowerCase()}`,
        alternatives: [entry.preferred],
      };
      if (entry.note) report.note = entry.note;
      reports.push(report);
    }
    return reports;
  },
};

/** Whether the hit sits in a URL, an email address or a handle, which must not change. */
function insideWebAddress(text: string, start: number, end: number): boolean {
  let from = start;
  const fromLimit = Math.max(0, start - CHUNK_REACH);
  while (from > fromLimit && !isSpace(text.charCodeAt(from - 1))) from--;
  let to = end;
  const toLimit = Math.min(text.length, end + CHUNK_REACH);
  while (to < toLimit && !isSpace(text.charCodeAt(to))) to++;
  const chunk = text.slice(from, to);
  // Most hits are plain words with at most a comma or a full stop after them.
  if (!/[.@/]./u.test(chunk)) return false;
  return WEB_ADDRESS.test(chunk.replace(CHUNK_PUNCTUATION, ''));
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x202f || (code >= 0x2000 && code <= 0x200b) || code === 0x3000;
}
