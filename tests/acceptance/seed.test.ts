import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { runCli } from '../helpers/run-cli.js';
import { fixInWebApp } from '../helpers/web-fix.js';

// The newsroom's real example lives outside the repository; CI has it, a fresh clone may not.
const SEED = fileURLToPath(new URL('../../../shared/seed/article.txt', import.meta.url));
const present = existsSync(SEED);

describe.skipIf(!present)('the seed article', () => {
  const text = present ? readFileSync(SEED, 'utf8').replace(/^\uFEFF/, '') : '';
  const findings = present ? (JSON.parse(runCli(['check', '--format', 'json', SEED]).stdout) as Finding[]) : [];

  function nth(needle: string, occurrence: number): number {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`the seed no longer contains "${needle}" #${occurrence + 1}`);
    return at;
  }
  /** Findings that cover the occurrence and are no wider than its line. */
  function covering(needle: string, occurrence = 0): Finding[] {
    const at = nth(needle, occurrence);
    const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    return findings.filter((f) => f.start <= at && f.end >= at + needle.length && f.start >= lineStart && f.end <= lineEnd + 1);
  }

  it.each([
    ['Vitkoff', 0, 'name-variants'],
    ['Vitkoff', 1, 'name-variants'],
    ['Kiev', 0, 'terms'],
    ['Kiev', 1, 'terms'],
    ['Kiev', 2, 'terms'],
    ['1.000', 0, 'number-format'],
    ['700.000', 0, 'number-format'],
    ['99,5', 0, 'number-format'],
    ['5142 views 9 comment(s)', 0, 'boilerplate'],
    ['Bonus video:', 0, 'boilerplate'],
    ['Vladimir Putin, Photo: Reuters', 1, 'boilerplate'],
    ['This is the first time since the start of the war', 1, 'duplicate-passage'],
  ])('flags "%s" #%i (%s)', (needle, occurrence, check) => {
    expect(covering(needle, occurrence).map((f) => f.check)).toContain(check);
  });

  it('reports Zaporizhia and Zaporozhye as one inconsistency', () => {
    const groups = ['Zaporizhia', 'Zaporozhye'].map((needle) => covering(needle).find((f) => f.group)?.group);
    expect(groups[0]).toBeDefined();
    expect(groups[1]).toBe(groups[0]);
  });

  it.each([
    ['Witkoff', 0], ['Witkoff', 1], ['2020', 0], ['2022', 0], ['Kellogg', 0], ['Peskov', 0], ['Remchukov', 0],
    ['Zelensky', 0], ['Donetsk', 0], ['Luhansk', 0], ['Kursk', 0], ['Kherson', 0], ['Crimea', 0], ['April 30', 0], ['100 days', 0],
  ])('does not flag the correct "%s" #%i', (needle, occurrence) => {
    const at = nth(needle, occurrence);
    expect(findings.filter((f) => f.start <= at && f.end >= at + needle.length && f.end - f.start < 40)).toEqual([]);
  });

  it('is fixed into house style by workbench fix', () => {
    const fixed = runCli(['fix', SEED]).stdout;
    expect(fixed).not.toMatch(/Vitkoff|Kiev\b|5142 views|Bonus video/);
    expect(fixed.match(/Witkoff/g)).toHaveLength(4);
    expect(fixed).toContain("under Kyiv's control");
    expect(fixed).toContain('1,000-kilometer');
    expect(fixed).toContain('700,000');
    expect(fixed).toContain('99.5 percent');
    expect(fixed.match(/This is the first time since the start of the war/g)).toHaveLength(1);
    expect(fixed.match(/Vladimir Putin, Photo: Reuters/g)).toHaveLength(1);
    expect(fixed).not.toMatch(/\n\n\n/);
  });

  it('is exported by the web app, after every fix is applied there, exactly as workbench fix prints it (issue 10)', async () => {
    const web = await fixInWebApp(text);
    expect(web.applied).toBeGreaterThan(10);
    expect(web.text).toBe(runCli(['fix', SEED]).stdout);
  });
});
