/**
 * `tulip counterfactual <scenario> --intervene path=value`: the factual run and the
 * intervened run with common random numbers, and the influence I(t) = factual −
 * counterfactual of prices, positions and PnL; with `--amplification M`, how much model M
 * magnifies that influence (the same comparison with M removed).
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../setup/loader.ts';
import type { BackendChoice } from '../models/backend.ts';
import { counterfactual, type CounterfactualResult, type InfluenceSummary } from '../analysis/counterfactual.ts';
import { amplification, type AmplificationResult } from '../analysis/amplification.ts';
import { ONSET_DEFAULTS } from '../analysis/onset.ts';
import { backendChoice, collect, resolveScenario, UsageError, wholeNumber } from './options.ts';

interface CounterfactualCliOptions {
  intervene: string[];
  from?: number;
  seed?: number;
  worlds: number;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  amplification?: string;
  epsilon?: number;
  consecutive?: number;
  onsetSeries?: string;
  json?: boolean;
}

function positiveNumber(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a number above 0, got ${JSON.stringify(text)}`);
    return n;
  };
}

export function addCounterfactualCommand(program: Command): void {
  program
    .command('counterfactual')
    .description('compare a run with an intervened run (same seeds): influence of the intervention on prices, positions and PnL')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one (e.g. tulip-mania)')
    .option('--intervene <path=value>', 'the intervention, in --set syntax (repeatable), e.g. models.A.bugs=[]', collect, [])
    .option('--from <tick>', 'tick at which the intervention starts (both runs are identical before it); default 0', wholeNumber('--from', 0))
    .option('--amplification <model>', 'also run both with this model removed and print influence(live) / influence(removed)')
    .option('--seed <n>', 'seed of world 0 (world k has seed + k); default: the scenario’s', wholeNumber('--seed', 0))
    .option('--worlds <n>', 'worlds (seeds) run in lockstep; figures are medians across worlds', wholeNumber('--worlds', 1, 100_000), 1)
    .option('--ticks <n>', 'ticks to run; default: the scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--set <path=value>', 'override a field of the scenario itself, for both runs (repeatable)', collect, [])
    .option('--onset-series <series>', 'influence series of the loop onset: price:<asset>, position:<model> or pnl:<model> (default price of the first asset)')
    .option('--epsilon <x>', `loop onset threshold ε: |I| must exceed it, in the series' units (default ${ONSET_DEFAULTS.epsilon})`, positiveNumber('--epsilon'))
    .option('--consecutive <m>', `loop onset: ticks m in a row |I| must exceed ε (default ${ONSET_DEFAULTS.consecutive})`, wholeNumber('--consecutive', 1))
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--json', 'print one JSON object (with the influence series of every world)')
    .action(async (scenario: string, options: CounterfactualCliOptions) => {
      if (options.intervene.length === 0) throw new UsageError('counterfactual needs --intervene <path=value>, e.g. --intervene models.A.bugs=[] (the --set syntax; repeatable)');
      const loaded = loadScenarioFile(resolveScenario(scenario), options.set);
      const cfOptions = {
        intervene: options.intervene,
        from: options.from,
        seed: options.seed,
        worlds: options.worlds,
        ticks: options.ticks,
        backend: options.backend,
        onsetSeries: options.onsetSeries,
        epsilon: options.epsilon,
        consecutive: options.consecutive,
        onBackend: (note: string) => process.stderr.write(`${note}\n`),
      };
      if (options.amplification !== undefined) {
        const a = await amplification(loaded, { ...cfOptions, model: options.amplification });
        process.stdout.write(options.json ? `${JSON.stringify({ ...resultJson(a.runs.live), amplification: amplificationJson(a) }, null, 2)}\n` : `${formatResult(a.runs.live)}\n${formatAmplification(a)}\n`);
        return;
      }
      const result = await counterfactual(loaded, cfOptions);
      process.stdout.write(options.json ? `${JSON.stringify(resultJson(result), null, 2)}\n` : `${formatResult(result)}\n`);
    });
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

export function formatResult(r: CounterfactualResult): string {
  const W = r.seeds.length;
  const seeds = W === 1 ? `seed ${r.seeds[0]}` : `seeds ${r.seeds[0]}..${r.seeds[W - 1]} (${W} worlds; figures are medians across worlds)`;
  const lines = [`counterfactual ${r.scenario}: --intervene ${r.intervene.join(' ')} from tick ${r.from}; ${seeds}; ${r.ticks} ticks`, 'influence I(t) = factual − counterfactual', ''];
  const widths = [12, 10, 8, 10, 10];
  lines.push(pad(['series', 'peak |I|', 'at tick', 'mean |I|', 'final I'], widths));
  for (const s of r.summary) lines.push(pad([s.series, num(s.peakAbs), peakTick(s), num(s.meanAbs), num(s.final)], widths));
  const o = r.onset;
  const found = o.perWorld.filter((t): t is number => t !== null);
  const where = W === 1 ? (found.length ? `tick ${found[0]}` : 'none') : `${found.length}/${W} worlds, first ticks ${o.perWorld.map((t) => t ?? '-').join(' ')}`;
  lines.push('', `loop onset (|I ${o.series}| > ${o.epsilon} for ${o.consecutive} ticks in a row): ${where}`);
  if (r.summary.every((s) => s.peakAbs === 0)) lines.push('the intervention changed nothing: I ≡ 0');
  return lines.join('\n');
}

function peakTick(s: InfluenceSummary): string {
  if (s.peakAbs === 0) return '-';
  const ticks = s.perWorld.map((p) => p.peakTick).sort((a, b) => a - b);
  return String(ticks[Math.floor((ticks.length - 1) / 2)]);
}

export function formatAmplification(a: AmplificationResult): string {
  return [
    '',
    `amplification by ${a.model}: peak |I ${a.series}| with ${a.model} live / with ${a.model} removed = ${num(a.live.peakAbs)} / ${num(a.removed.peakAbs)} = ${num(a.amplification)}`,
    `  (mean |I| over the run: ${num(a.live.meanAbs)} / ${num(a.removed.meanAbs)} = ${num(a.amplificationMean)}; > 1: ${a.model} magnifies the error, ≈ 1: it takes no part, < 1: it dampens it)`,
    ...(a.saturation.note ? [`  note: ${a.saturation.note}`] : []),
  ].join('\n');
}

function resultJson(r: CounterfactualResult): Record<string, unknown> {
  const W = r.seeds.length;
  const influence: Record<string, number[][]> = {};
  for (const [name, values] of r.influence) influence[name] = Array.from({ length: W }, (_, w) => Array.from({ length: r.ticks }, (_, t) => values[t * W + w]!));
  return {
    scenario: r.scenario,
    seeds: r.seeds,
    ticks: r.ticks,
    from: r.from,
    intervene: r.intervene,
    summary: r.summary,
    onset: r.onset,
    hashes: r.hashes,
    influence,
  };
}

function amplificationJson(a: AmplificationResult): Record<string, unknown> {
  return { model: a.model, series: a.series, amplification: a.amplification, amplificationMean: a.amplificationMean, perWorld: a.perWorld, live: a.live, removed: a.removed, saturation: a.saturation };
}
