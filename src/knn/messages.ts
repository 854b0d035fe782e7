import type { TileData, TilePhase } from './engine.js';
import type { RefineState, Unproven } from './refine.js';

/** What the main thread asks a kNN worker thread (worker.ts) to do: pool.ts sends, threads.ts sends 'close'. */
export type WorkerRequest =
  | { id: number; type: 'init'; data: TileData }
  | { id: number; type: 'tiles'; phase: TilePhase }
  | { id: number; type: 'refine'; state: RefineState; r0: number; r1: number }
  | { id: number; type: 'close' };

/** A worker thread's answer to the request with the same id. */
export interface WorkerReply {
  id: number;
  error?: string;
  unproven?: Unproven;
}
