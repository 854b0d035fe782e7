import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { TileEngine, type TileData, type TilePhase } from './engine.js';
import type { WorkerReply, WorkerRequest } from './messages.js';
import { refineRows, type RefineState, type Unproven } from './refine.js';
import { knnWorkerCount, knnWorkers } from './threads.js';

/**
 * Where kNN tiles run: in this thread (one ORT session on every core), or in worker threads, one
 * single-threaded ORT session each, sharing the heaps. On a small machine the workers win twice:
 * MLAS runs a single-threaded Gemm closer to its peak rate than one split across threads, and
 * one worker's selection runs while the other's Gemm does.
 */
export interface TileRunner {
  init(t: TileData): Promise<void>;
  /** Takes tiles of the phase until none is left; `onTile` is called per tile where that is cheap (in this thread). */
  run(phase: TilePhase, onTile: () => void): Promise<void>;
  refine(state: RefineState, r0: number, r1: number): Promise<Unproven>;
}

class InProcessRunner implements TileRunner {
  private engine: TileEngine | undefined;

  /** `threads`: ORT intra-op threads (default: one per core). */
  constructor(private readonly threads = Math.max(1, availableParallelism())) {}

  async init(t: TileData): Promise<void> {
    this.engine = await TileEngine.open(t, this.threads);
  }

  run(phase: TilePhase, onTile: () => void): Promise<void> {
    if (!this.engine) throw new Error('tile runner used before init');
    return this.engine.run(phase, onTile);
  }

  async refine(state: RefineState, r0: number, r1: number): Promise<Unproven> {
    return refineRows(state, r0, r1);
  }
}

type Pending = { resolve: (reply: WorkerReply) => void; reject: (err: Error) => void };

class WorkerRunner implements TileRunner {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    // An idle worker must not keep the process alive; a busy one must (ref() while tasks are out).
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.settled(reply.id);
      if (reply.error !== undefined) p.reject(new Error(`kNN worker: ${reply.error}`));
      else p.resolve(reply);
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => this.failAll(new Error(`kNN worker exited (code ${code})`)));
  }

  async init(t: TileData): Promise<void> {
    await this.call({ type: 'init', data: t });
  }

  async run(phase: TilePhase): Promise<void> {
    await this.call({ type: 'tiles', phase });
  }

  async refine(state: RefineState, r0: number, r1: number): Promise<Unproven> {
    return (await this.call({ type: 'refine', state, r0, r1 })).unproven!;
  }

  private call(req: DistributiveOmit<WorkerRequest, 'id'>): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private failAll(err: Error): void {
    for (const [id, p] of [...this.pending]) {
      this.settled(id);
      p.reject(err);
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const runners = new WeakMap<Worker, WorkerRunner>();

/**
 * `count` worker runners from thread `first` on (threads started once per process, threads.ts, and
 * kept, unreferenced, for later passes), or the in-process runner when count is 0 or the worker
 * script is missing.
 */
export function tileRunners(count: number, inProcessThreads?: number, first = 0): TileRunner[] {
  const threads = count > 0 ? knnWorkers(first + count).slice(first) : [];
  if (threads.length === 0) return [new InProcessRunner(inProcessThreads)];
  return threads.map((w) => {
    let r = runners.get(w);
    if (!r) {
      r = new WorkerRunner(w);
      runners.set(w, r);
    }
    return r;
  });
}

/** Whether the tiles run in this thread only (then nothing needs shared memory). */
export function isInProcess(runners: TileRunner[]): boolean {
  return runners.length === 1 && runners[0] instanceof InProcessRunner;
}

/**
 * Workers for a pass over n points: none for small passes (starting threads costs more than it
 * saves), else one per core, or `threads` when given (1: none, the pass runs in this thread).
 */
export function defaultWorkers(n: number, threads?: number): number {
  return n < MIN_POINTS_FOR_WORKERS ? 0 : knnWorkerCount(threads);
}

export const MIN_POINTS_FOR_WORKERS = 4096;
