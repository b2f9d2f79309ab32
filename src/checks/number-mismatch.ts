import type { AnalysedArticle } from '../text/analyse.js';
import { findNumbers, formatNumber, numberConventions, spelledNumbers, type DecimalMark, type NumberToken } from '../text/numbers.js';
import { NearestMagnitude } from '../text/nearest-magnitude.js';
import type { Passage, Span } from '../text/segment.js';
import type { Check, Report } from './types.js';

/** A number of the original that the translation must contain, as one of `values`. */
interface Expected {
  token: NumberToken;
  /** As the original writes it, scale word included: "1,5 млн". */
  shown: string;
  /** Its value read in the source locale. */
  value: number;
  /** Every value that counts as the same number: both readings of "1.500", "1,5 млн" as 1.5 and 1500000. */
  values: number[];
}

// Values compare after rounding away floating-point noise (1.1 * 1e6 is 1100000.0000000002).
const keyOf = (value: number): number => (Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6);

const PM_AFTER = /^(?::[0-5]\d)?\s?p\.?\s?m\b/i;
const LIST_COUNTER_AFTER = /^[.)]\s/;

/** The values a number can stand for: its readings, the `preferred` one first, and each times its scale word ("1.5 million"). */
function valuesOf(token: NumberToken, preferred: DecimalMark = '.'): number[] {
  const first = token.readings[preferred];
  const second = token.readings[preferred === '.' ? ',' : '.'];
  const bases = [first, second].filter((v, i): v is number => v !== undefined && (i === 0 || v !== first));
  const scale = token.scale?.value;
  return scale ? bases.concat(bases.map((v) => v * scale)) : bases;
}

/** What of a source number the translation must show: pairs of its value and the values that count as it. */
function requiredValues(token: NumberToken, decimal: DecimalMark): [value: number, accepted: number[]][] {
  if (token.kind === 'quantity') {
    const values = valuesOf(token, decimal);
    return [[keyOf(values[0]! * (token.scale?.value ?? 1)), values]];
  }
  const [first, second, third] = token.runs.map(Number) as [number, number, number | undefined];
  if (token.kind === 'date') {
    // The month is often spelled out in the translation ("25 November"); day and year are not.
    const year: [number, number[]][] = third === undefined ? [] : [[third, token.runs[2]!.length === 2 ? [third, 2000 + third] : [third]]];
    return [[first, [first]], ...year];
  }
  if (token.kind === 'time') {
    const hour: [number, number[]] = [first, [first, first > 12 ? first - 12 : first + 12]];
    return second ? [hour, [second, [second]]] : [hour];
  }
  return token.runs.map((run) => [Number(run), [Number(run)]]);
}

function expectedNumbers(passage: Passage, text: string, lang: string): Expected[] {
  const decimal = numberConventions(lang).decimal;
  const expected: Expected[] = [];
  for (const token of findNumbers(passage.text, passage.start, lang)) {
    // Codes (versions, section numbers, IP addresses) are copied, not translated; "1." opening a list item may become a bullet.
    if (token.kind === 'code' || (token.start === passage.start && LIST_COUNTER_AFTER.test(text.slice(token.end, token.end + 2)))) continue;
    const shown = text.slice(token.start, token.scale?.end ?? token.end);
    for (const [value, values] of requiredValues(token, decimal)) expected.push({ token, shown, value, values });
  }
  return expected;
}

/** The values a target number stands for: every reading, and a few ways English writes a source number. */
function targetValuesOf(token: NumberToken, text: string): number[] {
  const values = valuesOf(token);
  if (token.kind !== 'quantity') values.push(...token.runs.map(Number));
  const whole = token.readings['.'] ?? token.readings[','];
  // "the 1990s" for "90-х", "2:30 p.m." for "14:30"
  if (whole !== undefined && token.suffix === 's' && whole >= 1900 && whole % 10 === 0) values.push(whole % 100);
  if (whole !== undefined && whole < 12 && PM_AFTER.test(text.slice(token.end, token.end + 9))) values.push(whole + 12);
  return values;
}

/** The index of the sentence of `passage` at `at`, or of its last: a binary search, as a passage may hold thousands. */
function sentenceIndex(passage: Passage, at: number): number {
  const { sentences } = passage;
  let index = 0;
  for (let hi = sentences.length; index < hi; ) {
    const mid = (index + hi) >> 1;
    if (at < sentences[mid]!.end) hi = mid;
    else index = mid + 1;
  }
  return Math.min(index, sentences.length - 1);
}

function sentenceAt(passage: Passage, at: number): Span {
  return passage.sentences[sentenceIndex(passage, at)] ?? passage;
}

/**
 * Where a dropped number belongs: with one passage on each side and as many sentences, the
 * target sentence of the same index; otherwise the target sentence at the same relative
 * position. A sentence is short enough to read at a glance and long enough to hold the slip.
 */
function omissionSpan(sources: readonly Passage[], targets: readonly Passage[], token: NumberToken): Span {
  const sourceIndex = sources.findIndex((p) => token.start < p.end);
  const source = sources[sourceIndex]!;
  if (sources.length === 1 && targets.length === 1 && source.sentences.length === targets[0]!.sentences.length) {
    return targets[0]!.sentences[sentenceIndex(source, token.start)] ?? targets[0]!;
  }
  const length = (passages: readonly Passage[]) => passages.reduce((sum, p) => sum + p.text.length, 0);
  const before = length(sources.slice(0, sourceIndex)) + token.start - source.start;
  let at = Math.floor((before / length(sources)) * length(targets));
  for (const target of targets) {
    if (at < target.text.length) return sentenceAt(target, target.start + at);
    at -= target.text.length;
  }
  const last = targets[targets.length - 1]!;
  return sentenceAt(last, last.end - 1);
}

function describe(expected: Expected): string {
  const value = String(expected.value);
  return value === expected.shown ? expected.shown : `${expected.shown} (${value})`;
}

function checkPair(article: AnalysedArticle, sources: readonly Passage[], targets: readonly Passage[]): Report[] {
  const source = article.source!;
  const expected = sources.flatMap((p) => expectedNumbers(p, source.text, source.lang));
  if (expected.length === 0) return [];
  const targetTokens = targets.flatMap((p) => findNumbers(p.text, p.start, article.lang));
  const targetValues = targetTokens.map((t) => targetValuesOf(t, article.text).map(keyOf));
  const present = new Set(targetValues.flat());
  const isPresent = (e: Expected) => e.values.some((v) => present.has(keyOf(v)));
  let missing = expected.filter((e) => !isPresent(e));
  if (missing.length && numberConventions(article.lang).locale.split('-')[0] === 'en') {
    // Spelled-out numbers ("ten percent" for "10 posto") are looked up only when digits fall short.
    for (const t of targets) for (const n of spelledNumbers(t.text, t.start)) present.add(keyOf(n.value));
    missing = missing.filter((e) => !isPresent(e));
  }
  // Dedupe: "100 days ... 100 days" in the original needs one 100 in the translation.
  const seen = new Set<number>();
  missing = missing.filter((e) => !seen.has(keyOf(e.value)) && seen.add(keyOf(e.value)));
  if (missing.length === 0) return [];

  // Target numbers the original does not account for: candidates for a changed number, each
  // taken by the first missing number it is nearest (and within an order of magnitude of).
  const sourceValues = new Set(expected.flatMap((e) => e.values.map(keyOf)));
  const spare = targetTokens.filter((t, i) => t.kind === 'quantity' && !targetValues[i]!.some((v) => sourceValues.has(v)));
  const clearlyChanged = missing.length === 1 && spare.length === 1;
  const conventions = numberConventions(article.lang);
  const unclaimed = new NearestMagnitude(spare.map((t) => valuesOf(t)));

  return missing.map((e): Report => {
    const nearest = unclaimed.nearest(e.values);
    if (!nearest || nearest.gap > 1) {
      const span = omissionSpan(sources, targets, e.token);
      return { start: span.start, end: span.end, message: `The original has ${describe(e)} here; the translation does not.`, itsType: 'omission' };
    }
    unclaimed.takeOut(nearest.owner);
    const changed = spare[nearest.owner]!;
    const written = article.text.slice(changed.start, changed.scale?.end ?? changed.end);
    const report: Report = {
      start: changed.start,
      end: changed.end,
      message: `The original has ${describe(e)} here; the translation has ${written}.`,
    };
    if (clearlyChanged) {
      const value = e.value / (changed.scale?.value ?? 1);
      const replacement = formatNumber(value, article.lang, changed.text.includes(conventions.group) || value >= 10_000);
      report.suggestions = [{ label: `Write ${replacement}, as in the original`, edit: { start: changed.start, end: changed.end, text: replacement } }];
    }
    return report;
  });
}

export const numberMismatch: Check = {
  id: 'number-mismatch',
  description: 'Numbers of the original that the aligned passage of the translation drops or changes.',
  defaultSeverity: 'warning',
  itsType: 'numbers',
  category: 'number',
  run(article) {
    const source = article.source;
    if (!source) return [];
    return source.alignment.flatMap((pair) => {
      if (pair.source.length === 0 || pair.target.length === 0) return [];
      return checkPair(
        article,
        pair.source.map((i) => source.passages[i]!),
        pair.target.map((i) => article.passages[i]!),
      );
    });
  },
};
