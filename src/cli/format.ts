import { MAX_FINDINGS_PER_ARTICLE, MAX_FINDINGS_PER_CHECK, reachedCaps } from '../checks/run-checks.js';
import type { Finding, Severity } from '../checks/types.js';
import { positionIndex } from '../text/position.js';

const ORDER: Severity[] = ['error', 'warning', 'info'];

/** One line per finding, as linters print them: file:line:col  severity  message  check-id. */
export function formatFindings(file: string, text: string, findings: readonly Finding[]): string {
  const position = positionIndex(text);
  return findings
    .map((f) => {
      const { line, column } = position(f.start);
      return `${file}:${line}:${column}  ${f.severity.padEnd(7)}  ${f.message}  ${f.check}`;
    })
    .map((line) => `${line}\n`)
    .join('');
}

export function formatSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No problems found.\n';
  const counts = ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  const fixable = findings.filter((f) => f.fix).length;
  const problems = `${findings.length} problem${findings.length === 1 ? '' : 's'}`;
  const fixes = fixable ? `; ${fixable} fixable with "workbench fix"` : '';
  return `\n${problems} (${counts.join(', ')})${fixes}\n`;
}

/** A line for each cap on listed findings that a file's check reached, so nobody takes the list for all there is. */
export function formatCapNotes(file: string, findings: readonly Finding[]): string {
  const caps = reachedCaps(findings);
  const notes = [...caps.checks].map((check) => `${file}: at least ${MAX_FINDINGS_PER_CHECK} ${check} findings; the first ${MAX_FINDINGS_PER_CHECK} are listed.`);
  if (caps.article) notes.push(`${file}: at least ${MAX_FINDINGS_PER_ARTICLE} findings; the first ${MAX_FINDINGS_PER_ARTICLE} are listed.`);
  return notes.map((note) => `${note} Fix them (workbench fix fixes every fixable one) and check again for the rest.\n`).join('');
}
