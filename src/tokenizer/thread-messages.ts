/** Messages between analyze's main thread and its tokenize worker (worker.ts). */
export type TokenThreadRequest =
  | { type: 'init'; spec: string }
  | { type: 'batch'; texts: string[] };

export type TokenThreadReply =
  | { type: 'ready'; hash: string }
  /** Per prompt its distinct-text index; the batch positions of new texts; their ids (see TokenBatch). */
  | { type: 'done'; textOf: Int32Array<ArrayBuffer>; firstAt: Int32Array<ArrayBuffer>; ids: Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer>; offsets: Int32Array<ArrayBuffer> }
  /** A LiteTextError the tokenizer raised (E_LIMIT on a text ftfy cannot settle, a bad --tokenizer file). */
  | { type: 'error'; code: string; message: string; hint?: string | undefined }
  /** Anything else: the main thread tokenizes the texts itself. */
  | { type: 'failed'; message: string };
