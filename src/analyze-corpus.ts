import { createHash } from 'node:crypto';
import { TokenTableBuilder } from './analyzers/tokens.js';
import type { Group } from './analyzers/types.js';
import { ingest, type IngestOptions } from './corpus/ingest.js';
import type { Prompt } from './corpus/prompt.js';
import type { IngestSummary } from './corpus/summary.js';
import { dedupeFilter, type DedupeMode } from './dedupe.js';
import type { Logger } from './logger.js';

/**
 * The corpus as analyze() keeps it: per prompt only the index of its distinct text, of its dataset
 * and of its file, and whether it is a negative. The Prompt records are read in batches and dropped
 * (on 1.2M prompts they were two thirds of the memory); `prompts()` rebuilds records with the fields
 * an analyzer may read (text, dataset, kind, source file, negative; not the id, subset, split, meta
 * or line) when one asks: none of the token analyzers does.
 */
export interface AnalyzedCorpus {
  /** Prompts read before --dedupe. */
  given: number;
  /** Prompts kept. */
  count: number;
  texts: TokenTableBuilder;
  byDataset: Group[];
  byFile: Group[];
  negative: Uint8Array;
  /** sha256 of every kept prompt's text followed by a 0 character, in order. */
  fingerprint: string;
  summary?: IngestSummary;
  /** Prompt records for analyzers that read them, made on first use. */
  prompts(): Prompt[];
}

/** Reads the inputs with the ingest pipeline (or takes prompts already loaded), deduping as it goes. */
export async function loadAnalyzedCorpus(
  source: { inputs: readonly string[]; ingest: IngestOptions; logger: Logger } | { prompts: readonly Prompt[] },
  mode: DedupeMode,
  /**
   * keepRecords: keep every kept Prompt record whole (ids, lines), for the embeddings' needs;
   * tokenizer: the `--tokenizer` spec, so that a large corpus's texts are tokenized by a worker
   * thread while they are read (TokenTableBuilder.finish()).
   */
  options: { keepRecords?: boolean; tokenizer?: string } = {},
): Promise<AnalyzedCorpus> {
  const whole: Prompt[] | undefined = options.keepRecords ? [] : undefined;
  const keep = dedupeFilter(mode);
  const texts = new TokenTableBuilder(options.tokenizer === undefined ? undefined : { spec: options.tokenizer });
  const dataset = new Codes();
  const file = new Codes();
  const kind = new Codes();
  const negatives: number[] = [];
  const hash = createHash('sha256');
  let given = 0;
  const add = (batch: readonly Prompt[]) => {
    given += batch.length;
    const kept: string[] = [];
    for (const p of batch) {
      if (!keep(p.text)) continue;
      if (p.negative === true) negatives.push(texts.prompts);
      dataset.add(p.dataset);
      file.add(p.source.file);
      kind.add(p.kind);
      texts.add(p.text);
      kept.push(p.text);
      whole?.push(p);
    }
    if (kept.length > 0) hash.update(`${kept.join('\u0000')}\u0000`);
  };
  let summary: IngestSummary | undefined;
  try {
    if ('prompts' in source) add(source.prompts);
    else {
      const run = ingest(source.inputs, source.ingest, source.logger, { duplicates: false, ids: whole !== undefined });
      for await (const batch of run.batches) {
        add(batch);
        // The tokenize thread is behind: wait rather than hold more of the corpus.
        const behind = texts.backlog();
        if (behind) await behind;
      }
      summary = run.summary;
    }
  } catch (err) {
    texts.close();
    throw err;
  }
  const count = texts.prompts;
  const negative = new Uint8Array(count);
  for (const i of negatives) negative[i] = 1;
  const byDataset = dataset.groups(count);
  // Per file only when asked for (--by-file, or prompt records made).
  let byFile: Group[] | undefined;
  const byFileGroups = () => (byFile ??= file.groups(count));
  let records: Prompt[] | undefined = whole;
  return {
    given, count, texts, byDataset, get byFile() {
      return byFileGroups();
    }, negative, fingerprint: hash.digest('hex'), ...(summary ? { summary } : {}),
    prompts() {
      if (records) return records;
      const textOf = texts.textOf;
      const made = Array.from({ length: count }, (_, i): Prompt => ({ id: '', text: texts.texts.get(textOf[i]!), dataset: '', kind: kind.nameOf(i) as Prompt['kind'], source: { file: '' }, ...(negative[i] ? { negative: true } : {}) }));
      for (const g of byDataset) for (const i of g.indices) made[i]!.dataset = g.name;
      for (const g of byFileGroups()) for (const i of g.indices) made[i]!.source.file = g.name;
      return (records = made);
    },
  };
}

/** Small integer codes for repeated strings (datasets, files), one per prompt. */
class Codes {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private codes = new Int32Array(1024);
  private n = 0;
  private last = '';
  private lastCode = -1;

  add(name: string): void {
    // Prompts come in long runs of one dataset and one file.
    if (name !== this.last || this.lastCode < 0) {
      let code = this.index.get(name);
      if (code === undefined) {
        code = this.names.length;
        this.index.set(name, code);
        this.names.push(name);
      }
      this.last = name;
      this.lastCode = code;
    }
    if (this.n === this.codes.length) {
      const grown = new Int32Array(this.n * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.n++] = this.lastCode;
  }

  nameOf(i: number): string {
    return this.names[this.codes[i]!]!;
  }

  /** The prompts of each name, names in order of first occurrence. */
  groups(count: number): Group[] {
    // One name (one dataset, one file): every prompt, in order.
    if (this.names.length === 1) {
      const indices = new Int32Array(count);
      for (let i = 0; i < count; i++) indices[i] = i;
      return [{ name: this.names[0]!, indices }];
    }
    const sizes = new Int32Array(this.names.length);
    for (let i = 0; i < count; i++) sizes[this.codes[i]!]!++;
    const groups = this.names.map((name, c) => ({ name, indices: new Int32Array(sizes[c]!) }));
    const filled = new Int32Array(this.names.length);
    for (let i = 0; i < count; i++) {
      const c = this.codes[i]!;
      groups[c]!.indices[filled[c]!++] = i;
    }
    return groups;
  }
}
