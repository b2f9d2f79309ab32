import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UsageError } from './errors.js';

export const DEFAULT_DB_FILE = fileURLToPath(new URL('../db/workbench.sqlite', import.meta.url));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WORKBENCH_DB: z.string().min(1).default(DEFAULT_DB_FILE),
  WORKBENCH_TERMS: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Express's "trust proxy" as a hop count or the proxy's addresses. true would trust every
  // X-Forwarded-For entry, so any client could name its own address (and dodge the sign-in limit).
  WORKBENCH_TRUST_PROXY: z
    .string()
    .refine((value) => !/^(true|false)$/i.test(value.trim()), 'true and false are not accepted: give the number of proxies in front of the workbench (1) or the proxy’s address, or leave it unset without a proxy')
    .transform((value) => (/^\d+$/.test(value.trim()) ? Number(value) : value))
    .optional(),
  WORKBENCH_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(8 * 60),
  WORKBENCH_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(7 * 24),
  WORKBENCH_REVIEW_BUDGET_SECONDS: z.coerce.number().positive().max(600).default(10),
  WORKBENCH_REVIEW_MEMORY_MB: z.coerce.number().int().min(64).default(512),
  WORKBENCH_WEBHOOK_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'give an http or https URL')
    .optional(),
  // A guessable secret would let anyone sign a forged approval for the CMS.
  WORKBENCH_WEBHOOK_SECRET: z.string().min(16, 'give a secret of 16 characters or more').optional(),
  WORKBENCH_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
});

/** Where approved articles are posted, and the secret their bodies are signed with (issue 11). */
export interface WebhookConfig {
  url: string;
  secret: string;
  /** How long one delivery attempt may take before it counts as failed. */
  timeoutMs: number;
}

export interface Config {
  port: number;
  dbFile: string;
  /** A termbase used instead of the starter one, as `workbench check --terms`. */
  termbaseFile: string | undefined;
  production: boolean;
  /** Largest article accepted: the import form's fields and the API's JSON body, in bytes. */
  maxBodyBytes: number;
  /** Largest body of any other form (an edit, a dismissal), in bytes. */
  maxFormBytes: number;
  /** Largest uploaded file accepted, in bytes. */
  maxUploadBytes: number;
  /** Express's "trust proxy" setting, when the workbench runs behind a reverse proxy: a hop count, or addresses and subnets. */
  trustProxy: number | string | undefined;
  /** Session cookies only over HTTPS: on whenever a proxy is trusted (it terminates TLS). */
  secureCookies: boolean;
  /** A session ends after this long without a request, and this long after login in any case. */
  session: { idleMs: number; absoluteMs: number };
  /** What checking and rendering one change of an article may take, in a worker thread: past it the change is refused. */
  review: { budgetMs: number; memoryMb: number };
  /** How long the server waits for another process's write (the command line's import) before answering 503. */
  busyTimeoutMs: number;
  /** The CMS's webhook; null when none is set, and then approvals write no delivery. */
  webhook: WebhookConfig | null;
}

/** Reads and validates the configuration once, at start; a bad value stops the start with one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new UsageError(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const values = parsed.data;
  if ((values.WORKBENCH_WEBHOOK_URL === undefined) !== (values.WORKBENCH_WEBHOOK_SECRET === undefined)) {
    throw new UsageError('invalid configuration: set WORKBENCH_WEBHOOK_URL and WORKBENCH_WEBHOOK_SECRET together (the CMS checks the signature made with the secret), or neither');
  }
  return {
    port: values.PORT,
    dbFile: values.WORKBENCH_DB,
    termbaseFile: values.WORKBENCH_TERMS,
    production: values.NODE_ENV === 'production',
    maxBodyBytes: 2 * 1024 * 1024,
    maxFormBytes: 64 * 1024,
    maxUploadBytes: 5 * 1024 * 1024,
    trustProxy: values.WORKBENCH_TRUST_PROXY,
    secureCookies: values.WORKBENCH_TRUST_PROXY !== undefined,
    session: { idleMs: values.WORKBENCH_SESSION_IDLE_MINUTES * 60_000, absoluteMs: values.WORKBENCH_SESSION_MAX_HOURS * 3_600_000 },
    review: { budgetMs: values.WORKBENCH_REVIEW_BUDGET_SECONDS * 1000, memoryMb: values.WORKBENCH_REVIEW_MEMORY_MB },
    // Every wait blocks the event loop (better-sqlite3 is synchronous): short, since the import's transactions are.
    busyTimeoutMs: 200,
    webhook:
      values.WORKBENCH_WEBHOOK_URL === undefined || values.WORKBENCH_WEBHOOK_SECRET === undefined
        ? null
        : { url: values.WORKBENCH_WEBHOOK_URL, secret: values.WORKBENCH_WEBHOOK_SECRET, timeoutMs: values.WORKBENCH_WEBHOOK_TIMEOUT_SECONDS * 1000 },
  };
}
