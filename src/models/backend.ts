/**
 * Choosing the tfjs backend. Native TensorFlow (`@tensorflow/tfjs-node`) is an optional
 * dependency: its install downloads libtensorflow, which fails without internet, so the
 * program falls back to WebAssembly, then to plain JavaScript (`cpu`), and says which
 * it chose. The backend's name is part of the trace header and of the hash contract:
 * backends differ in the last bits of float32.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export class BackendError extends Error {
  override readonly name = 'BackendError';
}

export interface BackendSelection {
  name: BackendName;
  /** One line for stderr: what was chosen and why. */
  note: string;
}

/**
 * tfjs, once `selectBackend` has loaded it. Loading takes a second or two, so commands
 * that run no model (help, schema, monitors, bad input) never pay for it. An ES module
 * binding is live: modules that import `tf` see it once it is set.
 */
export let tf: typeof TF;

async function loadTfjs(): Promise<void> {
  if (tf) return;
  // The umbrella package: tfjs-core's Node build registers no gradients; this one does.
  const loaded = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  // tfjs prints advice to install tfjs-node on first use of the cpu backend; the choice is
  // already reported by `note`, and PROD also skips debug-only checks in the hot path.
  loaded.env().set('PROD', true);
  tf = loaded;
}

const require = createRequire(import.meta.url);
let nativeTried = false;
let nativeError: string | undefined;

/** Loads tfjs-node once; it registers the `tensorflow` backend with this tfjs-core. */
function loadNative(): boolean {
  if (!nativeTried) {
    nativeTried = true;
    if (process.env.TULIP_NO_NATIVE === '1') nativeError = 'disabled by TULIP_NO_NATIVE=1';
    else {
      try {
        require('@tensorflow/tfjs-node');
      } catch (err) {
        nativeError = (err as Error).message.split('\n')[0];
      }
    }
  }
  return nativeError === undefined && tf.findBackend('tensorflow') !== null;
}

async function activate(name: BackendName): Promise<boolean> {
  // The wasm module installs process-wide handlers that rethrow any uncaught error
  // after printing its whole minified source; errors are ours to report, so drop them.
  const before = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  } finally {
    for (const listener of process.listeners('uncaughtException')) {
      if (!before.uncaughtException.includes(listener)) process.removeListener('uncaughtException', listener);
    }
    for (const listener of process.listeners('unhandledRejection')) {
      if (!before.unhandledRejection.includes(listener)) process.removeListener('unhandledRejection', listener);
    }
  }
}

/**
 * Selections under way, by choice: two callers at once (a sweep's planner and its
 * in-process worker) share one initialisation, since tfjs cannot initialise a backend
 * twice concurrently. A later call activates its backend again (another choice may have
 * switched tfjs meanwhile).
 */
const underWay = new Map<BackendChoice, Promise<BackendSelection>>();

export function selectBackend(choice: BackendChoice = 'auto'): Promise<BackendSelection> {
  let selection = underWay.get(choice);
  if (!selection) {
    selection = initialise(choice);
    underWay.set(choice, selection);
    const done = () => underWay.delete(choice);
    selection.then(done, done);
  }
  return selection;
}

async function initialise(choice: BackendChoice): Promise<BackendSelection> {
  await loadTfjs();
  if (choice === 'tensorflow' || choice === 'auto') {
    if (loadNative() && (await activate('tensorflow'))) return { name: 'tensorflow', note: 'backend: tensorflow (native @tensorflow/tfjs-node)' };
    if (choice === 'tensorflow') throw new BackendError(`backend tensorflow is not available: @tensorflow/tfjs-node did not load (${nativeError ?? 'not registered'}); use --backend auto, wasm or cpu`);
  }
  if (choice === 'wasm' || choice === 'auto') {
    if (await activate('wasm')) {
      const why = choice === 'auto' ? ` (@tensorflow/tfjs-node not available: ${nativeError ?? 'not installed'})` : '';
      return { name: 'wasm', note: `backend: wasm${why}` };
    }
    if (choice === 'wasm') throw new BackendError('backend wasm failed to initialise; use --backend cpu');
  }
  if (await activate('cpu')) return { name: 'cpu', note: choice === 'auto' ? 'backend: cpu (neither tfjs-node nor wasm available)' : 'backend: cpu' };
  throw new BackendError('no tfjs backend could be initialised');
}

