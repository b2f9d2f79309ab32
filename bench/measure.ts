import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

/** Bytes per MB in every figure the benchmark prints (decimal megabytes, like network speeds). */
export const MB = 1_000_000;

/**
 * Accumulates wall-clock and CPU time. CPU time (this process, all threads) is what the
 * targets are judged on: it is the time spent on a core, so other load on a shared machine
 * does not inflate it, while garbage collection on helper threads still counts.
 */
export class Stopwatch {
  wallMs = 0;
  cpuMs = 0;

  time<T>(fn: () => T): T {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const result = fn();
    const cpu = process.cpuUsage(cpuStart);
    this.cpuMs += (cpu.user + cpu.system) / 1000;
    this.wallMs += performance.now() - wallStart;
    return result;
  }

  /** As time, for work that finishes in a promise; nothing else may run meanwhile, or its time counts too. */
  async timeAsync<T>(fn: () => Promise<T>): Promise<T> {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await fn();
    const cpu = process.cpuUsage(cpuStart);
    this.cpuMs += (cpu.user + cpu.system) / 1000;
    this.wallMs += performance.now() - wallStart;
    return result;
  }
}

/**
 * The benchmark's command-line options, all positive integers: each key of `defaults` is read
 * from its kebab-case flag (`meanLength` from `--mean-length`).
 */
export function readIntegerOptions<T extends Record<string, number>>(defaults: T): T {
  const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const { values } = parseArgs({
    options: Object.fromEntries(Object.entries(defaults).map(([key, value]) => [flagOf(key), { type: 'string' as const, default: String(value) }])),
  });
  return Object.fromEntries(
    Object.keys(defaults).map((key) => {
      const raw = values[flagOf(key)];
      const n = Number(raw);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flagOf(key)} must be a positive integer, got "${String(raw)}".`);
      return [key, n];
    }),
  ) as T;
}

/** Collects garbage when node runs with --expose-gc, so one phase's garbage is not billed to the next. */
export function collectGarbage(): void {
  globalThis.gc?.();
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p % of the values at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000);
}

export interface MemoryPeak {
  rss: number;
  heapUsed: number;
}

/**
 * Peak memory per phase of the run, from explicit samples: JavaScript gives timers no chance
 * to run during a synchronous loop, so callers sample between batches instead of on an interval.
 */
export class MemoryPeaks {
  readonly byPhase = new Map<string, MemoryPeak>();

  sample(phase: string): void {
    const { rss, heapUsed } = process.memoryUsage();
    const peak = this.byPhase.get(phase) ?? { rss: 0, heapUsed: 0 };
    this.byPhase.set(phase, { rss: Math.max(peak.rss, rss), heapUsed: Math.max(peak.heapUsed, heapUsed) });
  }

  of(phase: string): MemoryPeak {
    return this.byPhase.get(phase) ?? { rss: Number.NaN, heapUsed: Number.NaN };
  }
}

/** A target a figure must meet: at least `value` (throughput) or below `value` (time, memory). */
export interface Target {
  kind: 'at-least' | 'below';
  value: number;
}

export interface Verdict {
  /** figure / target */
  ratio: number;
  pass: boolean;
}

export function judge(figure: number, target: Target): Verdict {
  const ratio = figure / target.value;
  return { ratio, pass: target.kind === 'at-least' ? figure >= target.value : figure < target.value };
}

export interface Row {
  label: string;
  figure: number;
  unit: string;
  target?: Target;
  note?: string;
  /** A count: the figure and its target are printed as whole numbers. */
  count?: boolean;
}

/** Significant figures that stay readable from 0.02 ms to 4,000 MB/s. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** A table line: a figure, or a section heading. */
export type Line = Row | string;

/** Renders lines as an aligned table; returns the text and whether every target was met. */
export function renderTable(lines: readonly Line[]): { text: string; pass: boolean } {
  const rows = lines.filter((l): l is Row => typeof l !== 'string');
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const figureWidth = Math.max(...rows.map((r) => formatRowFigure(r).length));
  const targetWidth = Math.max(0, ...rows.map((r) => (r.target ? formatTarget(r, r.target).length : 0))) + 3;
  let pass = true;
  const text = lines.map((line) => {
    if (typeof line === 'string') return line;
    let out = `  ${line.label.padEnd(labelWidth)}  ${formatRowFigure(line).padStart(figureWidth)}`;
    if (line.target) {
      const verdict = judge(line.figure, line.target);
      pass &&= verdict.pass;
      out += `   ${formatTarget(line, line.target).padEnd(targetWidth)}`;
      out += `ratio ${verdict.ratio.toFixed(2)}  ${verdict.pass ? 'PASS' : 'FAIL'}`;
    }
    if (line.note) out += `   ${line.note}`;
    return out.trimEnd();
  });
  return { text: text.join('\n'), pass };
}

function formatValue(row: Row, value: number): string {
  return row.count ? value.toLocaleString('en-US') : formatFigure(value);
}

function formatTarget(row: Row, target: Target): string {
  return `target ${target.kind === 'at-least' ? '>=' : '<'} ${formatValue(row, target.value)} ${row.unit}`;
}

function formatRowFigure(row: Row): string {
  return `${formatValue(row, row.figure)} ${row.unit}`;
}
