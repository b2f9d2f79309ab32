/**
 * Crashes (issue 4): the built server, in production mode on a SQLite file, takes a burst of API
 * imports and web edits from concurrent clients and is killed with SIGKILL at a seeded random
 * moment. With the server dead, the database must pass PRAGMA integrity_check and
 * foreign_key_check, hold every write a client had been answered for (each import whole: text,
 * passages, findings, open counts and review fragments; each edit with its re-check), and hold
 * nothing half-written from the requests in flight. Then the server must start again on the same
 * files and serve what was acknowledged. Three kill cycles on one database, each with its own seed.
 *
 * The timing of a kill against the server's work varies from run to run; the seed fixes the
 * articles, the edits and the kill delays (WORKBENCH_CRASH_SEED=n to try another). Every
 * assertion holds wherever the kill lands. SIGKILL loses the process, not the operating system's
 * page cache, so this tests that the server acknowledges only committed transactions and that
 * SQLite's WAL recovers; power loss (synchronous=FULL) is not simulated.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../../src/bench/child-server.js';
import { deriveSeed, mulberry32, type Random } from '../../src/bench/random.js';
import { DEMO_ARTICLE_FILE } from '../../src/demo/seed.js';
import { loadReference } from '../../src/reference/load.js';
import { checkArticle } from '../../src/services/check-article.js';
import { correctedArticle, splitPassages, type PassageText } from '../../src/services/passage-layout.js';
import { startServer, type ServerProcess } from '../helpers/child-server.js';
import { CLI } from '../helpers/run-cli.js';

const SEED = Number(process.env.WORKBENCH_CRASH_SEED || 20_250_604);
const CYCLES = 3;
const IMPORTERS = 8;
const EDITORS = 2;
const EDITOR_PASSAGES = 8;
/** The kill comes this long after every client of the burst has had a write acknowledged. */
const KILL_DELAY_MS = { min: 300, max: 1500 } as const;
const REQUEST_TIMEOUT_MS = 15_000;

const USER = 'crash-editor';
const PASSWORD = 'a long enough crash password';
const reference = loadReference();

/** As the import normalises (src/services/import.ts): no BOM, \n line endings. */
const normalise = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
/** As the import titles an article: the given title, else its first line. */
const titleOf = (given: string | undefined, text: string) => given?.trim() || text.trim().split('\n', 1)[0]!.trim();

interface ImportBody {
  title?: string;
  text: string;
  source?: string;
  sourceLang?: string;
  targetLang?: string;
}

/** What the client knows of a finding: the 201 response's. */
type FindingKey = string;
const findingKey = (f: { check: string; fingerprint: string; start: number; end: number }): FindingKey => `${f.check}|${f.fingerprint}|${f.start}-${f.end}`;

interface SentImport {
  key: string;
  body: ImportBody;
  /** Set when the client read a 201 with the id: the import was acknowledged. */
  acked?: { id: number; findings: FindingKey[] };
  /** Articles that editors change: their findings follow the edits, not the 201. */
  edited: boolean;
}

interface EditedArticle {
  id: number;
  /** The last acknowledged text of each edited passage. */
  acked: Map<number, string>;
  /** The edit sent when the server died, answered or not. */
  pending?: { idx: number; text: string };
  ackedCount: number;
  /** Each passage's version, which an edit must name: 1 after the import, raised by every edit that changes its text. */
  versions: Map<number, number>;
}

interface Session {
  cookie: string;
  csrf: string;
}

// ---------------------------------------------------------------------------------------------
// Generated articles: varied lengths, line endings, a BOM now and then, a source text sometimes,
// and the slips the checks flag (Kiev, 700.000, name variants, residue, repeats).

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const PARAGRAPHS: ((r: Random) => string)[] = [
  (r) => `Talks in Kiev ended on ${r.pick(DAYS)} after ${r.int(2, 19)} hours, the ministry said.`,
  () => 'Officials said 700.000 people had left Kharkov since the spring.',
  (r) => `About ${r.int(100, 999)}.000 households were without power in Zaporozhye on ${r.pick(DAYS)}.`,
  (r) => `Envoy Steve Witkoff met the delegation on ${r.pick(DAYS)}; Vitkoff later called the talks useful.`,
  (r) => `Turnout reached ${r.int(10, 99)},${r.int(1, 9)} percent, officials in Odessa said.`,
  (r) => `${r.int(100, 9999)} views ${r.int(0, 40)} comment(s)`,
  () => 'Bonus video:',
  (r) => `The the committee will meet again in ${r.pick(['May', 'June', 'July'])} .`,
  (r) => `Exports rose by ${r.int(1, 900)} tonnes — “a record”, the minister said on ${r.pick(DAYS)}.`,
];

function generateImport(r: Random, key: string): ImportBody {
  const lines = [`Dispatch ${key} from Kiev`];
  const count = r.chance(0.04) ? r.int(60, 150) : r.int(2, 14);
  for (let i = 0; i < count; i++) lines.push(r.chance(0.1) && i > 0 ? lines[i]! : r.pick(PARAGRAPHS)(r));
  const text = (r.chance(0.05) ? '\uFEFF' : '') + lines.join(r.pick(['\n\n', '\n', '\r\n\r\n', '\r\n']));
  const body: ImportBody = { text };
  if (r.chance(0.5)) body.title = r.chance(0.2) ? `  Crash ${key}  ` : `Crash ${key}`;
  if (r.chance(0.7)) body.targetLang = 'en';
  if (r.chance(0.3)) {
    body.source = lines.map((_, i) => `Переговори в Києві завершилися після ${i + 2} годин, повідомило міністерство.`).join('\r\n\r\n');
    if (r.chance(0.5)) body.sourceLang = 'uk';
  }
  return body;
}

function editorArticle(cycle: number, editor: number): ImportBody {
  const lines = [`Editor ${editor} article of cycle ${cycle}, from Kiev`];
  for (let i = 1; i < EDITOR_PASSAGES; i++) lines.push(`Passage ${i} of editor ${editor}: ${PARAGRAPHS[i % PARAGRAPHS.length]!(mulberry32(cycle * 100 + i))}`);
  return { text: lines.join('\n\n'), targetLang: 'en' };
}

/** An edit's text, with a mark of its own to find it on the review page; now and then a deletion. */
function editText(r: Random, mark: string): string {
  return r.chance(0.1) ? '' : `Edit ${mark} says talks in Kiev drew 700.000 people on ${r.pick(DAYS)}.`;
}
const editMark = (text: string) => /^Edit (\S+) /.exec(text)?.[1];

// ---------------------------------------------------------------------------------------------
// Clients.

function workbench(args: string[], dbFile: string, input?: string): string {
  const env = { ...process.env, WORKBENCH_DB: dbFile };
  const run = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`workbench ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim();
}

async function postImport(server: ServerProcess, token: string, body: ImportBody): Promise<Response> {
  return fetch(`${server.url}/api/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('wb_session='))?.split(';')[0];
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in through the login form, as a browser does, and reads the CSRF token of the signed-in session. */
async function signIn(server: ServerProcess): Promise<Session> {
  const page = await fetch(`${server.url}/login`);
  const anonymous = cookieOf(page);
  const loginCsrf = csrfOf(await page.text());
  const login = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous ?? '', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: loginCsrf ?? '', name: USER, password: PASSWORD, next: '/articles' }),
  });
  expect(login.status).toBe(303);
  const cookie = cookieOf(login)!;
  const list = await fetch(`${server.url}/articles`, { headers: { cookie }, redirect: 'manual' });
  expect(list.status).toBe(200);
  const csrf = csrfOf(await list.text());
  expect(csrf).toBeTruthy();
  return { cookie, csrf: csrf! };
}

/** Runs fn over items, `width` at a time. */
async function inPool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

// ---------------------------------------------------------------------------------------------
// The database as the crash left it.

interface ArticleRow {
  id: number;
  title: string;
  targetLang: string;
  sourceLang: string | null;
  status: string;
  error: number;
  warning: number;
  info: number;
  aiText: string | null;
  sourceText: string | null;
  fragments: number;
}

interface Ledger {
  imports: SentImport[];
  edited: EditedArticle[];
  demoText: string;
  /** Each article's findings as a re-check of its passages finds them, by the passages checked (they only change by edits). */
  rechecked: Map<number, { passages: string; findings: FindingKey[]; counts: Record<'error' | 'warning' | 'info', number> }>;
}

/** The findings a re-check of the stored passages finds, and their counts by severity; memoised across cycles. */
function recheck(ledger: Ledger, row: ArticleRow, passages: PassageText[]) {
  const key = JSON.stringify(passages);
  const known = ledger.rechecked.get(row.id);
  if (known?.passages === key) return known;
  const findings = checkArticle(row, passages, reference, new Set());
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const result = { passages: key, findings: findings.map(findingKey).sort(), counts };
  ledger.rechecked.set(row.id, result);
  return result;
}

interface Verified {
  articles: number;
  ackedImports: number;
  inFlightCommitted: number;
  ackedEdits: number;
  /** The corrected passages of each edited article as found, for the checks over HTTP. */
  editedPassages: Map<number, PassageText[]>;
}

/** Everything the crash must have left right, read with a read-only connection (the recovery is left to the server). */
function verifyDatabase(dbFile: string, ledger: Ledger): Verified {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    const articles = db
      .prepare(
        `SELECT a.id, a.title, a.target_lang AS targetLang, a.source_lang AS sourceLang, a.status,
          a.open_errors AS error, a.open_warnings AS warning, a.open_infos AS info, t.ai_text AS aiText, t.source_text AS sourceText,
          (SELECT count(*) FROM review_fragments r WHERE r.article_id = a.id AND length(r.passages) > 0 AND length(r.findings) > 0) AS fragments
        FROM articles a LEFT JOIN article_texts t ON t.article_id = a.id ORDER BY a.id`,
      )
      .all() as ArticleRow[];
    const passagesOf = db.prepare(
      'SELECT idx, gap_before AS gapBefore, ai_text AS aiText, corrected_text AS correctedText, source_text AS sourceText FROM passages WHERE article_id = ? ORDER BY idx',
    );
    const findingsOf = db.prepare(
      'SELECT check_id AS "check", fingerprint, start_offset AS start, end_offset AS "end", severity FROM findings WHERE article_id = ? AND dismissed = 0',
    );

    const sentByText = new Map<string, SentImport>();
    for (const sent of ledger.imports) sentByText.set(normalise(sent.body.text), sent);
    const found = new Map<SentImport, ArticleRow>();
    const storedPassages = new Map<number, PassageText[]>();
    let demo = 0;

    for (const row of articles) {
      const where = `article ${row.id}`;
      // Whole: its text, its passages as the import splits them, its findings as a re-check of its
      // passages finds them, open counts that agree, and its rendered review page parts.
      expect(row.aiText, `${where}: article_texts row`).not.toBeNull();
      const passages = passagesOf.all(row.id) as PassageText[];
      const split = splitPassages(row.aiText!, row.sourceText);
      const aiSide = (p: PassageText) => ({ idx: p.idx, gapBefore: p.gapBefore, aiText: p.aiText, sourceText: p.sourceText });
      expect(passages.map(aiSide), `${where}: passages`).toEqual(split.map(aiSide));
      const findings = findingsOf.all(row.id) as { check: string; fingerprint: string; start: number; end: number; severity: string }[];
      const rechecked = recheck(ledger, row, passages);
      expect(findings.map(findingKey).sort(), `${where}: findings`).toEqual(rechecked.findings);
      expect({ error: row.error, warning: row.warning, info: row.info }, `${where}: open counts`).toEqual(rechecked.counts);
      expect(row.fragments, `${where}: review_fragments row`).toBe(1);
      const changed = passages.some((p) => p.correctedText !== p.aiText);
      expect(row.status, `${where}: status`).toBe(changed ? 'in_review' : 'new');
      storedPassages.set(row.id, passages);

      if (row.aiText === ledger.demoText) {
        demo++;
        continue;
      }
      // Sent by a client, once.
      const sent = sentByText.get(row.aiText!);
      expect(sent, `${where}: a text no client sent`).toBeDefined();
      expect(found.has(sent!), `${where}: ${sent!.key} stored twice`).toBe(false);
      found.set(sent!, row);
      expect(row.title).toBe(titleOf(sent!.body.title, row.aiText!));
      expect(row.targetLang).toBe(sent!.body.targetLang ?? 'en');
      expect(row.sourceText).toBe(sent!.body.source === undefined ? null : normalise(sent!.body.source));
      if (sent!.body.sourceLang) expect(row.sourceLang).toBe(sent!.body.sourceLang);
      if (!sent!.edited) {
        expect(changed, `${where}: never edited`).toBe(false);
        if (sent!.acked) expect(findings.map(findingKey).sort(), `${where}: the findings answered`).toEqual([...sent!.acked.findings].sort());
      }
    }
    expect(demo).toBe(1);

    // Every acknowledged import, under the id it was answered with.
    let ackedImports = 0;
    let inFlightCommitted = 0;
    for (const sent of ledger.imports) {
      const row = found.get(sent);
      if (sent.acked) {
        expect(row?.id, `acknowledged import ${sent.key} (id ${sent.acked.id})`).toBe(sent.acked.id);
        ackedImports++;
      } else if (row) {
        inFlightCommitted++;
      }
    }

    // Every acknowledged edit, or the one in flight after it: each editor sends one at a time.
    let ackedEdits = 0;
    const editedPassages = new Map<number, PassageText[]>();
    for (const article of ledger.edited) {
      const passages = storedPassages.get(article.id)!;
      expect(passages, `edited article ${article.id}`).toHaveLength(EDITOR_PASSAGES);
      for (const p of passages) {
        const expected = [article.acked.get(p.idx) ?? p.aiText];
        if (article.pending?.idx === p.idx) expected.push(article.pending.text);
        expect(expected, `article ${article.id} passage ${p.idx}`).toContain(p.correctedText);
      }
      ackedEdits += article.ackedCount;
      editedPassages.set(article.id, passages);
    }
    return { articles: articles.length, ackedImports, inFlightCommitted, ackedEdits, editedPassages };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------

describe('the server killed with SIGKILL in a burst of imports and edits', () => {
  const started: ServerProcess[] = [];
  let dir: string | undefined;

  afterEach(async () => {
    await Promise.all(started.map((server) => server.kill()));
    started.length = 0;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it(`keeps every acknowledged write, whole, through ${CYCLES} kills (seed ${SEED})`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-crash-'));
    const dbFile = join(dir, 'db', 'workbench.sqlite');
    workbench(['user', 'add', USER, '--role', 'editor'], dbFile, `${PASSWORD}\n`);
    const token = workbench(['token', 'create', '--user', USER, '--label', 'crash test'], dbFile);
    const env = { WORKBENCH_DB: dbFile };
    const ledger: Ledger = { imports: [], edited: [], demoText: normalise(readFileSync(DEMO_ARTICLE_FILE, 'utf8')), rechecked: new Map() };

    let server = await startServer(env, started);
    const sessions: Session[] = [];
    for (let e = 0; e < EDITORS; e++) sessions.push(await signIn(server));

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const seed = deriveSeed(SEED, cycle);
      const delay = mulberry32(seed).int(KILL_DELAY_MS.min, KILL_DELAY_MS.max);
      const unexpected: string[] = [];

      // Each editor gets an article of its own this cycle, imported and acknowledged before the burst.
      const articles: EditedArticle[] = [];
      for (let e = 0; e < EDITORS; e++) {
        const sent: SentImport = { key: `c${cycle}-editor${e}`, body: editorArticle(cycle, e), edited: true };
        ledger.imports.push(sent);
        const res = await postImport(server, token, sent.body);
        expect(res.status).toBe(201);
        const { id } = (await res.json()) as { id: number };
        sent.acked = { id, findings: [] };
        articles.push({ id, acked: new Map(), ackedCount: 0, versions: new Map() });
      }
      ledger.edited.push(...articles);

      let killed = false;
      // Requests are flowing once every client has had a write acknowledged (a cold server is slow at first).
      const answered = new Set<string>();
      let signalFlowing!: () => void;
      const flowing = new Promise<void>((resolve) => (signalFlowing = resolve));
      const acknowledged = (client: string) => {
        answered.add(client);
        if (answered.size === IMPORTERS + EDITORS) signalFlowing();
      };
      // A request refused or failed before the kill is a failure of the test; it stops waiting for the flow.
      const refused = (what: string) => {
        unexpected.push(what);
        signalFlowing();
      };
      const failedBeforeKill = (what: string, error: unknown) => {
        if (!killed) refused(`${what}: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}`);
      };

      const importer = async (w: number) => {
        const r = mulberry32(deriveSeed(seed, w + 1));
        for (let n = 0; !killed; n++) {
          const key = `c${cycle}-w${w}-${n}`;
          const sent: SentImport = { key, body: generateImport(r, key), edited: false };
          ledger.imports.push(sent);
          try {
            const res = await postImport(server, token, sent.body);
            const body = (await res.json()) as { id: number; findings: { check: string; fingerprint: string; start: number; end: number }[] };
            if (res.status !== 201) {
              refused(`${key}: ${res.status} ${JSON.stringify(body)}`);
              return;
            }
            sent.acked = { id: body.id, findings: body.findings.map(findingKey) };
            acknowledged(`importer ${w}`);
          } catch (error) {
            failedBeforeKill(key, error);
            return;
          }
        }
      };

      const editor = async (e: number) => {
        const r = mulberry32(deriveSeed(seed, 1000 + e));
        const article = articles[e]!;
        const { cookie, csrf } = sessions[e]!;
        for (let n = 0; !killed; n++) {
          const idx = r.int(0, EDITOR_PASSAGES - 1);
          const text = editText(r, `E${cycle}x${e}x${n}`);
          article.pending = { idx, text };
          const version = article.versions.get(idx) ?? 1;
          try {
            const res = await fetch(`${server.url}/articles/${article.id}/passages/${idx}`, {
              method: 'POST',
              redirect: 'manual',
              headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ _csrf: csrf, text, version: String(version), category: 'style' }),
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
            await res.arrayBuffer();
            if (res.status !== 303) {
              refused(`edit ${article.id}/${idx}: ${res.status}`);
              return;
            }
            // Deleting a deleted passage changes nothing, so its version stays; every other edit text is new.
            if (!(text === '' && article.acked.get(idx) === '')) article.versions.set(idx, version + 1);
            article.acked.set(idx, text);
            article.ackedCount++;
            delete article.pending;
            acknowledged(`editor ${e}`);
          } catch (error) {
            failedBeforeKill(`edit ${article.id}/${idx}`, error);
            return;
          }
        }
      };

      const clients = [...Array.from({ length: IMPORTERS }, (_, w) => importer(w)), ...Array.from({ length: EDITORS }, (_, e) => editor(e))];
      const stalled = sleep(15_000).then(() => `only ${[...answered].join(', ')} answered within 15 s` as const);
      expect(await Promise.race([flowing.then(() => 'flowing' as const), stalled])).toBe('flowing');
      await sleep(delay);
      killed = true;
      const exit = await server.kill();
      await Promise.all(clients);
      expect(exit, server.log).toEqual({ code: null, signal: 'SIGKILL' });
      expect(unexpected).toEqual([]);

      // With the server dead: the files as the kill left them.
      const verified = verifyDatabase(dbFile, ledger);
      const cycleImports = ledger.imports.filter((s) => s.key.startsWith(`c${cycle}-`));
      const ackedNow = cycleImports.filter((s) => s.acked);
      const editsNow = articles.reduce((sum, a) => sum + a.ackedCount, 0);
      console.log(
        `crash cycle ${cycle + 1}/${CYCLES}: seed ${seed}, SIGKILL ${delay} ms after every client had an answer; ` +
          `this cycle ${ackedNow.length} imports (${EDITORS} of them the editors' articles) and ${editsNow} edits acknowledged, ` +
          `${cycleImports.length - ackedNow.length} imports and ` +
          `${articles.filter((a) => a.pending).length} edits in flight; database: ${verified.articles} articles, ${verified.ackedImports} acknowledged imports ` +
          `and ${verified.ackedEdits} acknowledged edits checked, ${verified.inFlightCommitted} unanswered imports committed whole`,
      );

      // Restarted on the same files: it answers, and serves what was acknowledged.
      server = await startServer(env, started);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: true });
      await inPool(ackedNow, 8, async (sent) => {
        const res = await fetch(`${server.url}/api/articles/${sent.acked!.id}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, sent.key).toBe(200);
        const article = (await res.json()) as { aiText: string; sourceText: string | null };
        expect(article.aiText, sent.key).toBe(normalise(sent.body.text));
        expect(article.sourceText, sent.key).toBe(sent.body.source === undefined ? null : normalise(sent.body.source));
      });
      // The editors' sessions (acknowledged sign-ins) survive, and the review page shows each edit found.
      for (const [e, article] of articles.entries()) {
        const { cookie } = sessions[e]!;
        const passages = verified.editedPassages.get(article.id)!;
        const text = await fetch(`${server.url}/articles/${article.id}/corrected.txt`, { headers: { cookie }, redirect: 'manual' });
        expect(text.status).toBe(200);
        expect(await text.text()).toBe(`${correctedArticle(passages).text}\n`);
        const page = await fetch(`${server.url}/articles/${article.id}`, { headers: { cookie, 'accept-encoding': 'gzip' }, redirect: 'manual' });
        expect(page.status).toBe(200);
        const html = await page.text();
        for (const p of passages) {
          const mark = editMark(p.correctedText);
          if (mark) expect(html, `article ${article.id} passage ${p.idx}`).toContain(mark);
        }
      }
    }

    // A clean stop after the last restart closes the database; it is still whole.
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    verifyDatabase(dbFile, ledger);
  }, 50_000);
});
