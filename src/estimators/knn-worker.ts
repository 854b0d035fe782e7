// Worker-thread entry (bundled to dist/knn-worker.js): runs phases of kNN tiles and the float64
// recompute for knn-pool.ts. Messages are handled one at a time, in order.
import { parentPort } from 'node:worker_threads';
import { TileEngine } from './knn-engine.js';
import { refineRows } from './knn-refine.js';
import type { WorkerReply, WorkerRequest } from './knn-pool.js';

const port = parentPort;
if (!port) throw new Error('knn-worker.js runs as a worker thread');

let engine: TileEngine | undefined;
let chain: Promise<void> = Promise.resolve();

port.on('message', (msg: WorkerRequest) => {
  chain = chain.then(async () => {
    try {
      port.postMessage(await handle(msg));
    } catch (err) {
      port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
    }
  });
});

async function handle(msg: WorkerRequest): Promise<WorkerReply> {
  switch (msg.type) {
    case 'warm':
      await TileEngine.warm(msg.model, 1);
      return { id: msg.id };
    case 'init':
      engine = await TileEngine.open(msg.data, msg.model, 1);
      return { id: msg.id };
    case 'tiles':
      if (!engine) throw new Error('knn worker used before init');
      await engine.run(msg.phase);
      return { id: msg.id };
    case 'refine':
      return { id: msg.id, unproven: refineRows(msg.state, msg.r0, msg.r1) };
  }
}
