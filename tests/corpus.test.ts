import { beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../src/checks/index.js';
import type { Check } from '../src/checks/types.js';
import { loadReference } from '../src/reference/load.js';
import type { Span } from '../src/text/segment.js';
import { corpusReference, formatMisses, formatScoreTable, loadCorpus, scoreCorpus, type CorpusScore } from './helpers/corpus.js';

const MIN_RECALL = 0.95;
const MIN_PRECISION = 0.9;

const corpus = loadCorpus();

describe('fixture corpus', () => {
  it('every annotation points at text in its article, and every article is annotated', () => {
    expect(corpus.problems).toEqual([]);
  });

  it('annotates only checks that are registered', () => {
    const registered = new Set(checks.map((c) => c.id));
    const unknown = corpus.articles.flatMap((a) => a.expected.filter((e) => !registered.has(e.check)).map((e) => `${a.file}: ${e.check}`));
    expect(unknown).toEqual([]);
  });

  // Guards the corpus against shrinking into something too small to measure with.
  it('holds at least 18 articles, 4 clean ones, 3 with a source text, and 3 slips of every check', () => {
    expect(corpus.articles.length).toBeGreaterThanOrEqual(18);
    expect(corpus.articles.filter((a) => a.expected.length === 0).length).toBeGreaterThanOrEqual(4);
    expect(corpus.articles.filter((a) => a.input.source).length).toBeGreaterThanOrEqual(3);
    const perCheck = checks.map((c) => [c.id, corpus.articles.flatMap((a) => a.expected).filter((e) => e.check === c.id).length] as const);
    expect(perCheck.filter(([, n]) => n < 3)).toEqual([]);
  });
});

describe('check engine over the fixture corpus', () => {
  let score: CorpusScore;
  let report: string;
  beforeAll(() => {
    score = scoreCorpus(corpus.articles, corpusReference());
    report = `${formatScoreTable(score)}\n\n${formatMisses(score)}`;
    console.log(`Precision and recall per check over ${corpus.articles.length} articles\n${report}`);
  });

  it(`finds at least ${MIN_RECALL * 100}% of the annotated slips`, () => {
    expect(score.overall.recall, report).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it(`keeps at least ${MIN_PRECISION * 100}% of its findings correct`, () => {
    expect(score.overall.precision, report).toBeGreaterThanOrEqual(MIN_PRECISION);
  });
});

describe('scoreCorpus', () => {
  const text = 'Kiev and Kiev again.';
  const reporting = (id: string, spans: Span[]): Check => ({
    id,
    description: 'test double',
    defaultSeverity: 'warning',
    itsType: 'other',
    category: 'style',
    run: () => spans.map((s) => ({ ...s, message: 'flagged' })),
  });
  const expecting = (check: string, spans: Span[]) => [
    { file: 'a.txt', input: { text }, expected: spans.map((s) => ({ ...s, check, text: text.slice(s.start, s.end) })) },
  ];

  it('pairs overlapping spans one to one, even when a long finding overlaps both expected ones', () => {
    const check = reporting('terms', [{ start: 0, end: 13 }, { start: 9, end: 11 }]);
    const score = scoreCorpus(expecting('terms', [{ start: 0, end: 4 }, { start: 9, end: 13 }]), loadReference(), [check]);
    expect(score.overall).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('counts a finding of another check, or a second finding on one slip, as a false positive', () => {
    const twoChecks = [reporting('terms', [{ start: 0, end: 4 }, { start: 1, end: 3 }]), reporting('name-variants', [{ start: 9, end: 13 }])];
    const score = scoreCorpus(expecting('terms', [{ start: 0, end: 4 }, { start: 9, end: 13 }]), loadReference(), twoChecks);
    expect(score.perCheck.get('terms')).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(score.perCheck.get('name-variants')).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0 });
    expect(score.falseNegatives.map((m) => `${m.file}:${m.line}:${m.column} ${m.text}`)).toEqual(['a.txt:1:10 Kiev']);
  });
});
