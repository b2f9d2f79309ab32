import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/run-cli.js';
import { dumpDatabase, longArticle, type Dump } from '../helpers/sqlite-dump.js';

function workbench(args: string[], dbFile: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, WORKBENCH_DB: dbFile } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A database with articles imported by `workbench import`, as the web app would hold them. */
function importedDatabase(articles = 3): { dir: string; dbFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wb-backup-cli-'));
  const folder = join(dir, 'articles');
  mkdirSync(folder);
  for (let i = 0; i < articles; i++) writeFileSync(join(folder, `${i}.txt`), longArticle(i));
  writeFileSync(join(folder, 'page.html'), '<h1>Talks in Kiev</h1><p>They ended with 700.000 signatures.</p>');
  const dbFile = join(dir, 'db', 'workbench.sqlite');
  const run = workbench(['import', folder], dbFile);
  if (run.status !== 0) throw new Error(`workbench import failed: ${run.stderr}`);
  return { dir, dbFile };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('workbench backup', () => {
  it('writes a verified copy with every row and prints its path, size and page count', async () => {
    const { dir, dbFile } = importedDatabase();
    const target = join(dir, 'backup.sqlite');

    const run = workbench(['backup', target], dbFile);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const match = /^(.+): (\d+) bytes, (\d+) pages, integrity ok\n$/.exec(run.stdout);
    expect(match?.[1]).toBe(target);
    expect(Number(match?.[2])).toBe(statSync(target).size);
    expect(Number(match?.[3]) * 4096).toBe(statSync(target).size);
    const copy = dumpDatabase(target, { readonly: true });
    expect(copy.articles).toHaveLength(4);
    expect(copy).toEqual(dumpDatabase(dbFile));
    expect(readdirSync(dir).sort()).toEqual(['articles', 'backup.sqlite', 'db']);

    // Self-contained: the file alone, moved elsewhere, opens read-only and reads its rows.
    const alone = join(mkdtempSync(join(tmpdir(), 'wb-restore-')), 'restored.sqlite');
    copyFileSync(target, alone);
    const db = new Database(alone, { readonly: true });
    expect(db.prepare('SELECT title FROM articles ORDER BY id').pluck().all()).toEqual([
      'Report 0 on the talks in Kiev',
      'Report 1 on the talks in Kiev',
      'Report 2 on the talks in Kiev',
      'Talks in Kiev',
    ]);
    db.close();
  });

  it('replaces an existing FILE only with --force', async () => {
    const { dir, dbFile } = importedDatabase(1);
    const target = join(dir, 'previous.sqlite');
    writeFileSync(target, 'the previous backup');

    const refused = workbench(['backup', target], dbFile);
    expect(refused).toMatchObject({ status: 2, stdout: '', stderr: `workbench: ${target} already exists (--force replaces it)\n` });
    expect(readFileSync(target, 'utf8')).toBe('the previous backup');

    expect(workbench(['backup', '--force', target], dbFile).status).toBe(0);
    expect(dumpDatabase(target, { readonly: true })).toEqual(dumpDatabase(dbFile));
  });

  it('refuses to back up a database that does not exist, and does not create it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-backup-cli-'));
    const dbFile = join(dir, 'db', 'workbench.sqlite');
    const run = workbench(['backup', join(dir, 'backup.sqlite')], dbFile);
    expect(run).toMatchObject({ status: 2, stdout: '', stderr: `workbench: ${dbFile}: no such database, nothing to back up (WORKBENCH_DB)\n` });
    expect(readdirSync(dir)).toEqual([]);
  });

  describe('refuses, with status 2 and one line on stderr, and touches nothing', () => {
    const { dir, dbFile } = importedDatabase(1);
    const link = join(dir, 'link.sqlite');
    symlinkSync(dbFile, link);
    const cases: [string, string[], RegExp][] = [
      ['no FILE', ['backup'], /backup takes exactly one FILE/],
      ['two FILEs', ['backup', join(dir, 'a.sqlite'), join(dir, 'b.sqlite')], /backup takes exactly one FILE/],
      ['standard output', ['backup', '-'], /not standard output/],
      ['a FILE in a missing directory', ['backup', join(dir, 'missing', 'a.sqlite')], /missing: no such directory/],
      ['a directory as FILE', ['backup', '--force', `${dir}/db/..`], /is a directory/],
      ['the database', ['backup', dbFile], /is the database itself/],
      ['the database with --force', ['backup', '--force', dbFile], /is the database itself/],
      ['the database by another path', ['backup', '--force', `${dir}/db/./../db/workbench.sqlite`], /is the database itself/],
      ['the database through a symbolic link', ['backup', '--force', link], /is the database itself/],
      ["the database's WAL", ['backup', '--force', `${dbFile}-wal`], /is the database itself/],
    ];

    it.each(cases)('%s', (_name, args, message) => {
      const before = { files: readdirSync(dir).sort(), db: sha(dbFile) };
      const run = workbench(args, dbFile);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
      expect({ files: readdirSync(dir).sort(), db: sha(dbFile) }).toEqual(before);
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    });
  });

  it('refuses, even with --force, a FILE that is there but is not a regular file, and leaves it as it was', () => {
    const { dir, dbFile } = importedDatabase(1);
    // A named pipe stands in for /dev/null: renaming the backup over it would replace it with a file.
    const pipe = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const run = workbench(['backup', '--force', pipe], dbFile);
    expect(run).toMatchObject({ status: 2, stdout: '', stderr: `workbench: ${pipe} is not a regular file (a device, pipe or socket); give the backup's file name\n` });
    expect(statSync(pipe).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['articles', 'db', 'pipe']);
  });

  it('takes a consistent snapshot while another process keeps importing articles', async () => {
    const { dir, dbFile } = importedDatabase(2);
    const dist = pathToFileURL(`${dirname(CLI)}/`).href;
    const writerScript = join(dir, 'writer.mjs');
    const textFile = join(dir, 'article.txt');
    const stopFile = join(dir, 'stop');
    writeFileSync(textFile, longArticle(1000));
    // Imports article after article through the import service (one transaction each), as the
    // server does, until told to stop; says "ready" once it has written a few, and at the end
    // when it committed each one.
    writeFileSync(
      writerScript,
      `import { existsSync, readFileSync } from 'node:fs';
const [dist, dbFile, textFile, stopFile] = process.argv.slice(2);
const { openDatabase } = await import(new URL('db/connection.js', dist));
const { createServiceContext } = await import(new URL('services/context.js', dist));
const { loadReference } = await import(new URL('reference/load.js', dist));
const { importArticle } = await import(new URL('services/import.js', dist));
const db = openDatabase(dbFile);
const ctx = createServiceContext(db, loadReference());
const text = readFileSync(textFile, 'utf8');
const committed = [];
while (!existsSync(stopFile)) {
  await importArticle(ctx, { text });
  committed.push(Date.now());
  if (committed.length === 10) process.stdout.write('ready\\n');
}
db.close();
process.stdout.write(JSON.stringify(committed) + '\\n');
`,
    );
    const writer = spawn(process.execPath, [writerScript, dist, dbFile, textFile, stopFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    writer.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => writer.on('close', resolve));
    const target = join(dir, 'backup.sqlite');
    let run: ReturnType<typeof workbench>;
    let started = 0;
    let finished = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        writer.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('ready')) resolve();
        });
        void exited.then(() => reject(new Error(`the writer stopped before it was ready: ${errors}`)));
      });
      started = Date.now();
      run = workbench(['backup', target], dbFile);
      finished = Date.now();
    } finally {
      writeFileSync(stopFile, '');
    }
    expect(await exited).toBe(0);
    expect(errors).toBe('');
    expect(run).toMatchObject({ status: 0, stderr: '' });

    const copy = dumpDatabase(target, { readonly: true });
    const source = dumpDatabase(dbFile);
    const committed = JSON.parse(output.trim().split('\n').at(-1)!) as number[];
    expect(source.articles).toHaveLength(3 + committed.length);
    // The writer kept committing while the backup ran.
    expect(committed.filter((time) => time > started && time < finished).length).toBeGreaterThan(2);
    const copied = copy.articles!.length;
    expect(copied).toBeGreaterThanOrEqual(3 + 10);
    // A snapshot: exactly the source as it was after the copy's last article was committed,
    // each of those articles whole (every passage and finding), none of the later ones.
    // The word index's FTS5 tables (0021) hold segments shared by all articles, merged as more
    // are added: the source's later state says nothing of the copy's; the copy's index is checked whole below.
    const upTo = (dump: Dump, lastId: number): Dump =>
      Object.fromEntries(
        Object.entries(dump).filter(([table]) => !table.startsWith('article_words')).map(([table, rows]) => [
          table,
          (rows as Record<string, unknown>[]).filter((row) => Number(row.article_id ?? (table === 'articles' ? row.id : 0)) <= lastId),
        ]),
      );
    const lastId = Math.max(...(copy.articles as { id: number }[]).map((a) => a.id));
    expect(lastId).toBe(copied);
    expect(upTo(copy, lastId)).toEqual(upTo(source, lastId));
    const db = new Database(target);
    expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    // FTS5's own check that the index agrees with itself; it throws when it does not.
    db.prepare("INSERT INTO article_words (article_words) VALUES ('integrity-check')").run();
    db.close();
  });
});
