import { createHash } from 'node:crypto';

const CONTEXT_CHARS = 48;
const CONTEXT_WORDS = 3;
const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []) as string[];
}

/**
 * Identifies a finding by what it flags and the words around it, not by its offsets, so an
 * edit elsewhere in the article leaves it unchanged and a stored dismissal still applies.
 */
export function fingerprintOf(check: string, text: string, start: number, end: number): string {
  const flagged = text.slice(start, end).toLowerCase().replace(/\s+/g, ' ').trim();
  const before = words(text.slice(Math.max(0, start - CONTEXT_CHARS), start)).slice(-CONTEXT_WORDS);
  const after = words(text.slice(end, end + CONTEXT_CHARS)).slice(0, CONTEXT_WORDS);
  // Word fragments cut by the context window would make the key depend on distant edits.
  if (start - CONTEXT_CHARS > 0) before.shift();
  if (end + CONTEXT_CHARS < text.length) after.pop();
  return createHash('sha1')
    .update(`${check}\u0000${flagged}\u0000${before.join(' ')}\u0000${after.join(' ')}`)
    .digest('hex')
    .slice(0, 16);
}
