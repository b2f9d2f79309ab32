import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, type BackupProgress } from '../../src/db/backup.js';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { loadReference } from '../../src/reference/load.js';
import { createServiceContext, type ServiceContext } from '../../src/services/context.js';
import { splitPassages } from '../../src/services/passage-layout.js';
import { importArticle } from '../../src/services/import.js';
import { dumpDatabase, longArticle } from '../helpers/sqlite-dump.js';

const reference = loadReference();
const open: Db[] = [];

/** A connection to a file database like the server's, with the import service over it. */
function connect(file: string): ServiceContext {
  const db = openDatabase(file);
  open.push(db);
  migrate(db);
  return createServiceContext(db, reference);
}

/** Stores an article at once, unchecked: the import service would commit it only after a turn of the event loop. */
function commitArticle({ repos, now }: ServiceContext, text: string): void {
  repos.transaction(() => {
    const id = repos.articles.nextId();
    repos.articles.insert(id, { separateTitle: false, targetLang: 'en', sourceLang: null, sourceText: null, aiText: text, externalId: null, now: now() });
    repos.passages.insertAll(id, splitPassages(text, null));
  });
}

async function seeded(articles: number): Promise<{ dir: string; dbFile: string; ctx: ServiceContext }> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-backup-'));
  const dbFile = join(dir, 'workbench.sqlite');
  const ctx = connect(dbFile);
  for (let i = 0; i < articles; i++) await importArticle(ctx, { text: longArticle(i), source: i === 0 ? 'Переговори в Києві.' : undefined });
  return { dir, dbFile, ctx };
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('backupDatabase', () => {
  it('copies every row, including those still in the WAL, into one self-contained file', async () => {
    const { dir, dbFile } = await seeded(3);
    // The server's connection stays open: the last commits are still in the -wal file.
    expect(statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);
    const target = join(dir, 'backup.sqlite');

    const result = await backupDatabase(dbFile, target);

    expect(result).toEqual({ file: target, bytes: statSync(target).size, pages: expect.any(Number) });
    expect(result.bytes).toBe(result.pages * 4096);
    expect(readdirSync(dir).sort()).toEqual(['backup.sqlite', 'workbench.sqlite', 'workbench.sqlite-shm', 'workbench.sqlite-wal']);
    expect(dumpDatabase(target, { readonly: true })).toEqual(dumpDatabase(dbFile));

    // The file alone, without any -wal, holds every article.
    const alone = join(mkdtempSync(join(tmpdir(), 'wb-restore-')), 'restored.sqlite');
    copyFileSync(target, alone);
    const copy = new Database(alone, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
    expect(copy.prepare('SELECT count(*) FROM passages WHERE article_id = 3').pluck().get()).toBe(31);
    copy.close();
    expect(readdirSync(join(alone, '..'))).toEqual(['restored.sqlite']);
  });

  it('is the latest consistent snapshot when another connection keeps writing between its steps', async () => {
    const { dir, dbFile } = await seeded(4);
    const writer = connect(dbFile);
    const target = join(dir, 'busy.sqlite');
    const steps: BackupProgress[] = [];
    let writes = 0;

    const result = await backupDatabase(dbFile, target, {
      pagesPerStep: 1,
      onStep: (progress) => {
        steps.push(progress);
        // Every step, another connection commits an article (its row, texts and passages in one
        // transaction), which makes SQLite restart the copy from the first page.
        if (writes < 200) commitArticle(writer, longArticle(100 + writes++));
      },
    });

    // It did not wait for the writer to stop: it finished while every step still brought a write.
    expect(writes).toBe(steps.length);
    expect(writes).toBeLessThan(200);
    expect(steps.some((p, i) => i > 0 && p.remainingPages >= steps[i - 1]!.remainingPages)).toBe(true);
    // Nothing was written after its last step, so the snapshot is the database as it is now.
    const copy = dumpDatabase(target, { readonly: true });
    expect(copy).toEqual(dumpDatabase(dbFile));
    expect(copy.articles).toHaveLength(4 + writes);
    const check = new Database(target, { readonly: true });
    expect(check.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    expect(check.pragma('page_count', { simple: true })).toBe(result.pages);
    check.close();
  });

  it('leaves nothing under FILE, and an existing FILE as it was, when the backup is interrupted', async () => {
    const { dir, dbFile } = await seeded(2);
    const interrupt = () => {
      throw new Error('interrupted');
    };
    const target = join(dir, 'new.sqlite');
    await expect(backupDatabase(dbFile, target, { pagesPerStep: 1, onStep: interrupt })).rejects.toThrow('interrupted');
    expect(existsSync(target)).toBe(false);

    const previous = join(dir, 'previous.sqlite');
    writeFileSync(previous, 'the previous backup');
    await expect(backupDatabase(dbFile, previous, { force: true, pagesPerStep: 1, onStep: interrupt })).rejects.toThrow('interrupted');
    expect(readFileSync(previous, 'utf8')).toBe('the previous backup');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a missing database without creating it, and the database itself as FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-backup-'));
    const missing = join(dir, 'nested', 'workbench.sqlite');
    await expect(backupDatabase(missing, join(dir, 'b.sqlite'))).rejects.toThrow(/no such database/);
    expect(readdirSync(dir)).toEqual([]);

    const { dbFile } = await seeded(1);
    for (const target of [dbFile, `${dbFile}-wal`, join(dbFile, '..', '.', 'workbench.sqlite')]) {
      await expect(backupDatabase(dbFile, target, { force: true })).rejects.toThrow(/is the database itself/);
    }
  });
});
