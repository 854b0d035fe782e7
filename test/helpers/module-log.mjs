// `node --import test/helpers/module-log.mjs ...`: appends the URL of every module the process loads
// through the ES module loader to the file named by LITE_TEXT_TEST_MODULE_LOG (the bundle imports
// every package, CommonJS ones included, with `import`). The main thread registers this same file as
// the loader hooks; the hooks thread only exports them.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

let log;
if (isMainThread && process.env.LITE_TEXT_TEST_MODULE_LOG) register(import.meta.url, { data: process.env.LITE_TEXT_TEST_MODULE_LOG });

export function initialize(file) {
  log = file;
}

export async function load(url, context, next) {
  appendFileSync(log, `${url}\n`);
  return next(url, context);
}
