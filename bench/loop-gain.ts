/**
 * Does the white-box loop-gain monitor (`loop-gain-model`) track the true loop gain?
 *
 * For each gain of B (the cap lifted: models.B.policy.maxPosition=1e6), over the same
 * seeds (each a world of one batched run):
 *
 * - truth: the counterfactual amplification of A's bug by B (src/analysis/amplification.ts:
 *   median over worlds of peak |I| of X's price with B live / with B removed) and
 *   ε = 1 − 1/amplification;
 * - the monitor: each world's median statistic over the ticks after the bug starts, then
 *   the median over worlds; and the black-box `loop-gain` (VAR(1) spectral radius) beside it;
 * - the first tick the monitor alarms (median over worlds; − when it never does).
 *
 * It prints one row per gain and the Spearman rank correlation of the monitor's medians
 * with the gains and with the true ε, and whether the monitor's median crosses its
 * threshold at a gain below the first gain whose amplification exceeds 10.
 *
 * Usage: npx tsx bench/loop-gain.ts [--gains 100..200:10] [--seeds 1..10] [--ticks 600]
 */
import { parseArgs } from 'node:util';
import { measureLoopGain, formatLoopGainTable } from '../src/analysis/loop-gain-check.ts';

const { values } = parseArgs({
  options: {
    gains: { type: 'string', default: '100..200:10' },
    seeds: { type: 'string', default: '1..10' },
    ticks: { type: 'string', default: '600' },
    scenario: { type: 'string', default: 'tulip-mania' },
  },
});

function range(text: string): number[] {
  const m = /^(\d+)\.\.(\d+)(?::(\d+))?$/.exec(text);
  if (!m) return text.split(',').map(Number);
  const out: number[] = [];
  for (let x = Number(m[1]); x <= Number(m[2]); x += Number(m[3] ?? 1)) out.push(x);
  return out;
}

const started = process.hrtime.bigint();
const rows = await measureLoopGain({ scenario: values.scenario!, gains: range(values.gains!), seeds: range(values.seeds!), ticks: Number(values.ticks), onGain: (g) => process.stderr.write(`gain ${g}\n`) });
process.stdout.write(`${formatLoopGainTable(rows)}\n`);
process.stdout.write(`elapsed ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`);
