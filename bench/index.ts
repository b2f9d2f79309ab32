/**
 * `npm run bench`: speed and memory of the check set over a generated ~10 MB corpus, and the
 * latency of re-checking one article after an edit. Single-threaded on purpose: the targets
 * are per core. Exits 1 when a target is missed, after printing every figure.
 *
 * Options: --seed --articles --mean-length --passes --edits --franc-articles (all integers).
 */
import { franc } from 'franc';
import { checks } from '#dist/checks/index.js';
import { runChecks } from '#dist/checks/run-checks.js';
import type { ReferenceData } from '#dist/reference/index.js';
import { loadReference } from '#dist/reference/load.js';
import { analyse } from '#dist/text/analyse.js';
import { segment, type Passage } from '#dist/text/segment.js';
import { addSlipCounts, DEFAULT_SEED, emptySlipCounts, generateCorpus, type SlipCounts } from './corpus-generator.js';
import { collectGarbage, formatFigure, MB, mbPerSecond, median, MemoryPeaks, percentile, readIntegerOptions, renderTable, Stopwatch, type Line } from './measure.js';
import { mulberry32, type Random } from '../tests/helpers/random.js';

const TARGETS = {
  throughputMBps: 5,
  memoryMB: 200,
  recheckMedianMs: 2,
} as const;

/** Articles per batch; memory is sampled between batches. */
const BATCH = 20;
const FULL_SET = 'full check set';
const WARM_UP_ARTICLES = 200;
const WARM_UP_EDITS = 50;
const RECHECK_ARTICLE_BYTES = 7_000;

interface Options {
  seed: number;
  articles: number;
  meanLength: number;
  passes: number;
  edits: number;
  francArticles: number;
}

interface CorpusArticle {
  text: string;
  bytes: number;
}

function readOptions(): Options {
  return readIntegerOptions({
    seed: DEFAULT_SEED,
    articles: 1500,
    meanLength: 7000,
    passes: 3,
    edits: 200,
    // franc over all its languages manages a fraction of a MB/s; 1.4 MB give a steady rate in seconds.
    francArticles: 200,
  });
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

function bytesOf(articles: readonly CorpusArticle[]): number {
  return articles.reduce((sum, a) => sum + a.bytes, 0);
}

function checkArticle(text: string, reference: ReferenceData): number {
  return runChecks(analyse({ text }, reference)).length;
}

/** franc as a naive untranslated-passage detector would call it: once on every passage. */
function measureFranc(articles: readonly CorpusArticle[], options: { only?: string[] }, memory: MemoryPeaks): { clock: Stopwatch; passages: number } {
  const detectAll = (passages: readonly Passage[]): void => {
    for (const p of passages) franc(p.text, options);
  };
  for (const article of articles.slice(0, 20)) detectAll(segment(article.text));
  collectGarbage();
  const clock = new Stopwatch();
  let passages = 0;
  for (const batch of batches(articles)) {
    for (const article of batch) {
      const segmented = segment(article.text);
      passages += segmented.length;
      clock.time(() => detectAll(segmented));
    }
    memory.sample('franc');
  }
  return { clock, passages };
}

/** analyse + runChecks over the whole corpus, one pass; also counts findings. */
function measureFullPass(corpus: readonly CorpusArticle[], reference: ReferenceData, memory: MemoryPeaks): { clock: Stopwatch; findings: number } {
  collectGarbage();
  const clock = new Stopwatch();
  let findings = 0;
  for (const batch of batches(corpus)) {
    clock.time(() => {
      for (const article of batch) findings += checkArticle(article.text, reference);
    });
    memory.sample(FULL_SET);
  }
  return { clock, findings };
}

interface StageTimes {
  analyse: Stopwatch;
  runChecks: Stopwatch;
  checks: Map<string, { clock: Stopwatch; reports: number }>;
}

/** Analysis, each check's run() alone, and runChecks() with fingerprints, over batches of pre-analysed articles. */
function measureStages(corpus: readonly CorpusArticle[], reference: ReferenceData, memory: MemoryPeaks): StageTimes {
  const times: StageTimes = {
    analyse: new Stopwatch(),
    runChecks: new Stopwatch(),
    checks: new Map(checks.map((c) => [c.id, { clock: new Stopwatch(), reports: 0 }])),
  };
  collectGarbage();
  for (const batch of batches(corpus)) {
    const analysed = times.analyse.time(() => batch.map((a) => analyse({ text: a.text }, reference)));
    for (const check of checks) {
      const stage = times.checks.get(check.id)!;
      stage.clock.time(() => {
        for (const article of analysed) stage.reports += check.run(article).length;
      });
    }
    times.runChecks.time(() => {
      for (const article of analysed) runChecks(article);
    });
    memory.sample('per stage');
  }
  return times;
}

const REPLACEMENT_WORDS = ['officials', 'Kiev', 'Kyiv', 'Vitkoff', 'Witkoff', 'Kharkov', 'negotiators', 'the the', 'Brussels'];
const REPLACEMENT_NUMBERS = ['700.000', '99,5', '1,250', '42', '3.5', '12 000'];
const INSERTED_CLAUSES = [
  ' Officials gave no further details.',
  ', according to the regional administration,',
  ' The figure could not be independently verified.',
  ' "We will see," he said.',
];

/** One plausible reviewer's edit of a paragraph: swap a word, change a number, drop a sentence or add a clause. */
function editParagraph(passage: Passage, r: Random): string {
  const text = passage.text;
  const local = (offset: number): number => offset - passage.start;
  const replaceToken = (token: { start: number; end: number }, by: string): string =>
    text.slice(0, local(token.start)) + by + text.slice(local(token.end));
  const words = passage.tokens.filter((t) => t.kind === 'word');
  const numbers = passage.tokens.filter((t) => t.kind === 'number');
  switch (r.int(0, 3)) {
    case 0:
      if (words.length > 0) return replaceToken(r.pick(words), r.pick(REPLACEMENT_WORDS));
      break;
    case 1:
      if (numbers.length > 0) return replaceToken(r.pick(numbers), r.pick(REPLACEMENT_NUMBERS));
      break;
    case 2:
      if (passage.sentences.length > 1) {
        const dropped = r.pick(passage.sentences);
        return (text.slice(0, local(dropped.start)) + text.slice(local(dropped.end))).replace(/\s{2,}/g, ' ').trim();
      }
      break;
  }
  const at = local(r.pick(passage.sentences).end) - 1;
  return text.slice(0, at) + r.pick(INSERTED_CLAUSES) + text.slice(at);
}

/** Re-analyse and re-check the article after each of `count` different one-paragraph edits; CPU ms per edit. */
function measureRecheck(text: string, reference: ReferenceData, count: number, seed: number, memory: MemoryPeaks): number[] {
  const r = mulberry32(seed);
  const paragraphs = segment(text).filter((p) => !p.isTitle && p.text.length >= 80);
  if (paragraphs.length === 0) throw new Error('The re-check article has no paragraph to edit.');
  const edited = (): string => {
    const p = r.pick(paragraphs);
    return text.slice(0, p.start) + editParagraph(p, r) + text.slice(p.end);
  };
  for (let i = 0; i < WARM_UP_EDITS; i++) checkArticle(edited(), reference);
  collectGarbage();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const next = edited();
    const clock = new Stopwatch();
    clock.time(() => checkArticle(next, reference));
    samples.push(clock.cpuMs);
  }
  memory.sample('re-check');
  return samples;
}

function describeSlips(s: SlipCounts): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  return [
    `Russian-based place names ${n(s.russianPlaceNames)}`,
    `names spelled two ways ${n(s.splitNames)} articles`,
    `European numbers ${n(s.europeanNumbers)}`,
    `residue lines ${n(s.residueLines)}`,
    `repeated paragraphs ${n(s.repeatedParagraphs)}`,
    `Cyrillic paragraphs ${n(s.cyrillicParagraphs)}`,
    `typography ${n(s.typography)}`,
  ].join(' · ');
}

function main(): void {
  const options = readOptions();
  const memory = new MemoryPeaks();
  const generation = new Stopwatch();
  const generated = generation.time(() => generateCorpus(options));
  const corpus: CorpusArticle[] = generated.map((a) => ({ text: a.text, bytes: Buffer.byteLength(a.text) }));
  const slips = generated.reduce((total, a) => addSlipCounts(total, a.slips), emptySlipCounts());
  const bytes = bytesOf(corpus);
  const reference = loadReference();
  memory.sample('corpus');

  const count = (n: number): string => n.toLocaleString('en-US');
  console.log(`Translation workbench benchmark: one core, node ${process.version}. MB = 10^6 bytes of UTF-8;`);
  console.log('times are CPU time of this process, which other load on the machine barely affects; wall-clock in the notes.');
  console.log(
    `Corpus: ${count(corpus.length)} articles, ${formatFigure(bytes / MB)} MB (mean ${formatFigure(bytes / corpus.length / 1000)} KB), ` +
      `seed ${options.seed}, generated in ${Math.round(generation.wallMs)} ms`,
  );
  console.log(`Injected slips: ${describeSlips(slips)}`);
  console.log(`Checks registered: ${checks.map((c) => c.id).join(', ')}`);
  console.log('');

  const francSample = corpus.slice(0, options.francArticles);
  const francBytes = bytesOf(francSample);
  const francRuns = [
    { label: 'franc alone (every passage, default)', ...measureFranc(francSample, {}, memory) },
    { label: 'franc alone (every passage, eng/rus/ukr)', ...measureFranc(francSample, { only: ['eng', 'rus', 'ukr'] }, memory) },
  ];

  // Warm-up, so the JIT has compiled the hot paths before the clock runs.
  for (const article of corpus.slice(0, WARM_UP_ARTICLES)) checkArticle(article.text, reference);
  const passes = Array.from({ length: options.passes }, () => measureFullPass(corpus, reference, memory));
  const full = passes.slice().sort((a, b) => a.clock.cpuMs - b.clock.cpuMs)[passes.length >> 1]!;

  const stages = measureStages(corpus, reference, memory);

  const recheckArticle = corpus.reduce((best, a) =>
    Math.abs(a.bytes - RECHECK_ARTICLE_BYTES) < Math.abs(best.bytes - RECHECK_ARTICLE_BYTES) ? a : best,
  );
  const recheck = measureRecheck(recheckArticle.text, reference, options.edits, options.seed ^ 0x5eed, memory);

  const stageRow = (label: string, cpuMs: number, note = ''): Line => ({
    label,
    figure: mbPerSecond(bytes, cpuMs),
    unit: 'MB/s',
    note: `${formatFigure(cpuMs)} ms${note}`,
  });
  const checksCpuMs = [...stages.checks.values()].reduce((sum, stage) => sum + stage.clock.cpuMs, 0);
  const cpuShare = full.clock.cpuMs / full.clock.wallMs;
  const kernelPeakRss = process.resourceUsage().maxRSS * 1024;

  const table = renderTable([
    `Throughput (full set: median of ${options.passes} passes over the corpus)`,
    ...francRuns.map(({ label, clock, passages }): Line => ({
      label,
      figure: mbPerSecond(francBytes, clock.cpuMs),
      unit: 'MB/s',
      note: `baseline, no target; first ${count(francSample.length)} articles, ${formatFigure(francBytes / MB)} MB, ${count(passages)} passages`,
    })),
    {
      label: 'full check set (analyse + runChecks)',
      figure: mbPerSecond(bytes, full.clock.cpuMs),
      unit: 'MB/s',
      target: { kind: 'at-least', value: TARGETS.throughputMBps },
      note:
        `${formatFigure(full.clock.cpuMs / corpus.length)} ms/article, ${count(full.findings)} findings; ` +
        `wall ${formatFigure(mbPerSecond(bytes, full.clock.wallMs))} MB/s`,
    },
    `Per stage (one pass, articles analysed in batches of ${BATCH}; check.run() alone, no runner)`,
    stageRow('analyse (segmentation)', stages.analyse.cpuMs),
    ...checks.map((check) => {
      const stage = stages.checks.get(check.id)!;
      return stageRow(`  ${check.id}`, stage.clock.cpuMs, `, ${count(stage.reports)} reports`);
    }),
    stageRow('all check.run() summed', checksCpuMs),
    stageRow('runChecks (checks + fingerprints, sort)', stages.runChecks.cpuMs),
    `Memory while checking the corpus (sampled every ${BATCH} articles; the corpus itself is held in memory)`,
    {
      label: 'peak RSS',
      figure: memory.of(FULL_SET).rss / MB,
      unit: 'MB',
      target: { kind: 'below', value: TARGETS.memoryMB },
    },
    {
      label: 'peak heap used',
      figure: memory.of(FULL_SET).heapUsed / MB,
      unit: 'MB',
      target: { kind: 'below', value: TARGETS.memoryMB },
    },
    {
      label: 'whole run, peak RSS',
      figure: kernelPeakRss / MB,
      unit: 'MB',
      note: `kernel high-water mark; sampled peak by phase: ${[...memory.byPhase].map(([phase, peak]) => `${phase} ${Math.round(peak.rss / MB)}`).join(', ')}`,
    },
    `Re-check after a one-paragraph edit (${formatFigure(recheckArticle.bytes / 1000)} KB article, ${count(options.edits)} different edits)`,
    { label: 'median', figure: median(recheck), unit: 'ms', target: { kind: 'below', value: TARGETS.recheckMedianMs } },
    { label: 'p95', figure: percentile(recheck, 95), unit: 'ms' },
  ]);
  console.log(table.text);
  console.log('');
  if (cpuShare < 0.9) {
    console.log(`Note: the machine was busy (this process got ${Math.round(cpuShare * 100)} % of a core); wall-clock figures are inflated.`);
  }
  console.log(table.pass ? 'Result: PASS (every target met)' : 'Result: FAIL (at least one target missed)');
  if (!table.pass) process.exitCode = 1;
}

main();
