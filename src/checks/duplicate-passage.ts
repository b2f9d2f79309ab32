import type { AnalysedArticle } from '../text/analyse.js';
import { passageDeletions } from '../text/passage-deletions.js';
import type { Passage, Span } from '../text/segment.js';
import type { Check, Report, Suggestion, TextEdit } from './types.js';

// Shorter passages and sentences repeat legitimately ("He declined to comment.") or are
// captions, which the boilerplate check handles.
const MIN_WORDS = 8;
// The share of words that may change between near copies (similarity >= 0.9): one in ten.
const MAX_CHANGED_SHARE = 0.1;
// However long the units, near copies differ by at most this many words, and a unit with more
// words found nowhere else repeats nothing: comparing two copies then costs their length times
// this, not their length squared (a 5,000-word loop of "the the the" and its copy, say).
const MAX_CHANGED_WORDS = 40;
// A paragraph whose adjacent word pairs are this much found in a longer earlier paragraph
// repeats it, e.g. a translator's re-run that glued two halves of one paragraph together.
const MIN_CONTAINED_SHARE = 0.9;
// Rounding slack, so that 10 × 0.1 allows one change and not 0.999….
const EPSILON = 1e-9;
// Near-copy candidates verified per unit, so a text of many alike lines stays near-linear.
const MAX_CANDIDATES = 32;
// Hashes are cut to 30 bits, small integers for V8.
const SMALL_INTEGER = 0x3fffffff;

/** A passage or a sentence compared with the others. */
interface Unit extends Span {
  passage: Passage;
  /** The whole passage, as opposed to one of its sentences. */
  whole: boolean;
  /** Its words: `from` up to `to` in the article's words (a range, so no array per unit). */
  from: number;
  to: number;
  /** The hashes of its adjacent word pairs, once it has been asked whether it holds a shorter unit. */
  pairs?: Set<number>;
}

type Repeat = { unit: Unit; first: Unit } & (
  | { kind: 'exact' }
  // changedWords is 0 when only punctuation, case or spacing differ.
  | { kind: 'near'; changedWords: number }
  // The unit's wording is nearly all inside the longer first copy.
  | { kind: 'contained' }
);

/**
 * The article's words and numbers, lower-cased, each as a 30-bit hash in text order, and how
 * often they occur: rare words pick near-copy candidates. Counted in a table indexed by hash
 * bits; two words sharing a slot only blur their rarity.
 */
interface Words {
  hashes: Int32Array;
  /** For each sentence of the article, in order, the index of the word after its last. */
  sentenceEnds: Int32Array;
  slots: Int32Array;
  mask: number;
  /**
   * How many of the words before each are found nowhere else (one more entry than words), so
   * that a unit's count is a subtraction: each word is in a passage unit and a sentence unit.
   */
  uniqueBefore: Int32Array;
  /** Room for the copy finder and the units by their words, for passages and then sentences. */
  finder: FinderTables;
  byWords: UnitsByWords;
}

/**
 * The units by the hash of their words, as an open-addressing table in typed arrays (a Map
 * costs more, at a look-up per unit): each slot holds the first unit with a hash (plus one, so
 * that zero is free), and each unit the next unit with the same hash.
 */
interface UnitsByWords {
  firstWithHash: Int32Array;
  hashOf: Int32Array;
  nextWithHash: Int32Array;
}

/**
 * For each word slot, the units holding it as a linked list in typed arrays: a Map of arrays
 * costs more than the rest of the check. Words sharing a slot share a list, which only adds
 * candidates.
 */
interface FinderTables {
  head: Int32Array;
  tail: Int32Array;
  unitOf: Int32Array;
  next: Int32Array;
  /** The unit that last tried each unit as a copy. */
  triedBy: Int32Array;
}

export const duplicatePassage: Check = {
  id: 'duplicate-passage',
  description: 'A paragraph or sentence repeated word for word or nearly so; the later copy is flagged.',
  defaultSeverity: 'warning',
  itsType: 'duplication',
  category: 'omission-addition',
  run(article) {
    const { text, passages } = article;
    const words = readWords(text, passages);
    const passageUnits: Unit[] = [];
    let from = 0;
    for (const passage of passages) {
      const to = from + passage.tokens.length;
      passageUnits.push({ start: passage.start, end: passage.end, passage, whole: true, from, to });
      from = to;
    }
    const passageRepeats = findRepeats(text, passageUnits.filter(isLongEnough), words, true);
    const repeats = passageRepeats.repeats.filter((r) => !isBoilerplate(article, r.unit));
    const repeatedPassages = new Set(repeats.map((r) => r.unit.passage.index));
    const sentenceUnits: Unit[] = [];
    let firstSentence = 0;
    for (const unit of passageUnits) {
      if (!repeatedPassages.has(unit.passage.index)) {
        for (const sentence of sentenceUnitsOf(unit, words, firstSentence)) if (isLongEnough(sentence)) sentenceUnits.push(sentence);
      }
      firstSentence += unit.passage.sentences.length;
    }
    for (const repeat of findRepeats(text, sentenceUnits, words, false).repeats) {
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
      if (repeat.kind === 'exact') {
        // A long enough passage or sentence repeated word for word is certainly a slip.
        report.fix = deletion;
        report.severity = 'error';
      }
      else report.suggestions = choicesFor(article, repeat, deletion);
      return report;
    });
  },
};

function wordCount(unit: Unit): number {
  return unit.to - unit.from;
}

function isLongEnough(unit: Unit): boolean {
  return wordCount(unit) >= MIN_WORDS;
}

/**
 * Each word of the article hashed in lower case straight from the text: no string per word,
 * which matters at several megabytes a second. Words with equal hashes count as equal; at
 * 30 bits a false match is negligible, and an exact repeat is confirmed on the text itself.
 */
function readWords(text: string, passages: readonly Passage[]): Words {
  let total = 0;
  let sentences = 0;
  for (const passage of passages) {
    total += passage.tokens.length;
    sentences += passage.sentences.length;
  }
  // Units to find copies among: the passages, then sentences (a passage of one sentence is one).
  const units = Math.max(passages.length, sentences);
  const mask = 2 ** Math.ceil(Math.log2(total + 1)) - 1;
  const t = int32Tables({
    hashes: total,
    sentenceEnds: sentences,
    slots: mask + 1,
    uniqueBefore: total + 1,
    head: mask + 1,
    tail: mask + 1,
    unitOf: total,
    next: total,
    triedBy: units,
    firstWithHash: 2 ** Math.ceil(Math.log2(2 * units + 1)),
    hashOf: units,
    nextWithHash: units,
  });
  const { hashes, sentenceEnds, slots, uniqueBefore } = t;
  const words: Words = {
    hashes,
    sentenceEnds,
    slots,
    mask,
    uniqueBefore,
    finder: { head: t.head, tail: t.tail, unitOf: t.unitOf, next: t.next, triedBy: t.triedBy },
    byWords: { firstWithHash: t.firstWithHash, hashOf: t.hashOf, nextWithHash: t.nextWithHash },
  };
  let n = 0;
  let firstSentence = 0;
  for (const passage of passages) {
    const { tokens, sentences: passageSentences } = passage;
    // A sentence ends before the first word that ends after it (a sentence may hold none).
    let sentence = 0;
    for (let k = 0; k < tokens.length; k++) {
      const { start, end } = tokens[k]!;
      while (sentence < passageSentences.length && end > passageSentences[sentence]!.end) sentenceEnds[firstSentence + sentence++] = n;
      let hash = 0x811c9dc5;
      for (let at = start; at < end; at++) {
        let code = text.charCodeAt(at);
        if (code >= 65 && code <= 90) code += 32;
        else if (code > 127) code = text[at]!.toLowerCase().charCodeAt(0);
        hash = Math.imul(hash ^ code, 0x01000193);
      }
      hash &= SMALL_INTEGER;
      hashes[n++] = hash;
      slots[hash & mask]!++;
    }
    while (sentence < passageSentences.length) sentenceEnds[firstSentence + sentence++] = n;
    firstSentence += passageSentences.length;
  }
  let unique = 0;
  for (let i = 0; i < total; i++) {
    if (slots[hashes[i]! & mask]! < 2) unique++;
    uniqueBefore[i + 1] = unique;
  }
  return words;
}

/** Typed arrays of the given lengths, cut from one: allocating a typed array costs more than filling it. */
function int32Tables<K extends string>(lengths: Record<K, number>): Record<K, Int32Array> {
  const table = new Int32Array(Object.values<number>(lengths).reduce((sum, length) => sum + length, 0));
  const tables = {} as Record<K, Int32Array>;
  let cut = 0;
  for (const key in lengths) tables[key] = table.subarray(cut, (cut += lengths[key]));
  return tables;
}

/**
 * The sentences of a passage as units, `firstSentence` being the index of its first among the
 * article's; a passage of one sentence stays one whole unit.
 */
function sentenceUnitsOf(unit: Unit, { sentenceEnds }: Words, firstSentence: number): Unit[] {
  const { passage } = unit;
  if (passage.sentences.length < 2) return [unit];
  let from = unit.from;
  return passage.sentences.map((sentence, i): Unit => {
    const to = sentenceEnds[firstSentence + i]!;
    const sentenceUnit: Unit = { start: sentence.start, end: sentence.end, passage, whole: false, from, to };
    from = to;
    return sentenceUnit;
  });
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

function copyFinder(units: readonly Unit[], words: Words): CopyFinder {
  const { hashes, slots: frequency, mask } = words;
  const { head, tail, unitOf, next, triedBy } = words.finder;
  head.fill(-1);
  tail.fill(-1);
  triedBy.fill(-1, 0, units.length);
  let entries = 0;
  return {
    find(index, count, copyOf) {
      let tried = 0;
      // The earliest copy found is taken as the first: it is usually the original.
      for (const word of rarestShared(units[index]!, words, count)) {
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
      const { from, to } = units[index]!;
      for (let i = from; i < to; i++) {
        const slot = hashes[i]! & mask;
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
function findRepeats(text: string, units: readonly Unit[], words: Words, findContained: boolean): { repeats: Repeat[]; contained: Repeat[] } {
  const repeats: Repeat[] = [];
  const contained: Repeat[] = [];
  const { firstWithHash, hashOf, nextWithHash } = words.byWords;
  firstWithHash.fill(0);
  const slotMask = firstWithHash.length - 1;
  const earlier = copyFinder(units, words);
  units.forEach((unit, index) => {
    const hash = hashWords(words, unit);
    let slot = hash & slotMask;
    while (firstWithHash[slot] !== 0 && hashOf[firstWithHash[slot]! - 1] !== hash) slot = (slot + 1) & slotMask;
    // The earlier units with the same hash, in order: the first with the same words is copied.
    let same = -1;
    let last = -1;
    for (let i = firstWithHash[slot]! - 1; i !== -1; i = nextWithHash[i]!) {
      if (equalWords(words.hashes, units[i]!, unit)) {
        same = i;
        break;
      }
      last = i;
    }
    if (same !== -1) {
      const first = units[same]!;
      const exact = normalisedText(text, first) === normalisedText(text, unit);
      repeats.push(exact ? { unit, first, kind: 'exact' } : { unit, first, kind: 'near', changedWords: 0 });
      return;
    }
    hashOf[index] = hash;
    nextWithHash[index] = -1;
    if (last === -1) firstWithHash[slot] = index + 1;
    else nextWithHash[last] = index;

    const length = wordCount(unit);
    // Words found nowhere else in the article are in no copy: each one is a change.
    const unique = words.uniqueBefore[unit.to]! - words.uniqueBefore[unit.from]!;
    // A near copy, possibly longer than this unit, differs by at most this many words; so a
    // unit with more unique words is no near copy of anything, nor anything of it.
    const changeable = Math.min(Math.floor((length * MAX_CHANGED_SHARE) / (1 - MAX_CHANGED_SHARE) + EPSILON), MAX_CHANGED_WORDS);
    // A word missing from a containing copy breaks at least one word pair, and a broken pair
    // holds at most two such words.
    const missable = findContained ? Math.min(Math.floor(2 * (length - 1) * (1 - MIN_CONTAINED_SHARE) + EPSILON), MAX_CHANGED_WORDS) : -1;
    const mayBeNear = unique <= changeable;
    const mayBeContained = unique <= missable;
    if (mayBeNear || mayBeContained) {
      let container: Unit | undefined;
      const lacking = Math.max(mayBeNear ? changeable : -1, mayBeContained ? missable : -1) - unique;
      const repeat = earlier.find(index, lacking + 1, (first) => {
        const limit = Math.min(Math.floor(Math.max(wordCount(first), length) * MAX_CHANGED_SHARE + EPSILON), MAX_CHANGED_WORDS);
        const changedWords = mayBeNear ? wordDistance(words.hashes, first, unit, limit) : limit + 1;
        if (changedWords <= limit) return { unit, first, kind: 'near', changedWords };
        if (mayBeContained && !container && wordCount(first) > length && holdsNearlyAllPairs(words.hashes, first, unit)) {
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

/**
 * Whether `other` holds nearly all (MIN_CONTAINED_SHARE) of the adjacent word pairs of `unit`.
 * Most units asked about are no part of `other`, and a few pairs missing settle that. The pairs
 * of `other` are gathered once: many short units may each be part of one long one.
 */
function holdsNearlyAllPairs(hashes: Int32Array, other: Unit, unit: Unit): boolean {
  if (!other.pairs) {
    other.pairs = new Set();
    for (let i = other.from + 1; i < other.to; i++) other.pairs.add(pairHash(hashes[i - 1]!, hashes[i]!));
  }
  const pairs = wordCount(unit) - 1;
  let missing = 0;
  for (let i = unit.from + 1; i < unit.to; i++) {
    if (other.pairs.has(pairHash(hashes[i - 1]!, hashes[i]!))) continue;
    missing++;
    // The share only falls from here.
    if ((pairs - missing) / pairs < MIN_CONTAINED_SHARE) return false;
  }
  return (pairs - missing) / pairs >= MIN_CONTAINED_SHARE;
}

function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) & SMALL_INTEGER;
}

/**
 * The `wanted` rarest distinct words of a unit among those found elsewhere in the article
 * (ties by hash, so the order is the same for every unit).
 */
function rarestShared({ from, to }: Unit, { hashes, slots, mask }: Words, wanted: number): number[] {
  // Kept sorted by (frequency, hash); once full, most words fail the first comparison, so
  // this stays linear.
  const chosen: number[] = [];
  const frequencies: number[] = [];
  if (wanted <= 0) return chosen;
  const before = (f: number, w: number, k: number) => f < frequencies[k]! || (f === frequencies[k] && w < chosen[k]!);
  for (let i = from; i < to; i++) {
    const word = hashes[i]!;
    const frequency = slots[word & mask]!;
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

function hashWords({ hashes }: Words, { from, to }: Unit): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ hashes[i]!, 0x01000193);
  // A collision only costs a comparison of the words.
  return hash & SMALL_INTEGER;
}

function equalWords(hashes: Int32Array, a: Unit, b: Unit): boolean {
  if (wordCount(a) !== wordCount(b)) return false;
  for (let i = 0; i < wordCount(a); i++) if (hashes[a.from + i] !== hashes[b.from + i]) return false;
  return true;
}

/** The unit's text with runs of whitespace collapsed: equal texts are exact repeats. */
function normalisedText(text: string, unit: Unit): string {
  return text.slice(unit.start, unit.end).replace(/\s+/g, ' ');
}

/** Word-level edit distance, computed only within `limit` of the diagonal; `limit + 1` when larger. */
function wordDistance(hashes: Int32Array, first: Unit, unit: Unit, limit: number): number {
  const over = limit + 1;
  const a = first.from;
  const b = unit.from;
  const aLength = wordCount(first);
  const bLength = wordCount(unit);
  if (Math.abs(aLength - bLength) > limit) return over;
  let previous = new Int32Array(bLength + 1).fill(over);
  let current = new Int32Array(bLength + 1).fill(over);
  for (let j = 0; j <= Math.min(bLength, limit); j++) previous[j] = j;
  for (let i = 1; i <= aLength; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(bLength, i + limit);
    current[from - 1] = from === 1 && i <= limit ? i : over;
    let rowMin = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const substitution = previous[j - 1]! + (hashes[a + i - 1] === hashes[b + j - 1] ? 0 : 1);
      const value = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1, over);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < bLength) current[to + 1] = over;
    if (rowMin >= over) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[bLength]!, over);
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
