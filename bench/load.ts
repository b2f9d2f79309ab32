/**
 * `npm run load`: the review web app under a mixed load of readers and writers (issue 4), then a
 * count of what the database kept. Imports a few dozen generated articles into a temporary SQLite
 * file, creates an editor and a translator with a session each, serves the file with the built
 * server in a child process (production mode) and drives it with autocannon over loopback:
 * readers load article pages, the list and passage edit pages; writers post passage edits.
 *
 * Every edit names the passage version its writer believes current (the highest version any
 * answer has shown for that passage: a 303, a 409 page or an edit page), and most edits go to a
 * few hot passages, so connections race for the same version and the losers are answered 409.
 * Each edit carries a unique tag in its text; the tags of the 303s are the acknowledged updates.
 * With the server stopped, the database must hold each acknowledged edit as one passage_events
 * row with its exact text at the version it was made from plus one, nothing from a refused edit,
 * contiguous versions that chain (each change's before text is the previous one's after text),
 * each passage's final text its last change, and pass PRAGMA integrity_check. Prints a table;
 * exits 1 on any error other than a 409, any lost update or any inconsistency.
 *
 * Options: --seed --articles --mean-length --connections --duration --hot-passages --write-percent
 * (all positive integers; the duration in seconds).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ERROR_CATEGORIES, type ErrorCategory } from '#dist/checks/types.js';
import { loadConfig } from '#dist/config.js';
import { openDatabase } from '#dist/db/connection.js';
import { migrate } from '#dist/db/migrate.js';
import type { Role } from '#dist/db/repositories/users.js';
import { SESSION_COOKIE } from '#dist/middleware/session.js';
import { loadReference } from '#dist/reference/load.js';
import { startSession } from '#dist/services/accounts.js';
import { createServiceContext } from '#dist/services/context.js';
import { importArticle } from '#dist/services/import.js';
import { freePort, type ChildExit } from '../tests/helpers/child-process.js';
import { ChildServer, inScratchDir, SERVER_SCRIPT } from './child-server.js';
import { DEFAULT_SEED, generateArticle } from './corpus-generator.js';
import { formatFigure, MB, percentile, readIntegerOptions, renderTable, type Line } from './measure.js';
import { deriveSeed, mulberry32, type Random } from '../tests/helpers/random.js';

export interface LoadOptions {
  seed: number;
  articles: number;
  meanLength: number;
  connections: number;
  /** Seconds of load. */
  duration: number;
  /** The passages most edits go to, three to an article: the ones connections race for. */
  hotPassages: number;
  /** Share of the requests that are edits, in percent. */
  writePercent: number;
}

export const DEFAULT_LOAD_OPTIONS: Readonly<LoadOptions> = {
  seed: DEFAULT_SEED,
  articles: 36,
  meanLength: 4000,
  connections: 50,
  duration: 30,
  hotPassages: 12,
  writePercent: 40,
};

/** Share of the edits that go to a hot passage; the others go to any passage of any article. */
const HOT_WRITE_SHARE = 0.8;
const HOT_PASSAGES_PER_ARTICLE = 3;
/** autocannon's per-request timeout, seconds: a request unanswered this long is an error. */
const REQUEST_TIMEOUT_S = 10;
/**
 * Edits stop this long before the load does (at most a tenth of it), so that autocannon, which
 * drops the requests in flight when its time is up, finds none unanswered; any that are still
 * counted as unanswered, and their commits accounted for.
 */
const WRITES_STOP_BEFORE_END_MS = 1000;
/** Problems quoted in full in the report; the rest are counted. */
const QUOTED_PROBLEMS = 10;

// ---------------------------------------------------------------------------------------------
// The database before the load.

export interface Account {
  name: string;
  role: Role;
  id: number;
  cookie: string;
  csrf: string;
}

export interface PassageRef {
  articleId: number;
  idx: number;
  /** `articleId/idx` */
  key: string;
  aiText: string;
}

export interface Fixture {
  ids: number[];
  passages: PassageRef[];
  hot: PassageRef[];
  hotArticles: number[];
  /** Each passage's corrected text and version after the import, by key. */
  initial: Map<string, { text: string; version: number }>;
  accounts: Account[];
  bytes: number;
}

const keyOf = (articleId: number, idx: number) => `${articleId}/${idx}`;

/** Imports the articles (article i as generateCorpus makes it), creates the two accounts with a session each, and picks the hot passages. */
export async function prepareDatabase(dbFile: string, options: LoadOptions): Promise<Fixture> {
  const db = openDatabase(dbFile);
  try {
    migrate(db);
    const ctx = createServiceContext(db, loadReference());
    const policy = loadConfig().session;
    // Signed in as after a login: a session row with its CSRF token, the token the forms carry.
    const accounts = (['editor', 'translator'] as const).map((role): Account => {
      const name = `load-${role}`;
      const id = ctx.repos.users.insert({ name, role, passwordHash: 'not-a-hash', now: ctx.now() });
      const csrf = randomBytes(16).toString('hex');
      return { name, role, id, csrf, cookie: `${SESSION_COOKIE}=${startSession(ctx, id, csrf, policy)}` };
    });
    const fixture: Fixture = { ids: [], passages: [], hot: [], hotArticles: [], initial: new Map(), accounts, bytes: 0 };
    for (let i = 0; i < options.articles; i++) {
      const { text } = generateArticle(deriveSeed(options.seed, i), options.meanLength);
      fixture.bytes += Buffer.byteLength(text);
      const { id } = await importArticle(ctx, { text, targetLang: 'en' });
      fixture.ids.push(id);
      for (const p of ctx.repos.passages.ofArticle(id)) {
        const ref = { articleId: id, idx: p.idx, key: keyOf(id, p.idx), aiText: p.aiText };
        fixture.passages.push(ref);
        fixture.initial.set(ref.key, { text: p.correctedText, version: p.version });
      }
    }
    const r = mulberry32(deriveSeed(options.seed, 1_000_001));
    for (const id of r.shuffled(fixture.ids)) {
      if (fixture.hot.length >= options.hotPassages) break;
      const own = r.shuffled(fixture.passages.filter((p) => p.articleId === id));
      fixture.hot.push(...own.slice(0, Math.min(HOT_PASSAGES_PER_ARTICLE, options.hotPassages - fixture.hot.length)));
      fixture.hotArticles.push(id);
    }
    return fixture;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The load: one autocannon request whose setupRequest picks what each connection sends next.

type Kind = 'article' | 'list' | 'edit-page' | 'write';
const KINDS: readonly Kind[] = ['article', 'list', 'edit-page', 'write'];

export interface Write {
  tag: string;
  passage: PassageRef;
  account: Account;
  text: string;
  category: ErrorCategory;
  /** The version sent: the one the writer believed current. */
  baseVersion: number;
  /** Unset while unanswered: 303 acknowledged, 409 refused, anything else failed. */
  outcome?: 'acknowledged' | 'refused' | 'failed';
}

/** The request a connection has in flight (autocannon sends one at a time per connection here). */
interface Pending {
  kind: Kind;
  path: string;
  start: number;
  passage?: PassageRef;
  write?: Write;
}

interface RequestContext {
  pending?: Pending;
}

const CATEGORIES = Object.keys(ERROR_CATEGORIES) as ErrorCategory[];

/** An edit's text: its tag, then the passage's AI text, as the server stores it (one line, trimmed: an edit's line breaks become spaces). */
export function editText(tag: string, passage: PassageRef): string {
  return `[${tag}] ${passage.aiText}`.replace(/\s+/g, ' ').trim();
}
const VERSION_FIELD = /name="version" value="(\d+)"/;

/** What the load sent and was answered, kept as the answers arrive. */
class Ledger {
  readonly writes: Write[] = [];
  /** The highest version of each passage any answer has shown. */
  private readonly believed = new Map<string, number>();
  readonly statuses = new Map<Kind, Map<number, number>>(KINDS.map((k) => [k, new Map()]));
  readonly latencies = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  /** Answers other than 200 to a read, 303 or a well-formed 409 to a write. */
  unexpected = 0;
  readonly problems: string[] = [];

  constructor(fixture: Fixture) {
    for (const [key, { version }] of fixture.initial) this.believed.set(key, version);
  }

  versionOf(passage: PassageRef): number {
    return this.believed.get(passage.key)!;
  }

  saw(passage: PassageRef, version: number): void {
    if (version > this.versionOf(passage)) this.believed.set(passage.key, version);
  }

  fail(what: string): void {
    this.unexpected++;
    this.problems.push(what);
  }

  count(kind: Kind, status: number): void {
    const byStatus = this.statuses.get(kind)!;
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }

  answered(kind: Kind, status?: number): number {
    let n = 0;
    for (const [s, c] of this.statuses.get(kind)!) if (status === undefined || s === status) n += c;
    return n;
  }
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

const snippet = (body: string) => body.replace(/\s+/g, ' ').slice(0, 160);

function loadRequest(fixture: Fixture, ledger: Ledger, options: LoadOptions, writesUntil: number): autocannon.Request {
  const r: Random = mulberry32(deriveSeed(options.seed, 1_000_002));
  const hotIds = fixture.hotArticles;

  const next = (): Pending & { method: 'GET' | 'POST'; headers: Record<string, string>; body: string } => {
    const account = r.pick(fixture.accounts);
    const start = performance.now();
    if (r.next() * 100 < options.writePercent && start < writesUntil) {
      const passage = r.chance(HOT_WRITE_SHARE) ? r.pick(fixture.hot) : r.pick(fixture.passages);
      const tag = `L${ledger.writes.length + 1}`;
      const write: Write = { tag, passage, account, text: editText(tag, passage), category: r.pick(CATEGORIES), baseVersion: ledger.versionOf(passage) };
      ledger.writes.push(write);
      const body = new URLSearchParams({ _csrf: account.csrf, text: write.text, version: String(write.baseVersion), category: write.category }).toString();
      return {
        kind: 'write',
        method: 'POST',
        path: `/articles/${passage.articleId}/passages/${passage.idx}`,
        headers: { cookie: account.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        start,
        passage,
        write,
      };
    }
    const read = r.next();
    const headers = { cookie: account.cookie, 'accept-encoding': 'gzip, deflate, br, zstd' };
    if (read < 0.5) {
      const id = r.chance(0.5) ? r.pick(hotIds) : r.pick(fixture.ids);
      return { kind: 'article', method: 'GET', path: `/articles/${id}`, headers, body: '', start };
    }
    if (read < 0.75) {
      const passage = r.chance(0.75) ? r.pick(fixture.hot) : r.pick(fixture.passages);
      return { kind: 'edit-page', method: 'GET', path: `/articles/${passage.articleId}/passages/${passage.idx}/edit`, headers, body: '', start, passage };
    }
    return { kind: 'list', method: 'GET', path: r.chance(0.5) ? '/articles' : '/articles?status=in_review', headers, body: '', start };
  };

  return {
    setupRequest: (request, context) => {
      const { method, path, headers, body, ...pending } = next();
      (context as RequestContext).pending = { ...pending, path };
      return { ...request, method, path, headers, body };
    },
    onResponse: (status, body, context, headers) => {
      const pending = (context as RequestContext).pending;
      delete (context as RequestContext).pending;
      if (!pending) return ledger.fail(`a ${status} answer to no request`);
      ledger.latencies.get(pending.kind)!.push(performance.now() - pending.start);
      ledger.count(pending.kind, status);
      const { write, passage } = pending;
      const where = `${pending.kind === 'write' ? 'POST' : 'GET'} ${pending.path}`;
      if (write) {
        if (status === 303) {
          write.outcome = 'acknowledged';
          const location = header(headers, 'location');
          const expected = `/articles/${write.passage.articleId}?done=saved#p-${write.passage.idx}`;
          if (location !== expected) ledger.fail(`${where} (${write.tag}): 303 to ${location ?? 'nowhere'}, not ${expected}`);
          ledger.saw(write.passage, write.baseVersion + 1);
        } else if (status === 409) {
          write.outcome = 'refused';
          // The conflict page's form carries the version saved meanwhile, which must be newer than the one sent.
          const current = Number(VERSION_FIELD.exec(body)?.[1]);
          if (!(current > write.baseVersion)) ledger.fail(`${where} (${write.tag}): 409 for version ${write.baseVersion}, but the page shows version ${current}`);
          else ledger.saw(write.passage, current);
        } else {
          write.outcome = 'failed';
          ledger.fail(`${where} (${write.tag}, version ${write.baseVersion}): ${status} ${snippet(body)}`);
        }
        return;
      }
      if (status !== 200) return ledger.fail(`${where}: ${status} ${snippet(body)}`);
      if (passage) {
        const current = Number(VERSION_FIELD.exec(body)?.[1]);
        if (!(current >= 1)) ledger.fail(`${where}: the edit page shows no version`);
        else ledger.saw(passage, current);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The count afterwards, with the server stopped.

interface EventRow {
  id: number;
  articleId: number;
  idx: number;
  version: number;
  userId: number;
  kind: string;
  category: string | null;
  beforeText: string;
  afterText: string;
}

export interface Verification {
  integrity: string[];
  foreignKeyViolations: number;
  events: number;
  acknowledged: number;
  /** Acknowledged edits found as their own event, exact text at base version + 1. */
  acknowledgedFound: number;
  /** Edits unanswered when the load stopped that the server had committed. */
  committedUnanswered: number;
  passagesChanged: number;
  maxVersion: number;
  /** Acknowledged edits missing or altered, and passages whose final text is not their last change. */
  lostUpdates: string[];
  /** Everything else that must not be: events from refused or unknown edits, duplicates, version gaps, broken chains. */
  inconsistencies: string[];
}

const TAG = /^\[(L\d+)\] /;

/** Counts what the database kept of the writes; read-only, with the server stopped. */
export function verifyDatabase(dbFile: string, fixture: Fixture, writes: readonly Write[]): Verification {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    const foreignKeyViolations = db.prepare('PRAGMA foreign_key_check').all().length;
    const events = db
      .prepare(
        `SELECT id, article_id AS articleId, passage_idx AS idx, version, user_id AS userId, kind, category,
          before_text AS beforeText, after_text AS afterText FROM passage_events ORDER BY article_id, passage_idx, version, id`,
      )
      .all() as EventRow[];
    const finals = db.prepare('SELECT article_id AS articleId, idx, corrected_text AS text, version FROM passages').all() as {
      articleId: number;
      idx: number;
      text: string;
      version: number;
    }[];

    const lostUpdates: string[] = [];
    const inconsistencies: string[] = [];
    const byTag = new Map(writes.map((w) => [w.tag, w]));
    const eventOf = new Map<Write, EventRow>();
    const storedAsSent = new Set<Write>();
    const eventsOf = new Map<string, EventRow[]>();
    let committedUnanswered = 0;

    for (const event of events) {
      const key = keyOf(event.articleId, event.idx);
      eventsOf.set(key, [...(eventsOf.get(key) ?? []), event]);
      const tag = TAG.exec(event.afterText)?.[1];
      const write = tag === undefined ? undefined : byTag.get(tag);
      const what = `passage_events ${event.id} (passage ${key} version ${event.version}${tag ? `, ${tag}` : ''})`;
      if (!write) {
        inconsistencies.push(`${what}: no edit sent has this text`);
        continue;
      }
      if (eventOf.has(write)) {
        inconsistencies.push(`${what}: ${write.tag} stored twice (also event ${eventOf.get(write)!.id})`);
        continue;
      }
      eventOf.set(write, event);
      if (write.outcome === 'refused') inconsistencies.push(`${what}: the edit was answered 409 but stored`);
      if (write.outcome === undefined) committedUnanswered++;
      // As sent: its passage, its exact text, the version after the one it was made from, its author, kind and category.
      const recorded: Record<string, unknown> = { passage: key, text: event.afterText, version: event.version, user: event.userId, kind: event.kind, category: event.category };
      const sent: Record<string, unknown> = { passage: write.passage.key, text: write.text, version: write.baseVersion + 1, user: write.account.id, kind: 'edit', category: write.category };
      const differences = Object.keys(sent).filter((field) => recorded[field] !== sent[field]);
      if (differences.length === 0) storedAsSent.add(write);
      else {
        const stored = differences.map((field) => `${field} ${JSON.stringify(recorded[field])} (expected ${JSON.stringify(sent[field])})`).join(', ');
        (write.outcome === 'acknowledged' ? lostUpdates : inconsistencies).push(`${what}: stored with ${stored}`);
      }
    }

    const acknowledged = writes.filter((w) => w.outcome === 'acknowledged');
    let acknowledgedFound = 0;
    for (const write of acknowledged) {
      // One stored otherwise is already listed as lost.
      if (storedAsSent.has(write)) acknowledgedFound++;
      else if (!eventOf.has(write)) lostUpdates.push(`${write.tag} (passage ${write.passage.key}, made from version ${write.baseVersion}) was answered 303 but is not in passage_events`);
    }

    let passagesChanged = 0;
    let maxVersion = 0;
    for (const final of finals) {
      const key = keyOf(final.articleId, final.idx);
      const initial = fixture.initial.get(key);
      if (!initial) {
        inconsistencies.push(`passage ${key}: not imported by the load`);
        continue;
      }
      const chain = eventsOf.get(key) ?? [];
      if (chain.length > 0) passagesChanged++;
      let text = initial.text;
      let version = initial.version;
      for (const event of chain) {
        if (event.version !== version + 1) inconsistencies.push(`passage ${key}: version ${event.version} follows version ${version}`);
        if (event.beforeText !== text) inconsistencies.push(`passage ${key}: the change to version ${event.version} starts from a text that was never version ${version}`);
        text = event.afterText;
        version = event.version;
      }
      maxVersion = Math.max(maxVersion, final.version);
      if (final.version !== version) inconsistencies.push(`passage ${key}: at version ${final.version}, but its last change made version ${version}`);
      if (final.text !== text) lostUpdates.push(`passage ${key}: its text is not its last change (version ${version})`);
    }
    if (events.length !== acknowledged.length + committedUnanswered) {
      inconsistencies.push(`${events.length} passage_events rows for ${acknowledged.length} edits answered 303 and ${committedUnanswered} unanswered ones committed`);
    }
    return {
      integrity,
      foreignKeyViolations,
      events: events.length,
      acknowledged: acknowledged.length,
      acknowledgedFound,
      committedUnanswered,
      passagesChanged,
      maxVersion,
      lostUpdates,
      inconsistencies,
    };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------

export interface KindFigures {
  responses: number;
  p99: number;
}

export interface LoadReport {
  options: LoadOptions;
  articles: number;
  passages: number;
  hotPassages: number;
  hotArticles: number;
  bytes: number;
  result: autocannon.Result;
  byKind: Record<Kind, KindFigures>;
  /** Reads answered 200. */
  ok: number;
  /** Edits answered 303: acknowledged. */
  acknowledged: number;
  /** Edits answered 409: a stale version, refused. */
  refused: number;
  /** Unexpected answers, connection errors and timeouts. */
  otherErrors: number;
  unansweredWrites: number;
  serverExit: ChildExit;
  verification: Verification;
  /** Unexpected answers, lost updates and inconsistencies, as sentences. */
  problems: string[];
  lostUpdates: number;
  pass: boolean;
}

export interface LoadRun {
  /** Progress lines (to standard error in `npm run load`). */
  progress?: (line: string) => void;
  /** Servers are added here as they start, so an interrupted caller can kill them. */
  started?: ChildServer[];
  /** A directory for the database, removed by the caller; a temporary one removed afterwards otherwise. */
  dir?: string;
}

/** Prepares the database, runs the load against the built server, stops it and counts. */
export async function runLoad(options: LoadOptions, run: LoadRun = {}): Promise<LoadReport> {
  const progress = run.progress ?? (() => {});
  const started = run.started ?? [];
  const dir = run.dir ?? mkdtempSync(join(tmpdir(), 'workbench-load-'));
  let server: ChildServer | undefined;
  try {
    const dbFile = join(dir, 'workbench.sqlite');
    progress(`load: importing ${options.articles} generated articles into ${dbFile}…`);
    const fixture = await prepareDatabase(dbFile, options);
    server = new ChildServer(SERVER_SCRIPT, await freePort(), { WORKBENCH_DB: dbFile }, fixture.accounts[0]!.cookie);
    started.push(server);
    await server.ready('/healthz');

    const ledger = new Ledger(fixture);
    progress(`load: ${options.connections} connections for ${options.duration} s…`);
    const writesUntil = performance.now() + options.duration * 1000 - Math.min(WRITES_STOP_BEFORE_END_MS, options.duration * 100);
    const result = await autocannon({
      url: server.url,
      connections: options.connections,
      duration: options.duration,
      timeout: REQUEST_TIMEOUT_S,
      requests: [loadRequest(fixture, ledger, options, writesUntil)],
    });
    // Stopped before the count: every request it took is finished and the database closed.
    const serverExit = await server.stop();
    const serverLog = server.stderr;
    progress('load: counting…');
    const verification = verifyDatabase(dbFile, fixture, ledger.writes);

    const byKind = Object.fromEntries(
      KINDS.map((kind) => [kind, { responses: ledger.answered(kind), p99: percentile(ledger.latencies.get(kind)!, 99) }]),
    ) as Record<Kind, KindFigures>;
    const otherErrors = ledger.unexpected + result.errors + result.mismatches;
    const problems = [...ledger.problems];
    if (result.errors > 0) problems.push(`${result.errors} connection errors or timeouts (${result.timeouts} timeouts)`);
    if (serverExit.code !== 0) problems.push(`the server did not stop cleanly: ${JSON.stringify(serverExit)}`);
    if (verification.integrity.join() !== 'ok') problems.push(`PRAGMA integrity_check: ${verification.integrity.join('; ')}`);
    if (verification.foreignKeyViolations > 0) problems.push(`PRAGMA foreign_key_check: ${verification.foreignKeyViolations} rows`);
    problems.push(...verification.lostUpdates, ...verification.inconsistencies);
    if (ledger.unexpected > 0 && serverLog.trim()) problems.push(`the server's standard error ended with:\n${serverLog.trim()}`);
    const lostUpdates = verification.lostUpdates.length;
    const pass =
      otherErrors === 0 &&
      lostUpdates === 0 &&
      verification.inconsistencies.length === 0 &&
      serverExit.code === 0 &&
      verification.integrity.join() === 'ok' &&
      verification.foreignKeyViolations === 0;
    return {
      options,
      articles: fixture.ids.length,
      passages: fixture.passages.length,
      hotPassages: fixture.hot.length,
      hotArticles: fixture.hotArticles.length,
      bytes: fixture.bytes,
      result,
      byKind,
      ok: KINDS.filter((k) => k !== 'write').reduce((sum, k) => sum + ledger.answered(k, 200), 0),
      acknowledged: ledger.answered('write', 303),
      refused: ledger.answered('write', 409),
      otherErrors,
      unansweredWrites: ledger.writes.filter((w) => w.outcome === undefined).length,
      serverExit,
      verification,
      problems,
      lostUpdates,
      pass,
    };
  } finally {
    await server?.stop();
    if (!run.dir) rmSync(dir, { recursive: true, force: true });
  }
}

const count = (n: number): string => n.toLocaleString('en-US');
const ms = (value: number): string => `${formatFigure(value)} ms`;

/** The report as printed: a heading, the table, the problems and the verdict. */
export function formatReport(report: LoadReport): string {
  const { options, result, byKind, verification: v } = report;
  const seconds = result.duration;
  const kindLine = (label: string, kind: Kind): Line => ({
    label,
    figure: byKind[kind].responses / seconds,
    unit: 'req/s',
    note: `p99 ${ms(byKind[kind].p99)}, ${count(byKind[kind].responses)} answered`,
  });
  const answeredWrites = report.acknowledged + report.refused;
  const table = renderTable([
    `Mixed load (autocannon, ${options.connections} connections for ${options.duration} s on loopback; ${options.writePercent} % of requests are edits, ` +
      `${Math.round(HOT_WRITE_SHARE * 100)} % of them to ${report.hotPassages} hot passages in ${report.hotArticles} article${report.hotArticles === 1 ? '' : 's'}; ` +
      `reads only in the last ${Math.min(WRITES_STOP_BEFORE_END_MS, options.duration * 100)} ms)`,
    {
      label: 'all requests',
      figure: result.requests.average,
      unit: 'req/s',
      note: `p99 ${ms(result.latency.p99)} (every answer), ${count(result.requests.total)} answered`,
    },
    kindLine('  reads: article page GET /articles/:id', 'article'),
    kindLine('  reads: list page GET /articles', 'list'),
    kindLine('  reads: edit page GET /articles/:id/passages/:idx/edit', 'edit-page'),
    kindLine('  edits: POST /articles/:id/passages/:idx', 'write'),
    'Answers',
    { label: '2xx: reads answered 200', figure: report.ok, unit: 'responses', count: true },
    { label: '3xx: edits acknowledged (303)', figure: report.acknowledged, unit: 'responses', count: true },
    {
      label: '409: edits refused, their version stale',
      figure: report.refused,
      unit: 'responses',
      count: true,
      note: answeredWrites > 0 ? `${Math.round((report.refused / answeredWrites) * 100)} % of the edits answered` : '',
    },
    {
      label: 'other errors',
      figure: report.otherErrors,
      unit: 'responses',
      count: true,
      target: { kind: 'below', value: 1 },
      note: `other statuses or malformed answers, connection errors and timeouts (${count(result.timeouts)} timeouts)`,
    },
    {
      label: 'edits unanswered when the load stopped',
      figure: report.unansweredWrites,
      unit: 'edits',
      count: true,
      note: `${count(v.committedUnanswered)} of them committed`,
    },
    `Counted afterwards in the database (server stopped: ${report.serverExit.code === 0 ? 'exit 0' : JSON.stringify(report.serverExit)}; PRAGMA integrity_check ${v.integrity.join('; ')})`,
    {
      label: 'acknowledged edits stored as sent',
      figure: v.acknowledgedFound,
      unit: 'edits',
      count: true,
      note: `of ${count(v.acknowledged)} answered 303: one passage_events row each, its exact text, at the version it was made from + 1`,
    },
    {
      label: 'passage_events rows',
      figure: v.events,
      unit: 'rows',
      count: true,
      note: `${count(v.acknowledged)} acknowledged + ${count(v.committedUnanswered)} unanswered but committed`,
    },
    {
      label: 'passages changed',
      figure: v.passagesChanged,
      unit: 'passages',
      count: true,
      note: `of ${count(report.passages)}; highest version ${count(v.maxVersion)}; versions contiguous, each change starting from the one before`,
    },
    { label: 'lost updates', figure: report.lostUpdates, unit: 'edits', count: true, target: { kind: 'below', value: 1 } },
    {
      label: 'other inconsistencies',
      figure: v.inconsistencies.length,
      unit: 'found',
      count: true,
      target: { kind: 'below', value: 1 },
      note: 'refused or unknown edits stored, duplicates, version gaps, broken chains',
    },
  ]);
  const lines = [
    `Workbench load test: the built server in a child process (node ${process.version}, NODE_ENV=production), load from this process over loopback; ` +
      `${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}.`,
    `Database: ${count(report.articles)} generated articles, ${count(report.passages)} passages, ${formatFigure(report.bytes / MB)} MB ` +
      `(--mean-length ${options.meanLength}), seed ${options.seed}; SQLite file, WAL; an editor and a translator signed in.`,
    '',
    table.text,
    '',
  ];
  if (report.refused === 0) lines.push('Note: no edit was refused; with more connections or fewer hot passages the edits race for versions.');
  for (const problem of report.problems.slice(0, QUOTED_PROBLEMS)) lines.push(`FAIL: ${problem}`);
  if (report.problems.length > QUOTED_PROBLEMS) lines.push(`FAIL: … and ${count(report.problems.length - QUOTED_PROBLEMS)} more problems.`);
  lines.push(
    report.pass
      ? 'Result: PASS (no error but the 409s, no lost update, the database consistent)'
      : 'Result: FAIL (an error other than a 409, a lost update or an inconsistency)',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = readIntegerOptions({ ...DEFAULT_LOAD_OPTIONS });
  await inScratchDir('workbench-load-', async (dir, started) => {
    const report = await runLoad(options, { dir, started, progress: (line) => process.stderr.write(`${line}\n`) });
    console.log(formatReport(report));
    if (!report.pass) process.exitCode = 1;
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
