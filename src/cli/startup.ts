import { prestartTokenThread } from '../analyzers/token-thread.js';
import { knnWorkerCount, knnWorkers } from '../knn/threads.js';
import type { StartupNeeds } from './command.js';

/**
 * Starts what a command line declared it needs (its registry entry's `needs`), before its modules
 * load. kNN worker threads each load onnxruntime while the main thread loads the command: a second
 * core is otherwise idle then. (knn/threads.ts imports Node built-ins only; main() ends the threads
 * before it returns.) Nothing for --help, nor for an invalid thread count: commander refuses it.
 */
export function startNeeds(needs: StartupNeeds, argv: string[]): void {
  if (argv.some((a) => a === '--help' || a === '-h')) return;
  if (needs.knnWorkers) {
    const { threads } = needs.knnWorkers;
    if (threads === undefined || Number.isInteger(threads)) knnWorkers(knnWorkerCount(threads));
  }
  if (needs.tokenizeThread) prestartTokenThread(needs.tokenizeThread.spec);
}
