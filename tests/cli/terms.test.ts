import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTermFile } from '../../src/reference/term-files.js';
import { CLI } from '../helpers/run-cli.js';

const HEADER = 'preferred,variants,exceptions,note,kind,language,disputed\n';

/** The command line over a database of its own, in a fresh directory. */
function workbenchIn() {
  const dir = mkdtempSync(join(tmpdir(), 'wb-terms-'));
  const db = join(dir, 'workbench.sqlite');
  const run = (args: string[], input = '') => {
    const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, WORKBENCH_DB: db } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  // The database exists once a command has opened it; a dry run opens it and changes no term.
  run(['terms', 'import', '--dry-run', file('empty.csv', HEADER + 'Kyiv,Kiev,,,place,en,false\n')]);
  const terms = () => run(['terms', 'export', '--format', 'csv']).stdout;
  return { dir, db, run, file, terms };
}

describe('workbench terms export', () => {
  it('writes the termbase as CSV or TBX to standard output or --out', () => {
    const { run, dir } = workbenchIn();
    const csv = run(['terms', 'export', '--format', 'csv']);
    expect(csv).toMatchObject({ status: 0, stderr: '' });
    const starter = readTermFile(csv.stdout, 'terms.csv').entries;
    expect(starter.map((e) => e.preferred)).toContain('Kyiv');
    const out = join(dir, 'terms.tbx');
    const tbx = run(['terms', 'export', '--format', 'tbx', '--out', out]);
    expect(tbx).toMatchObject({ status: 0, stdout: '' });
    expect(tbx.stderr).toBe(`${starter.length} terms as tbx → ${out}\n`);
    expect(readTermFile(readFileSync(out, 'utf8'), out).entries.map((e) => e.preferred)).toEqual(starter.map((e) => e.preferred));
  });

  it.each([
    [['terms', 'export'], '--format must be csv or tbx'],
    [['terms', 'export', '--format', 'xlsx'], '--format must be csv or tbx, not "xlsx"'],
    [['terms', 'export', '--format', 'csv', '--dry-run'], '--dry-run goes with terms import'],
    [['terms', 'export', '--format', 'csv', '--bogus'], 'unknown option --bogus'],
    [['terms', 'import'], 'terms import takes exactly one FILE'],
    [['terms', 'import', 'a.csv', '--format', 'csv'], "--format goes with terms export; an import's format follows the file"],
    [['terms', 'rename'], 'usage: workbench terms export'],
  ])('%j exits 2: %s', (args, message) => {
    const { run } = workbenchIn();
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('workbench terms import', () => {
  it('--dry-run prints the plan and changes nothing', () => {
    const { run, file, terms } = workbenchIn();
    const before = terms();
    const result = run(['terms', 'import', '--dry-run', file('ours.csv', HEADER + 'Lozova,Lozovaya,,,place,en,false\nKyiv,Kiev|Kyjiw,,,place,en,false\n')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ours\.csv \(csv, 2 terms\): 1 to add, 1 to change, 0 to remove, 0 unchanged\.\n  \+ Lozova \(not Lozovaya\)\n  ~ Kyiv: variants, exceptions, note\nDry run: nothing changed\.\n$/);
    expect(terms()).toBe(before);
  });

  it('applies the plan, and --replace removes the terms the file does not list', () => {
    const { run, file, terms } = workbenchIn();
    const merged = run(['terms', 'import', file('ours.csv', HEADER + 'Lozova,Lozovaya,,,place,en,false\n')]);
    expect(merged.stdout).toContain('Applied: 1 added, 0 changed, 0 removed.');
    const afterMerge = readTermFile(terms(), 'terms.csv').entries.map((e) => e.preferred);
    expect(afterMerge).toContain('Lozova');
    expect(afterMerge).toContain('Kyiv');
    const replaced = run(['terms', 'import', '--replace', file('only.tbx', readFileSync(new URL('../fixtures/termbases/hand-made.tbx', import.meta.url), 'utf8'))]);
    expect(replaced.status).toBe(0);
    // Lozova is in the termbase already (the merge above): the file changes it.
    expect(replaced.stdout).toContain(`2 to add, 1 to change, ${afterMerge.length - 1} to remove (replace), 0 unchanged.\n  + Oleksandr Usyk (disputed: also Aleksandr Usik)\n`);
    expect(readTermFile(terms(), 'terms.csv').entries.map((e) => e.preferred)).toEqual(['Lozova', 'Oleksandr Usyk', 'Укрзалізниця']);
  });

  it.each([
    ['a malformed TBX', 'bad.tbx', '<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n<conceptEntry>\n<langSec xml:lang="en"><termSec><term>Kiev</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>\n</conceptEntry>\n</body></text></tbx>\n', 'line 3, <conceptEntry>: a conceptEntry without a preferred term'],
    ['a file that conflicts with a term it keeps', 'clash.csv', HEADER + 'Lozova,Lozovaya,,,place,en,false\nKyjiw,Kiev,,,place,en,false\n', 'line 3: the variant "Kiev" is also listed under "Kyiv"'],
  ])('refuses %s: exit 2, the line named, nothing changed', (_, name, content, message) => {
    const { run, file, terms } = workbenchIn();
    const before = terms();
    const result = run(['terms', 'import', file(name, content)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(terms()).toBe(before);
  });
});
