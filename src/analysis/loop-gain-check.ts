/**
 * Checking a loop-gain monitor against the true loop gain (bench/loop-gain.ts prints it;
 * a fast test runs its shape on few worlds): over a range of gains of the loop's model
 * with its position cap lifted, the counterfactual amplification of the bug by the model
 * (ε = 1 − 1/amplification) beside the monitors' estimates after the bug starts.
 */
import { loadScenarioFile, type LoadedScenario } from '../setup/loader.ts';
import { buildSimulation } from '../setup/build.ts';
import type { BackendChoice } from '../models/backend.ts';
import { spearman } from '../stats/correlation.ts';
import { median } from '../setup/summary.ts';
import { amplification } from './amplification.ts';
import { withMonitors } from './evaluate.ts';
import { resolveScenarioPath } from './suite.ts';

export interface LoopGainCheckOptions {
  scenario: string;
  /** The model in the loop. @default 'B' */
  model?: string;
  /** The intervention that removes the loop's cause. @default models.A.bugs=[] */
  intervene?: string;
  gains: number[];
  seeds: number[];
  ticks?: number;
  backend?: BackendChoice;
  onGain?: (gain: number) => void;
}

export interface LoopGainRow {
  gain: number;
  /** Median over worlds of the counterfactual amplification. */
  amplification: number;
  /** 1 − 1/amplification. */
  epsilon: number;
  /** Median over worlds of each world's median `loop-gain-model` statistic after the bug. */
  whiteBox: number;
  /** The same for the black-box `loop-gain-flow` (measured impact × order response). */
  blackBox: number;
  /** The same for the older black-box `loop-gain` (VAR(1) spectral radius). */
  varRadius: number;
  /** Median over worlds of the first `loop-gain-model` alarm tick (null: most worlds never alarm). */
  firstAlarm: number | null;
  threshold: number;
}

const WHITE = 'white-box';
const BLACK = 'black-box';
const VAR = 'var-radius';

export async function measureLoopGain(o: LoopGainCheckOptions): Promise<LoopGainRow[]> {
  const model = o.model ?? 'B';
  const rows: LoopGainRow[] = [];
  for (const gain of o.gains) {
    o.onGain?.(gain);
    const loaded = loadScenarioFile(resolveScenarioPath(o.scenario), [`models.${model}.policy.gain=${gain}`, `models.${model}.policy.maxPosition=1e6`]);
    const amp = await amplification(loaded, { model, intervene: [o.intervene ?? 'models.A.bugs=[]'], seeds: o.seeds, ticks: o.ticks, backend: o.backend });
    const monitored = await monitoredRun(loaded, model, o);
    rows.push({ gain, amplification: amp.amplification, epsilon: 1 - 1 / amp.amplification, ...monitored });
  }
  return rows;
}

/** The bug's first tick (the loop cannot show before it). */
function bugStart(loaded: LoadedScenario): number {
  const froms = Object.values(loaded.config.models).flatMap((m) => m.bugs.map((b) => b.from ?? 0));
  return froms.length ? Math.min(...froms) : 0;
}

async function monitoredRun(loaded: LoadedScenario, model: string, o: LoopGainCheckOptions): Promise<Omit<LoopGainRow, 'gain' | 'amplification' | 'epsilon'>> {
  const withBoth = withMonitors(loaded, [
    { name: WHITE, type: 'loop-gain-model', options: { model } },
    { name: BLACK, type: 'loop-gain-flow', options: { model } },
    { name: VAR, type: 'loop-gain', options: {} },
  ]);
  const sim = await buildSimulation(withBoth, { seeds: o.seeds, ticks: o.ticks, backend: o.backend });
  try {
    const from = bugStart(loaded);
    const white: number[][] = o.seeds.map(() => []);
    const black: number[][] = o.seeds.map(() => []);
    const radius: number[][] = o.seeds.map(() => []);
    let threshold = Number.NaN;
    while (sim.tick < sim.totalTicks) {
      sim.step();
      const [w, b, r] = sim.parts.monitors!.runner.last;
      if (sim.tick - 1 < from) continue;
      o.seeds.forEach((_, k) => {
        if (w![k] && Number.isFinite(w![k]!.statistic)) white[k]!.push(w![k]!.statistic);
        if (b![k] && Number.isFinite(b![k]!.statistic)) black[k]!.push(b![k]!.statistic);
        if (r![k] && Number.isFinite(r![k]!.statistic)) radius[k]!.push(r![k]!.statistic);
        threshold = w![k]?.threshold ?? threshold;
      });
    }
    const firsts = o.seeds.map((_, k) => sim.events.find((e) => e.type === 'alert' && e.world === k && e.alert.monitor === WHITE)?.tick ?? Infinity);
    const firstAlarm = median(firsts);
    const perWorld = (xs: number[][]) => median(xs.map((x) => (x.length ? median(x) : Number.NaN)).filter(Number.isFinite));
    return { whiteBox: perWorld(white), blackBox: perWorld(black), varRadius: perWorld(radius), firstAlarm: Number.isFinite(firstAlarm) ? firstAlarm : null, threshold };
  } finally {
    sim.dispose();
  }
}

export interface LoopGainVerdict {
  /** Spearman of the white-box medians with the gains. */
  spearmanGain: number;
  /** Spearman of the white-box medians with the true ε. */
  spearmanTruth: number;
  /** Spearman of the black-box (loop-gain-flow) medians with the gains. */
  spearmanBlackBox: number;
  /** Spearman of the VAR(1) spectral radius medians with the gains. */
  spearmanVar: number;
  /** The first gain whose amplification exceeds 10 (null: none). */
  gainAt10x: number | null;
  /** The first gain whose white-box median exceeds its threshold (null: none). */
  gainAtThreshold: number | null;
  /** The monitor crosses its threshold at a gain below the one where amplification exceeds 10. */
  seesItComing: boolean;
}

export function verdict(rows: readonly LoopGainRow[]): LoopGainVerdict {
  const gains = rows.map((r) => r.gain);
  const white = rows.map((r) => r.whiteBox);
  const gainAt10x = rows.find((r) => r.amplification > 10)?.gain ?? null;
  const gainAtThreshold = rows.find((r) => r.whiteBox > r.threshold)?.gain ?? null;
  return {
    spearmanGain: spearman(white, gains),
    spearmanTruth: spearman(white, rows.map((r) => r.epsilon)),
    spearmanBlackBox: spearman(rows.map((r) => r.blackBox), gains),
    spearmanVar: spearman(rows.map((r) => r.varRadius), gains),
    gainAt10x,
    gainAtThreshold,
    seesItComing: gainAtThreshold !== null && (gainAt10x === null || gainAtThreshold < gainAt10x),
  };
}

export function formatLoopGainTable(rows: readonly LoopGainRow[]): string {
  const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
  const lines = ['gain  amplification  true ε   white-box ε̂  black-box ε̂  VAR radius  first alarm'];
  for (const r of rows) lines.push(`${String(r.gain).padStart(4)}  ${f(r.amplification, 2).padStart(13)}  ${f(r.epsilon).padStart(6)}  ${f(r.whiteBox).padStart(11)}  ${f(r.blackBox).padStart(11)}  ${f(r.varRadius).padStart(10)}  ${String(r.firstAlarm ?? '-').padStart(11)}`);
  const v = verdict(rows);
  lines.push('');
  lines.push(`Spearman(white-box ε̂, gain) = ${f(v.spearmanGain)}; Spearman(white-box ε̂, true ε) = ${f(v.spearmanTruth)}`);
  lines.push(`Spearman(black-box ε̂, gain) = ${f(v.spearmanBlackBox)}; Spearman(VAR radius, gain) = ${f(v.spearmanVar)}`);
  lines.push(`amplification first exceeds 10 at gain ${v.gainAt10x ?? '-'}; the white-box (loop-gain-model) median first exceeds its threshold ${rows[0]?.threshold ?? ''} at gain ${v.gainAtThreshold ?? '-'}: ${v.seesItComing ? 'it sees the loop coming' : 'it does NOT see it coming'}`);
  return lines.join('\n');
}
