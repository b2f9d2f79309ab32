import { parentPort, workerData } from 'node:worker_threads';
import { updatedReference } from '../reference/index.js';
import { loadReference } from '../reference/load.js';
import type { ReviewWorkerData, ReviewWorkerMessage } from './reviewer.js';
import { reviewState } from './review-state.js';

/** A worker thread of the reviewer pool (src/services/reviewer.ts): article states in, reviewed states out. */
const { termbaseFile, update } = workerData as ReviewWorkerData;
let reference = updatedReference(loadReference({ termbase: termbaseFile }), update);

parentPort!.on('message', (message: ReviewWorkerMessage) => {
  if ('update' in message) {
    reference = updatedReference(reference, message.update);
    return;
  }
  // Copied, not transferred: small Buffers share one pooled ArrayBuffer.
  parentPort!.postMessage(reviewState(message.state, reference));
});
// Ready: the pool counts budgets from now on.
parentPort!.postMessage('ready');
