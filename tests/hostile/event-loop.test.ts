/**
 * A pathological article costs its own request, never everyone's: the checks and rendering of a
 * change run in the server's worker threads, so /healthz and other people's pages answer while
 * they run, and a change past the budget is refused with 422 and stores nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createApiToken } from '../../src/services/accounts.js';
import { createServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { reference, testUser } from '../helpers/app.js';
import { startServer, type ServerProcess } from '../helpers/child-server.js';

const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A server over a fresh database with an editor's API token, reviewing with the given budget. */
async function serverWithBudget(seconds: number): Promise<{ server: ServerProcess; api: (path: string, init?: RequestInit) => Promise<Response> }> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-event-loop-'));
  dirs.push(dir);
  const dbFile = join(dir, 'workbench.sqlite');
  const db = openDatabase(dbFile);
  migrate(db);
  const ctx = createServiceContext(db, reference);
  // An article already stored: the server loads no demo article, which a tiny budget would refuse.
  await importArticle(ctx, { text: 'Talks in Kyiv\n\nThe talks went on.' });
  testUser(ctx, 'editor');
  const { token } = createApiToken(ctx, 'editor', 'tests');
  db.close();
  const server = await startServer({ WORKBENCH_DB: dbFile, WORKBENCH_REVIEW_BUDGET_SECONDS: String(seconds) }, servers);
  const api = (path: string, init: RequestInit = {}) => fetch(server.url + path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  return { server, api };
}

/** Machine-translation gone wrong at length: a slip in every sentence, one word looped, runs of full stops. */
function pathologicalArticle(paragraphs: number): string {
  const lines = ['Talks in Kiev'];
  for (let i = 0; i < paragraphs; i++) {
    lines.push(`Officials in Kiev and Kharkov said ${i}.000 people left, Vitkoff and Witkoff agreed ${'the '.repeat(40)}...... ${'.'.repeat(200)}`);
  }
  return lines.join('\n\n');
}

const articleCount = async (api: (path: string) => Promise<Response>) => ((await (await api('/api/articles')).json()) as { total: number }).total;

describe('a pathological article', () => {
  it('is reviewed off the event loop: /healthz and pages answer while it is checked', async () => {
    const { server, api } = await serverWithBudget(120);
    const importing = api('/api/articles', { method: 'POST', body: JSON.stringify({ text: pathologicalArticle(400) }) });
    let done = false;
    void importing.finally(() => (done = true));
    const started = performance.now();
    const latencies: number[] = [];
    while (!done) {
      const asked = performance.now();
      for (const path of ['/healthz', '/api/articles']) {
        const res = await api(path);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
      latencies.push(performance.now() - asked);
    }
    const took = performance.now() - started;
    expect((await importing).status).toBe(201);
    // The import took many round trips of the others, and none of them waited for it.
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(took / 4);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('past the budget is refused with 422 saying why, and nothing is stored', async () => {
    const { server, api } = await serverWithBudget(0.05);
    const before = await articleCount(api);
    const res = await api('/api/articles', { method: 'POST', body: JSON.stringify({ text: pathologicalArticle(2500) }) });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(/not saved: checking the article took longer than 0\.05 s/);
    expect(await articleCount(api)).toBe(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
