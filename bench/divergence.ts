/**
 * Cost of the divergence check (src/engine/divergence.ts) per world and tick, next to the
 * cost of a whole tick: W worlds of one asset, five agents and two models, calm numbers,
 * so every check runs to the end (the common case). Medians of several runs.
 * Usage: node --import tsx/esm bench/divergence.ts [-- --worlds 1000 --ticks 2000 --runs 7]
 */
import { parseArgs } from 'node:util';
import { findDivergence, type DivergenceInput } from '../src/engine/divergence.ts';
import { median } from '../src/setup/summary.ts';

const { values } = parseArgs({ options: { worlds: { type: 'string', default: '1000' }, ticks: { type: 'string', default: '2000' }, runs: { type: 'string', default: '7' } } });
const worlds = Number(values.worlds);
const ticks = Number(values.ticks);
const runs = Number(values.runs);
const agents = 5;
const input: DivergenceInput = {
  worlds,
  assets: 1,
  logClose: new Float64Array(worlds).fill(Math.log(100)),
  logValue: new Float64Array(worlds).fill(Math.log(101)),
  agents,
  cash: new Float64Array(worlds * agents).fill(-1234.5),
  predictions: [new Float64Array(worlds).fill(0.3), new Float64Array(worlds).fill(-0.2)],
  losses: [new Float64Array(worlds).fill(0.9), new Float64Array(worlds).fill(1.1)],
  warmupLosses: [new Float64Array(worlds).fill(1), new Float64Array(worlds).fill(1)],
};
const found = { reason: new Uint8Array(worlds), which: new Int32Array(worlds) };
const bounds = { maxLogDeviation: 5, maxLossRatio: 1000 };
const skip = new Uint8Array(worlds);

const seconds: number[] = [];
for (let r = 0; r <= runs; r++) {
  const start = performance.now();
  for (let t = 0; t < ticks; t++) findDivergence(input, bounds, found, skip);
  if (r > 0) seconds.push((performance.now() - start) / 1000);
}
const ns = (median(seconds) / (worlds * ticks)) * 1e9;
console.log(`findDivergence: ${worlds} worlds x ${ticks} ticks, median of ${runs} runs (one warm-up run not counted)`);
console.log(`${ns.toFixed(1)} ns per world per tick (${(median(seconds) * 1000).toFixed(1)} ms per run; min..max ${(Math.min(...seconds) * 1000).toFixed(1)}..${(Math.max(...seconds) * 1000).toFixed(1)} ms)`);
