/**
 * The load test (issue 4, `npm run load`) in short: the built server under readers and writers for
 * a few seconds, then the count. Its figures vary with the machine; what it checks does not: no
 * error but the 409s, no acknowledged edit lost, the database consistent.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD_OPTIONS, formatReport, runLoad } from '../load.js';

describe('npm run load, short', () => {
  it('answers readers and racing writers with no error but 409s, and keeps every acknowledged edit', async () => {
    const report = await runLoad({ ...DEFAULT_LOAD_OPTIONS, articles: 8, connections: 10, duration: 3, hotPassages: 3 });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.otherErrors).toBe(0);
    expect(report.lostUpdates).toBe(0);
    expect(report.verification.inconsistencies).toEqual([]);
    expect(report.verification.integrity).toEqual(['ok']);
    expect(report.serverExit).toEqual({ code: 0, signal: null });
    // Both kinds of answer to an edit happened: the load really races.
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.refused).toBeGreaterThan(0);
    expect(report.ok).toBeGreaterThan(0);
    expect(report.verification.acknowledgedFound).toBe(report.acknowledged);
    expect(report.verification.events).toBe(report.acknowledged + report.verification.committedUnanswered);
    expect(report.pass).toBe(true);
  }, 30_000);
});
