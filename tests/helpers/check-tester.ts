import { describe, expect, it } from 'vitest';
import { fixArticle } from '../../src/checks/fixer.js';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Check, Finding, Severity } from '../../src/checks/types.js';
import type { ReferenceData } from '../../src/reference/index.js';
import { loadReference } from '../../src/reference/load.js';
import { analyse, type ArticleInput } from '../../src/text/analyse.js';

export interface ValidCase extends ArticleInput {
  name?: string;
}

export interface ExpectedFinding {
  /** The flagged text. */
  text: string;
  /** Which occurrence of `text` in the article (0-based) the finding covers; default 0. */
  occurrence?: number;
  message?: string | RegExp;
  /** The group's shared note; `null` asserts there is none. */
  note?: string | RegExp | null;
  severity?: Severity;
  /** The `fix` replacement text; `null` asserts there is no fix. */
  fix?: string | null;
  /** The suggestion replacement texts, in order. */
  suggestions?: string[];
  alternatives?: string[];
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** The text after every fix of this check is applied; defaults to the input (nothing fixable). */
  output?: string;
}

let defaultReference: ReferenceData | undefined;
export function testReference(): ReferenceData {
  defaultReference ??= loadReference();
  return defaultReference;
}

export function findingsOf(check: Check, input: ArticleInput, reference = testReference()): Finding[] {
  return runChecks(analyse(input, reference), { checks: [check] });
}

function offsetOf(text: string, needle: string, occurrence: number): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`test case error: "${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  return at;
}

/**
 * ESLint's RuleTester for our checks: valid texts must produce no findings; invalid texts must
 * produce exactly the listed findings (at the listed places), and fixing gives `output`.
 */
export function testCheck(
  check: Check,
  cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] },
  reference?: () => ReferenceData,
): void {
  const ref = () => reference?.() ?? testReference();
  describe(`${check.id}`, () => {
    describe('valid', () => {
      for (const raw of cases.valid) {
        const c = typeof raw === 'string' ? { text: raw } : raw;
        it(c.name ?? c.text.slice(0, 70), () => {
          expect(findingsOf(check, c, ref()).map((f) => `${f.text}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name ?? c.text.slice(0, 70), () => {
          const findings = findingsOf(check, c, ref());
          const expected = c.findings.map((e) => ({ ...e, start: offsetOf(c.text, e.text, e.occurrence ?? 0) }));
          expect(findings.map((f) => [f.start, f.text])).toEqual(expected.map((e) => [e.start, e.text]));
          findings.forEach((f, i) => {
            const e = expected[i]!;
            expect(f.end - f.start).toBe(f.text.length);
            expect(c.text.slice(f.start, f.end)).toBe(f.text);
            expect(f.message.length).toBeGreaterThan(0);
            if (e.message !== undefined) expect(f.message).toMatch(e.message);
            if (e.note === null) expect(f.note).toBeUndefined();
            else if (e.note !== undefined) expect(f.note).toMatch(e.note);
            if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
            if (e.fix === null) expect(f.fix).toBeUndefined();
            else if (e.fix !== undefined) expect(f.fix?.text).toBe(e.fix);
            if (e.suggestions) expect(f.suggestions?.map((s) => s.edit.text)).toEqual(e.suggestions);
            if (e.alternatives) expect(f.alternatives).toEqual(e.alternatives);
          });
          expect(fixArticle(c, ref(), { checks: [check] }).text).toBe(c.output ?? c.text);
        });
      }
    });
  });
}
