// Worker-thread entry (bundled to dist/knn-worker.js): runs phases of kNN tiles and the float64
// recompute for pool.ts. Messages are handled one at a time, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { TileEngine } from './engine.js';
import { refineRows } from './refine.js';
import type { WorkerReply, WorkerRequest } from './messages.js';

const port = parentPort;
if (!port) throw new Error('the kNN worker runs as a worker thread');
// Set by the main thread when it ends the threads (threads.ts): no more tiles.
const stop = (workerData as { stop: Int32Array }).stop;

// Loading ORT and making the session start with the thread, while the main thread does other work;
// threads.ts ends a thread only once this is done.
void TileEngine.warm(1).then(
  () => port.postMessage({ type: 'ready' }),
  () => port.postMessage({ type: 'ready' }),
);

let engine: TileEngine | undefined;
let chain: Promise<void> = Promise.resolve();

port.on('message', (msg: WorkerRequest) => {
  chain = chain.then(async () => {
    if (msg.type === 'close') {
      // Only once ORT has loaded, and between tiles: then nothing native is running.
      await TileEngine.warm(1).catch(() => {});
      process.exit(0);
    }
    try {
      port.postMessage(await handle(msg));
    } catch (err) {
      port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
    }
  });
});

async function handle(msg: WorkerRequest): Promise<WorkerReply> {
  switch (msg.type) {
    case 'init':
      engine = await TileEngine.open(msg.data, 1);
      return { id: msg.id };
    case 'tiles':
      if (!engine) throw new Error('knn worker used before init');
      await engine.run(msg.phase, undefined, stop);
      return { id: msg.id };
    case 'refine':
      return { id: msg.id, unproven: refineRows(msg.state, msg.r0, msg.r1) };
    case 'close':
      throw new Error('unreachable');
  }
}
