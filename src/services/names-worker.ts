import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { createRepositories } from '../db/repositories/index.js';
import { readArticleNames, type NamesAnswer, type NamesJob, type NamesWorkerData } from './names-rebuild.js';

/** A worker thread of the names index rebuild (names-rebuild.ts): a range of article ids in, their names out, read on its own connection. */
const repos = createRepositories(openDatabase((workerData as NamesWorkerData).dbFile));

parentPort!.on('message', ({ job, first, last }: NamesJob) => {
  parentPort!.postMessage({ job, articles: readArticleNames(repos, first, last) } satisfies NamesAnswer);
});
