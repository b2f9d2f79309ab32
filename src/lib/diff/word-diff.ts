import { diffArrays } from 'diff';

export type DiffPartKind = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  kind: DiffPartKind;
  text: string;
}

export interface WordDiff {
  parts: DiffPart[];
  /** True when the diff gave up (too many edits or too slow) and shows the passage as replaced. */
  replaced: boolean;
}

// Bounds for one passage pair: a paragraph rewritten beyond this reads better as replaced.
const MAX_EDIT_LENGTH = 400;
const TIMEOUT_MS = 50;

/**
 * Splits text into diff tokens whose concatenation is the text: numbers with their digit-group
 * separators as one token ("1.000", "99,5"), words with inner apostrophes and hyphens
 * ("Kiev's", "Zaporizhzhia-based"), runs of whitespace, and single other characters.
 * Keeping a number or name whole makes "1.000" → "1,000" one change rather than three.
 */
export function diffTokens(text: string): string[] {
  return text.match(/\d+(?:[.,'\u00a0\u202f]\d+)*|[\p{L}\p{M}\d]+(?:['’-][\p{L}\p{M}\d]+)*|\s+|[^\s\p{L}\p{M}\d]/gu) ?? [];
}

/** The word diff of one passage pair, as data. */
export function wordDiff(before: string, after: string): WordDiff {
  if (before === after) return { parts: before ? [{ kind: 'equal', text: before }] : [], replaced: false };
  const changes = diffArrays(diffTokens(before), diffTokens(after), { maxEditLength: MAX_EDIT_LENGTH, timeout: TIMEOUT_MS });
  if (!changes) return { parts: replacedParts(before, after), replaced: true };
  const parts: DiffPart[] = changes.map((c) => ({
    kind: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value.join(''),
  }));
  return { parts: coalesce(parts), replaced: false };
}

function replacedParts(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  if (before) parts.push({ kind: 'delete', text: before });
  if (after) parts.push({ kind: 'insert', text: after });
  return parts;
}

/**
 * Folds a lone space between two changes into them, so "Kiev city" → "Kyiv town" reads as one
 * deletion and one insertion, and orders each run of changes deletions first.
 */
function coalesce(parts: readonly DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) merged.push({ kind: 'delete', text: deleted });
    if (inserted) merged.push({ kind: 'insert', text: inserted });
    deleted = inserted = '';
  };
  parts.forEach((part, i) => {
    const inRun = deleted !== '' || inserted !== '';
    const next = parts[i + 1];
    if (part.kind === 'equal' && inRun && next && next.kind !== 'equal' && /^\s+$/.test(part.text)) {
      deleted += part.text;
      inserted += part.text;
    } else if (part.kind === 'delete') deleted += part.text;
    else if (part.kind === 'insert') inserted += part.text;
    else {
      flush();
      merged.push(part);
    }
  });
  flush();
  return merged;
}
