import { KNN_KERNELS_WASM } from './kernels-wasm.js';

let compiled: WebAssembly.Module | undefined;

/** An instance of the kNN kernels (kernels.wat) on a fresh memory of at least `bytes` bytes. */
export function kernelInstance(bytes: number): { memory: WebAssembly.Memory; exports: Record<string, unknown> } {
  compiled ??= new WebAssembly.Module(Buffer.from(KNN_KERNELS_WASM, 'base64'));
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  return { memory, exports: new WebAssembly.Instance(compiled, { env: { memory } }).exports };
}

/** The largest memory the kernels take (32-bit addresses, and what V8 grants a WebAssembly memory). */
export const MAX_KERNEL_BYTES = 2 ** 31;
