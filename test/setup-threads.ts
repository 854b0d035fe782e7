// Every test file ends the kNN worker threads it started (in-process estimate() calls start them
// for large inputs): a process must not exit while a thread is inside onnxruntime.
import { afterAll } from 'vitest';
import { stopKnnWorkers } from '../src/knn/index.js';

afterAll(() => stopKnnWorkers());
