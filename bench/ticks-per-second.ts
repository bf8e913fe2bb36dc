/**
 * Ticks per second of tulip-mania at W = 1 and W = 100 (medians of several runs, in
 * one process so the ratio between them is read under the same machine load).
 * Usage: npm run bench [-- --runs 5 --ticks 600 --backend auto --bank tfjs|f64 --worlds 1,100]
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { loadScenarioFile } from '../src/setup/loader.ts';
import { buildSimulation } from '../src/setup/build.ts';
import { median } from '../src/setup/summary.ts';
import type { BackendChoice } from '../src/models/backend.ts';
import type { BankKind } from '../src/models/banks.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, ticks: { type: 'string', default: '600' }, backend: { type: 'string', default: 'auto' }, worlds: { type: 'string', default: '1,100' }, bank: { type: 'string', default: 'tfjs' } } });
const runs = Number(values.runs);
const ticks = Number(values.ticks);
const loaded = loadScenarioFile(new URL('../scenarios/tulip-mania.yaml', import.meta.url).pathname);

async function once(worlds: number): Promise<{ seconds: number; backend: string }> {
  const sim = await buildSimulation(loaded, { worlds, ticks, backend: values.backend as BackendChoice, bank: values.bank as BankKind });
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  const backend = sim.parts.backend;
  sim.dispose();
  return { seconds, backend };
}

console.log(`tulip-mania, ${ticks} ticks, bank ${values.bank}, median of ${runs} runs (one warm-up run each, not counted); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('worlds  backend  ticks/s   world-ticks/s   ms/tick   (min..max ticks/s)');
for (const worlds of values.worlds.split(',').map(Number)) {
  await once(worlds);
  const results = [];
  for (let r = 0; r < runs; r++) results.push(await once(worlds));
  const rates = results.map((x) => ticks / x.seconds);
  const rate = median(rates);
  console.log(
    `${String(worlds).padStart(6)}  ${results[0]!.backend.padEnd(7)}  ${rate.toFixed(0).padStart(7)}  ${(rate * worlds).toFixed(0).padStart(14)}  ${(1000 / rate).toFixed(3).padStart(8)}   (${Math.min(...rates).toFixed(0)}..${Math.max(...rates).toFixed(0)})`,
  );
}
