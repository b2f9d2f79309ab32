import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { createRepositories } from '../db/repositories/index.js';
import { readArticleNames } from './names-rebuild.js';
import { establishedNames } from './names.js';
import type { NamesWorkerAnswer, NamesWorkerData, NamesWorkerJob } from './names-workers.js';

/** A names worker thread (names-workers.ts): reads the names index's database on its own connection. */
const repos = createRepositories(openDatabase((workerData as NamesWorkerData).dbFile));

parentPort!.on('message', (message: NamesWorkerJob) => {
  const answer: NamesWorkerAnswer =
    'established' in message
      ? { job: message.job, established: establishedNames(repos.names.approvedSpellings()) }
      : { job: message.job, articles: readArticleNames(repos, message.first, message.last) };
  parentPort!.postMessage(answer);
});
