import { parentPort, workerData } from 'node:worker_threads';
import { loadReference } from '../reference/load.js';
import type { ReviewWorkerData } from './reviewer.js';
import { reviewState, type ArticleState } from './review-state.js';

/** A worker thread of the reviewer pool (src/services/reviewer.ts): article states in, reviewed states out. */
const { termbaseFile } = workerData as ReviewWorkerData;
const reference = loadReference({ termbase: termbaseFile });

parentPort!.on('message', (state: ArticleState) => {
  // Copied, not transferred: small Buffers share one pooled ArrayBuffer.
  parentPort!.postMessage(reviewState(state, reference));
});
// Ready: the pool counts budgets from now on.
parentPort!.postMessage('ready');
