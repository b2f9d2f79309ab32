import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, type ChildExit } from './child-process.js';

/** The built server, as `npm start` runs it (npm test builds first). */
export const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

const READY_TIMEOUT_MS = 20_000;
const START_ATTEMPTS = 3;

/** The built workbench server in a child process, on its own port. */
export class ServerProcess {
  readonly url: string;
  readonly exited: Promise<ChildExit>;
  private readonly child: ChildProcess;
  private exit: ChildExit | undefined;
  private output = '';

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    const inherited = { ...process.env };
    // The server's configuration comes from this test only.
    for (const name of Object.keys(inherited)) if (name.startsWith('WORKBENCH_')) delete inherited[name];
    this.child = spawn(process.execPath, [SERVER], {
      env: { ...inherited, NODE_ENV: 'production', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.url = `http://127.0.0.1:${port}`;
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** The end of what it printed, to explain a failure. */
  get log(): string {
    return this.output;
  }

  /** Waits until GET path answers 200; throws if the process exits or the time runs out. */
  async ready(path = '/healthz'): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the server exited (${JSON.stringify(this.exit)}) before it answered ${path}:\n${this.output}`);
      try {
        if ((await fetch(this.url + path, { signal: AbortSignal.timeout(2000) })).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(25);
    }
    throw new Error(`the server did not answer ${path} within ${READY_TIMEOUT_MS / 1000} s:\n${this.output}`);
  }

  /** SIGKILL: no handler runs, nothing is flushed or closed by the process. */
  async kill(): Promise<ChildExit> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, as a service manager stops it (the server closes the database and exits 0). */
  async stop(): Promise<ChildExit> {
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}

/**
 * Starts the built server with the given environment on a free port and waits until /healthz
 * answers. Another process may take the port between the probe and the listen, so a start that
 * fails with EADDRINUSE is retried on another port. Every process started is added to `started`
 * before anything is awaited, so the caller can kill it whatever happens.
 */
export async function startServer(env: Record<string, string>, started: ServerProcess[]): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const server = new ServerProcess(await freePort(), env);
    started.push(server);
    try {
      await server.ready();
      return server;
    } catch (error) {
      await server.kill();
      if (attempt >= START_ATTEMPTS || !server.log.includes('EADDRINUSE')) throw error;
    }
  }
}
