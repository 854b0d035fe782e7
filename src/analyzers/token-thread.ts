import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LiteTextError, type ErrorCode } from '../errors.js';
import type { TokenThreadReply, TokenThreadRequest } from '../tokenizer/thread-messages.js';
import type { TokenBatch } from './token-ids.js';

/** Why the thread's results cannot be used (it did not start, or failed): the caller tokenizes in its own thread. */
export class ThreadUnavailable extends Error {}

/** dist/tokenize-worker.js: beside this module in the bundle; built by the test set-up when running from src/. */
function workerFile(): string | undefined {
  for (const rel of ['./tokenize-worker.js', '../../dist/tokenize-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * A worker thread that indexes and tokenizes analyze's prompt texts while the main thread reads the
 * corpus (on two cores or more): `send` queues a batch and resolves with its reply. The worker loads
 * the tokenizer from the same `--tokenizer` spec; `ready` refuses its ids unless its tokenizer's
 * hash is the main thread's. A LiteTextError raised there (E_LIMIT from the text cleaner) rejects
 * that batch's reply with the same error. No reply is held here once delivered (they hold the ids).
 */
export class TokenThread {
  private readonly worker: Worker;
  /** Replies not received yet, in the order their requests were sent. */
  private readonly pending: ((r: TokenThreadReply) => void)[] = [];
  private readonly loaded: Promise<TokenThreadReply>;
  private gone: string | undefined;

  private constructor(file: string, spec: string) {
    // A small young generation: the thread's objects die young, and its default (48 MB) showed in the peak RSS.
    this.worker = new Worker(file, { resourceLimits: { maxYoungGenerationSizeMb: 12 } });
    this.worker.unref();
    this.worker.on('message', (reply: TokenThreadReply) => this.pending.shift()?.(reply));
    const fail = (why: string) => {
      this.gone ??= why;
      for (const resolve of this.pending.splice(0)) resolve({ type: 'failed', message: why });
    };
    this.worker.on('error', (err) => fail(err.message));
    this.worker.on('exit', (code) => fail(`exited (${code})`));
    this.loaded = this.request({ type: 'init', spec });
  }

  /** A thread for `spec`, or undefined on one core or when the worker script is missing. */
  static start(spec: string): TokenThread | undefined {
    if (availableParallelism() < 2) return undefined;
    const file = workerFile();
    return file ? new TokenThread(file, spec) : undefined;
  }

  /** Queues a batch of prompt texts; resolves with its reply (replies come in the order sent). */
  async send(texts: string[]): Promise<TokenBatch> {
    // An array of strings is cloned faster than one joined string with its lengths (measured).
    const r = await this.request({ type: 'batch', texts });
    if (r.type === 'error') throw new LiteTextError(r.code as ErrorCode, r.message, r.hint);
    if (r.type !== 'done') throw new ThreadUnavailable(r.type === 'failed' ? r.message : 'unexpected reply');
    return r;
  }

  /** Resolves once the worker has loaded the tokenizer; ThreadUnavailable when it failed or loaded another (not `hash`). */
  async ready(hash: string): Promise<void> {
    const r = await this.loaded;
    // A tokenizer the worker could not load, the main thread could (or refused first, with its own error).
    if (r.type !== 'ready') throw new ThreadUnavailable(r.type === 'failed' || r.type === 'error' ? r.message : 'no reply');
    if (r.hash !== hash) throw new ThreadUnavailable('the worker loaded another tokenizer');
  }

  close(): void {
    void this.worker.terminate();
  }

  private request(msg: TokenThreadRequest): Promise<TokenThreadReply> {
    if (this.gone !== undefined) return Promise.resolve({ type: 'failed', message: this.gone });
    const reply = new Promise<TokenThreadReply>((resolve) => this.pending.push(resolve));
    this.worker.postMessage(msg);
    return reply;
  }
}

/** A thread started with the process (prestartTokenThread), for the first builder that asks for its spec. */
let prestarted: { spec: string; thread: TokenThread } | undefined;

/** Starts analyze's tokenize thread while the CLI loads the command (cli/startup.ts): its start-up and the tokenizer's then cost no wall time. */
export function prestartTokenThread(spec: string): void {
  const thread = TokenThread.start(spec);
  if (thread) prestarted = { spec, thread };
}

/** The prestarted thread for `spec` (a thread for another spec is ended), else a new one. */
export function tokenThreadFor(spec: string): TokenThread | undefined {
  const p = prestarted;
  prestarted = undefined;
  if (p?.spec === spec) return p.thread;
  p?.thread.close();
  return TokenThread.start(spec);
}

/** Ends a prestarted thread nobody took (a corpus too small for it, or an error before). */
export function endPrestartedTokenThread(): void {
  prestarted?.thread.close();
  prestarted = undefined;
}
