/**
 * A burst of requests from the crash test's clients to the server on 127.0.0.1: sessions signed
 * in through the login form, reads and writes, and what became of each (acknowledged, refused
 * with 409, busy with 503, in flight at the kill, or unexpected), counted for the test to assert
 * and print.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImportBody } from './texts.js';

const REQUEST_TIMEOUT_MS = 15_000;
/** After a 503 a client waits this long (or less, if Retry-After says so) before its next request. */
const BUSY_PAUSE_MS = 100;

export interface Session {
  user: string;
  cookie: string;
  csrf: string;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** What a write came to. */
export type Outcome =
  | { kind: 'acked'; body: string }
  /** 409: the client's version was stale. Expected only when two clients race. */
  | { kind: 'conflict' }
  /** 503 (the database stayed busy), in flight at the kill, or an answer no client expected: not acknowledged. */
  | { kind: 'unacked' };

const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('wb_session='))?.split(';')[0];
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in through the login form, as a browser does, and reads the CSRF token of the signed-in session. */
export async function signIn(url: string, user: string, password: string): Promise<Session> {
  const page = await fetch(`${url}/login`);
  const anonymous = cookieOf(page);
  const loginCsrf = csrfOf(await page.text());
  const login = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous ?? '', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: loginCsrf ?? '', name: user, password, next: '/articles' }),
  });
  await login.arrayBuffer();
  const cookie = cookieOf(login);
  if (login.status !== 303 || !cookie) throw new Error(`signing in as ${user} answered ${login.status}`);
  const list = await fetch(`${url}/articles`, { headers: { cookie }, redirect: 'manual' });
  const csrf = csrfOf(await list.text());
  if (list.status !== 200 || !csrf) throw new Error(`the article list answered ${user} ${list.status}`);
  return { user, cookie, csrf };
}

export class Burst {
  killed = false;
  /** Answers that fail the test: a 500, a refusal no client expected, a connection lost before the kill. */
  readonly unexpected: string[] = [];
  /** 503 answers: allowed and counted, never acknowledged. */
  readonly busy: string[] = [];
  /** 500 answers (also in `unexpected`). */
  serverErrors = 0;
  /** Requests the kill cut off. */
  inFlight = 0;
  /** Acknowledged writes by kind. */
  readonly acked = new Map<string, number>();
  /** Saves refused with 409 in races. */
  conflicts = 0;
  /** Resolves once every client has had a write of each of its kinds acknowledged, or something failed. */
  readonly flowing: Promise<void>;
  /** The kinds of write each client has yet to have acknowledged before the kill may come. */
  private readonly awaited: Map<string, Set<string>>;
  private signalFlowing!: () => void;

  constructor(
    readonly url: string,
    /** The kinds of write each client makes. */
    kinds: Readonly<Record<string, readonly string[]>>,
  ) {
    this.awaited = new Map(Object.entries(kinds).map(([client, k]) => [client, new Set(k)]));
    this.flowing = new Promise((resolve) => (this.signalFlowing = resolve));
  }

  /** What the burst still waits for, to explain a stall. */
  get waiting(): string[] {
    return [...this.awaited].filter(([, kinds]) => kinds.size > 0).map(([client, kinds]) => `${client} (${[...kinds].join(', ')})`);
  }

  /** Something no client expected: the test fails; the wait for the flow stops. */
  fail(what: string): void {
    this.unexpected.push(what);
    this.signalFlowing();
  }

  acknowledged(client: string, what: string): void {
    this.acked.set(what, (this.acked.get(what) ?? 0) + 1);
    this.awaited.get(client)?.delete(what);
    if ([...this.awaited.values()].every((kinds) => kinds.size === 0)) this.signalFlowing();
  }

  /** A GET that should answer 200: its body, or undefined when it did not (counted). */
  async read(client: string, path: string, auth: Session | string): Promise<string | undefined> {
    const answer = await this.send(client, `GET ${path}`, path, { headers: authHeaders(auth) });
    if (answer?.status === 200) return answer.body;
    if (answer) await this.notAcknowledged(client, `GET ${path}`, answer);
    return undefined;
  }

  /** A form post with the session's CSRF token, acknowledged by a 303. */
  postForm(client: string, what: string, path: string, session: Session, fields: Record<string, string>): Promise<Outcome> {
    return this.write(client, what, path, 303, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
    });
  }

  /** An API import, acknowledged by `status` (201 for a new article, 200 for an update under a known external id). */
  postImport(client: string, what: string, token: string, body: ImportBody, status: 200 | 201): Promise<Outcome> {
    return this.write(client, what, '/api/articles', status, {
      method: 'POST',
      headers: { ...authHeaders(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async write(client: string, what: string, path: string, ack: number, init: RequestInit): Promise<Outcome> {
    const answer = await this.send(client, `${what} (${path})`, path, init);
    if (answer?.status === ack) {
      this.acknowledged(client, what);
      return { kind: 'acked', body: answer.body };
    }
    if (answer?.status === 409) return { kind: 'conflict' };
    if (answer) await this.notAcknowledged(client, `${what} (${path})`, answer);
    return { kind: 'unacked' };
  }

  /** The whole answer, or undefined when the connection failed: in flight if the kill came first, else unexpected. */
  private async send(client: string, what: string, path: string, init: RequestInit): Promise<Answer | undefined> {
    try {
      const res = await fetch(this.url + path, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
    } catch (error) {
      if (this.killed) this.inFlight++;
      else this.fail(`${client}: ${what}: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}`);
      return undefined;
    }
  }

  /** A 503 is counted and waited out; any other answer fails the test. */
  private async notAcknowledged(client: string, what: string, answer: Answer): Promise<void> {
    if (answer.status === 503) {
      this.busy.push(`${client}: ${what}`);
      const retryAfter = Number(answer.retryAfter) * 1000;
      await sleep(Math.min(BUSY_PAUSE_MS, retryAfter || BUSY_PAUSE_MS));
      return;
    }
    if (answer.status === 500) this.serverErrors++;
    this.fail(`${client}: ${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  }
}

function authHeaders(auth: Session | string): Record<string, string> {
  return typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : { cookie: auth.cookie };
}
