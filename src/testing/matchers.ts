/**
 * Vitest matchers for tulip results. Registered by importing `tulip-sim/testing`; the
 * module augmentation below gives them types on vitest's `expect(...)`.
 *
 * - `expect(run).toRaiseAlert(monitor, { before, inWorlds })`: the monitor alerted before
 *   tick `before` (default: at all) in every world (`inWorlds: 'any'`: in at least one).
 * - `expect(evaluation).toDetectLoopWithin(ticks)`: every loop run of an evaluation (or of
 *   one scenario's evaluation) was detected with a delay of at most `ticks`.
 * - `expect(run).toMatchTraceHash(hash)`: the run's trace hash equals `hash`, or starts
 *   with it when `hash` is a prefix of at least 8 hex digits. Also takes a hash string.
 */
import type { RunSummary, WorldSummary } from '../setup/summary.ts';
import type { EvaluationResult, ScenarioEvaluation } from '../analysis/evaluate.ts';
import type { RunOutcome } from '../analysis/metrics.ts';

export interface TulipMatchers<R = unknown> {
  /** The monitor alerted before tick `before` (default: ever) in every world, or in any with `inWorlds: 'any'`. */
  toRaiseAlert(monitor: string, options?: { before?: number; inWorlds?: 'all' | 'any' }): R;
  /** Every loop run of the evaluation was detected within `ticks` of its onset. */
  toDetectLoopWithin(ticks: number): R;
  /** The run's trace hash is `hash` (or starts with it, for a prefix of 8+ hex digits). */
  toMatchTraceHash(hash: string): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends TulipMatchers<T> {}
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function worldsOf(received: unknown): WorldSummary[] | undefined {
  const r = received as Partial<RunSummary> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.alerts)) return undefined;
  if (Array.isArray(r.perWorld)) return r.perWorld;
  return [{ ...(r as RunSummary), world: 0, seed: r.seed ?? 0, alertCount: r.alerts.length, firstAlertTick: r.alerts[0]?.tick ?? -1 } as WorldSummary];
}

function loopRuns(received: unknown): (RunOutcome & { seed?: number; scenario?: string })[] | undefined {
  const r = received as Partial<EvaluationResult & ScenarioEvaluation> | null;
  if (!r || typeof r !== 'object') return undefined;
  if (Array.isArray(r.scenarios)) return r.scenarios.flatMap((s) => s.runs.filter((x) => x.onset !== null).map((x) => ({ ...x, scenario: s.scenario })));
  if (Array.isArray(r.runs)) return r.runs.filter((x) => x.onset !== null).map((x) => ({ ...x, scenario: r.scenario }));
  return undefined;
}

function notA(what: string, received: unknown): MatcherResult {
  return { pass: false, message: () => `expected ${what}, got ${received === null ? 'null' : typeof received}` };
}

export const tulipMatchers = {
  toRaiseAlert(received: unknown, monitor: string, options: { before?: number; inWorlds?: 'all' | 'any' } = {}): MatcherResult {
    const worlds = worldsOf(received);
    if (!worlds) return notA('a run summary (from runScenario)', received);
    const before = options.before ?? Infinity;
    const first = worlds.map((w) => w.alerts.find((a) => a.monitor === monitor && a.tick < before)?.tick);
    const hit = first.filter((t) => t !== undefined).length;
    const pass = options.inWorlds === 'any' ? hit > 0 : hit === worlds.length;
    const when = Number.isFinite(before) ? ` before tick ${before}` : '';
    const detail = worlds.map((w, i) => `seed ${w.seed}: ${first[i] === undefined ? 'none' : `tick ${first[i]}`}`).join(', ');
    const seen = [...new Set(worlds.flatMap((w) => w.alerts.map((a) => a.monitor)))].join(', ') || 'none';
    return {
      pass,
      message: () =>
        pass
          ? `expected monitor ${monitor} not to alert${when}, but it did (first alerts: ${detail})`
          : `expected monitor ${monitor} to alert${when} in ${options.inWorlds === 'any' ? 'some' : 'every'} world; first alerts: ${detail}; monitors that alerted: ${seen}`,
    };
  },

  toDetectLoopWithin(received: unknown, ticks: number): MatcherResult {
    const runs = loopRuns(received);
    if (!runs) return notA('an evaluation (from evaluateMonitor) or one scenario of it', received);
    if (runs.length === 0) return { pass: false, message: () => 'the evaluation has no loop runs (no truth onset in any world): nothing to detect' };
    const late = runs.filter((r) => r.delay === null || r.delay > ticks);
    const pass = late.length === 0;
    const describe = (r: (typeof runs)[number]) => `${r.scenario ?? ''} seed ${r.seed ?? '?'}: onset ${r.onset}, ${r.delay === null ? 'missed' : `delay ${r.delay}`}`;
    return {
      pass,
      message: () =>
        pass
          ? `expected some loop not to be detected within ${ticks} ticks, but all ${runs.length} were (largest delay ${Math.max(...runs.map((r) => r.delay ?? 0))})`
          : `expected every loop detected within ${ticks} ticks; ${late.length} of ${runs.length} were not: ${late.slice(0, 10).map(describe).join('; ')}${late.length > 10 ? '; …' : ''}`,
    };
  },

  toMatchTraceHash(received: unknown, hash: string): MatcherResult {
    const actual = typeof received === 'string' ? received : (received as Partial<RunSummary> | null)?.traceHash;
    if (typeof actual !== 'string') return notA('a run summary with a traceHash, or a hash string', received);
    const prefix = /^[0-9a-f]{8,63}$/.test(hash);
    const pass = prefix ? actual.startsWith(hash) : actual === hash;
    return {
      pass,
      message: () =>
        pass
          ? `expected trace hash not to match ${hash}`
          : `expected trace hash ${hash}${prefix ? '…' : ''}, got ${actual}; same scenario, seeds, worlds, backend and tulip version give the same hash (see README: Determinism)`,
    };
  },
};
