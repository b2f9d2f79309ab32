import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checks as registry } from '../../src/checks/index.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { EstablishedName, ReferenceData } from '../../src/reference/index.js';
import { loadReference } from '../../src/reference/load.js';
import { nameKey } from '../../src/text/name-key.js';
import type { ArticleInput } from '../../src/text/analyse.js';
import { analyse } from '../../src/text/analyse.js';
import type { Span } from '../../src/text/segment.js';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
const ANNOTATIONS_FILE = 'annotations.json';
// The spellings the corpus's imagined archive has established, for the archive-names check.
const ARCHIVE_NAMES_FILE = 'archive-names.json';
const SOURCE_SUFFIX = '.source.txt';

/** One expected finding as written in annotations.json. */
export interface Annotation {
  check: string;
  /** The flagged text; for a whole-line finding (boilerplate, a repeated passage) the full line. */
  text: string;
  /** Which occurrence of `text` in the article (0-based); default 0. */
  occurrence?: number;
}

export interface ArticleAnnotations {
  lang?: string;
  source?: { file: string; lang: string };
  expected: Annotation[];
}

export interface ExpectedSpan extends Span {
  check: string;
  text: string;
}

export interface CorpusArticle {
  file: string;
  input: ArticleInput;
  expected: ExpectedSpan[];
}

export interface Corpus {
  articles: CorpusArticle[];
  /** Annotations that point nowhere, missing files, articles nobody annotated. */
  problems: string[];
}

/** Reads the articles and their annotations; a problem skips the annotation, not the whole corpus. */
export function loadCorpus(dir = CORPUS_DIR): Corpus {
  const problems: string[] = [];
  const annotations = JSON.parse(readFileSync(join(dir, ANNOTATIONS_FILE), 'utf8')) as Record<string, ArticleAnnotations>;
  const sourceFiles = new Set(Object.values(annotations).flatMap((a) => (a.source ? [a.source.file] : [])));
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.txt') && !(file in annotations) && !sourceFiles.has(file)) problems.push(`${file}: not in ${ANNOTATIONS_FILE}`);
  }
  const articles: CorpusArticle[] = [];
  for (const [file, annotation] of Object.entries(annotations)) {
    if (!existsSync(join(dir, file))) {
      problems.push(`${file}: annotated but missing`);
      continue;
    }
    const text = readFileSync(join(dir, file), 'utf8');
    const input: ArticleInput = { text, lang: annotation.lang ?? 'en' };
    if (annotation.source) {
      if (!annotation.source.file.endsWith(SOURCE_SUFFIX) || !existsSync(join(dir, annotation.source.file))) {
        problems.push(`${file}: source ${annotation.source.file} is missing or not named *${SOURCE_SUFFIX}`);
      } else {
        input.source = { text: readFileSync(join(dir, annotation.source.file), 'utf8'), lang: annotation.source.lang };
      }
    }
    const expected: ExpectedSpan[] = [];
    for (const a of annotation.expected) {
      const occurrence = a.occurrence ?? 0;
      const start = nthIndexOf(text, a.text, occurrence);
      if (start < 0) problems.push(`${file}: "${a.text}" (occurrence ${occurrence}) is not in the article`);
      else expected.push({ check: a.check, text: a.text, start, end: start + a.text.length });
    }
    articles.push({ file, input, expected });
  }
  return { articles, problems };
}

/** The reference data the corpus is checked with: the starter termbase and patterns, and the corpus's archive of established names. */
export function corpusReference(dir = CORPUS_DIR): ReferenceData {
  const names = JSON.parse(readFileSync(join(dir, ARCHIVE_NAMES_FILE), 'utf8')) as Omit<EstablishedName, 'key'>[];
  return { ...loadReference(), archiveNames: new Map(names.map((n) => [nameKey(n.spelling), { ...n, key: nameKey(n.spelling) }])) };
}

function nthIndexOf(text: string, needle: string, occurrence: number): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

export interface CheckScore {
  tp: number;
  fp: number;
  fn: number;
  /** 1 when the check flagged nothing: no false alarms. */
  precision: number;
  /** 1 when nothing was expected of the check. */
  recall: number;
}

/** A finding where none was expected, or an expected finding nobody reported. */
export interface Miss extends Span {
  file: string;
  check: string;
  text: string;
  line: number;
  column: number;
  message?: string;
}

export interface CorpusScore {
  perCheck: Map<string, CheckScore>;
  /** Micro-averaged over every check: TP, FP and FN summed before dividing. */
  overall: CheckScore;
  falseNegatives: Miss[];
  falsePositives: Miss[];
}

/**
 * Runs the checks over every article and compares with the annotations. A finding matches an
 * expected one when the check ids are equal and the spans overlap; each side matches at most once.
 */
export function scoreCorpus(
  articles: readonly CorpusArticle[],
  reference: ReferenceData,
  checks: readonly Check[] = registry,
): CorpusScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const countsOf = (check: string) => {
    let c = counts.get(check);
    if (!c) counts.set(check, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  // Every check gets a row, so one that reports nothing shows up as such.
  for (const check of checks) countsOf(check.id);
  const falseNegatives: Miss[] = [];
  const falsePositives: Miss[] = [];
  for (const article of articles) {
    const findings = runChecks(analyse(article.input, reference), { checks });
    const ids = new Set([...findings.map((f) => f.check), ...article.expected.map((e) => e.check)]);
    for (const id of ids) {
      const expected = article.expected.filter((e) => e.check === id);
      const predicted = findings.filter((f) => f.check === id);
      const matchOf = matchOverlapping(expected, predicted);
      const matched = new Set(matchOf.filter((p) => p !== undefined));
      const missed = expected.filter((_, i) => matchOf[i] === undefined);
      const unexpected = predicted.filter((_, p) => !matched.has(p));
      falseNegatives.push(...missed.map((e) => missAt(article, e)));
      falsePositives.push(...unexpected.map((f) => missAt(article, f)));
      const c = countsOf(id);
      c.tp += matched.size;
      c.fn += missed.length;
      c.fp += unexpected.length;
    }
  }
  const perCheck = new Map([...counts].map(([id, c]) => [id, scoreOf(c)]));
  const total = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { perCheck, overall: scoreOf(total), falseNegatives, falsePositives };
}

function scoreOf({ tp, fp, fn }: { tp: number; fp: number; fn: number }): CheckScore {
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

function overlaps(a: Span, b: Span): boolean {
  // An empty span (an insertion point) overlaps a span it lies in or touches.
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Maximum one-to-one matching of expected to predicted spans by overlap (Kuhn's augmenting
 * paths), so a long finding that overlaps two expected ones cannot steal the only partner of
 * another. Returns, per expected index, the matched predicted index.
 */
function matchOverlapping(expected: readonly Span[], predicted: readonly Span[]): (number | undefined)[] {
  const partnerOf: (number | undefined)[] = predicted.map(() => undefined);
  const augment = (e: number, visited: Set<number>): boolean => {
    for (let p = 0; p < predicted.length; p++) {
      if (visited.has(p) || !overlaps(expected[e]!, predicted[p]!)) continue;
      visited.add(p);
      const current = partnerOf[p];
      if (current === undefined || augment(current, visited)) {
        partnerOf[p] = e;
        return true;
      }
    }
    return false;
  };
  expected.forEach((_, e) => augment(e, new Set()));
  const matchOf: (number | undefined)[] = expected.map(() => undefined);
  partnerOf.forEach((e, p) => {
    if (e !== undefined) matchOf[e] = p;
  });
  return matchOf;
}

function missAt(article: CorpusArticle, span: ExpectedSpan | Finding): Miss {
  const { text } = article.input;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  return {
    file: article.file,
    check: span.check,
    text: span.text,
    start: span.start,
    end: span.end,
    line: text.slice(0, span.start).split('\n').length,
    column: span.start - lineStart + 1,
    ...('message' in span ? { message: span.message } : {}),
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The per-check table with a micro-averaged total row. */
export function formatScoreTable(score: CorpusScore): string {
  const rows = [...score.perCheck].sort(([a], [b]) => a.localeCompare(b)).map(([id, s]) => [id, s] as const);
  rows.push(['overall', score.overall]);
  const header = ['check', 'TP', 'FP', 'FN', 'precision', 'recall'];
  const cells = rows.map(([id, s]) => [id, String(s.tp), String(s.fp), String(s.fn), percent(s.precision), percent(s.recall)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Unmatched expected findings and false positives as `file:line:column check "text"`. */
export function formatMisses(score: CorpusScore): string {
  const show = (m: Miss) => {
    const text = m.text.length > 70 ? `${m.text.slice(0, 67)}...` : m.text;
    return `  ${m.file}:${m.line}:${m.column}  ${m.check}  ${JSON.stringify(text)}${m.message ? `  (${m.message})` : ''}`;
  };
  return [
    `missed (expected, not reported): ${score.falseNegatives.length}`,
    ...score.falseNegatives.map(show),
    `false positives (reported, not expected): ${score.falsePositives.length}`,
    ...score.falsePositives.map(show),
  ].join('\n');
}
