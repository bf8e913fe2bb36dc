/**
 * The built-in monitors by type name: each with its options schema (documented
 * defaults), what it follows, and a factory for one world.
 */
import { z } from 'zod';
import type { Monitor } from '../monitor.ts';
import { parseSeries } from '../series.ts';
import { BubbleOptions, bubbleMonitor, DrawdownOptions, drawdownMonitor, ErrorOptions, errorMonitor, HerdingOptions, herdingMonitor, RangeOptions, rangeMonitor } from './simple.ts';
import { CrossCorrelationOptions, crossCorrelationMonitor } from './cross-correlation.ts';
import { AdwinOptions, adwinMonitor, CusumOptions, cusumMonitor, PageHinkleyOptions, pageHinkleyMonitor, WindowDriftOptions, windowDriftMonitor } from './drift.ts';
import { FeatureUsageOptions, featureUsageMonitor, GrangerOptions, grangerMonitor, LoopGainOptions, loopGainMonitor } from './loop-stats.ts';
import { ModelLoopGainOptions, modelLoopGainMonitor } from './loop-gain-model.ts';
import { FlowLoopGainOptions, flowLoopGainMonitor } from './loop-gain-flow.ts';
import { MissingRateOptions, missingRateMonitor, SkewOptions, skewMonitor, StalenessOptions, stalenessMonitor } from './inputs.ts';

export interface BuiltinContext {
  assets: readonly string[];
  models: readonly string[];
}

export interface BuiltinMonitor {
  /** One line: what it watches and the reference it follows. */
  summary: string;
  options: z.ZodType;
  create(options: never, context: BuiltinContext): Monitor;
  /**
   * A change detector (Page–Hinkley, ADWIN, CUSUM, KS/PSI windows): by default it
   * alarms on the first tick its statistic crosses and then restarts, as the published
   * detectors do (River resets after a detection; Montgomery restarts the sums), so its
   * false-alarm rate on a stationary stream is the published one.
   */
  detector?: true;
}

/** The runner settings a monitor gets when its scenario entry leaves them out. */
export interface AlarmDefaults {
  debounce: number;
  cooldown: number;
  resetAfterAlarm: boolean;
}

/** Level monitors (bubble, herding, loop-gain, ...): three ticks in a row, then 50 quiet ticks. */
export const LEVEL_ALARM_DEFAULTS: AlarmDefaults = { debounce: 3, cooldown: 50, resetAfterAlarm: false };
/** Change detectors: alarm at the crossing, restart, no cool-down (the literature's semantics). */
export const DETECTOR_ALARM_DEFAULTS: AlarmDefaults = { debounce: 1, cooldown: 0, resetAfterAlarm: true };

export function alarmDefaults(type: string): AlarmDefaults {
  return Object.hasOwn(BUILTIN_MONITORS, type) && BUILTIN_MONITORS[type]!.detector ? DETECTOR_ALARM_DEFAULTS : LEVEL_ALARM_DEFAULTS;
}

/** A monitor entry's runner settings: what it states, the type's defaults for the rest. */
export function alarmSettings(type: string, stated: Partial<Record<keyof AlarmDefaults, number | boolean | undefined>>): AlarmDefaults {
  const d = alarmDefaults(type);
  return {
    debounce: (stated.debounce as number | undefined) ?? d.debounce,
    cooldown: (stated.cooldown as number | undefined) ?? d.cooldown,
    resetAfterAlarm: (stated.resetAfterAlarm as boolean | undefined) ?? d.resetAfterAlarm,
  };
}

export const BUILTIN_MONITORS: Record<string, BuiltinMonitor> = {
  bubble: { summary: 'price/fundamental divergence |P/V - 1|', options: BubbleOptions, create: (o: z.output<typeof BubbleOptions>) => bubbleMonitor(o) },
  range: { summary: 'input validation: raw features vs their training mean and spread (z-score)', options: RangeOptions, create: (o: z.output<typeof RangeOptions>) => rangeMonitor(o) },
  herding: { summary: 'correlation of two models’ positions over a window', options: HerdingOptions, create: (o: z.output<typeof HerdingOptions>) => herdingMonitor(o) },
  drawdown: { summary: 'PnL below its running peak', options: DrawdownOptions, create: (o: z.output<typeof DrawdownOptions>) => drawdownMonitor(o) },
  'prediction-error': { summary: 'realized squared prediction error, recent window vs reference window', options: ErrorOptions, create: (o: z.output<typeof ErrorOptions>) => errorMonitor(o) },
  'cross-correlation': {
    summary: 'feedback loop: lagged correlation of a model’s orders with later changes of a signal',
    options: CrossCorrelationOptions,
    create: (o: z.output<typeof CrossCorrelationOptions>, c) => crossCorrelationMonitor(o, parseSeries(o.cause, c.assets, c.models), parseSeries(o.effect, c.assets, c.models)),
  },
  granger: {
    summary: 'feedback loop: rolling Granger causality F-test (p-value) of cause -> effect',
    options: GrangerOptions,
    create: (o: z.output<typeof GrangerOptions>, c) => grangerMonitor(o, parseSeries(o.cause, c.assets, c.models), parseSeries(o.effect, c.assets, c.models)),
  },
  'loop-gain': {
    summary: 'feedback loop: spectral radius of a VAR(1) on the loop’s series (estimated loop gain)',
    options: LoopGainOptions,
    create: (o: z.output<typeof LoopGainOptions>, c) => loopGainMonitor(o, o.series.map((s) => parseSeries(s, c.assets, c.models))),
  },
  'loop-gain-model': {
    summary: 'feedback loop, white-box: impact × trade rate × gain × the model’s weights on its price-driven features (the share of a price move its trading adds back a tick later)',
    options: ModelLoopGainOptions,
    create: (o: z.output<typeof ModelLoopGainOptions>) => modelLoopGainMonitor(o),
  },
  'loop-gain-flow': {
    summary: 'feedback loop, black-box: measured price impact × the model’s order response to the last return (from orders, positions and prices alone)',
    options: FlowLoopGainOptions,
    create: (o: z.output<typeof FlowLoopGainOptions>) => flowLoopGainMonitor(o),
  },
  psi: { detector: true, summary: 'drift: Population Stability Index, reference window vs recent window', options: WindowDriftOptions, create: (o: z.output<typeof WindowDriftOptions>, c) => windowDriftMonitor('psi', o, parseSeries(o.series, c.assets, c.models)) },
  ks: { detector: true, summary: 'drift: two-sample Kolmogorov–Smirnov p-value, reference vs recent window', options: WindowDriftOptions, create: (o: z.output<typeof WindowDriftOptions>, c) => windowDriftMonitor('ks', o, parseSeries(o.series, c.assets, c.models)) },
  'page-hinkley': { detector: true, summary: 'drift: Page–Hinkley test (River defaults)', options: PageHinkleyOptions, create: (o: z.output<typeof PageHinkleyOptions>, c) => pageHinkleyMonitor(o, parseSeries(o.series, c.assets, c.models)) },
  adwin: { detector: true, summary: 'drift: ADWIN adaptive windowing (River defaults)', options: AdwinOptions, create: (o: z.output<typeof AdwinOptions>, c) => adwinMonitor(o, parseSeries(o.series, c.assets, c.models)) },
  cusum: { detector: true, summary: 'drift: two-sided tabular CUSUM against a reference window (Montgomery)', options: CusumOptions, create: (o: z.output<typeof CusumOptions>, c) => cusumMonitor(o, parseSeries(o.series, c.assets, c.models)) },
  'feature-usage': { summary: 'feature use: |weight| x spread per feature; flags features barely used', options: FeatureUsageOptions, create: (o: z.output<typeof FeatureUsageOptions>) => featureUsageMonitor(o) },
  'missing-rate': { summary: 'input validation: share of recent ticks a feature’s source was down', options: MissingRateOptions, create: (o: z.output<typeof MissingRateOptions>) => missingRateMonitor(o) },
  staleness: { summary: 'input validation: ticks since a feature last had a fresh value', options: StalenessOptions, create: (o: z.output<typeof StalenessOptions>) => stalenessMonitor(o) },
  skew: { summary: 'input validation: training–serving skew, recent served values vs the warm-up reference (mean shift, spread ratio)', options: SkewOptions, create: (o: z.output<typeof SkewOptions>) => skewMonitor(o) },
};
