import type { AnalysedArticle } from '../text/analyse.js';
import { passageDeletions } from '../text/passage-deletions.js';
import type { Passage, Span } from '../text/segment.js';
import type { Check, Report, Suggestion, TextEdit } from './types.js';

// Shorter passages and sentences repeat legitimately ("He declined to comment.") or are
// captions, which the boilerplate check handles.
const MIN_WORDS = 8;
// The share of words that may change between near copies (similarity >= 0.9): one in ten.
const MAX_CHANGED_SHARE = 0.1;
// A paragraph whose adjacent word pairs are this much found in a longer earlier paragraph
// repeats it, e.g. a translator's re-run that glued two halves of one paragraph together.
const MIN_CONTAINED_SHARE = 0.9;
// Rounding slack, so that 10 × 0.1 allows one change and not 0.999….
const EPSILON = 1e-9;
// Near-copy candidates verified per unit, so a text of many alike lines stays near-linear.
const MAX_CANDIDATES = 32;
// Hashes below 2^30 are small integers, which Maps key fastest.
const SMALL_INTEGER = 0x3fffffff;

/** A passage or a sentence compared with the others. */
interface Unit extends Span {
  passage: Passage;
  /** The whole passage, as opposed to one of its sentences. */
  whole: boolean;
  /** Lower-cased words and numbers, each as a 30-bit hash. */
  words: number[];
}

type Repeat = { unit: Unit; first: Unit } & (
  | { kind: 'exact' }
  // changedWords is 0 when only punctuation, case or spacing differ.
  | { kind: 'near'; changedWords: number }
  // The unit's wording is nearly all inside the longer first copy.
  | { kind: 'contained' }
);

/**
 * How often the article's words occur, by word hash: rare words pick near-copy candidates.
 * Counted in a table indexed by hash bits; two words sharing a slot only blur their rarity.
 */
interface WordCounts {
  slots: Int32Array;
  mask: number;
}

export const duplicatePassage: Check = {
  id: 'duplicate-passage',
  description: 'A paragraph or sentence repeated word for word or nearly so; the later copy is flagged.',
  defaultSeverity: 'warning',
  itsType: 'duplication',
  run(article) {
    const { text, passages } = article;
    const passageUnits = passages.map((p): Unit => ({ start: p.start, end: p.end, passage: p, whole: true, words: wordHashes(text, p) }));
    const counts = countWords(passageUnits);
    const passageRepeats = findRepeats(text, passageUnits.filter(isLongEnough), counts, true);
    const repeats = passageRepeats.repeats.filter((r) => !isBoilerplate(article, r.unit));
    const repeatedPassages = new Set(repeats.map((r) => r.unit.passage.index));
    const sentenceUnits: Unit[] = [];
    for (const unit of passageUnits) {
      if (!repeatedPassages.has(unit.passage.index)) for (const sentence of sentenceUnitsOf(unit)) if (isLongEnough(sentence)) sentenceUnits.push(sentence);
    }
    for (const repeat of findRepeats(text, sentenceUnits, counts, false).repeats) {
      if (repeat.unit.whole && isBoilerplate(article, repeat.unit)) continue;
      repeats.push(repeat);
      repeatedPassages.add(repeat.unit.passage.index);
    }
    // A paragraph with an exact sentence repeat is reported for that rather than as contained.
    for (const repeat of passageRepeats.contained) {
      if (!repeatedPassages.has(repeat.unit.passage.index) && !isBoilerplate(article, repeat.unit)) repeats.push(repeat);
    }

    const wholeDeletions = passageDeletions(text, passages, repeats.filter((r) => r.unit.whole).map((r) => r.unit.passage.index));
    return repeats.map((repeat): Report => {
      const deletion = { ...(wholeDeletions.get(repeat.unit.passage.index) ?? sentenceDeletion(repeat.unit)), text: '' };
      const report: Report = { start: repeat.unit.start, end: repeat.unit.end, message: messageFor(repeat) };
      if (repeat.kind === 'exact') report.fix = deletion;
      else report.suggestions = choicesFor(article, repeat, deletion);
      return report;
    });
  },
};

function isLongEnough(unit: Unit): boolean {
  return unit.words.length >= MIN_WORDS;
}

/**
 * Each word of the passage hashed in lower case straight from the text: no string per word,
 * which matters at several megabytes a second. Words with equal hashes count as equal; at
 * 30 bits a false match is negligible, and an exact repeat is confirmed on the text itself.
 */
function wordHashes(text: string, passage: Passage): number[] {
  const hashes: number[] = [];
  for (const { start, end } of passage.tokens) {
    let hash = 0x811c9dc5;
    for (let at = start; at < end; at++) {
      let code = text.charCodeAt(at);
      if (code >= 65 && code <= 90) code += 32;
      else if (code > 127) code = text[at]!.toLowerCase().charCodeAt(0);
      hash = Math.imul(hash ^ code, 0x01000193);
    }
    hashes.push(hash & SMALL_INTEGER);
  }
  return hashes;
}

function countWords(units: readonly Unit[]): WordCounts {
  const total = units.reduce((sum, u) => sum + u.words.length, 0);
  const mask = 2 ** Math.ceil(Math.log2(total + 1)) - 1;
  const slots = new Int32Array(mask + 1);
  for (const unit of units) for (const word of unit.words) slots[word & mask]!++;
  return { slots, mask };
}

/** The sentences of a passage as units; a passage of one sentence stays one whole unit. */
function sentenceUnitsOf(unit: Unit): Unit[] {
  const { passage } = unit;
  if (passage.sentences.length < 2) return [unit];
  const units: Unit[] = [];
  let from = 0;
  for (const sentence of passage.sentences) {
    let to = from;
    while (to < passage.tokens.length && passage.tokens[to]!.end <= sentence.end) to++;
    units.push({ start: sentence.start, end: sentence.end, passage, whole: false, words: unit.words.slice(from, to) });
    from = to;
  }
  return units;
}

/** Finds copies of a unit among the earlier units, by the words they hold. */
interface CopyFinder {
  /**
   * The first of the earlier units holding one of the unit's `count` rarest shared words (found
   * elsewhere in the article) that `copyOf` accepts. When `count` exceeds the shared words the
   * unit may have that a copy lacks, one of them is in every copy (prefix filtering), and rare
   * words have short candidate lists.
   */
  find(index: number, count: number, copyOf: (first: Unit) => Repeat | undefined): Repeat | undefined;
  /** Makes the unit a candidate for the units after it. */
  add(index: number): void;
}

function copyFinder(units: readonly Unit[], counts: WordCounts): CopyFinder {
  const { slots: frequency, mask } = counts;
  // For each word slot, the units holding it as a linked list in typed arrays: a Map of
  // arrays costs more than the rest of the check. Words sharing a slot share a list, which
  // only adds candidates.
  const head = new Int32Array(mask + 1).fill(-1);
  const tail = new Int32Array(mask + 1).fill(-1);
  const capacity = units.reduce((sum, u) => sum + u.words.length, 0);
  const unitOf = new Int32Array(capacity);
  const next = new Int32Array(capacity);
  let entries = 0;
  const triedBy = new Int32Array(units.length).fill(-1);
  return {
    find(index, count, copyOf) {
      let tried = 0;
      // The earliest copy found is taken as the first: it is usually the original.
      for (const word of rarestShared(units[index]!.words, counts, count)) {
        for (let entry = head[word & mask]!; entry !== -1; entry = next[entry]!) {
          const candidate = unitOf[entry]!;
          if (triedBy[candidate] === index) continue;
          triedBy[candidate] = index;
          const repeat = copyOf(units[candidate]!);
          if (repeat || ++tried === MAX_CANDIDATES) return repeat;
        }
      }
      return undefined;
    },
    add(index) {
      for (const word of units[index]!.words) {
        const slot = word & mask;
        const last = tail[slot]!;
        // A word found nowhere else leads to no copy.
        if (frequency[slot]! < 2 || (last !== -1 && unitOf[last] === index)) continue;
        unitOf[entries] = index;
        next[entries] = -1;
        if (last === -1) head[slot] = entries;
        else next[last] = entries;
        tail[slot] = entries++;
      }
    },
  };
}

/**
 * The units that repeat an earlier one word for word (found by hashing) or nearly; with
 * `findContained`, also those whose wording is nearly all in a longer earlier unit.
 */
function findRepeats(text: string, units: readonly Unit[], counts: WordCounts, findContained: boolean): { repeats: Repeat[]; contained: Repeat[] } {
  const repeats: Repeat[] = [];
  const contained: Repeat[] = [];
  const byWords = new Map<number, number[]>();
  const earlier = copyFinder(units, counts);
  units.forEach((unit, index) => {
    const hash = hashWords(unit.words);
    const sameWords = byWords.get(hash);
    const same = sameWords?.find((i) => equalWords(units[i]!.words, unit.words));
    if (same !== undefined) {
      const first = units[same]!;
      const exact = normalisedText(text, first) === normalisedText(text, unit);
      repeats.push(exact ? { unit, first, kind: 'exact' } : { unit, first, kind: 'near', changedWords: 0 });
      return;
    }
    if (sameWords) sameWords.push(index);
    else byWords.set(hash, [index]);

    // Words found nowhere else in the article are in no copy: each one is a change.
    const unique = uniqueWords(unit.words, counts);
    // A near copy, possibly longer than this unit, differs by at most this many words; so a
    // unit with more unique words is no near copy of anything, nor anything of it.
    const changeable = Math.floor((unit.words.length * MAX_CHANGED_SHARE) / (1 - MAX_CHANGED_SHARE) + EPSILON);
    // A word missing from a containing copy breaks at least one word pair, and a broken pair
    // holds at most two such words.
    const missable = findContained ? Math.floor(2 * (unit.words.length - 1) * (1 - MIN_CONTAINED_SHARE) + EPSILON) : -1;
    const mayBeNear = unique <= changeable;
    const mayBeContained = unique <= missable;
    if (mayBeNear || mayBeContained) {
      let container: Unit | undefined;
      const lacking = Math.max(mayBeNear ? changeable : -1, mayBeContained ? missable : -1) - unique;
      const repeat = earlier.find(index, lacking + 1, (first) => {
        const limit = Math.floor(Math.max(first.words.length, unit.words.length) * MAX_CHANGED_SHARE + EPSILON);
        const changedWords = mayBeNear ? wordDistance(first.words, unit.words, limit) : limit + 1;
        if (changedWords <= limit) return { unit, first, kind: 'near', changedWords };
        if (mayBeContained && !container && first.words.length > unit.words.length && sharedPairShare(unit.words, first.words) >= MIN_CONTAINED_SHARE) {
          container = first;
        }
        return undefined;
      });
      if (repeat) repeats.push(repeat);
      else if (container) contained.push({ unit, first: container, kind: 'contained' });
    }
    if (mayBeNear || findContained) earlier.add(index);
  });
  return { repeats, contained };
}

function uniqueWords(words: readonly number[], counts: WordCounts): number {
  let unique = 0;
  for (const word of words) if (counts.slots[word & counts.mask]! < 2) unique++;
  return unique;
}

/** The share of the adjacent word pairs of `words` that also occur in `other`. */
function sharedPairShare(words: readonly number[], other: readonly number[]): number {
  const pairs = new Set<number>();
  for (let i = 1; i < other.length; i++) pairs.add(pairHash(other[i - 1]!, other[i]!));
  let shared = 0;
  for (let i = 1; i < words.length; i++) if (pairs.has(pairHash(words[i - 1]!, words[i]!))) shared++;
  return shared / (words.length - 1);
}

function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) & SMALL_INTEGER;
}

/**
 * The `wanted` rarest distinct words of a unit among those found elsewhere in the article
 * (ties by hash, so the order is the same for every unit).
 */
function rarestShared(words: readonly number[], counts: WordCounts, wanted: number): number[] {
  // Kept sorted by (frequency, hash); once full, most words fail the first comparison, so
  // this stays linear.
  const chosen: number[] = [];
  const frequencies: number[] = [];
  if (wanted <= 0) return chosen;
  const before = (f: number, w: number, k: number) => f < frequencies[k]! || (f === frequencies[k] && w < chosen[k]!);
  for (const word of words) {
    const frequency = counts.slots[word & counts.mask]!;
    if (frequency < 2 || (chosen.length === wanted && !before(frequency, word, wanted - 1))) continue;
    let at = chosen.length;
    while (at > 0 && before(frequency, word, at - 1)) at--;
    if (at > 0 && chosen[at - 1] === word) continue;
    if (chosen.length < wanted) {
      chosen.push(word);
      frequencies.push(frequency);
    }
    for (let k = chosen.length - 1; k > at; k--) {
      chosen[k] = chosen[k - 1]!;
      frequencies[k] = frequencies[k - 1]!;
    }
    chosen[at] = word;
    frequencies[at] = frequency;
  }
  return chosen;
}

function hashWords(words: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (const word of words) hash = Math.imul(hash ^ word, 0x01000193);
  // A collision only costs a comparison of the words.
  return hash & SMALL_INTEGER;
}

function equalWords(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

/** The unit's text with runs of whitespace collapsed: equal texts are exact repeats. */
function normalisedText(text: string, unit: Unit): string {
  return text.slice(unit.start, unit.end).replace(/\s+/g, ' ');
}

/** Word-level edit distance, computed only within `limit` of the diagonal; `limit + 1` when larger. */
function wordDistance(a: readonly number[], b: readonly number[], limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  let previous = new Int32Array(b.length + 1).fill(over);
  let current = new Int32Array(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from === 1 && i <= limit ? i : over;
    let rowMin = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1, over);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < b.length) current[to + 1] = over;
    if (rowMin >= over) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, over);
}

/** A repeated caption or disclaimer is scraping residue, reported by the boilerplate check. */
function isBoilerplate(article: AnalysedArticle, unit: Unit): boolean {
  return article.reference.boilerplate.some((rule) => rule.regex.test(unit.passage.text));
}

/** A sentence with the whitespace after it, or before it when it ends its paragraph. */
function sentenceDeletion(unit: Unit): Span {
  const sentences = unit.passage.sentences;
  const at = sentences.findIndex((s) => s.start === unit.start);
  const next = sentences[at + 1];
  return next ? { start: unit.start, end: next.start } : { start: sentences[at - 1]!.end, end: unit.end };
}

function messageFor(repeat: Repeat): string {
  const { unit, first } = repeat;
  const what = unit.whole ? 'paragraph' : 'sentence';
  const where =
    first.passage === unit.passage
      ? 'an earlier sentence of the same paragraph'
      : `${first.whole ? '' : 'a sentence in '}paragraph ${first.passage.index + 1}`;
  switch (repeat.kind) {
    case 'exact':
      return `This ${what} repeats ${where} word for word; the later copy can go.`;
    case 'contained':
      return `Nearly all of this ${what} is already in ${where}; check whether it adds anything, and delete it if not.`;
    case 'near': {
      const n = repeat.changedWords;
      const difference = n === 0 ? 'only punctuation, capitals or spacing differ' : `${n} word${n === 1 ? ' differs' : 's differ'}`;
      return `This ${what} nearly repeats ${where} (${difference}); check which copy is right and delete the other.`;
    }
  }
}

/** A near copy may be the better one, so a human chooses which goes; a contained one can only go itself. */
function choicesFor(article: AnalysedArticle, { unit, first, kind }: Repeat, deletion: TextEdit): Suggestion[] {
  const thisCopy = { label: `Delete this ${unit.whole ? 'paragraph' : 'sentence'}`, edit: deletion };
  if (kind !== 'near') return [thisCopy];
  const firstDeletion = first.whole ? passageDeletions(article.text, article.passages, [first.passage.index]).get(first.passage.index)! : sentenceDeletion(first);
  return [thisCopy, { label: `Delete the copy in paragraph ${first.passage.index + 1}`, edit: { ...firstDeletion, text: '' } }];
}
