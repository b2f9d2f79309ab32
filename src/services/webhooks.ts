import { createHmac, randomUUID } from 'node:crypto';
import type { WebhookConfig } from '../config.js';
import type { ClaimedDelivery, DeliverySummary } from '../db/repositories/webhook-deliveries.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Actor, ServiceContext } from './context.js';
import { exportDocument } from './export.js';

/**
 * The way back into the CMS (issue 11): approving an article writes a delivery to the outbox in
 * the approving transaction, and the server's sender (./webhook-sender.ts) posts it, signed, until
 * the receiver answers 2xx. Delivery is at least once: a receiver ignores repeats by delivery id.
 */

export const APPROVED_EVENT = 'article.approved';

/** What the CMS receives when an article is approved. */
export interface ApprovedPayload {
  event: typeof APPROVED_EVENT;
  deliveryId: string;
  articleId: number;
  externalId: string | null;
  title: string;
  text: string;
  approvedAt: string;
  approvedBy: string | null;
}

/** Attempts before a delivery stays failed until an admin sends it again. */
export const MAX_ATTEMPTS = 12;
const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 3_600_000;
/** A claim outlives the request's timeout by this much, so a live sender never loses its row mid-attempt. */
const LEASE_MARGIN_MS = 5_000;
/** Deliveries claimed at once; each is posted concurrently with the others of its batch. */
const BATCH = 10;

/**
 * Inside the transaction that approves the article: the delivery is stored with it or not at
 * all. The body is stored as the exact bytes posted, so every attempt sends the same bytes and
 * signature. Without a webhook set, nothing is written (nothing piles up for a CMS never named).
 */
export function recordApproval(ctx: ServiceContext, actor: Actor, articleId: number, approvedAt: string): void {
  if (!ctx.webhook) return;
  const doc = exportDocument(ctx, articleId);
  const payload: ApprovedPayload = {
    event: APPROVED_EVENT,
    deliveryId: randomUUID(),
    articleId,
    externalId: doc.externalId,
    title: doc.title,
    text: doc.correctedText,
    approvedAt,
    approvedBy: ctx.repos.users.find(actor.id)?.name ?? null,
  };
  ctx.repos.webhookDeliveries.insert({ deliveryId: payload.deliveryId, event: APPROVED_EVENT, articleId, body: Buffer.from(JSON.stringify(payload)), now: approvedAt });
}

/** The signature header's value, as GitHub signs its webhooks: HMAC-SHA256 of the body with the secret, in hex. */
export function signatureOf(body: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Exponential backoff with full jitter: a random wait up to 10 s doubled per failed attempt, at most an hour. */
export function retryDelayMs(failedAttempts: number, random: () => number): number {
  return Math.floor(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failedAttempts - 1)));
}

export interface DeliveryOptions {
  target: WebhookConfig;
  /** The clock, in milliseconds, and the random source of the jitter: tests step both. */
  clock: () => number;
  random: () => number;
  /** Aborted when the server stops: attempts in flight are given back unattempted. */
  stopping?: AbortSignal;
}

export type AttemptOutcome = { deliveryId: string; delivered: true } | { deliveryId: string; delivered: false; error: string; nextAttemptAt: string | null };

const iso = (ms: number) => new Date(ms).toISOString();

/** One step of the sender: claims the deliveries due now and posts them; returns what each attempt came to. */
export async function deliverDue(ctx: ServiceContext, options: DeliveryOptions): Promise<AttemptOutcome[]> {
  const now = options.clock();
  const leaseUntil = iso(now + options.target.timeoutMs + LEASE_MARGIN_MS);
  const claimed = ctx.repos.webhookDeliveries.claimDue(iso(now), leaseUntil, BATCH);
  const outcomes = await Promise.all(claimed.map((delivery) => attempt(ctx, delivery, leaseUntil, options)));
  return outcomes.filter((outcome) => outcome !== null);
}

async function attempt(ctx: ServiceContext, delivery: ClaimedDelivery, leaseUntil: string, { target, clock, random, stopping }: DeliveryOptions): Promise<AttemptOutcome | null> {
  const error = await post(delivery, target, stopping);
  const deliveries = ctx.repos.webhookDeliveries;
  const finished = clock();
  if (error === null) {
    deliveries.markDelivered(delivery.id, leaseUntil, iso(finished));
    return { deliveryId: delivery.deliveryId, delivered: true };
  }
  if (stopping?.aborted) {
    deliveries.release(delivery.id, leaseUntil);
    return null;
  }
  const failed = delivery.attempts + 1;
  const nextAttemptAt = failed >= MAX_ATTEMPTS ? null : iso(finished + retryDelayMs(failed, random));
  deliveries.markAttemptFailed(delivery.id, leaseUntil, error, nextAttemptAt);
  return { deliveryId: delivery.deliveryId, delivered: false, error, nextAttemptAt };
}

/** Posts one delivery; null when the receiver answered 2xx, otherwise what went wrong. Redirects are not followed. */
async function post(delivery: ClaimedDelivery, target: WebhookConfig, stopping: AbortSignal | undefined): Promise<string | null> {
  const timeout = AbortSignal.timeout(target.timeoutMs);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'translation-review-workbench',
        'X-Workbench-Delivery': delivery.deliveryId,
        'X-Workbench-Event': delivery.event,
        'X-Workbench-Signature-256': signatureOf(delivery.body, target.secret),
      },
      body: delivery.body,
      signal: stopping ? AbortSignal.any([timeout, stopping]) : timeout,
    });
    // The answer's body is not read: only its status counts.
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    if (timeout.aborted) return `no answer within ${target.timeoutMs / 1000} s`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? String(error);
  }
}

export interface DeliveryPage {
  items: DeliverySummary[];
  total: number;
  page: number;
  pageCount: number;
  /** Where deliveries go, with the secret left out; null when no webhook is set. */
  url: string | null;
}

export const DELIVERY_PAGE_SIZE = 50;

/** One page of the outbox, newest first, for the admin page. */
export function listDeliveries(ctx: ServiceContext, page: number): DeliveryPage {
  const total = ctx.repos.webhookDeliveries.count();
  const pageCount = Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const items = ctx.repos.webhookDeliveries.page(DELIVERY_PAGE_SIZE, (current - 1) * DELIVERY_PAGE_SIZE);
  return { items, total, page: current, pageCount, url: ctx.webhook?.url ?? null };
}

/**
 * An admin's "Send again": the same delivery (same id, same bytes) is due at once with a fresh
 * round of attempts, whatever its status. Refused while a sender is posting it.
 */
export function resendDelivery(ctx: ServiceContext, id: number): void {
  const result = ctx.repos.webhookDeliveries.resend(id, ctx.now());
  if (result === 'missing') throw new NotFoundError(`There is no delivery ${id}.`);
  if (result === 'in-flight') throw new ConflictError('This delivery is being sent right now; wait for the attempt to end and look again.');
}
