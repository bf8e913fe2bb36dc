/**
 * The serving layer on its own: offline tables refresh and arrive at exact ticks, assets
 * the job did not know get no entry, failing tables are rejected, and online requests
 * past the compute budget time out.
 */
import { describe, expect, it } from 'vitest';
import { InferenceService } from '../../src/inference/serving.ts';
import { verifyTable } from '../../src/inference/table-checks.ts';
import { WorldRandom } from '../../src/core/rng.ts';
import { Inference } from '../../src/config/schema.ts';

const rngs = [new WorldRandom(1)];
const active = Uint8Array.of(1);

function service(config: Record<string, unknown>, lanes = 1, parameters = 2, warmup = 10): InferenceService {
  return new InferenceService('A', Inference.parse(config), 1, lanes, parameters, warmup);
}

/** Serves ticks [from, to] with fresh predictions equal to the tick number; returns what lane 0 got each tick. */
function serveTicks(s: InferenceService, from: number, to: number, listed: boolean[] = [true]): Map<number, number[]> {
  const got = new Map<number, number[]>();
  for (let t = from; t <= to; t++) {
    const fresh = s.needsPredictions(t) ? new Float32Array(s.lanes).fill(t) : undefined;
    const served = new Float64Array(s.lanes);
    s.serve(t, fresh, listed, active, rngs, served);
    got.set(t, [...served]);
  }
  return got;
}

describe('offline serving', () => {
  it('runs a batch job every `refresh` ticks from the warm-up and serves its table `latency` ticks later', () => {
    const s = service({ mode: 'offline', refresh: 5, latency: 2 });
    const got = serveTicks(s, 10, 22);
    expect([10, 11].map((t) => got.get(t)![0])).toEqual([Number.NaN, Number.NaN]); // nothing served yet
    expect([12, 13, 14, 15, 16].map((t) => got.get(t)![0])).toEqual([10, 10, 10, 10, 10]); // the job of tick 10
    expect([17, 18, 19, 20, 21, 22].map((t) => got.get(t)![0])).toEqual([15, 15, 15, 15, 15, 20]);
    expect(s.needsPredictions(15)).toBe(true);
    expect(s.needsPredictions(16)).toBe(false);
  });

  it('counts staleness as the age of the table served and compute only on job ticks', () => {
    const s = service({ mode: 'offline', refresh: 5, latency: 2 }, 1, 3);
    serveTicks(s, 10, 16);
    // Answered at 12..16 from the job of tick 10: ages 2, 3, 4, 5, 6; jobs at 10 and 15 cost 3 units each.
    expect(s.metrics.requests[0]).toBe(7);
    expect(s.metrics.answered[0]).toBe(5);
    expect(s.metrics.ageSum[0]).toBe(2 + 3 + 4 + 5 + 6);
    expect(s.metrics.computeCost[0]).toBe(6);
  });

  it('serves latency 0 tables on the job tick itself', () => {
    const got = serveTicks(service({ mode: 'offline', refresh: 3, latency: 0 }), 10, 13);
    expect([...got.values()].map((v) => v[0])).toEqual([10, 10, 10, 13]);
  });

  it('has no entry for an asset listed after the job ran', () => {
    const s = service({ mode: 'offline', refresh: 10, latency: 0 }, 2);
    const served = new Float64Array(2);
    s.serve(10, Float32Array.of(1, 2), [true, false], active, rngs, served);
    expect([...served]).toEqual([1, Number.NaN]);
    s.serve(11, undefined, [true, true], active, rngs, served); // lane 1 lists; the table does not know it
    expect([...served]).toEqual([1, Number.NaN]);
    expect(s.metrics.requests[0]).toBe(3);
    expect(s.metrics.answered[0]).toBe(2);
    s.serve(20, Float32Array.of(3, 4), [true, true], active, rngs, served); // the next job scores it
    expect([...served]).toEqual([3, 4]);
  });

  it('rejects a table that fails its checks and keeps serving the old one', () => {
    const s = service({ mode: 'offline', refresh: 1, latency: 0, verify: { maxAbs: 4, maxShift: 1 } });
    const served = new Float64Array(1);
    expect(s.serve(10, Float32Array.of(0.5), [true], active, rngs, served)).toEqual([]);
    const rejected = s.serve(11, Float32Array.of(9), [true], active, rngs, served);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ world: 0, jobTick: 11 });
    expect(rejected[0]!.reason).toContain('outside ±4');
    expect(served[0]).toBe(0.5);
    expect(s.serve(12, Float32Array.of(2), [true], active, rngs, served)[0]!.reason).toContain('mean prediction moved by 1.500');
    expect(served[0]).toBe(0.5);
    expect(s.serve(13, Float32Array.of(1.25), [true], active, rngs, served)).toEqual([]);
    expect(served[0]).toBe(1.25);
    expect([s.metrics.tablesPushed[0], s.metrics.tablesRejected[0]]).toEqual([2, 2]);
  });
});

describe('table checks', () => {
  it('pass an empty table, refuse non-finite entries, and skip the shift check for the first table', () => {
    const checks = { maxAbs: 4, maxShift: 1 };
    expect(verifyTable(Float64Array.of(Number.NaN), undefined, checks)).toBeUndefined();
    expect(verifyTable(Float64Array.of(Number.POSITIVE_INFINITY), undefined, checks)).toContain('outside');
    expect(verifyTable(Float64Array.of(3.9, -3.9), undefined, checks)).toBeUndefined();
    expect(verifyTable(Float64Array.of(3, 3), Float64Array.of(1, 1.2), checks)).toContain('moved by 1.900');
  });
});

describe('online serving', () => {
  it('answers every request when capacity is unlimited, at zero staleness', () => {
    const s = service({ mode: 'online' }, 4, 3);
    const got = serveTicks(s, 10, 11, [true, true, true, true]);
    expect(got.get(11)).toEqual([11, 11, 11, 11]);
    expect([s.metrics.requests[0], s.metrics.answered[0], s.metrics.timedOut[0], s.metrics.ageSum[0]]).toEqual([8, 8, 0, 0]);
    expect(s.metrics.computeCost[0]).toBe(24);
  });

  it('times out the requests past the compute budget: floor(capacity / cost) answered per tick', () => {
    // 10 listed assets, 3 parameters x 1 unit = 3 units each, 10 units per tick: 3 answered, 7 time out.
    const s = service({ mode: 'online', capacity: 10 }, 10, 3);
    const got = serveTicks(s, 10, 19, Array(10).fill(true));
    for (const served of got.values()) expect(served.filter((x) => !Number.isNaN(x))).toHaveLength(3);
    expect([s.metrics.requests[0], s.metrics.answered[0], s.metrics.timedOut[0]]).toEqual([100, 30, 70]);
    expect(s.metrics.computeCost[0]).toBe(90);
    expect(s.metrics.latencySum[0]! / s.metrics.answered[0]!).toBe(6); // (3 + 6 + 9) / 3
  });

  it('serves a different set of assets from tick to tick (the queue starts at a random lane)', () => {
    const s = service({ mode: 'online', capacity: 3 }, 10, 1);
    const sets = [...serveTicks(s, 10, 29, Array(10).fill(true)).values()].map((v) => v.map((x) => !Number.isNaN(x)).join());
    expect(new Set(sets).size).toBeGreaterThan(3);
  });

  it('a bigger model (more parameters) answers fewer requests under the same budget', () => {
    const answered = (parameters: number) => {
      const s = service({ mode: 'online', capacity: 40 }, 20, parameters);
      serveTicks(s, 10, 19, Array(20).fill(true));
      return s.metrics.answered[0]! / s.metrics.requests[0]!;
    };
    expect(answered(2)).toBe(1);
    expect(answered(4)).toBe(0.5);
    expect(answered(41)).toBe(0);
  });

  it('asks nothing of a halted model and nothing for a dark asset', () => {
    const s = service({ mode: 'online' }, 2, 1);
    const served = new Float64Array(2);
    s.serve(10, Float32Array.of(1, 2), [true, false], Uint8Array.of(0), rngs, served);
    s.serve(11, Float32Array.of(1, 2), [true, false], active, rngs, served);
    expect([...served]).toEqual([1, Number.NaN]);
    expect(s.metrics.requests[0]).toBe(1);
  });
});
