/**
 * The outbox survives a crash (issue 11): the built server approves an article and starts posting
 * it to a receiver that holds the request unanswered; the server is killed with SIGKILL then,
 * between the approval and the delivery. Started again on the same database, it posts the same
 * delivery once the dead server's claim has lapsed (its timeout, 3 s here, and 5 s), and the
 * receiver takes it exactly once by delivery id. The kill comes well within the timeout (the
 * receiver's first request is watched for every 50 ms), so the first attempt is never recorded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { startServer, type ServerProcess } from '../helpers/child-server.js';
import { CLI } from '../helpers/run-cli.js';
import { startReceiver, verifySignature, type Receiver } from '../helpers/webhook-receiver.js';
import { signIn } from './burst.js';

const SECRET = 'the crash test secret';
const PASSWORD = 'a long enough webhook password';

const started: ServerProcess[] = [];
let receiver: Receiver | undefined;
let dir: string | undefined;
afterEach(async () => {
  await Promise.all(started.map((server) => server.kill()));
  started.length = 0;
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Posts a form of the signed-in session, as the review page's buttons do. */
async function post(url: string, session: { cookie: string; csrf: string }, fields: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('a webhook delivery across a crash', () => {
  it('arrives after the server is killed between the approval and the delivery, exactly once by delivery id', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-webhook-crash-'));
    const dbFile = join(dir, 'workbench.sqlite');
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !name.startsWith('WORKBENCH_')) env[name] = value;
    const add = spawnSync(process.execPath, [CLI, 'user', 'add', 'crash-editor', '--role', 'editor'], { input: PASSWORD, encoding: 'utf8', env: { ...env, WORKBENCH_DB: dbFile } });
    expect(add.status, add.stderr).toBe(0);

    receiver = await startReceiver(SECRET, ['hang', 200]);
    const serverEnv = { WORKBENCH_DB: dbFile, WORKBENCH_WEBHOOK_URL: receiver.url, WORKBENCH_WEBHOOK_SECRET: SECRET, WORKBENCH_WEBHOOK_TIMEOUT_SECONDS: '3' };
    const first = await startServer(serverEnv, started);
    const session = await signIn(first.url, 'crash-editor', PASSWORD);
    // The demo article, loaded into the empty database, is article 1.
    expect(await post(`${first.url}/articles/1/submit`, session, { confirm: 'open-findings' })).toBe(303);
    expect(await post(`${first.url}/articles/1/approve`, session)).toBe(303);
    await expect.poll(() => receiver!.received.length, { timeout: 10_000 }).toBe(1);
    await first.kill();

    const second = await startServer(serverEnv, started);
    await expect.poll(() => receiver!.accepted.length, { timeout: 20_000, interval: 100 }).toBe(1);
    // A while longer: nothing more is sent.
    await sleep(1500);
    // A service manager's stop: the sender stops with the server, which exits cleanly.
    expect(await second.stop()).toEqual({ code: 0, signal: null });

    const ids = receiver.received.map((r) => r.headers['x-workbench-delivery']);
    expect(ids).toEqual([ids[0], ids[0]]);
    expect(receiver.accepted).toEqual([ids[0]]);
    expect(receiver.received[1]!.body.equals(receiver.received[0]!.body)).toBe(true);
    expect(verifySignature(receiver.received[1]!.body, receiver.received[1]!.headers['x-workbench-signature-256'], SECRET)).toBe(true);
    expect(JSON.parse(receiver.received[1]!.body.toString('utf8'))).toMatchObject({ event: 'article.approved', deliveryId: ids[0], articleId: 1, approvedBy: 'crash-editor' });
    const db = openDatabase(dbFile);
    expect(db.prepare('SELECT delivery_id AS deliveryId, status, attempts FROM webhook_deliveries').all()).toEqual([{ deliveryId: ids[0], status: 'delivered', attempts: 1 }]);
    db.close();
  }, 120_000);
});
