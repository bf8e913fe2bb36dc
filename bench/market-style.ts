/**
 * What the garch market costs: tulip-mania's world-ticks per second with market.style
 * garch against gaussian at the same worlds, runs interleaved (garch, gaussian, garch, …)
 * so both styles see the same machine load; medians and their ratio.
 * Usage: npm run bench:market [-- --runs 5 --ticks 600 --worlds 1000 --bank tfjs|f64 --backend auto]
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { loadScenarioFile } from '../src/setup/loader.ts';
import { buildSimulation } from '../src/setup/build.ts';
import { median } from '../src/setup/summary.ts';
import type { BackendChoice } from '../src/models/backend.ts';
import type { BankKind } from '../src/models/banks.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, ticks: { type: 'string', default: '600' }, backend: { type: 'string', default: 'auto' }, worlds: { type: 'string', default: '1000' }, bank: { type: 'string', default: 'tfjs' } } });
const runs = Number(values.runs);
const ticks = Number(values.ticks);
const worlds = Number(values.worlds);
const STYLES = ['garch', 'gaussian'] as const;
const path = new URL('../scenarios/tulip-mania.yaml', import.meta.url).pathname;
const scenarios = Object.fromEntries(STYLES.map((style) => [style, loadScenarioFile(path, [`market.style=${style}`])]));

/** World-ticks per second of one whole run (building the simulation not counted). */
async function once(style: (typeof STYLES)[number]): Promise<number> {
  const sim = await buildSimulation(scenarios[style]!, { worlds, ticks, backend: values.backend as BackendChoice, bank: values.bank as BankKind });
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  sim.dispose();
  return (ticks * worlds) / seconds;
}

console.log(`tulip-mania, ${worlds} worlds, ${ticks} ticks, bank ${values.bank}, ${runs} interleaved runs per style (one warm-up each); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const style of STYLES) await once(style);
const rates: Record<string, number[]> = { garch: [], gaussian: [] };
for (let r = 0; r < runs; r++) for (const style of STYLES) rates[style]!.push(await once(style));
for (const style of STYLES) {
  const xs = rates[style]!;
  console.log(`${style.padEnd(9)} ${median(xs).toFixed(0).padStart(9)} world-ticks/s   (${Math.min(...xs).toFixed(0)}..${Math.max(...xs).toFixed(0)})`);
}
const ratios = rates.garch!.map((g, i) => g / rates.gaussian![i]!);
console.log(`garch / gaussian: median ${median(ratios).toFixed(3)} (per pair ${ratios.map((x) => x.toFixed(3)).join(', ')}); load average now ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
