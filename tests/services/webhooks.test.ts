import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type WebhookConfig } from '../../src/config.js';
import { ConflictError } from '../../src/errors.js';
import { exportDocument } from '../../src/services/export.js';
import { importArticle } from '../../src/services/import.js';
import { takeStep } from '../../src/services/review-flow.js';
import { editPassage } from '../../src/services/review.js';
import { deliverDue, listDeliveries, MAX_ATTEMPTS, resendDelivery, retryDelayMs, type ApprovedPayload } from '../../src/services/webhooks.js';
import { testContext, testUser } from '../helpers/app.js';
import { startReceiver, verifySignature, type Answer, type Receiver } from '../helpers/webhook-receiver.js';

const SECRET = 'a shared secret of the newsroom';
const T0 = Date.UTC(2025, 5, 1, 9, 0, 0);

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** An article corrected by an editor and submitted, in a workbench whose webhook posts to a receiver answering `answers`. */
async function submittedArticle(answers: Answer[], timeoutMs = 2000) {
  receiver = await startReceiver(SECRET, answers);
  const { db, ctx } = testContext();
  const target: WebhookConfig = { url: receiver.url, secret: SECRET, timeoutMs };
  ctx.webhook = target;
  const editor = testUser(ctx, 'editor');
  const { id } = await importArticle(ctx, { text: 'Talks in Kiev ended late.\n\nThe council met on Friday.', targetLang: 'en', externalId: 'cms-4711', actor: editor });
  await editPassage(ctx, editor, id, 0, 'Talks in Kyiv ended late.', 1, 'terminology');
  takeStep(ctx, editor, id, 'submit', undefined, true);
  return { db, ctx, editor, id, target, receiver };
}

/** The sender's step at a given moment, with the jitter's random source fixed. */
const stepAt = (ctx: Parameters<typeof deliverDue>[0], target: WebhookConfig, ms: number, random = () => 0.5) => deliverDue(ctx, { target, clock: () => ms, random });

describe('the webhook outbox', () => {
  it('retries a failing receiver with backoff (500, a dropped connection, then 200): the same signed bytes each time, delivered exactly once', async () => {
    const { db, ctx, editor, id, target, receiver } = await submittedArticle([500, 'close', 200]);
    takeStep(ctx, editor, id, 'approve');
    const approvedAt = ctx.repos.articleEvents.ofArticle(id)[0]!.createdAt;

    const first = await stepAt(ctx, target, T0);
    // Full jitter: half (the random source) of the first 10 s window.
    expect(first).toEqual([{ deliveryId: expect.any(String), delivered: false, error: 'HTTP 500', nextAttemptAt: new Date(T0 + 5000).toISOString() }]);
    expect(await stepAt(ctx, target, T0 + 4999)).toEqual([]);
    const second = await stepAt(ctx, target, T0 + 5000);
    expect(second).toMatchObject([{ delivered: false, error: expect.stringMatching(/SOCKET|closed/i), nextAttemptAt: new Date(T0 + 5000 + 10_000).toISOString() }]);
    expect(await stepAt(ctx, target, T0 + 14_999)).toEqual([]);
    expect(await stepAt(ctx, target, T0 + 15_000)).toEqual([{ deliveryId: first[0]!.deliveryId, delivered: true }]);
    expect(await stepAt(ctx, target, T0 + 3_600_000)).toEqual([]);

    expect(receiver.received).toHaveLength(3);
    expect(receiver.accepted).toEqual([first[0]!.deliveryId]);
    const [one, ...others] = receiver.received;
    for (const other of others) {
      expect(other.body.equals(one!.body)).toBe(true);
      expect(other.headers['x-workbench-signature-256']).toBe(one!.headers['x-workbench-signature-256']);
    }
    expect(one!.headers).toMatchObject({ 'content-type': 'application/json', 'x-workbench-event': 'article.approved', 'x-workbench-delivery': first[0]!.deliveryId });
    expect(verifySignature(one!.body, one!.headers['x-workbench-signature-256'], SECRET)).toBe(true);
    expect(verifySignature(one!.body, one!.headers['x-workbench-signature-256'], 'another secret of the same size')).toBe(false);
    expect(verifySignature(Buffer.concat([one!.body, Buffer.from(' ')]), one!.headers['x-workbench-signature-256'], SECRET)).toBe(false);

    const doc = exportDocument(ctx, id);
    expect(JSON.parse(one!.body.toString('utf8'))).toEqual({
      event: 'article.approved',
      deliveryId: first[0]!.deliveryId,
      articleId: id,
      externalId: 'cms-4711',
      title: 'Talks in Kyiv ended late.',
      text: doc.correctedText,
      approvedAt,
      approvedBy: 'editor',
    } satisfies ApprovedPayload);
    expect(doc.correctedText).toBe('Talks in Kyiv ended late.\n\nThe council met on Friday.\n');
    expect(db.prepare('SELECT status, attempts, next_attempt_at, lease_until, last_error, delivered_at FROM webhook_deliveries').get()).toEqual({
      status: 'delivered',
      attempts: 3,
      next_attempt_at: null,
      lease_until: null,
      last_error: null,
      delivered_at: new Date(T0 + 15_000).toISOString(),
    });
  });

  it('writes the delivery in the approving transaction: when the insert fails, the article is not approved', async () => {
    const { db, ctx, editor, id } = await submittedArticle([200]);
    db.exec("CREATE TRIGGER refuse_delivery BEFORE INSERT ON webhook_deliveries BEGIN SELECT RAISE(ABORT, 'the outbox is full'); END");
    expect(() => takeStep(ctx, editor, id, 'approve')).toThrow(/the outbox is full/);
    expect(ctx.repos.articles.findSummary(id)!.status).toBe('awaiting_approval');
    expect(ctx.repos.articleEvents.ofArticle(id).map((e) => e.kind)).not.toContain('approved');
    db.exec('DROP TRIGGER refuse_delivery');
    takeStep(ctx, editor, id, 'approve');
    expect(ctx.repos.articles.findSummary(id)!.status).toBe('approved');
    expect(listDeliveries(ctx, 1).items).toMatchObject([{ articleId: id, status: 'pending', attempts: 0 }]);
  });

  it('writes no delivery when no webhook is set, and none for a submit or a send-back', async () => {
    const { ctx, editor, id } = await submittedArticle([200]);
    takeStep(ctx, editor, id, 'sendBack', 'Check the date.');
    takeStep(ctx, editor, id, 'submit', undefined, true);
    expect(listDeliveries(ctx, 1).total).toBe(0);
    ctx.webhook = null;
    takeStep(ctx, editor, id, 'approve');
    expect(listDeliveries(ctx, 1)).toMatchObject({ total: 0, url: null });
  });

  it(`stays failed after ${MAX_ATTEMPTS} attempts until an admin sends it again, then goes out with the same id`, async () => {
    const { ctx, editor, id, target, receiver } = await submittedArticle([503]);
    takeStep(ctx, editor, id, 'approve');
    const never = () => 0;
    for (let i = 1; i <= MAX_ATTEMPTS; i++) expect(await stepAt(ctx, target, T0, never)).toMatchObject([{ delivered: false, error: 'HTTP 503' }]);
    expect(await stepAt(ctx, target, T0 + 86_400_000, never)).toEqual([]);
    const [failed] = listDeliveries(ctx, 1).items;
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null, lastError: 'HTTP 503' });

    receiver.answers = [204];
    resendDelivery(ctx, failed!.id);
    expect(listDeliveries(ctx, 1).items[0]).toMatchObject({ status: 'pending', attempts: 0 });
    // Due at the service clock's now, which is before T0.
    expect(await stepAt(ctx, target, T0)).toEqual([{ deliveryId: failed!.deliveryId, delivered: true }]);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS + 1);
    expect(receiver.accepted).toEqual([failed!.deliveryId]);
    expect(() => resendDelivery(ctx, 999)).toThrow(/no delivery 999/);
  });

  it('lets one sender at a time post a delivery: while a claim stands, a step claims nothing and a resend is refused; a dead sender\'s claim lapses', async () => {
    const { ctx, editor, id, target, receiver } = await submittedArticle([200], 1000);
    takeStep(ctx, editor, id, 'approve');
    // A sender (another process) claims the row and dies mid-attempt: its lease is the timeout and 5 s.
    const leaseUntil = new Date(T0 + 6000).toISOString();
    expect(ctx.repos.webhookDeliveries.claimDue(new Date(T0).toISOString(), leaseUntil, 10)).toHaveLength(1);
    expect(await stepAt(ctx, target, T0 + 5999)).toEqual([]);
    expect(() => resendDelivery(ctx, listDeliveries(ctx, 1).items[0]!.id)).toThrow(ConflictError);
    expect(await stepAt(ctx, target, T0 + 6000)).toMatchObject([{ delivered: true }]);
    expect(receiver.received).toHaveLength(1);
  });

  it('counts a receiver that does not answer within the timeout as a failed attempt, and claims nothing twice meanwhile', async () => {
    const { ctx, editor, id, target, receiver } = await submittedArticle(['hang', 200], 1000);
    takeStep(ctx, editor, id, 'approve');
    const stuck = stepAt(ctx, target, T0);
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(await stepAt(ctx, target, T0 + 1000)).toEqual([]);
    expect(await stuck).toMatchObject([{ delivered: false, error: 'no answer within 1 s', nextAttemptAt: new Date(T0 + 5000).toISOString() }]);
    expect(await stepAt(ctx, target, T0 + 5000)).toMatchObject([{ delivered: true }]);
    expect(receiver.received).toHaveLength(2);
  });

  it('gives an attempt in flight back unattempted when the server stops, due as before', async () => {
    const { db, ctx, editor, id, target, receiver } = await submittedArticle(['hang']);
    takeStep(ctx, editor, id, 'approve');
    const stopping = new AbortController();
    const step = deliverDue(ctx, { target, clock: () => T0, random: () => 0.5, stopping: stopping.signal });
    await expect.poll(() => receiver.received.length).toBe(1);
    stopping.abort();
    expect(await step).toEqual([]);
    expect(db.prepare('SELECT status, attempts, lease_until, last_error FROM webhook_deliveries').get()).toEqual({ status: 'pending', attempts: 0, lease_until: null, last_error: null });
  });

  it('waits up to 10 s doubled per failed attempt, at most an hour, anywhere from 0 (full jitter)', () => {
    const longest = (n: number) => retryDelayMs(n, () => 1);
    expect([1, 2, 3, 4, 9, 10, 11, 12].map(longest)).toEqual([10_000, 20_000, 40_000, 80_000, 2_560_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(retryDelayMs(5, () => 0)).toBe(0);
    expect(retryDelayMs(3, () => 0.25)).toBe(10_000);
  });
});

describe('the webhook settings', () => {
  it('are read from the environment: a URL and a secret together, or neither', () => {
    expect(loadConfig({}).webhook).toBeNull();
    expect(loadConfig({ WORKBENCH_WEBHOOK_URL: 'https://cms.example.org/hook', WORKBENCH_WEBHOOK_SECRET: SECRET }).webhook).toEqual({ url: 'https://cms.example.org/hook', secret: SECRET, timeoutMs: 10_000 });
    expect(loadConfig({ WORKBENCH_WEBHOOK_URL: 'http://127.0.0.1:9000/', WORKBENCH_WEBHOOK_SECRET: SECRET, WORKBENCH_WEBHOOK_TIMEOUT_SECONDS: '2.5' }).webhook!.timeoutMs).toBe(2500);
    expect(() => loadConfig({ WORKBENCH_WEBHOOK_URL: 'https://cms.example.org/hook' })).toThrow(/set WORKBENCH_WEBHOOK_URL and WORKBENCH_WEBHOOK_SECRET together/);
    expect(() => loadConfig({ WORKBENCH_WEBHOOK_SECRET: SECRET })).toThrow(/together/);
    expect(() => loadConfig({ WORKBENCH_WEBHOOK_URL: 'https://cms.example.org/hook', WORKBENCH_WEBHOOK_SECRET: 'short' })).toThrow(/WORKBENCH_WEBHOOK_SECRET: give a secret of 16 characters or more/);
    expect(() => loadConfig({ WORKBENCH_WEBHOOK_URL: 'ftp://cms.example.org/hook', WORKBENCH_WEBHOOK_SECRET: SECRET })).toThrow(/WORKBENCH_WEBHOOK_URL: give an http or https URL/);
    expect(() => loadConfig({ WORKBENCH_WEBHOOK_URL: 'not a url', WORKBENCH_WEBHOOK_SECRET: SECRET })).toThrow(/WORKBENCH_WEBHOOK_URL/);
    expect(() => loadConfig({ WORKBENCH_WEBHOOK_URL: 'https://cms.example.org/hook', WORKBENCH_WEBHOOK_SECRET: SECRET, WORKBENCH_WEBHOOK_TIMEOUT_SECONDS: '0' })).toThrow(/WORKBENCH_WEBHOOK_TIMEOUT_SECONDS/);
  });
});
