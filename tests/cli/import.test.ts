import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createTerm, startTermbase } from '../../src/services/termbase.js';
import { contextOver } from '../helpers/app.js';
import { CLI } from '../helpers/run-cli.js';

function runImport(args: string[], dbFile: string) {
  const result = spawnSync(process.execPath, [CLI, 'import', ...args], { encoding: 'utf8', env: { ...process.env, WORKBENCH_DB: dbFile } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('workbench import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-import-'));
  const dbFile = join(dir, 'db', 'workbench.sqlite');
  writeFileSync(join(dir, 'one.txt'), 'Talks in Kiev\n\nThey ended on Monday.');
  writeFileSync(join(dir, 'source.txt'), 'Переговори в Києві\n\nВони завершилися в понеділок.');

  it('imports one file with its source and title and prints the new id', () => {
    const run = runImport([join(dir, 'one.txt'), '--source', join(dir, 'source.txt'), '--title', 'Talks'], dbFile);
    expect(run).toMatchObject({ status: 0, stdout: '1\n' });
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('SELECT title, source_lang AS sourceLang, open_errors AS errors FROM articles').get()).toEqual({ title: 'Talks', sourceLang: 'uk', errors: 1 });
    db.close();
  });

  it('imports every file of a directory with a progress line each', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wb-folder-'));
    writeFileSync(join(folder, 'a.txt'), 'First article about Kharkov.');
    writeFileSync(join(folder, 'b.html'), '<p>Second article.</p>');
    writeFileSync(join(folder, 'c.txt'), '');
    writeFileSync(join(folder, 'ignored.json'), '{}');
    const run = runImport([folder], join(folder, 'wb.sqlite'));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('1\n2\n');
    expect(run.stderr).toContain('[1/3]');
    expect(run.stderr).toContain('c.txt: not imported');
    expect(run.stderr).toMatch(/Synced to disk: the 2 imported articles are safe from a power cut too\.\n$/);
  });

  it('updates the article imported under the same --external-id instead of adding one', () => {
    const file = join(dir, 'updated.txt');
    const db = join(mkdtempSync(join(tmpdir(), 'wb-reimport-')), 'workbench.sqlite');
    writeFileSync(file, 'Talks in Kiev\n\nThey ended on Monday.');
    expect(runImport([file, '--external-id', 'cms-7'], db)).toMatchObject({ status: 0, stdout: '1\n' });
    writeFileSync(file, 'Talks in Kiev\n\nThey ended on Tuesday.');
    expect(runImport([file, '--external-id', 'cms-7'], db)).toMatchObject({ status: 0, stdout: '1\n' });
    const read = new Database(db, { readonly: true });
    expect(read.prepare('SELECT count(*) AS n, max(t.ai_text) AS text FROM articles a JOIN article_texts t ON t.article_id = a.id').get()).toEqual({ n: 1, text: 'Talks in Kiev\n\nThey ended on Tuesday.' });
    read.close();
  });

  it('reports a missing file and bad usage with status 2', () => {
    expect(runImport([join(dir, 'missing.txt')], dbFile)).toMatchObject({ status: 2, stderr: expect.stringContaining('no such file') });
    expect(runImport([], dbFile).status).toBe(2);
  });

  it('checks against the database termbase, seeded with the starter one on first use, unless --terms names a file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wb-terms-'));
    const file = join(folder, 'wb.sqlite');
    writeFileSync(join(folder, 'a.txt'), 'The train reached Chortkov from Kharkov.');
    writeFileSync(join(folder, 'terms.json'), JSON.stringify([{ preferred: 'Kharkiv', variants: ['Kharkov'] }]));
    const db = openDatabase(file);
    migrate(db);
    const { ctx } = contextOver(db);
    startTermbase(ctx, undefined);
    createTerm(ctx, null, { preferred: 'Chortkiv', variants: ['Chortkov'], exceptions: [] });
    db.close();
    const termFindings = () => {
      const read = new Database(file, { readonly: true });
      const texts = read.prepare("SELECT text FROM findings WHERE check_id = 'terms' AND article_id = (SELECT max(id) FROM articles) ORDER BY start_offset").pluck().all();
      read.close();
      return texts;
    };
    expect(runImport([join(folder, 'a.txt')], file).status).toBe(0);
    expect(termFindings()).toEqual(['Chortkov', 'Kharkov']);
    expect(runImport([folder], file).status).toBe(0);
    expect(termFindings()).toEqual(['Chortkov', 'Kharkov']);
    expect(runImport([join(folder, 'a.txt'), '--terms', join(folder, 'terms.json')], file).status).toBe(0);
    expect(termFindings()).toEqual(['Kharkov']);
  });
});
