// The simulation worker's entry: the sources are TypeScript, loaded through tsx (as in
// bin/tulip.js), and a worker thread does not inherit the main thread's loader.
import { register } from 'tsx/esm/api';

register();
await import('./sim-worker.ts');
