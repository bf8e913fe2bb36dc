/**
 * tulip against the hand-written limit: the toy feedback-loop market of
 * ../shared/perf/toy.yaml run through tulip, and the same workload hand-written over
 * Float64Arrays (../shared/perf/limit.mjs), at each W, interleaved (tulip, limit, tulip,
 * limit, ...) so the ratio of a pair is read under the same machine load. Both figures are
 * world-ticks per second of the loop alone (tulip: sim.run() after the build; the limit:
 * its own timer), so start-up is not counted on either side. Prints the median of --runs
 * pairs per W and bank, and the ratio tulip / limit.
 *
 * Usage: npm run bench:limit [-- --worlds 1,100,1000,10000 --runs 3 --banks tfjs,f64
 *        --toy ../shared/perf/toy.yaml --limit ../shared/perf/limit.mjs]
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarioFile } from '../src/setup/loader.ts';
import { buildSimulation } from '../src/setup/build.ts';
import { median } from '../src/setup/summary.ts';
import type { BankKind } from '../src/models/banks.ts';

const { values } = parseArgs({
  options: {
    worlds: { type: 'string', default: '1,100,1000,10000' },
    runs: { type: 'string', default: '3' },
    banks: { type: 'string', default: 'tfjs,f64' },
    ticks: { type: 'string' },
    toy: { type: 'string', default: '../shared/perf/toy.yaml' },
    limit: { type: 'string', default: '../shared/perf/limit.mjs' },
  },
});
const runs = Number(values.runs);
const loaded = loadScenarioFile(resolve(values.toy));
const ticks = values.ticks ? Number(values.ticks) : loaded.config.ticks;

async function tulipRate(worlds: number, bank: BankKind): Promise<number> {
  const sim = await buildSimulation(loaded, { worlds, ticks, bank });
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  sim.dispose();
  return (worlds * ticks) / seconds;
}

function limitRate(worlds: number): number {
  const out = execFileSync(process.execPath, [resolve(values.limit), String(worlds), String(ticks)], { encoding: 'utf8' });
  const m = /([\d,]+) world-ticks\/s/.exec(out);
  if (!m) throw new Error(`unexpected output of ${values.limit}: ${out}`);
  return Number(m[1]!.replace(/,/g, ''));
}

const fmt = (x: number) => Math.round(x).toLocaleString('en').padStart(11);
console.log(`toy (${values.toy}), ${ticks} ticks; medians of ${runs} interleaved pairs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('worlds  bank   tulip w-t/s   limit w-t/s   tulip/limit  (min..max ratio)');
for (const worlds of values.worlds.split(',').map(Number)) {
  for (const bank of values.banks.split(',') as BankKind[]) {
    await tulipRate(worlds, bank); // warm-up: compile, load tfjs, first allocations
    const pairs: [number, number][] = [];
    for (let r = 0; r < runs; r++) pairs.push([await tulipRate(worlds, bank), limitRate(worlds)]);
    const ratios = pairs.map(([a, b]) => a / b);
    console.log(
      `${String(worlds).padStart(6)}  ${bank.padEnd(5)} ${fmt(median(pairs.map((p) => p[0])))}   ${fmt(median(pairs.map((p) => p[1])))}   ${median(ratios).toFixed(3).padStart(11)}  (${Math.min(...ratios).toFixed(3)}..${Math.max(...ratios).toFixed(3)})`,
    );
  }
}
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
