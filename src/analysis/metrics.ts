/**
 * Monitor-evaluation metrics, following the drift-detection literature's conventions
 * (definitions and formulas in docs/monitor-evaluation.md):
 *
 * - a loop run with onset τ has an acceptance window [τ − before, τ + after];
 * - the first alarm inside the window is the detection, with delay max(0, t − τ);
 *   later alarms inside the window are redundant (neither detections nor false alarms);
 * - every alarm before the window (and every alarm of a loop-free run) is a false alarm;
 * - an alarm after the window of a loop run is late: the loop is then missed, but the
 *   alarm is not false (the loop is really there), so it is counted apart;
 * - on loop-free runs the run length to the first alarm gives ARL0, with runs that never
 *   alarm counted as right-censored at their length;
 * - normalised delay (CapyMOA): delay / `after`, the share of the acceptance window used;
 * - episode recall (CapyMOA): the share of loop episodes with any alarm from the window's
 *   start to the run's end (a late alarm still notices the episode; detection rate does not
 *   count it);
 * - mean-time ratio (River, after Bifet et al. 2013): MTFA / mean delay × (1 − missed rate).
 *
 * Pure functions of alarm ticks and truth, so they can be checked by hand.
 */
import { median } from '../setup/summary.ts';

export interface RunTruth {
  /** Onset tick of the loop; null for a loop-free run. */
  onset: number | null;
  /** Acceptance window: ticks before the onset an alarm still counts as a detection. */
  before: number;
  /** Acceptance window: ticks after the onset an alarm still counts as a detection. */
  after: number;
}

export interface RunOutcome {
  /** Ticks of the run (0 .. ticks − 1). */
  ticks: number;
  onset: number | null;
  /** Alarm ticks, sorted. */
  alarms: number[];
  /** Tick of the detecting alarm (first alarm in the window), or null. */
  detection: number | null;
  /** detection − onset, at least 0; null when not detected or loop-free. */
  delay: number | null;
  falseAlarms: number;
  /** Alarms after the acceptance window of a loop run (neither detections nor false alarms). */
  lateAlarms: number;
  /** Ticks where any alarm is false: before the acceptance window, or the whole of a loop-free run. */
  quietTicks: number;
  /** delay / after (the share of the acceptance window used); null when not detected or loop-free. */
  normalisedDelay: number | null;
  /** A loop run with any alarm at or after the acceptance window's start (detection or late); false for loop-free runs. */
  episodeNoticed: boolean;
}

export interface Metrics {
  runs: number;
  loopRuns: number;
  loopFreeRuns: number;
  detected: number;
  /** detected / loopRuns (null without loop runs). */
  detectionRate: number | null;
  /** 1 − detectionRate. */
  missedRate: number | null;
  /** Over detected loops only (read beside missedRate). */
  meanDelay: number | null;
  medianDelay: number | null;
  falseAlarms: number;
  /** Alarms after the acceptance window of loop runs (not false, not detections). */
  lateAlarms: number;
  /** Ticks where an alarm is false (before acceptance windows; all of loop-free runs), summed over runs. */
  quietTicks: number;
  /** 1000 × falseAlarms / quietTicks. */
  falseAlarmsPer1000: number | null;
  /** Mean time between false alarms: quietTicks / falseAlarms (Infinity with none). */
  mtbfa: number | null;
  /** Average run length to the first alarm on loop-free runs, censored estimate (Infinity when no loop-free run alarmed). */
  arl0: number | null;
  /** Loop-free runs without any alarm (right-censored at their length). */
  arl0Censored: number;
  /** detected / (detected + falseAlarms). */
  precision: number | null;
  /** Mean of delay / after over detected loops (0: at the onset, 1: at the window's end). */
  normalisedDelay: number | null;
  /** Loop runs with any alarm from the window's start on / loopRuns. */
  episodeRecall: number | null;
  /** mtbfa / meanDelay × (1 − missedRate); Infinity when the mean delay is 0 or there is no false alarm. */
  meanTimeRatio: number | null;
}

/** Scores one run: which alarm detects the loop, which are false, how long the quiet stretch is. */
export function scoreRun(alarmTicks: readonly number[], ticks: number, truth: RunTruth): RunOutcome {
  const alarms = [...alarmTicks].sort((a, b) => a - b);
  if (truth.onset === null) return { ticks, onset: null, alarms, detection: null, delay: null, falseAlarms: alarms.length, lateAlarms: 0, quietTicks: ticks, normalisedDelay: null, episodeNoticed: false };
  const start = Math.max(0, truth.onset - truth.before);
  const end = Math.min(ticks - 1, truth.onset + truth.after);
  const inWindow = (t: number) => t >= start && t <= end;
  const detection = alarms.find(inWindow) ?? null;
  const delay = detection === null ? null : Math.max(0, detection - truth.onset);
  return {
    ticks,
    onset: truth.onset,
    alarms,
    detection,
    delay,
    falseAlarms: alarms.filter((t) => t < start).length,
    lateAlarms: alarms.filter((t) => t > end).length,
    quietTicks: Math.min(start, ticks),
    normalisedDelay: delay === null ? null : truth.after > 0 ? delay / truth.after : 0,
    episodeNoticed: alarms.some((t) => t >= start),
  };
}

/**
 * ARL0 with right-censoring: Σ L_i / d over loop-free runs, where L_i is the run length to
 * the first alarm (first alarm tick + 1) or, for a run without an alarm, the run's length
 * (censored), and d the number of runs that alarmed. This is the maximum-likelihood mean of
 * a geometric run length; Infinity when no run alarmed, null without loop-free runs.
 */
export function censoredArl0(runs: readonly RunOutcome[]): { arl0: number | null; censored: number } {
  const free = runs.filter((r) => r.onset === null);
  if (free.length === 0) return { arl0: null, censored: 0 };
  let exposure = 0;
  let events = 0;
  for (const r of free) {
    if (r.alarms.length > 0) {
      exposure += r.alarms[0]! + 1;
      events++;
    } else exposure += r.ticks;
  }
  return { arl0: events === 0 ? Infinity : exposure / events, censored: free.length - events };
}

export function aggregate(runs: readonly RunOutcome[]): Metrics {
  const loops = runs.filter((r) => r.onset !== null);
  const delays = loops.flatMap((r) => (r.delay === null ? [] : [r.delay]));
  const detected = delays.length;
  const falseAlarms = runs.reduce((s, r) => s + r.falseAlarms, 0);
  const quietTicks = runs.reduce((s, r) => s + r.quietTicks, 0);
  const { arl0, censored } = censoredArl0(runs);
  const detectionRate = loops.length ? detected / loops.length : null;
  const normalised = loops.flatMap((r) => (r.normalisedDelay === null || r.normalisedDelay === undefined ? [] : [r.normalisedDelay]));
  const meanDelay = detected ? delays.reduce((a, b) => a + b, 0) / detected : null;
  const mtbfa = quietTicks ? (falseAlarms ? quietTicks / falseAlarms : Infinity) : null;
  return {
    runs: runs.length,
    loopRuns: loops.length,
    loopFreeRuns: runs.length - loops.length,
    detected,
    detectionRate,
    missedRate: detectionRate === null ? null : 1 - detectionRate,
    meanDelay,
    medianDelay: detected ? median(delays) : null,
    falseAlarms,
    lateAlarms: runs.reduce((s, r) => s + r.lateAlarms, 0),
    quietTicks,
    falseAlarmsPer1000: quietTicks ? (1000 * falseAlarms) / quietTicks : null,
    mtbfa,
    arl0,
    arl0Censored: censored,
    precision: detected + falseAlarms ? detected / (detected + falseAlarms) : null,
    normalisedDelay: normalised.length ? normalised.reduce((a, b) => a + b, 0) / normalised.length : null,
    episodeRecall: loops.length ? loops.filter((r) => r.episodeNoticed).length / loops.length : null,
    meanTimeRatio: meanTimeRatio(mtbfa, meanDelay, detectionRate),
  };
}

/** River's MTR = MTFA / MDT × (1 − MDR); undefined without false-alarm exposure or without a detection. */
function meanTimeRatio(mtbfa: number | null, meanDelay: number | null, detectionRate: number | null): number | null {
  if (mtbfa === null || meanDelay === null || detectionRate === null) return null;
  if (meanDelay === 0 || mtbfa === Infinity) return Infinity;
  return (mtbfa / meanDelay) * detectionRate;
}

/** The always-fire baseline: an alarm on every tick. What a metric gives a monitor for free. */
export function alwaysAlarms(ticks: number): number[] {
  return Array.from({ length: ticks }, (_, t) => t);
}

/** The trivial baseline: an alarm every k ticks (at k, 2k, 3k, … below `ticks`). */
export function periodicAlarms(ticks: number, every: number): number[] {
  const out: number[] = [];
  for (let t = every; t < ticks; t += every) out.push(t);
  return out;
}

/** Which way is better, for each metric compared against a baseline. */
export const METRIC_DIRECTIONS = {
  detectionRate: 'higher',
  missedRate: 'lower',
  meanDelay: 'lower',
  medianDelay: 'lower',
  falseAlarmsPer1000: 'lower',
  mtbfa: 'higher',
  arl0: 'higher',
  precision: 'higher',
  normalisedDelay: 'lower',
  episodeRecall: 'higher',
  meanTimeRatio: 'higher',
} as const satisfies Partial<Record<keyof Metrics, 'higher' | 'lower'>>;

export type ComparedMetric = keyof typeof METRIC_DIRECTIONS;
export const COMPARED_METRICS = Object.keys(METRIC_DIRECTIONS) as ComparedMetric[];
