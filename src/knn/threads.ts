import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerRequest } from './messages.js';

/**
 * Starting the kNN worker threads (worker.ts). Only Node built-ins here: the CLI can start the
 * threads before it loads the rest of a command, so that they load ORT while the main thread loads
 * its own modules (pool.ts gives them work).
 */

/** dist/knn-worker.js: beside this module in the bundle; built by the test set-up when running from src/. */
function workerFile(): string | undefined {
  for (const rel of ['./knn-worker.js', '../../dist/knn-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Worker threads for a large pass: `threads` when given (below 2: none, the pass runs in the main
 * thread), else one per core, at most 8 (each holds its own copy of the points); none on one core.
 */
export function knnWorkerCount(threads?: number): number {
  if (threads !== undefined) return threads >= 2 ? threads : 0;
  const cores = Math.max(1, availableParallelism());
  return cores < 2 ? 0 : Math.min(cores, 8);
}

const started: Worker[] = [];
// Set while the threads are being ended: a thread's tile loop checks it between tiles (workerData.stop).
const stopFlag = new Int32Array(new SharedArrayBuffer(4));
let stopping: Promise<void> | undefined;
// Resolves when a thread has loaded ORT (its 'ready' message) or is gone.
const ready = new WeakMap<Worker, Promise<void>>();

/**
 * Up to `count` running worker threads, started on first call and reused (none when the worker
 * script is missing). They do not keep the process alive while idle.
 */
export function knnWorkers(count: number = knnWorkerCount()): Worker[] {
  const file = count > 0 ? workerFile() : undefined;
  if (!file) return [];
  while (started.length < count) {
    const w = new Worker(file, { workerData: { stop: stopFlag } });
    w.unref();
    // Until pool.ts listens: a thread that fails to start is dropped, not an unhandled error.
    const drop = () => {
      const at = started.indexOf(w);
      if (at >= 0) started.splice(at, 1);
    };
    w.on('error', drop);
    w.on('exit', drop);
    ready.set(w, new Promise<void>((resolve) => {
      w.on('message', (msg: { type?: string }) => msg.type === 'ready' && resolve());
      w.once('exit', () => resolve());
    }));
    started.push(w);
  }
  return started.slice(0, count);
}

/**
 * Ends the worker threads, safely: the process must not exit while a thread is inside ORT (its
 * start-up or a MatMul), which can abort it. Each thread stops taking tiles, finishes the one it
 * is on, waits until ORT has loaded, and exits.
 */
export function stopKnnWorkers(): Promise<void> {
  if (started.length === 0) return stopping ?? Promise.resolve();
  Atomics.store(stopFlag, 0, 1);
  const all = started.splice(0);
  const close: WorkerRequest = { id: -1, type: 'close' };
  const exited = Promise.all(all.map((w) => new Promise<void>((resolve) => {
    w.once('exit', () => resolve());
    w.postMessage(close);
  })));
  // The threads are unreferenced (and pool.ts unrefs them again when their last reply arrives):
  // a timer keeps the process alive until they have exited.
  const alive = setInterval(() => {}, 1000);
  stopping = exited.then(() => {
    clearInterval(alive);
    Atomics.store(stopFlag, 0, 0);
  });
  return stopping;
}
