// One COPY writer thread of the seed (seed-copy.ts): writes its share of the chunks and reports back.
import { parentPort, workerData } from 'node:worker_threads';
import { runWorkerJob, type WorkerJob, type WorkerMessage } from './seed-copy.js';

const post = (message: WorkerMessage) => parentPort!.postMessage(message);
try {
  await runWorkerJob(workerData as WorkerJob, post);
} catch (error) {
  post({ type: 'failed', message: (error as Error).message, stack: (error as Error).stack });
}
