import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { createRepositories } from '../db/repositories/index.js';
import { readArticleNames } from './names-rebuild.js';
import { establishedNames } from './names.js';
import type { NamesRead, NamesWorkerAnswer, NamesWorkerData, NamesWorkerJob } from './names-workers.js';

/** A names worker thread (names-workers.ts): reads the names index's database on its own connection. */
const repos = createRepositories(openDatabase((workerData as NamesWorkerData).dbFile));

/** One archive-wide read of the names index (names-workers.ts NamesRead). */
function read(message: NamesRead): unknown {
  switch (message.method) {
    case 'groups':
      return repos.names.groups(...message.args);
    case 'spellingsOf':
      return repos.names.spellingsOf(...message.args);
    case 'articlesOf':
      return repos.names.articlesOf(...message.args);
  }
}

parentPort!.on('message', (message: NamesWorkerJob) => {
  const answer: NamesWorkerAnswer =
    'established' in message
      ? { job: message.job, established: establishedNames(repos.names.approvedSpellings()) }
      : 'method' in message
        ? { job: message.job, read: read(message) }
        : { job: message.job, articles: readArticleNames(repos, message.first, message.last) };
  parentPort!.postMessage(answer);
});
