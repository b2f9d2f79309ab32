import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { loadReference } from '../reference/load.js';
import { createServiceContext } from './context.js';
import { drainRecheck, RECHECK_NICENESS, type RecheckThreadData } from './recheck.js';
import { workerReviewer } from './reviewer.js';

/**
 * The server's recheck thread (startRecheckThread in src/services/recheck.ts): drains the queue
 * over a connection of its own, reviewing with one worker thread under the server's budget (an
 * article too costly to check fails alone), then closes and ends. Told to stop, it ends after the
 * article under way.
 */
const data = workerData as RecheckThreadData;
// Below the server's threads: on Linux a thread's nice value is its own, and the reviewer's thread started below inherits it.
setPriority(RECHECK_NICENESS);
const stopping = new AbortController();
parentPort!.once('message', () => stopping.abort());
const db = openDatabase(data.dbFile);
const reviewer = workerReviewer({ termbaseFile: data.termbaseFile, budgetMs: data.budgetMs, memoryMb: data.memoryMb, workers: 1 });
try {
  await drainRecheck(createServiceContext(db, loadReference({ termbase: data.termbaseFile }), reviewer), stopping.signal);
} finally {
  await reviewer.close();
  db.close();
  parentPort!.close();
}
