import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers one request: a status, or `close` (the connection dropped unanswered), or `hang` (never answered). */
export type Answer = number | 'close' | 'hang';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A CMS's webhook endpoint on loopback, as the README tells one to write it: it checks the
 * signature, and takes each delivery id once. `answers` are used in order, the last one again
 * and again; `script` can be replaced between requests.
 */
export async function startReceiver(secret: string, answers: Answer[]) {
  const received: ReceivedRequest[] = [];
  /** Delivery ids answered 2xx, once each: what the CMS would have stored. */
  const accepted: string[] = [];
  const hanging = new Set<ServerResponse>();
  const receiver = {
    answers,
    received,
    accepted,
    url: '',
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ headers: req.headers, body });
      const answer = receiver.answers[Math.min(received.length - 1, receiver.answers.length - 1)]!;
      if (answer === 'close') return req.socket.destroy();
      if (answer === 'hang') return void hanging.add(res);
      const id = String(req.headers['x-workbench-delivery']);
      if (answer >= 200 && answer < 300 && verifySignature(body, req.headers['x-workbench-signature-256'], secret) && !accepted.includes(id)) accepted.push(id);
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/workbench`;
  return receiver;
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The README's signature check: HMAC-SHA256 of the raw body with the shared secret, compared in constant time. */
export function verifySignature(body: Buffer, header: string | string[] | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
