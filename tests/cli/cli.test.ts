import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_FINDINGS_PER_CHECK } from '../../src/checks/run-checks.js';
import type { Finding } from '../../src/checks/types.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'workbench-cli-'));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const clean = file('clean.txt', 'Grain exports rise\n\nShipments from the southern ports grew in October, the ministry said.\n');
const flawed = file('flawed.txt', 'Grain exports rise\n\nShipments from the the southern ports grew  in October.\n');

describe('workbench check', () => {
  it('exits 0 and says so when nothing is found', () => {
    const run = runCli(['check', clean]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No problems found.');
  });

  it('prints file:line:col, severity, message and check id, then a summary, and exits 1', () => {
    const run = runCli(['check', flawed]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${flawed}:3:16  warning  "the" is written twice in a row.  typography`);
    expect(run.stdout).toMatch(/2 problems \(1 warning, 1 info\); 2 fixable with "workbench fix"/);
  });

  it('prints a JSON array of findings for one file and an object per file for several', () => {
    const one = JSON.parse(runCli(['check', '--format', 'json', flawed]).stdout) as Finding[];
    expect(one.map((f) => [f.check, f.text])).toEqual([
      ['typography', 'the the'],
      ['typography', '  '],
    ]);
    expect(one[0]).toMatchObject({ severity: 'warning', itsType: 'typographical', fix: { text: '' } });
    expect(one[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const several = JSON.parse(runCli(['check', '--format', 'json', flawed, clean]).stdout) as Record<string, Finding[]>;
    expect(Object.keys(several)).toEqual([flawed, clean]);
    expect(several[clean]).toEqual([]);
  });

  it('reads standard input for "-" and keeps offsets exact after a BOM', () => {
    const run = runCli(['check', '--format', 'json', '-'], '\uFEFFA B\n\nIt was was late.\n');
    const findings = JSON.parse(run.stdout) as Finding[];
    expect(findings).toHaveLength(1);
    expect('A B\n\nIt was was late.\n'.slice(findings[0]!.start, findings[0]!.end)).toBe('was was');
  });

  it('compares numbers with a source text whose language it detects', () => {
    const corpus = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
    const run = runCli(['check', '--format', 'json', '--source', `${corpus}odesa-grain-ports.source.txt`, `${corpus}odesa-grain-ports.txt`]);
    const mismatches = (JSON.parse(run.stdout) as Finding[]).filter((f) => f.check === 'number-mismatch');
    expect(mismatches.map((f) => f.text)).toEqual(['41']);
    expect(mismatches[0]!.message).toMatch(/47/);
  });

  it.each([
    [['check'], /at least one FILE/],
    [['check', join(dir, 'missing.txt')], /missing\.txt: no such file/],
    [['check', dir], /is a directory/],
    [['check', file('latin1.txt', Buffer.from([0x4b, 0x69, 0x65, 0x76, 0xe9, 0x0a]))], /is not UTF-8/],
    [['check', file('empty.txt', ' \n\n')], /is empty/],
    [['check', '--format', 'xml', clean], /--format must be text or json/],
    [['check', '--source', clean, clean, flawed], /--source goes with a single FILE/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /no command given/],
    [['fix', clean, flawed], /exactly one FILE/],
    [['fix', '-', '--write'], /--write needs a FILE/],
  ])('exits 2 with a one-line error for %j', (args, message) => {
    const run = runCli(args, '');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('says when a check listed as many findings as it may', () => {
    const spaced = file('spaced.txt', `Talks${'  went on'.repeat(300)} today.\n`);
    const run = runCli(['check', spaced]);
    expect(run.status).toBe(1);
    expect(run.stdout.match(/ typography$/gm)).toHaveLength(MAX_FINDINGS_PER_CHECK);
    expect(run.stdout).toContain(`${spaced}: at least ${MAX_FINDINGS_PER_CHECK} typography findings; the first ${MAX_FINDINGS_PER_CHECK} are listed.`);
    expect(runCli(['check', flawed]).stdout).not.toContain('at least');
  });
});

describe('workbench fix', () => {
  it('prints the fixed text and reports what it applied on stderr', () => {
    const run = runCli(['fix', flawed]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('Grain exports rise\n\nShipments from the southern ports grew in October.\n');
    expect(run.stderr).toContain('2 fixes applied.');
  });

  it('writes the file in place with --write', () => {
    const target = file('to-fix.txt', 'Title here\n\nThe the convoy moved on .\n');
    const run = runCli(['fix', '--write', target]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe('Title here\n\nThe convoy moved on.\n');
  });

  it('leaves what needs a human, lists it on stderr and exits 1', () => {
    const run = runCli(['fix', '-'], 'Title\n\nHe called it "a turning point and left.\n');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('Title\n\nHe called it "a turning point and left.\n');
    expect(run.stderr).toMatch(/Left for a human \(1\):\n-:3:14 {2}warning {2}This quotation mark has no partner/);
  });

  it('frames the text as the web app exports it: nothing above the first line, one line break after the last, line endings kept', () => {
    expect(runCli(['fix', '-'], '\n\n  Grain exports rise\n\nShipments grew.').stdout).toBe('Grain exports rise\n\nShipments grew.\n');
    expect(runCli(['fix', '-'], 'Grain exports rise\r\n\r\nShipments grew.\r\n\r\n\r\n').stdout).toBe('Grain exports rise\r\n\r\nShipments grew.\r\n');
  });

  it('fixes every slip, past the caps on listed findings', () => {
    const spaced = file('spaced-fix.txt', `Talks${'  went on'.repeat(5_000)} today.\n`);
    const run = runCli(['fix', spaced]);
    expect(run.stdout).toBe(`Talks${' went on'.repeat(5_000)} today.\n`);
    expect(run.stderr).toContain('5000 fixes applied.');
  });
});
