// The entry of a sweep worker thread. A worker starts with none of the main thread's
// module hooks, so it registers tsx itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
