/**
 * The web benches' archive: generated articles written as files of a directory and imported with
 * the real command line (`workbench import DIR`), timed by the wall clock. Shared by the web
 * bench (web.ts) and the re-check bench run alone (web-recheck.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateArticle } from './corpus-generator.js';
import { deriveSeed } from '../tests/helpers/random.js';

export interface CorpusOptions {
  seed: number;
  articles: number;
  meanLength: number;
}

export interface ImportedCorpus {
  ids: number[];
  bytes: number;
  /** Wall clock of `workbench import DIR`, from its start to its exit. */
  seconds: number;
}

/** The built command line, as `npm install -g` would run it. */
const CLI_SCRIPT = fileURLToPath(import.meta.resolve('#dist/cli.js'));

/**
 * Writes the generated articles (article i as generateCorpus makes it) as files of a directory
 * and imports it with `workbench import DIR` into `dbFile`, timed by the wall clock; the ids are
 * those it printed.
 */
export async function importCorpus(dir: string, dbFile: string, options: CorpusOptions): Promise<ImportedCorpus> {
  const corpusDir = join(dir, 'corpus');
  mkdirSync(corpusDir);
  let bytes = 0;
  for (let i = 0; i < options.articles; i++) {
    const { text } = generateArticle(deriveSeed(options.seed, i), options.meanLength);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(corpusDir, `${String(i).padStart(6, '0')}.txt`), text);
  }
  const start = performance.now();
  const cli = spawn(process.execPath, [CLI_SCRIPT, 'import', corpusDir], { env: { ...process.env, WORKBENCH_DB: dbFile }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderrTail = '';
  cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-2000)));
  const [code] = (await once(cli, 'exit')) as [number | null];
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`workbench import ${corpusDir} exited with ${code}:\n${stderrTail}`);
  return { ids: stdout.trim().split('\n').map(Number), bytes, seconds };
}
