import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { RENDER_KEY } from '../../src/render/review-fragments.js';
import { reviewArticle } from '../../src/services/review-fragments.js';
import { contextOver, fragmentHtml } from '../helpers/app.js';

describe('migrate', () => {
  it('applies the shipped migrations once, in order, and records them', async () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toEqual(['0001_initial.sql', '0002_lean_rows_and_review_fragments.sql', '0003_accounts.sql', '0004_passage_versions.sql', '0005_passage_events.sql', '0006_passage_comments.sql', '0007_review_flow.sql', '0008_short_csrf_tokens.sql', '0009_article_revision.sql', '0010_content_version.sql']);
    expect(migrate(db)).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['articles', 'passages', 'findings', 'dismissals', 'users', 'sessions', 'api_tokens', 'schema_migrations']));
  });

  it('moves the texts of articles stored before 0002 to article_texts, and the page renders them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-migrations-'));
    copyFileSync(join(MIGRATIONS_DIR, '0001_initial.sql'), join(dir, '0001_initial.sql'));
    const db = openDatabase(':memory:');
    migrate(db, dir);
    db.exec(`INSERT INTO articles (id, title, source_text, ai_text, created_at, updated_at) VALUES (7, 'Old', 'Стара стаття.', 'Talks in Kiev.', 'x', 'x');
      INSERT INTO passages (article_id, idx, ai_text, corrected_text, diff_html) VALUES (7, 0, 'Talks in Kiev.', 'Talks in Kyiv.', '');`);
    expect(migrate(db)).toEqual(['0002_lean_rows_and_review_fragments.sql', '0003_accounts.sql', '0004_passage_versions.sql', '0005_passage_events.sql', '0006_passage_comments.sql', '0007_review_flow.sql', '0008_short_csrf_tokens.sql', '0009_article_revision.sql', '0010_content_version.sql']);
    const { ctx } = contextOver(db);
    expect(ctx.repos.articles.find(7)).toMatchObject({ title: 'Old', aiText: 'Talks in Kiev.', sourceText: 'Стара стаття.' });
    const { fragments } = await reviewArticle(ctx, { role: 'editor' }, 7);
    expect(fragmentHtml(fragments.passages)).toContain('<del><span class="visually-hidden">deleted: </span>Kiev</del>');
    expect(ctx.repos.reviewFragments.find(7, false)?.renderKey).toBe(RENDER_KEY);
    // 0007 rebuilt the articles table: its passages were not deleted with the old one.
    expect(ctx.repos.passages.ofArticle(7)).toHaveLength(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('gives sessions made with the old 256-character CSRF tokens a token of the size pages leave for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-migrations-'));
    for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < '0008')) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const db = openDatabase(':memory:');
    migrate(db, dir);
    // Raw SQL: the repositories' statements need the schema of every migration.
    const insert = db.prepare(`INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, NULL, ?, '2025-01-01', '2025-01-01')`);
    const tokenOf = db.prepare('SELECT csrf_token FROM sessions WHERE id_hash = ?').pluck();
    const old = 'f'.repeat(256);
    const current = 'a'.repeat(32);
    insert.run('old', old);
    insert.run('current', current);
    expect(migrate(db)).toEqual(['0008_short_csrf_tokens.sql', '0009_article_revision.sql', '0010_content_version.sql']);
    expect(tokenOf.get('old')).toMatch(/^[0-9a-f]{32}$/);
    expect(tokenOf.get('current')).toBe(current);
  });

  it('applies a directory of migrations in file-name order and rolls back a failing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-migrations-'));
    writeFileSync(join(dir, '0002_second.sql'), 'ALTER TABLE t ADD COLUMN b TEXT;');
    writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE t (a TEXT);');
    writeFileSync(join(dir, '0003_broken.sql'), 'CREATE TABLE u (x TEXT); SELECT * FROM nowhere;');
    writeFileSync(join(dir, 'notes.txt'), 'not a migration');
    const db = openDatabase(':memory:');
    expect(() => migrate(db, dir)).toThrow(/nowhere/);
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all()).toEqual(['0001_first.sql', '0002_second.sql']);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'u'").pluck().get()).toBe(0);
    expect(db.prepare('PRAGMA table_info(t)').all()).toHaveLength(2);
  });

  it('refuses a migration that leaves rows without their parent, and keeps foreign keys on after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-migrations-'));
    writeFileSync(join(dir, '0001_tables.sql'), 'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));');
    writeFileSync(join(dir, '0002_orphan.sql'), 'INSERT INTO child (parent_id) VALUES (42);');
    const db = openDatabase(':memory:');
    expect(() => migrate(db, dir)).toThrow(/0002_orphan.sql leaves 1 rows of child without their parent/);
    expect(db.prepare('SELECT count(*) FROM child').pluck().get()).toBe(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('opens a file database in WAL mode with full sync, foreign keys and a busy timeout', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wb-db-')), 'nested', 'workbench.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
