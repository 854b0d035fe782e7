// Worker-thread entry (bundled to dist/tokenize-worker.js): indexes and tokenizes batches of prompt
// texts for analyze while its main thread reads the corpus (src/analyzers/token-thread.ts). Messages
// are handled one at a time, in order; each reply's arrays are transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { LiteTextError } from '../errors.js';
import { HashIndex, textHashes } from '../analyzers/text-index.js';
import { createTokenizer } from './registry.js';
import type { Tokenizer } from './types.js';
import type { TokenThreadReply, TokenThreadRequest } from './thread-messages.js';

const port = parentPort;
if (!port) throw new Error('the tokenize worker runs as a worker thread');

let tokenizer: Tokenizer | undefined;
const index = new HashIndex();

let chain: Promise<void> = Promise.resolve();
port.on('message', (msg: TokenThreadRequest) => {
  chain = chain.then(async () => {
    const reply = await handle(msg);
    port.postMessage(reply, reply.type === 'done' ? [reply.textOf.buffer, reply.firstAt.buffer, reply.ids.buffer, reply.offsets.buffer] : []);
  });
});

async function handle(msg: TokenThreadRequest): Promise<TokenThreadReply> {
  try {
    if (msg.type === 'init') {
      tokenizer = await createTokenizer(msg.spec);
      return { type: 'ready', hash: tokenizer.hash };
    }
    if (!tokenizer) throw new Error('tokenize worker used before init');
    return encodeBatch(tokenizer, msg.texts, textHashes(msg.texts));
  } catch (err) {
    if (err instanceof LiteTextError) return { type: 'error', code: err.code, message: err.message, hint: err.hint };
    return { type: 'failed', message: err instanceof Error ? err.message : String(err) };
  }
}

/** A batch of prompt texts indexed (by their hashes: the index lives as long as the thread), and the new ones tokenized. */
function encodeBatch(tok: Tokenizer, texts: string[], hashes: Int32Array): TokenThreadReply {
  const textOf = new Int32Array(texts.length);
  const firstAt: number[] = [];
  for (let k = 0; k < texts.length; k++) {
    const before = index.size;
    const t = index.add(hashes[2 * k]!, hashes[2 * k + 1]!);
    textOf[k] = t;
    if (t === before) firstAt.push(k);
  }
  const offsets = new Int32Array(firstAt.length + 1);
  // Written as 32-bit ids (one array type: a loop over two would be slow), sent in 16 bits when the
  // vocabulary fits, as the main thread keeps them.
  let ids = new Int32Array(Math.max(64, firstAt.length * 10));
  let used = 0;
  for (let f = 0; f < firstAt.length; f++) {
    const seq = tok.encode(texts[firstAt[f]!]!);
    if (used + seq.length > ids.length) {
      const grown = new Int32Array(Math.max(used + seq.length, ids.length * 2));
      grown.set(ids);
      ids = grown;
    }
    for (let i = 0; i < seq.length; i++) ids[used++] = seq[i]!;
    offsets[f + 1] = used;
  }
  const sent = tok.vocabSize <= 0x10000 ? new Uint16Array(ids.subarray(0, used)) : ids.slice(0, used);
  return { type: 'done', textOf, firstAt: Int32Array.from(firstAt), ids: sent, offsets };
}
