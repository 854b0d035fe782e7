// After each test file: end the kNN worker threads it started (in-process estimate() calls start
// them for large inputs; a process must not exit while a thread is inside onnxruntime), then
// remove the temp folders it made with tempDir(). Registered first, so these run after the
// file's own afterAll hooks.
import { afterAll } from 'vitest';
import { stopKnnWorkers } from '../src/knn/index.js';
import { removeTempDirs } from './helpers/tmp.js';

afterAll(async () => {
  await stopKnnWorkers();
  removeTempDirs();
});
