import type { ReferenceData } from '../reference/index.js';
import { analyse, type ArticleInput } from '../text/analyse.js';
import { runChecks, type RunOptions } from './run-checks.js';
import type { Finding, TextEdit } from './types.js';

const MAX_PASSES = 10;

/**
 * Applies edits the way ESLint's fixer does: sorted by range, an edit overlapping one already
 * applied is skipped (a later pass picks it up if it still applies), the rest applied in one pass.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let output = '';
  let cursor = 0;
  let applied = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) continue;
    output += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
    applied++;
  }
  return { text: output + text.slice(cursor), applied };
}

export interface FixResult {
  text: string;
  /** Edits applied over all passes. */
  applied: number;
  /** What is left after fixing: findings that need a human. */
  remaining: Finding[];
}

/**
 * Fixes until the checks report no more fixes (at most ten passes, as ESLint). The checks run
 * without the caps on listed findings, so one pass fixes every slip however many there are.
 */
export function fixArticle(input: ArticleInput, reference: ReferenceData, options: RunOptions = {}): FixResult {
  let text = input.text;
  let applied = 0;
  for (let pass = 0; ; pass++) {
    const findings = runChecks(analyse({ ...input, text }, reference), { ...options, uncapped: true });
    const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : []));
    if (fixes.length === 0 || pass === MAX_PASSES) return { text, applied, remaining: findings.filter((f) => !f.fix) };
    const result = applyEdits(text, fixes);
    if (result.text === text) return { text, applied, remaining: findings.filter((f) => !f.fix) };
    text = result.text;
    applied += result.applied;
  }
}
