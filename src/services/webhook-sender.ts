import type { WebhookConfig } from '../config.js';
import type { ServiceContext } from './context.js';
import { deliverDue } from './webhooks.js';

/**
 * How often the outbox is asked for due deliveries: one indexed query, so a second costs nothing
 * and an approval goes out within one. A step posts up to 10, so a backlog left by a CMS outage
 * (a day's approvals) drains in minutes.
 */
const POLL_MS = 1000;

export interface WebhookSender {
  /** Stops asking, gives back the attempts in flight unattempted, and resolves once the last step has ended. */
  stop(): Promise<void>;
}

/**
 * The server's sender, outside the request path: a step of deliverDue at once (deliveries left
 * due by a previous run, a crash included, go out on start) and then a second after each step
 * ends, so two steps of one process never overlap. Across processes, each row's claim is a lease
 * taken in one UPDATE (see the repository), so two servers on one database never post one row at once.
 */
export function startWebhookSender(ctx: ServiceContext, target: WebhookConfig, log: (error: unknown) => void = console.error): WebhookSender {
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let step: Promise<void> = Promise.resolve();
  const run = () => {
    step = deliverDue(ctx, { target, clock: Date.now, random: Math.random, stopping: stopping.signal })
      // A database busy with another writer, say: the next step tries again.
      .then(() => undefined, log)
      .then(() => {
        if (!stopping.signal.aborted) timer = setTimeout(run, POLL_MS);
      });
  };
  run();
  return {
    stop() {
      stopping.abort();
      clearTimeout(timer);
      return step;
    },
  };
}
