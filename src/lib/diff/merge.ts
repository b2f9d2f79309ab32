import { diffArrays } from 'diff';
import { diffTokens } from './word-diff.js';

// The word diff's bound on edits: past it, two texts are too far apart to merge unseen. No time
// limit, unlike the word diff's display: a merge must not depend on how busy the machine is, and
// the bound keeps the cost linear in the passage's length times 400.
const MAX_EDIT_LENGTH = 400;

/** One change of a text against the base: base tokens [start, end) replaced by `tokens`. */
interface Hunk {
  start: number;
  end: number;
  tokens: string[];
}

/** The changes from base to text, in base order; undefined when the diff gave up. */
function hunks(base: readonly string[], text: readonly string[]): Hunk[] | undefined {
  const changes = diffArrays(base as string[], text as string[], { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return undefined;
  const result: Hunk[] = [];
  let position = 0;
  let open: Hunk | null = null;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (open) result.push(open);
      open = null;
      position += change.value.length;
      continue;
    }
    open ??= { start: position, end: position, tokens: [] };
    if (change.removed) {
      open.end += change.value.length;
      position += change.value.length;
    } else open.tokens.push(...change.value);
  }
  if (open) result.push(open);
  return result;
}

const sameHunk = (a: Hunk, b: Hunk) => a.start === b.start && a.end === b.end && a.tokens.join('') === b.tokens.join('');

/**
 * Touching counts as overlapping: two changes with no token between them (a word and the comma
 * after it, two insertions at one place) may belong together, so a person decides. Changes to
 * two words with a space between them do not touch.
 */
const overlap = (a: Hunk, b: Hunk) => a.start <= b.end && b.start <= a.end;

/**
 * Three-way merge of two texts made from one base, word by word (the tokens of the word diff):
 * when each side changed words the other left alone, the result has both sides' changes;
 * when their changes overlap or touch, it is undefined and a person has to merge. The same
 * change made on both sides is taken once.
 */
export function mergeWords(base: string, theirs: string, yours: string): string | undefined {
  const baseTokens = diffTokens(base);
  const ours = hunks(baseTokens, diffTokens(yours));
  const others = hunks(baseTokens, diffTokens(theirs));
  if (!ours || !others) return undefined;
  const merged: Hunk[] = [];
  // Both lists are in base order: walk them together, so the cost stays linear in the changes.
  let i = 0;
  let j = 0;
  while (i < ours.length || j < others.length) {
    const mine = ours[i];
    const other = others[j];
    if (mine && other && sameHunk(mine, other)) {
      merged.push(mine);
      i++;
      j++;
    } else if (mine && other && overlap(mine, other)) return undefined;
    else if (mine && (!other || mine.end < other.start)) merged.push(ours[i++]!);
    else merged.push(others[j++]!);
  }
  let text = '';
  let position = 0;
  for (const hunk of merged) {
    text += baseTokens.slice(position, hunk.start).join('') + hunk.tokens.join('');
    position = hunk.end;
  }
  return text + baseTokens.slice(position).join('');
}
