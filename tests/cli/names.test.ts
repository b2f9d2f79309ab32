import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { NameGroup } from '../../src/services/names.js';
import { CLI } from '../helpers/run-cli.js';

function workbench(args: string[], dbFile: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, WORKBENCH_DB: dbFile } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('workbench names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-names-'));
  const dbFile = join(dir, 'workbench.sqlite');
  const spellings = ['Witkoff', 'Vitkoff', 'Witkoff', 'Witkoff'];
  spellings.forEach((spelling, i) => {
    writeFileSync(join(dir, `${i}.txt`), `Envoy meets officials in Ankara\n\nThe envoy ${spelling} met officials in Ankara on Monday, round ${i}.`);
  });

  it('lists the contested names with their spellings and article counts', () => {
    expect(workbench(['import', dir], dbFile).status).toBe(0);
    const run = workbench(['names', '--contested'], dbFile);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('vitkof  4 articles, 75 % Witkoff, contested\n  Witkoff  3 articles, 3 uses\n  Vitkoff  1 article, 1 use\n');
  });

  it('lists every name, the contested first, as JSON', () => {
    const groups = JSON.parse(workbench(['names', '--format', 'json', '--db', dbFile], join(dir, 'elsewhere.sqlite')).stdout) as NameGroup[];
    expect(groups[0]).toMatchObject({ key: 'vitkof', contested: true, articles: 4 });
    expect(groups.find((g) => g.key === 'ankara')).toMatchObject({ contested: false, articles: 4, spellings: [{ spelling: 'Ankara', articles: 4, uses: 8 }] });
  });

  it('rebuilds the index from the articles, as it was kept', () => {
    const db = new Database(dbFile);
    const rows = () => db.prepare('SELECT * FROM article_names ORDER BY 1, 2, 3').all();
    const kept = rows();
    db.prepare('DELETE FROM article_names').run();
    const run = workbench(['names', '--rebuild'], dbFile);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Indexed \d+ names of 4 articles in \d+\.\d s\.\n$/);
    expect(rows()).toEqual(kept);
    db.close();
  });

  it('refuses arguments and a format it does not know', () => {
    expect(workbench(['names', 'extra'], dbFile)).toMatchObject({ status: 2, stderr: expect.stringContaining('names takes no arguments') });
    expect(workbench(['names', '--format', 'xml'], dbFile)).toMatchObject({ status: 2, stderr: expect.stringContaining('--format must be text or json') });
  });
});
