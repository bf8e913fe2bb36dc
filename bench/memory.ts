/**
 * Memory per world: tulip-mania on the batched tfjs bank (wasm), without per-tick records
 * (as sweeps run it), at each W. Each W runs in a fresh child process, so one size's
 * memory never counts in another's. Within it, tfjs and wasm are loaded first (their
 * cost is per process, not per world); then RSS is read before building and sampled
 * every --every ticks during the run; the peak minus the baseline, divided by W, is the
 * figure. Heap (JS objects) and external (typed arrays) growth are printed beside it,
 * and the wasm heap's size (tensors), which never shrinks once grown. Peak heap includes
 * garbage not yet collected; the live columns (after a full GC at the end of the run)
 * show what the simulation holds.
 *
 * Usage: npm run bench:memory [-- --worlds 1000,10000 --ticks 600 --every 50]
 */
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../src/setup/loader.ts';
import { buildSimulation } from '../src/setup/build.ts';
import { selectBackend, tf } from '../src/models/backend.ts';

const { values } = parseArgs({
  options: {
    worlds: { type: 'string', default: '1000,10000' },
    ticks: { type: 'string', default: '600' },
    every: { type: 'string', default: '50' },
    /** Internal: measure this one W in this process and print one JSON line. */
    one: { type: 'string' },
  },
});

interface Sample {
  rss: number;
  heapUsed: number;
  external: number;
  wasm: number;
}

interface Measured {
  worlds: number;
  baseline: Sample;
  peak: Sample;
  /** After the last tick and a full GC, before disposing: what the simulation keeps alive. */
  live: Sample;
  seconds: number;
}

/** The wasm module's linear memory (where tensors live), 0 on other backends. */
function wasmHeapBytes(): number {
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? 0;
}

function sample(): Sample {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers, wasm: wasmHeapBytes() };
}

function peakOf(a: Sample, b: Sample): Sample {
  return { rss: Math.max(a.rss, b.rss), heapUsed: Math.max(a.heapUsed, b.heapUsed), external: Math.max(a.external, b.external), wasm: Math.max(a.wasm, b.wasm) };
}

async function measureOne(worlds: number, ticks: number, every: number): Promise<Measured> {
  const loaded = loadScenarioFile(new URL('../scenarios/tulip-mania.yaml', import.meta.url).pathname);
  await selectBackend('wasm');
  global.gc?.();
  const baseline = sample();
  const start = performance.now();
  const sim = await buildSimulation(loaded, { worlds, ticks, backend: 'wasm' });
  let peak = sample();
  while (!sim.done) {
    sim.run(every);
    peak = peakOf(peak, sample());
  }
  const seconds = (performance.now() - start) / 1000;
  global.gc?.();
  const live = sample();
  sim.dispose();
  return { worlds, baseline, peak, live, seconds };
}

function report(m: Measured): void {
  const perWorld = (bytes: number) => (bytes / m.worlds / 1024).toFixed(1).padStart(9);
  const grow = (k: keyof Sample, at = m.peak) => at[k] - m.baseline[k];
  console.log(
    [
      String(m.worlds).padStart(6),
      perWorld(grow('rss')),
      perWorld(grow('heapUsed')),
      perWorld(grow('external')),
      perWorld(grow('wasm')),
      perWorld(grow('heapUsed', m.live)),
      perWorld(grow('external', m.live)),
      (m.peak.rss / 2 ** 20).toFixed(0).padStart(11),
      m.seconds.toFixed(1).padStart(8),
    ].join('  '),
  );
}

if (values.one) {
  console.log(JSON.stringify(await measureOne(Number(values.one), Number(values.ticks), Number(values.every))));
} else {
  console.log(`tulip-mania on the tfjs bank (wasm), ${values.ticks} ticks, no per-tick records; RSS sampled every ${values.every} ticks; one process per W`);
  console.log('KB per world: growth over the baseline at the peak (RSS, JS heap, typed arrays, wasm heap), and what is live at the end after a GC');
  console.log('worlds   peak RSS       heap   external       wasm  live heap  live extern  peak RSS MB   seconds');
  const self = fileURLToPath(import.meta.url);
  for (const worlds of values.worlds.split(',').map(Number)) {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--one', String(worlds), '--ticks', values.ticks, '--every', values.every], { encoding: 'utf8' });
    report(JSON.parse(out.trim().split('\n').at(-1)!) as Measured);
  }
}
