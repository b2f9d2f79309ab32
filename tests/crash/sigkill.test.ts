/**
 * Crashes (issue 4): the built server, in production mode on a SQLite file, takes a burst of
 * every kind of write it makes, and the command line imports a directory into the same database
 * beside it; both are killed with SIGKILL at a seeded random moment. The burst (./clients.ts):
 * API imports; re-imports under an external id with a confirmation and an edit between them;
 * reviewers, as editor and as translator, editing, reverting, applying fixes and suggestions,
 * using one spelling everywhere, dismissing findings one at a time and a check's all at once,
 * commenting, restoring from the history, proposing corrections that an editor approves or
 * rejects, assigning, submitting, approving and sending back; and two editors saving the same
 * passage from the same version at once, where exactly one save is answered 303 and the other 409.
 *
 * With both processes dead, the database must pass PRAGMA integrity_check and foreign_key_check,
 * hold every write a client was answered for (2xx or 3xx; for the command line, each id it
 * printed) with everything it changed, hold nothing but those and, whole or not at all, each
 * client's last unanswered write, and stay consistent (./verify.ts: findings, open counts and
 * review page parts as a re-check makes them; each passage's versions without gaps, its history
 * leading to its text). Then the server must start again on the same files and serve what was
 * acknowledged. Three kill cycles on one database, each with its own seed.
 *
 * A 503 (the database stayed busy) is not an acknowledgement: allowed, counted and printed. A 500
 * fails the test. The timing of a kill against the work varies from run to run; the seed fixes
 * the texts, the choices and the kill delays (WORKBENCH_CRASH_SEED=n to try another). Every
 * assertion holds wherever the kill lands. SIGKILL loses the processes, not the operating
 * system's page cache: this tests that the server and the command line acknowledge only
 * committed transactions and that SQLite's WAL recovers, not what a power cut leaves (that is
 * SQLite's synchronous=FULL, src/db/connection.ts; the command line syncs once, at its end).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { deriveSeed, mulberry32 } from '../helpers/random.js';
import { DEMO_ARTICLE_FILE } from '../../src/demo/seed.js';
import { correctedArticle } from '../../src/services/passage-layout.js';
import { startServer, type ServerProcess } from '../helpers/child-server.js';
import { CLI } from '../helpers/run-cli.js';
import { Burst, signIn, type Session } from './burst.js';
import { apiImporter, cliImporter, kindsOf, racers, reimporter, reviewer, ROUNDS, type Crew } from './clients.js';
import { WRITE_KINDS, type Ledger } from './ledger.js';
import { normalise } from './texts.js';
import { verifyDatabase, type PassageRow } from './verify.js';

const SEED = Number(process.env.WORKBENCH_CRASH_SEED || 20_250_604);
const CYCLES = 3;
const API_IMPORTERS = 2;
/** The kill comes this long after every client of the burst has had a write acknowledged. */
const KILL_DELAY_MS = { min: 300, max: 1500 } as const;
/** Every client must have had a write acknowledged by then. */
const FLOWING_WITHIN_MS = 30_000;

const PASSWORD = 'a long enough crash password';
const USERS = { editor: 'crash-editor', translator: 'crash-translator' } as const;

/** The command line's environment: the test's database and nothing else of the workbench's from outside. */
function cliEnv(dbFile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !name.startsWith('WORKBENCH_')) env[name] = value;
  return { ...env, WORKBENCH_DB: dbFile };
}

function workbench(args: string[], env: Record<string, string>, input?: string): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`workbench ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim();
}

/** Runs fn over items, `width` at a time. */
async function inPool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const textOf = (passages: readonly PassageRow[], which: 'correctedText' | 'approvedText') => `${correctedArticle(passages.map((p) => ({ ...p, correctedText: p[which] }))).text}\n`;

describe('the server and the command line killed with SIGKILL in a burst of every kind of write', () => {
  const started: ServerProcess[] = [];
  const processes = new Set<ChildProcess>();
  let dir: string | undefined;

  afterEach(async () => {
    for (const child of processes) child.kill('SIGKILL');
    processes.clear();
    await Promise.all(started.map((server) => server.kill()));
    started.length = 0;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it(`keeps every acknowledged write, whole, through ${CYCLES} kills (seed ${SEED})`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-crash-'));
    const dbFile = join(dir, 'db', 'workbench.sqlite');
    const env = cliEnv(dbFile);
    workbench(['user', 'add', USERS.editor, '--role', 'editor'], env, `${PASSWORD}\n`);
    workbench(['user', 'add', USERS.translator, '--role', 'translator'], env, `${PASSWORD}\n`);
    const token = workbench(['token', 'create', '--user', USERS.editor, '--label', 'crash test'], env);
    const ledger: Ledger = { imports: [], owned: [], demoText: normalise(readFileSync(DEMO_ARTICLE_FILE, 'utf8')), rechecked: new Map() };

    let server = await startServer({ WORKBENCH_DB: dbFile }, started);
    // Signed in once: the sessions are writes too, and must outlive every kill. The rival is the
    // editor signed in a second time, a second client to race the first.
    const sessions: Record<'editor' | 'rival' | 'translator', Session> = {
      editor: await signIn(server.url, USERS.editor, PASSWORD),
      rival: await signIn(server.url, USERS.editor, PASSWORD),
      translator: await signIn(server.url, USERS.translator, PASSWORD),
    };

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const seed = deriveSeed(SEED, cycle);
      const delay = mulberry32(seed).int(KILL_DELAY_MS.min, KILL_DELAY_MS.max);
      const random = (i: number) => mulberry32(deriveSeed(seed, i + 1));
      // Each client, named by cycle, with the kinds of write the kill waits for: every kind, once at least, each cycle.
      const client = (suffix: string, kinds: readonly string[], run: (crew: Crew, name: string) => Promise<void>) => ({ name: `c${cycle}${suffix}`, kinds, run });
      const clients = [
        ...Array.from({ length: API_IMPORTERS }, (_, i) => client(`api${i}`, ['import'], (crew, n) => apiImporter(crew, n, random(i)))),
        ...ROUNDS.map((round, i) => client(`review${i}`, kindsOf(round), (crew, n) => reviewer(crew, n, random(100 + i), round))),
        client('race', ['race'], (crew, n) => racers(crew, n)),
        client('reimport', ['re-import', 'confirm', 'edit'], (crew, n) => reimporter(crew, n, random(200))),
        client('cli', ['cli import'], (crew, n) => cliImporter(crew, n, random(300), dir!, env)),
      ];
      expect(new Set(clients.flatMap((c) => c.kinds))).toEqual(new Set([...WRITE_KINDS, 'import', 'cli import']));
      const burst = new Burst(server.url, Object.fromEntries(clients.map((c) => [c.name, c.kinds])));
      const crew: Crew = { burst, ledger, token, ...sessions, processes };
      const ownedBefore = ledger.owned.length;
      const importsBefore = ledger.imports.length;

      const running = clients.map((c) => c.run(crew, c.name));
      const stalled = sleep(FLOWING_WITHIN_MS).then(() => `after ${FLOWING_WITHIN_MS / 1000} s, still no acknowledged write of ${burst.waiting.join(', ')}` as const);
      expect(await Promise.race([burst.flowing.then(() => 'flowing' as const), stalled])).toBe('flowing');
      await sleep(delay);
      burst.killed = true;
      for (const child of processes) child.kill('SIGKILL');
      const exit = await server.kill();
      await Promise.all(running);
      expect(exit, server.log).toEqual({ code: null, signal: 'SIGKILL' });
      if (burst.busy.length > 0) console.log(`crash cycle ${cycle + 1}: ${burst.busy.length} answers 503 (not acknowledged):\n  ${burst.busy.join('\n  ')}`);
      expect(burst.unexpected, `${burst.serverErrors} answers 500`).toEqual([]);

      // With both processes dead: the files as the kill left them.
      const verified = verifyDatabase(dbFile, ledger);
      const owned = ledger.owned.slice(ownedBefore);
      const ackedImports = ledger.imports.slice(importsBefore).filter((s) => s.acked && !owned.some((a) => a.id === s.acked!.id));
      console.log(
        `crash cycle ${cycle + 1}/${CYCLES}: seed ${seed}, SIGKILL ${delay} ms after every kind of write was acknowledged; acknowledged this cycle: ` +
          `${[...burst.acked].map(([what, n]) => `${n} ${what}`).join(', ')}; ${burst.conflicts} race saves refused with 409, ${burst.busy.length} answers 503, ` +
          `${burst.inFlight} requests in flight; ${owned.filter((a) => a.uncertain).length} of ${owned.length} client articles end with an unacknowledged write; ` +
          `database: ${verified.articles} articles, ${verified.ackedImports.api} API and ${verified.ackedImports.cli} command-line acknowledged imports checked, ` +
          `${verified.inFlightCommitted} unanswered imports committed whole`,
      );

      // Restarted on the same files: it answers, and serves what was acknowledged.
      server = await startServer({ WORKBENCH_DB: dbFile }, started);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: true });
      await inPool(ackedImports, 8, async (sent) => {
        const res = await fetch(`${server.url}/api/articles/${sent.acked!.id}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, sent.key).toBe(200);
        const article = (await res.json()) as { aiText: string; sourceText: string | null };
        expect(article.aiText, sent.key).toBe(normalise(sent.body.text));
        expect(article.sourceText, sent.key).toBe(sent.body.source === undefined ? null : normalise(sent.body.source));
      });
      // The sessions (acknowledged sign-ins) survive; the clients' articles are served as found: the
      // export takes the approved text, the API's working text the proposals too, and the review
      // page shows each edit's mark.
      const sessionList = Object.values(sessions);
      for (const [i, article] of owned.entries()) {
        const found = verified.owned.get(article.id)!;
        const { cookie } = sessionList[i % sessionList.length]!;
        const exported = await fetch(`${server.url}/articles/${article.id}/corrected.txt`, { headers: { cookie }, redirect: 'manual' });
        expect(exported.status).toBe(200);
        expect(await exported.text()).toBe(textOf(found.passages, 'approvedText'));
        const api = await fetch(`${server.url}/api/articles/${article.id}`, { headers: { authorization: `Bearer ${token}` } });
        expect(await api.json()).toMatchObject({ status: found.status, workingText: textOf(found.passages, 'correctedText') });
        const page = await fetch(`${server.url}/articles/${article.id}`, { headers: { cookie, 'accept-encoding': 'gzip' }, redirect: 'manual' });
        expect(page.status).toBe(200);
        const html = await page.text();
        const marks = found.passages.flatMap((p) => /^(?:Edit|Race) (\S+) /.exec(p.correctedText)?.[1] ?? []);
        expect(marks.filter((mark) => !html.includes(mark)), `article ${article.id}: edits not on its review page`).toEqual([]);
      }
    }

    // A clean stop after the last restart closes the database; it is still whole.
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    verifyDatabase(dbFile, ledger);
  }, 120_000);
});
