// The simulation worker's entry. From the sources (a clone), a worker thread does not
// inherit the main thread's loader, so it registers tsx itself (as bin/tulip.js does);
// in the built package (dist/), sim-worker.js sits beside this file and plain Node loads it.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const source = new URL('./sim-worker.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('./sim-worker.js', import.meta.url).href);
}
