import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deferDurability, makeDurable, openDatabase } from '../../src/db/connection.js';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { RENDER_KEY } from '../../src/render/review-fragments.js';
import { reviewArticle } from '../../src/services/review-fragments.js';
import { checkArticle } from '../../src/services/check-article.js';
import { splitPassages } from '../../src/services/passage-layout.js';
import { contextOver, fragmentHtml, reference } from '../helpers/app.js';

/** Every migration the project ships, in the order they apply (their names sort in that order). */
const SHIPPED = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')).sort();

describe('migrate', () => {
  it('applies the shipped migrations once, in order, and records them', async () => {
    const db = openDatabase(':memory:');
    expect(SHIPPED.slice(0, 2)).toEqual(['0001_initial.sql', '0002_lean_rows_and_review_fragments.sql']);
    expect(migrate(db)).toEqual(SHIPPED);
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
    expect(migrate(db)).toEqual(SHIPPED.slice(1));
    const { ctx } = contextOver(db);
    expect(ctx.repos.articles.find(7)).toMatchObject({ title: 'Old', aiText: 'Talks in Kiev.', sourceText: 'Стара стаття.' });
    const { fragments } = await reviewArticle(ctx, { role: 'editor' }, 7);
    expect(fragmentHtml(fragments.passages)).toContain('<del><span class="visually-hidden">deleted: </span>Kiev</del>');
    expect(ctx.repos.reviewFragments.find(7, false)?.renderKey).toBe(RENDER_KEY);
    // 0007 rebuilt the articles table: its passages were not deleted with the old one (0011 put its title before them).
    expect(ctx.repos.passages.ofArticle(7).map((p) => p.aiText)).toEqual(['Old', 'Talks in Kiev.']);
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
    expect(migrate(db)).toEqual(SHIPPED.filter((name) => name >= '0008'));
    expect(tokenOf.get('old')).toMatch(/^[0-9a-f]{32}$/);
    expect(tokenOf.get('current')).toBe(current);
  });

  it('makes the title passage 0 on a database of the earlier migrations: given titles move into the passages, findings and dismissals keep their meaning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-migrations-'));
    for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < '0011')) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const db = openDatabase(':memory:');
    migrate(db, dir);
    // Raw SQL, as the code before 0011 stored articles: the repositories' statements need its schema.
    const given = 'Envoy 𝔖 arrives in Odessa';
    const budget = 'The city council passed its new budget on Thursday after a debate of more than six hours.';
    const body = ['Kiev talks ended, and the envoy met officials.', budget, budget.replace('Thursday', 'Friday')];
    const oldPassages = splitPassages(body.join('\n\n'), null);
    // The findings as the checks stored them before 0011: offsets and fingerprints in the text alone.
    const before = checkArticle({ targetLang: 'en', sourceLang: null, sourceText: null, separateTitle: false }, oldPassages, reference, new Set());
    const kiev = before.find((f) => f.text === 'Kiev')!;
    expect(before.some((f) => f.suggestions?.length)).toBe(true);
    db.exec(`INSERT INTO users (id, name, role, password_hash, created_at) VALUES (1, 'ed', 'editor', 'x', 'x');
      INSERT INTO articles (id, title, created_at, updated_at) VALUES (1, '${given}', 'x', 'x'), (2, 'Talks in Odessa', 'x', 'x');
      INSERT INTO article_texts (article_id, ai_text) VALUES (1, '${body.join('\n\n')}'), (2, 'Talks in Odessa\n\nThey ended.');
      INSERT INTO passages (article_id, idx, gap_before, ai_text, corrected_text, approved_text, version) VALUES
        (1, 0, '', '${body[0]}', '${body[0]}', '${body[0]}', 1), (1, 1, char(10, 10), '${body[1]}', '${body[1]}', '${body[1]}', 2),
        (1, 2, char(10, 10), '${body[2]}', '${body[2]}', '${body[2]}', 1),
        (2, 0, '', 'Talks in Odessa', 'Talks in Odesa', 'Talks in Odesa', 2), (2, 1, char(10, 10), 'They ended.', 'They ended.', 'They ended.', 1);
      INSERT INTO passage_events (article_id, passage_idx, version, user_id, kind, before_text, after_text, created_at) VALUES
        (1, 1, 2, 1, 'revert', 'A draft.', '${body[1]}', 'x'), (2, 0, 2, 1, 'fix', 'Talks in Odessa', 'Talks in Odesa', 'x');
      INSERT INTO passage_comments (article_id, passage_idx, user_id, body, created_at) VALUES (1, 1, 1, 'Which budget?', 'x'), (1, -1, 1, 'Of a dropped passage', 'x');
      INSERT INTO dismissals (article_id, fingerprint, check_id, reason, created_at) VALUES (1, '${kiev.fingerprint}', 'terms', 'Quoted', 'x');`);
    const insertFinding = db.prepare(`INSERT INTO findings (article_id, fingerprint, check_id, severity, its_type, message, start_offset, end_offset, text,
      fix_json, suggestions_json, passage_idx, passage_start, passage_end, dismissed) VALUES (1, @fingerprint, @check, @severity, @itsType, @message,
      @start, @end, @text, @fix, @suggestions, @passageIdx, @passageStart, @passageEnd, @dismissed)`);
    for (const f of before) {
      insertFinding.run({ ...f, fix: f.fix ? JSON.stringify(f.fix) : null, suggestions: f.suggestions?.length ? JSON.stringify(f.suggestions) : null, dismissed: f === kiev ? 1 : 0 });
    }

    expect(migrate(db)).toEqual(SHIPPED.filter((name) => name >= '0011'));
    const { ctx } = contextOver(db);
    // The given title is passage 0, before the text's first line; the title taken from the first line stays that passage.
    expect(ctx.repos.passages.ofArticle(1).map((p) => [p.idx, p.gapBefore, p.aiText, p.correctedText])).toEqual([
      [0, '', given, given],
      [1, '\n\n', body[0], body[0]],
      [2, '\n\n', body[1], body[1]],
      [3, '\n\n', body[2], body[2]],
    ]);
    expect(ctx.repos.articles.find(1)).toMatchObject({ title: given, separateTitle: true });
    expect(ctx.repos.passages.ofArticle(2)).toHaveLength(2);
    // A correction of the first line made before 0011 is the title at once.
    expect(ctx.repos.articles.find(2)).toMatchObject({ title: 'Talks in Odesa', separateTitle: false });
    expect(ctx.repos.passageEvents.ofArticle(1).map((e) => e.passageIdx)).toEqual([2]);
    expect(ctx.repos.passageEvents.ofArticle(2).map((e) => e.passageIdx)).toEqual([0]);
    expect(ctx.repos.passageComments.ofPassage(1, 2).map((c) => c.body)).toEqual(['Which budget?']);
    expect(ctx.repos.passageComments.ofPassage(1, -1).map((c) => c.body)).toEqual(['Of a dropped passage']);
    // The stored findings are those a check of the article with its title finds in the text: moved
    // offsets (the title's letter past U+FFFF counts two), fixes and suggestions, and the same fingerprints.
    const migrated = ctx.repos.passages.ofArticle(1);
    const fresh = checkArticle({ targetLang: 'en', sourceLang: null, sourceText: null, separateTitle: true }, migrated, reference, new Set());
    const stored = ctx.repos.findings.ofArticle(1);
    // (Messages and labels that count paragraphs are written again by that check.)
    const located = (f: { fingerprint: string; start: number; end: number; fix?: unknown; suggestions?: { edit: unknown }[]; passageIdx: number | null }) =>
      ({ fingerprint: f.fingerprint, start: f.start, end: f.end, fix: f.fix ?? null, edits: (f.suggestions ?? []).map((x) => x.edit), passageIdx: f.passageIdx });
    expect(stored.map(located)).toEqual(fresh.filter((f) => f.passageIdx !== 0 && before.some((b) => b.fingerprint === f.fingerprint)).map(located));
    expect(stored.find((f) => f.text === 'Kiev')).toMatchObject({ fingerprint: kiev.fingerprint, dismissed: true, passageIdx: 1 });

    // Its page, rendered again: the title checked with the text, the dismissal still holding.
    const { fragments } = await reviewArticle(ctx, { role: 'editor' }, 1);
    expect(fragmentHtml(fragments.passages)).toContain('/articles/1/passages/2/edit');
    const rechecked = ctx.repos.findings.ofArticle(1);
    expect(rechecked.find((f) => f.text === 'Kiev')).toMatchObject({ fingerprint: kiev.fingerprint, dismissed: true });
    expect(rechecked.find((f) => f.text === 'Odessa')).toMatchObject({ check: 'terms', passageIdx: 0, dismissed: false });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps every passage, its triggers and its pending index when 0017 moves passages into an ordinary table, whose rows no longer overflow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-migrations-'));
    for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < '0017')) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const db = openDatabase(':memory:');
    migrate(db, dir);
    // A paragraph of 400 characters: three copies of it made a WITHOUT ROWID row spill into an overflow page.
    const paragraph = 'The council met on Monday to discuss the budget. '.repeat(8).trim();
    db.exec(`INSERT INTO articles (id, title, created_at, updated_at) VALUES (1, 'A', 'x', 'x');
      INSERT INTO article_texts (article_id, ai_text) VALUES (1, 'A');
      INSERT INTO passages (article_id, idx, gap_before, ai_text, corrected_text, approved_text, source_text, version, needs_review) VALUES
        (1, 0, '', 'A', 'A', 'A', NULL, 1, 0),
        (1, 1, char(10, 10), '${paragraph}', '${paragraph} Proposed.', '${paragraph}', 'Джерело', 3, 1);`);
    const rows = () => db.prepare('SELECT article_id, idx, gap_before, ai_text, corrected_text, approved_text, source_text, version, needs_review FROM passages ORDER BY idx').all();
    const before = rows();
    const overflowPages = db.prepare("SELECT count(*) FROM dbstat WHERE name = 'passages' AND pagetype = 'overflow'").pluck();
    expect(overflowPages.get()).toBeGreaterThan(0);

    expect(migrate(db)).toEqual(SHIPPED.filter((name) => name >= '0017'));
    expect(rows()).toEqual(before);
    const { ctx } = contextOver(db);
    expect(ctx.repos.passages.pendingCount(1)).toBe(1);
    const version = ctx.repos.articles.contentVersion(1)!;
    db.prepare("UPDATE passages SET corrected_text = approved_text WHERE article_id = 1 AND idx = 1").run();
    expect(ctx.repos.articles.contentVersion(1)).toBe(version + 1);
    expect(ctx.repos.passages.pendingCount(1)).toBe(0);
    expect(() => db.prepare("INSERT INTO passages (article_id, idx, ai_text, corrected_text, approved_text) VALUES (1, 1, 'x', 'x', 'x')").run()).toThrow(/UNIQUE/);
    expect(overflowPages.get()).toBe(0);
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

  it('defers the sync of a bulk write to one checkpoint that copies the whole WAL and restores full sync', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wb-db-')), 'workbench.sqlite');
    const db = openDatabase(file);
    deferDurability(db);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.exec('CREATE TABLE t (n INTEGER)');
    for (let n = 0; n < 20; n++) db.prepare('INSERT INTO t VALUES (?)').run(n);
    expect(makeDurable(db)).toBe(true);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // Nothing left in the WAL that the database file does not hold.
    const [after] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(after!.log).toBeGreaterThan(0);
    expect(after!.checkpointed).toBe(after!.log);
    db.close();
  });

  it('says so when a reader of an older snapshot keeps the checkpoint from copying every commit', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wb-db-')), 'workbench.sqlite');
    const db = openDatabase(file, 50);
    db.exec('CREATE TABLE t (n INTEGER)');
    const reader = openDatabase(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM t').get();
    deferDurability(db);
    db.prepare('INSERT INTO t VALUES (1)').run();
    expect(makeDurable(db)).toBe(false);
    reader.exec('COMMIT');
    expect(makeDurable(db)).toBe(true);
    reader.close();
    db.close();
  });
});
