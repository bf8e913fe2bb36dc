/**
 * World scaling: world-ticks per second and memory per world for tulip-mania (two
 * dynamic models) as W grows, for each way of computing the models:
 *   (a) the batched tfjs bank on wasm, (b) on cpu, (c) on native tensorflow when present,
 *   (d) a naive bank with one tfjs LayersModel per world, (e) the Float64 reference kernel.
 * Medians of --runs runs, all in this one process so ratios are read under the same load.
 *
 * Usage: npm run bench:scaling [-- --worlds 1,10,100,1000 --ticks 300 --runs 3 --naive-max 100]
 */
import { parseArgs } from 'node:util';
import { loadScenarioFile } from '../src/setup/loader.ts';
import { buildSimulation } from '../src/setup/build.ts';
import { median } from '../src/setup/summary.ts';
import { selectBackend, type BackendChoice } from '../src/models/backend.ts';
import type { BankKind } from '../src/models/banks.ts';

const { values } = parseArgs({
  options: {
    worlds: { type: 'string', default: '1,10,100,1000,10000' },
    ticks: { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    'naive-max': { type: 'string', default: '100' },
    'reference-max': { type: 'string', default: '10000' },
  },
});
const ticks = Number(values.ticks);
const runs = Number(values.runs);
const loaded = loadScenarioFile(new URL('../scenarios/tulip-mania.yaml', import.meta.url).pathname);

interface Variant {
  label: string;
  bank: BankKind;
  backend: BackendChoice;
  maxWorlds: number;
}

const variants: Variant[] = [
  { label: '(a) bank/wasm', bank: 'tfjs', backend: 'wasm', maxWorlds: Infinity },
  { label: '(b) bank/cpu', bank: 'tfjs', backend: 'cpu', maxWorlds: 1000 },
  { label: '(c) bank/tensorflow', bank: 'tfjs', backend: 'tensorflow', maxWorlds: Infinity },
  { label: '(d) naive/wasm', bank: 'naive', backend: 'wasm', maxWorlds: Number(values['naive-max']) },
  { label: '(e) reference', bank: 'reference', backend: 'wasm', maxWorlds: Number(values['reference-max']) },
];

async function available(backend: BackendChoice): Promise<boolean> {
  try {
    await selectBackend(backend);
    return true;
  } catch {
    return false;
  }
}

async function once(v: Variant, worlds: number): Promise<{ rate: number; bytesPerWorld: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  const sim = await buildSimulation(loaded, { worlds, ticks, backend: v.backend, bank: v.bank });
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  const used = process.memoryUsage();
  const bytes = used.heapUsed + used.external + used.arrayBuffers - (base.heapUsed + base.external + base.arrayBuffers);
  sim.dispose();
  return { rate: (ticks * worlds) / seconds, bytesPerWorld: Math.max(0, bytes) / worlds };
}

const results = new Map<string, number>();
console.log(`tulip-mania, ${ticks} ticks per run (warm-up training included), median of ${runs} runs; memory = heap+external growth per world (run node with --expose-gc for steadier figures)`);
console.log('variant               worlds   world-ticks/s   ticks/s     KB/world');
for (const v of variants) {
  if (!(await available(v.backend))) {
    console.log(`${v.label.padEnd(20)}  (backend ${v.backend} not available here)`);
    continue;
  }
  for (const worlds of values.worlds.split(',').map(Number)) {
    if (worlds > v.maxWorlds) continue;
    await once(v, worlds); // warm-up run, not counted
    const samples = [];
    for (let r = 0; r < runs; r++) samples.push(await once(v, worlds));
    const rate = median(samples.map((s) => s.rate));
    results.set(`${v.bank}/${v.backend}/${worlds}`, rate);
    const kb = median(samples.map((s) => s.bytesPerWorld)) / 1024;
    console.log(`${v.label.padEnd(20)}  ${String(worlds).padStart(6)}  ${rate.toFixed(0).padStart(14)}  ${(rate / worlds).toFixed(1).padStart(8)}  ${kb.toFixed(1).padStart(10)}`);
  }
}

console.log('\nratios (same W, same process):');
for (const worlds of values.worlds.split(',').map(Number)) {
  const a = results.get(`tfjs/wasm/${worlds}`);
  const e = results.get(`reference/wasm/${worlds}`);
  const d = results.get(`naive/wasm/${worlds}`);
  const parts = [];
  if (a && e) parts.push(`(a)/(e) = ${(a / e).toFixed(2)}`);
  if (a && d) parts.push(`(a)/(d) = ${(a / d).toFixed(1)}`);
  if (parts.length) console.log(`  W=${worlds}: ${parts.join(', ')}`);
}
const naiveMax = Math.max(...[...results.keys()].filter((k) => k.startsWith('naive/')).map((k) => Number(k.split('/')[2])));
if (Number.isFinite(naiveMax)) {
  const perWorldNaive = results.get(`naive/wasm/${naiveMax}`)!;
  console.log(`  naive cost grows linearly with W (one model per world); at W=${naiveMax} it runs ${perWorldNaive.toFixed(0)} world-ticks/s,`);
  for (const worlds of values.worlds.split(',').map(Number).filter((w) => w > naiveMax)) {
    const a = results.get(`tfjs/wasm/${worlds}`);
    if (a) console.log(`  W=${worlds}: (a)/(d) >= ${(a / perWorldNaive).toFixed(0)} (naive world-ticks/s cannot exceed its W=${naiveMax} rate)`);
  }
}
