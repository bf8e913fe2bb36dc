// The entry of a sweep worker thread. From the sources (a clone), a worker starts with none
// of the main thread's module hooks, so it registers tsx itself before loading worker.ts;
// in the built package (dist/), worker.js sits beside this file and plain Node loads it.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const source = new URL('./worker.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('./worker.js', import.meta.url).href);
}
