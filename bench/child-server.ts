/**
 * A bench server (the built workbench server, or the bare Express route) run by node in a child
 * process on its own port, so the load generator does not share its event loop and its memory and
 * CPU can be read from /proc. Used by the web bench (web.ts) and the load test (load.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ChildExit } from '../tests/helpers/child-process.js';

/** The built workbench server, as `npm start` runs it (package.json maps #dist/ to dist/). */
export const SERVER_SCRIPT = fileURLToPath(import.meta.resolve('#dist/server.js'));
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
/** Kernel clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on every Linux Node runs on). */
const CLOCK_TICKS = 100;

/** A server script run by node in a child process, on its own port. */
export class ChildServer {
  private readonly child: ChildProcess;
  private readonly exited: Promise<ChildExit>;
  /** The end of its standard error, to explain a failed start. */
  private stderrTail = '';

  constructor(
    script: string,
    readonly port: number,
    env: Record<string, string>,
    /** Sent with every request to this server, the load's included. */
    readonly cookie: string,
  ) {
    this.child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-2000);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The end of what it wrote to standard error (the server logs failed requests there). */
  get stderr(): string {
    return this.stderrTail;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until `path` answers 200. */
  async ready(path: string): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.describe()} exited before serving:\n${this.stderrTail}`);
      try {
        if ((await fetch(this.url + path)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`${this.describe()} did not answer ${path} within ${READY_TIMEOUT_MS / 1000} s.`);
  }

  /** The body of a GET that must succeed, as it came over the wire (not decompressed), and its Content-Encoding. */
  body(path: string, headers: Record<string, string>): Promise<{ bytes: Buffer; encoding: string | undefined }> {
    return new Promise((resolve, reject) => {
      get(this.url + path, { headers: { ...headers, cookie: this.cookie } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`GET ${path} answered ${response.statusCode}.`));
          else resolve({ bytes: Buffer.concat(chunks), encoding: response.headers['content-encoding'] });
        });
        response.on('error', reject);
      }).on('error', reject);
    });
  }

  private proc(file: string): string {
    return readFileSync(`/proc/${this.child.pid}/${file}`, 'utf8');
  }

  /** Resident memory now and its high-water mark, in bytes (Linux /proc). */
  memory(): { rss: number; peakRss: number } {
    const status = this.proc('status');
    const kB = (field: string): number => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kB('VmRSS'), peakRss: kB('VmHWM') };
  }

  /** CPU seconds used so far, all threads (Linux /proc). */
  cpuSeconds(): number {
    // The fields after the parenthesised command name, which may itself hold spaces; utime and stime are the 12th and 13th.
    const stat = this.proc('stat');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }

  /** SIGTERM, as a service manager stops it; SIGKILL if it does not exit in time. Resolves with how it exited. */
  async stop(): Promise<ChildExit> {
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** For an interrupted run, where there is no time to wait. */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  private describe(): string {
    return `node ${this.child.spawnargs.at(-1)} (port ${this.port})`;
  }
}

/**
 * Runs a bench in a scratch directory (under the system's temporary one) with the child servers
 * it starts, adding each to `started` as soon as it runs. Afterwards the servers are stopped and
 * the directory removed; on SIGINT or SIGTERM they are killed at once and the process exits 130.
 */
export async function inScratchDir(prefix: string, run: (dir: string, started: ChildServer[]) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const started: ChildServer[] = [];
  const interrupted = () => {
    for (const server of started) server.killNow();
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await run(dir, started);
  } finally {
    await Promise.all(started.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
