/**
 * Drift monitors on any series (see series.ts): PSI and two-sample Kolmogorov–Smirnov
 * between a reference window (the first values the series produced) and a recent
 * window; and the streaming detectors Page–Hinkley, ADWIN and CUSUM, with the defaults
 * of the well-known streaming libraries (River; Montgomery for CUSUM), see stats/.
 *
 * All five are change detectors: by default the runner alarms on the tick the statistic
 * crosses and then calls `reset`, which restarts the detector the way the literature
 * does (River builds a fresh Page–Hinkley after a detection; Montgomery restarts the
 * CUSUM sums; ADWIN has already dropped the old part of its window; KS and PSI refill
 * their recent window). Their false-alarm rates on a stationary stream are then the
 * published ones (docs/monitors.md).
 */
import { z } from 'zod';
import type { Monitor } from '../monitor.ts';
import type { SeriesReader } from '../series.ts';
import { RollingWindow } from '../rolling-window.ts';
import { psi, PSI_SIGNIFICANT } from '../../stats/psi.ts';
import { ksTwoSample } from '../../stats/ks.ts';
import { PageHinkley, type PageHinkleyState } from '../../stats/page-hinkley.ts';
import { Adwin } from '../../stats/adwin.ts';
import { Cusum } from '../../stats/cusum.ts';

const series = z.string().describe('The watched series, e.g. feature:A/value-ratio, prediction:A, error:A, return:X.');

export const WindowDriftOptions = z.strictObject({
  series,
  reference: z.number().int().min(10).default(100).describe('Values forming the reference sample (the first the series produces once ready).'),
  window: z.number().int().min(10).default(50).describe('Recent values compared with the reference.'),
  bins: z.number().int().min(2).max(50).default(10).describe('PSI: bins, cut at the reference quantiles.'),
  threshold: z.number().positive().optional().describe('PSI: alarm above (default 0.25, the usual "significant shift"); KS: alarm when the p-value is below (default 0.001).'),
});
type WindowDrift = z.output<typeof WindowDriftOptions>;

/** Reference-vs-recent drift, by PSI (statistic: PSI) or KS (statistic: p-value). */
export function windowDriftMonitor(kind: 'psi' | 'ks', o: WindowDrift, s: SeriesReader): Monitor {
  let reference: number[] = [];
  const recent = new RollingWindow(o.window);
  const threshold = o.threshold ?? (kind === 'psi' ? PSI_SIGNIFICANT : 0.001);
  const direction = kind === 'psi' ? ('above' as const) : ('below' as const);
  return {
    observe: (v) => {
      const x = s.ready(v) ? s.read(v) : Number.NaN;
      if (!Number.isFinite(x)) return { statistic: Number.NaN, threshold, direction };
      if (reference.length < o.reference) {
        reference.push(x);
        return { statistic: Number.NaN, threshold, direction };
      }
      recent.push(x);
      if (!recent.full) return { statistic: Number.NaN, threshold, direction };
      if (kind === 'psi') {
        const r = psi(reference, recent.toArray(), { bins: o.bins });
        return { statistic: r.psi, threshold, direction, message: `${s.name} has drifted from its reference (PSI ${r.psi.toFixed(2)})` };
      }
      const r = ksTwoSample(reference, recent.toArray());
      return { statistic: r.pValue, threshold, direction, message: `${s.name} has drifted from its reference (KS D = ${r.statistic.toFixed(2)}, p = ${r.pValue.toExponential(1)})`, evidence: { D: r.statistic } };
    },
    reset: () => recent.clear(),
    state: () => [reference, recent.state()],
    restore: (st) => {
      const [r, w] = st as number[][];
      reference = [...r!];
      recent.restore(w!);
    },
  };
}

export const PageHinkleyOptions = z.strictObject({
  series,
  minInstances: z.number().int().min(1).default(30).describe('Values seen before it may alarm (River default).'),
  delta: z.number().min(0).default(0.005).describe('Magnitude of change tolerated (River default).'),
  threshold: z.number().positive().default(50).describe('λ: alarm when the cumulative statistic exceeds this (River default).'),
  alpha: z.number().min(0).max(1).default(0.9999).describe('Forgetting factor (River default 1 - 0.0001).'),
  mode: z.enum(['up', 'down', 'both']).default('both').describe('Shifts detected (River default: both).'),
});

/** Page–Hinkley: cumulative deviation from the running mean (statistic vs λ). */
export function pageHinkleyMonitor(o: z.output<typeof PageHinkleyOptions>, s: SeriesReader): Monitor {
  // The runner decides alarms; `reset` (after an alarm, by default) builds a fresh detector, as River does.
  const make = () => new PageHinkley({ minInstances: o.minInstances, delta: o.delta, threshold: o.threshold, alpha: o.alpha, mode: o.mode, resetOnDrift: false });
  let ph = make();
  return {
    observe: (v) => {
      const x = s.ready(v) ? s.read(v) : Number.NaN;
      if (!Number.isFinite(x)) return { statistic: Number.NaN, threshold: o.threshold };
      const r = ph.update(x);
      return { statistic: ph.count >= o.minInstances ? r.statistic : Number.NaN, threshold: o.threshold, message: `${s.name} shifted (Page–Hinkley ${r.statistic.toFixed(1)} > ${o.threshold})` };
    },
    reset: () => (ph = make()),
    state: () => ph.state(),
    restore: (st) => ph.restore(st as PageHinkleyState),
  };
}

export const AdwinOptions = z.strictObject({
  series,
  delta: z.number().positive().max(1).default(0.002).describe('Confidence of a cut (River default).'),
  hold: z.number().int().min(1).default(1).describe('Ticks a detection keeps the statistic at 1 (raise it with debounce > 1).'),
});

/** ADWIN: adaptive window that drops its old part when the two parts' means differ; statistic 1 for `hold` ticks after a cut. */
export function adwinMonitor(o: z.output<typeof AdwinOptions>, s: SeriesReader): Monitor {
  const adwin = new Adwin({ delta: o.delta, resetOnDrift: false });
  let lastDrift = -Infinity;
  return {
    observe: (v) => {
      const x = s.ready(v) ? s.read(v) : Number.NaN;
      if (!Number.isFinite(x)) return { statistic: Number.NaN, threshold: 0.5 };
      const r = adwin.update(x);
      if (r.drift) lastDrift = v.tick;
      const statistic = v.tick - lastDrift < o.hold ? 1 : 0;
      return { statistic, threshold: 0.5, message: `${s.name} changed (ADWIN cut its window to ${r.width})`, evidence: { width: r.width, estimate: r.estimate } };
    },
    // ADWIN restarts by itself: a detection has already cut the old part of its window. Forgetting
    // the rest too would make it blind for as long as it takes to refill.
    reset: () => {
      lastDrift = -Infinity;
    },
    state: () => ({ adwin: adwin.state(), lastDrift }),
    restore: (st) => {
      const saved = st as { adwin: ReturnType<Adwin['state']>; lastDrift: number };
      adwin.restore(saved.adwin);
      lastDrift = saved.lastDrift;
    },
  };
}

export const CusumOptions = z.strictObject({
  series,
  reference: z.number().int().min(10).default(100).describe('Values used to estimate the in-control mean and standard deviation.'),
  k: z.number().min(0).default(0.5).describe('Allowance in standard deviations (Montgomery: half the shift to detect).'),
  h: z.number().positive().default(5).describe('Decision interval in standard deviations (Montgomery).'),
  mean: z.number().optional().describe('Known in-control mean (with sigma: no reference window is used).'),
  sigma: z.number().positive().optional().describe('Known in-control standard deviation (with mean).'),
}).refine((o) => (o.mean === undefined) === (o.sigma === undefined), { message: 'give mean and sigma together (or neither: they are then estimated from the reference window)', path: ['sigma'] });

/** Two-sided tabular CUSUM against the mean and spread of a reference window (statistic: max(C+, C-) in σ units vs h). */
export function cusumMonitor(o: z.output<typeof CusumOptions>, s: SeriesReader): Monitor {
  let reference: number[] = [];
  let cusum: Cusum | undefined;
  let sigma = 1;
  const known = o.mean !== undefined && o.sigma !== undefined;
  const start = () => {
    const mean = known ? o.mean! : reference.reduce((a, b) => a + b, 0) / reference.length;
    sigma = known ? o.sigma! : Math.sqrt(reference.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, reference.length - 1)) || 1;
    cusum = new Cusum({ target: mean, sigma, k: o.k, h: o.h, resetOnAlarm: false });
  };
  if (known) start();
  return {
    observe: (v) => {
      const x = s.ready(v) ? s.read(v) : Number.NaN;
      if (!Number.isFinite(x)) return { statistic: Number.NaN, threshold: o.h };
      if (!cusum) {
        reference.push(x);
        if (reference.length === o.reference) start();
        return { statistic: Number.NaN, threshold: o.h };
      }
      const r = cusum.update(x);
      return { statistic: r.statistic / sigma, threshold: o.h, message: `${s.name} shifted ${r.direction ?? ''} (CUSUM ${(r.statistic / sigma).toFixed(1)}σ > ${o.h}σ)` };
    },
    // Montgomery's restart: both sums back to zero; the in-control mean and spread are kept.
    reset: () => cusum?.reset(),
    state: () => ({ reference, cusum: cusum?.state(), sigma }),
    restore: (st) => {
      const saved = st as { reference: number[]; cusum?: ReturnType<Cusum['state']>; sigma: number };
      reference = [...saved.reference];
      cusum = undefined;
      if (saved.cusum) {
        start();
        cusum!.restore(saved.cusum);
      }
      sigma = saved.sigma;
    },
  };
}
