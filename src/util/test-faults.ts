/**
 * Tests only: LITE_TEXT_TEST_ENOSPC=BYTES makes output writes fail with ENOSPC once BYTES were written,
 * like a disk that fills up. Tests use a small tmpfs when they may mount one; this is their fallback
 * where they may not (no root), and it fails the same write calls with the same error.
 */
const limit = Number(process.env['LITE_TEXT_TEST_ENOSPC'] ?? Number.NaN);
let written = 0;

/** Counts `bytes` about to be written; throws ENOSPC past the test limit. */
export function chargeWrite(bytes: number): void {
  if (Number.isNaN(limit)) return;
  written += bytes;
  if (written > limit) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/** The same for a stream (stdout): a write past the limit fails as on a full device, with an 'error' event. */
export function withWriteFaults<T extends NodeJS.WritableStream>(stream: T): T {
  if (Number.isNaN(limit)) return stream;
  const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    try {
      chargeWrite(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    } catch (error) {
      (stream as unknown as { destroy(e: unknown): void }).destroy(error);
      return false;
    }
    return write(chunk, ...rest);
  }) as T['write'];
  return stream;
}
