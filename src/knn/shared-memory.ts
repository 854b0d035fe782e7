/**
 * A zeroed typed array of `length` elements, over a SharedArrayBuffer when `shared` (worker threads
 * then see it in place; pool.ts) and an ordinary ArrayBuffer otherwise.
 */
export function typedArray<T>(Type: { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number }, length: number, shared: boolean): T {
  const bytes = length * Type.BYTES_PER_ELEMENT;
  return new Type(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}
