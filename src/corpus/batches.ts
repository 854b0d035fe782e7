/**
 * Groups drafts into arrays for Adapter.read (the pipeline takes one await per array instead of per
 * prompt, which matters at millions of prompts: see docs/benchmarks.md, Ingest (SA-Co streaming)).
 * A sync source is read with for-of: `for await` over a sync iterable would await every item.
 */
export async function* inBatches<T>(items: Iterable<T> | AsyncIterable<T>, size = 512): AsyncGenerator<T[]> {
  let batch: T[] = [];
  if (Symbol.iterator in items) {
    for (const item of items) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  } else {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
