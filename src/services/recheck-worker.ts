import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { loadReference } from '../reference/load.js';
import { createServiceContext } from './context.js';
import { startRechecker, type RecheckThreadData } from './recheck.js';
import { workerReviewer } from './reviewer.js';

/**
 * The server's recheck thread (startRecheckThread in src/services/recheck.ts): a rechecker over a
 * connection of its own, reviewing with one worker thread under the server's budget, so an article
 * too costly to check fails alone. Told to stop, it ends the article under way and closes.
 */
const data = workerData as RecheckThreadData;
const db = openDatabase(data.dbFile);
const reviewer = workerReviewer({ termbaseFile: data.termbaseFile, budgetMs: data.budgetMs, memoryMb: data.memoryMb, workers: 1 });
const rechecker = startRechecker(createServiceContext(db, loadReference({ termbase: data.termbaseFile }), reviewer));

parentPort!.once('message', () => {
  void rechecker
    .stop()
    .then(() => reviewer.close())
    .finally(() => {
      db.close();
      parentPort!.close();
    });
});
