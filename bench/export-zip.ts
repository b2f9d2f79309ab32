/**
 * The web bench's ZIP export (issue 11): the imported articles are submitted and approved by the
 * bench's editor through the review flow's service (their approved text is the AI text), then
 * downloaded as one ZIP of DOCX files from the running server, as a signed-in browser asks for it,
 * while the server's resident memory is sampled. The ZIP is written to a file and read back with
 * yauzl: it must hold every article and the manifest.
 */
import { createWriteStream, statSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { openDatabase } from '#dist/db/connection.js';
import { loadReference } from '#dist/reference/load.js';
import { createServiceContext } from '#dist/services/context.js';
import { takeStep } from '#dist/services/review-flow.js';
import type { ChildServer } from './child-server.js';

/** How often the server's resident memory is read during the download. */
const MEMORY_SAMPLE_MS = 100;

/** Submits and approves the articles as the editor, in one transaction (one sync to disk, not 20,000). */
export function approveArticles(dbFile: string, editorName: string, ids: readonly number[]): void {
  const db = openDatabase(dbFile);
  try {
    const ctx = createServiceContext(db, loadReference());
    const editor = ctx.repos.users.findByName(editorName);
    if (!editor) throw new Error(`No user ${editorName} to approve the articles.`);
    ctx.repos.transaction(() => {
      for (const id of ids) {
        takeStep(ctx, editor, id, 'submit', undefined, true);
        takeStep(ctx, editor, id, 'approve');
      }
    });
  } finally {
    db.close();
  }
}

export interface ZipExportRun {
  articles: number;
  seconds: number;
  zipBytes: number;
  /** The most resident memory of the server seen while it sent the ZIP, and its high-water mark since it started. */
  peakRss: number;
  serverHwm: number;
  /** Cores' worth of CPU the server used meanwhile. */
  serverCpu: number;
}

/** Downloads GET `path` (a ZIP) into `dir`, timed from the request to its last byte, and counts the articles in it. */
export async function measureZipExport(server: ChildServer, dir: string, path: string): Promise<ZipExportRun> {
  const file = join(dir, 'export.zip');
  let peakRss = 0;
  const sample = () => (peakRss = Math.max(peakRss, server.memory().rss));
  const sampler = setInterval(sample, MEMORY_SAMPLE_MS);
  const cpuBefore = server.cpuSeconds();
  const start = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      get(server.url + path, { headers: { cookie: server.cookie } }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`GET ${path} answered ${response.statusCode}.`));
          return;
        }
        pipeline(response, createWriteStream(file)).then(resolve, reject);
      }).on('error', reject);
    });
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - start) / 1000;
  sample();
  const serverCpu = (server.cpuSeconds() - cpuBefore) / seconds;
  const zip = await yauzl.openPromise(file);
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  await zip.close();
  if (names.at(-1) !== 'manifest.json') throw new Error(`The ZIP's last file is ${names.at(-1)}, not manifest.json.`);
  return { articles: names.length - 1, seconds, zipBytes: statSync(file).size, peakRss, serverHwm: server.memory().peakRss, serverCpu };
}
