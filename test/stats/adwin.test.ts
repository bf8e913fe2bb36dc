/**
 * ADWIN: the exponential histogram by hand, its sums against direct computation, agreement
 * with a brute-force exact-window ADWIN, detection of an abrupt change, snapshot and restore.
 */
import { describe, expect, it } from 'vitest';
import { Adwin } from '../../src/stats/adwin.ts';
import { RandomStream } from '../../src/core/rng.ts';

/** River's doctest stream, with our seed: 1000 fair coin flips (0/1), then 1000 draws from {4, 5, 6, 7}. */
function abruptStream(): number[] {
  const rng = new RandomStream('adwin', 'abrupt');
  const before = Array.from({ length: 1000 }, () => (rng.bernoulli(0.5) ? 1 : 0));
  const after = Array.from({ length: 1000 }, () => 4 + Math.floor(rng.uniform() * 4));
  return [...before, ...after];
}

function sumSquares(xs: readonly number[]): number {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0);
}

/**
 * Brute-force ADWIN on an explicit window (every value its own bucket): every `clock`
 * values, while some cut with both sides ≥ L values breaks the same bound, drop the oldest
 * value. Equivalent to the class when buckets never merge.
 */
function bruteForceAdwin(stream: readonly number[], delta: number, clock: number, L: number, grace: number): [number, number][] {
  const window: number[] = [];
  const detections: [number, number][] = [];
  stream.forEach((x, t) => {
    window.push(x);
    if ((t + 1) % clock !== 0 || window.length <= grace) return;
    let changed = false;
    for (;;) {
      const w = window.length;
      const total = window.reduce((s, v) => s + v, 0);
      const variance = sumSquares(window) / w;
      const deltaPrime = Math.log((2 * Math.log(w)) / delta);
      let cut = false;
      let u0 = 0;
      for (let n0 = 1; n0 < w && !cut; n0++) {
        u0 += window[n0 - 1]!;
        const n1 = w - n0;
        if (n0 < L || n1 < L) continue;
        const m = 1 / (n0 - L + 1) + 1 / (n1 - L + 1);
        const eps = Math.sqrt(2 * m * variance * deltaPrime) + (2 / 3) * deltaPrime * m;
        cut = Math.abs(u0 / n0 - (total - u0) / n1) > eps;
      }
      if (!cut) break;
      changed = true;
      window.shift();
    }
    if (changed) detections.push([t, window.length]);
  });
  return detections;
}

describe('Adwin', () => {
  it("has River's defaults", () => {
    const a = new Adwin();
    expect([a.delta, a.clock, a.maxBuckets, a.minWindowLength, a.gracePeriod, a.resetOnDrift]).toEqual([0.002, 32, 5, 5, 10, true]);
  });

  it('keeps an exponential histogram, by hand', () => {
    // Insert 1 … 16 with at most 5 buckets per row; a sixth bucket merges the two oldest:
    //   after 6:  row0 [3 4 5 6]        row1 [1+2=3]
    //   after 8:  row0 [5 6 7 8]        row1 [3, 3+4=7]
    //   after 14: row0 [11 12 13 14]    row1 [3 7 11 15 19]
    //   after 16: row1 gets 11+12=23, a sixth bucket, so its two oldest (3, 7) merge into row2:
    //             row0 [13 14 15 16]    row1 [11 15 19 23]    row2 [10]
    // Bucket variances (sums of squared deviations): {5, 6} → 0.5; {1, 2, 3, 4} → 5.
    const a = new Adwin();
    for (let x = 1; x <= 16; x++) a.update(x);
    const { rows } = a.state();
    expect(rows.map((r) => r.totals)).toEqual([[13, 14, 15, 16], [11, 15, 19, 23], [10]]);
    expect(rows.map((r) => r.variances)).toEqual([[0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5], [5]]);
    expect(a.width).toBe(16);
    expect(a.estimate).toBe(8.5);
  });

  it('keeps width, total and variance equal to a direct computation over the window', () => {
    const rng = new RandomStream('adwin', 'sums');
    const xs = Array.from({ length: 777 }, () => 3 + rng.normal());
    const a = new Adwin();
    xs.forEach((x) => a.update(x));
    const s = a.state();
    expect(s.width).toBe(777);
    const bucketWidth = s.rows.reduce((w, r, i) => w + r.totals.length * 2 ** i, 0);
    expect(bucketWidth).toBe(777);
    expect(s.rows.every((r) => r.totals.length <= 5)).toBe(true);
    expect(a.estimate).toBeCloseTo(xs.reduce((t, x) => t + x, 0) / 777, 12);
    expect(s.variance).toBeCloseTo(sumSquares(xs), 8);
    expect(s.rows.flatMap((r) => r.variances).every((v) => v >= 0)).toBe(true);
  });

  it('agrees tick for tick with a brute-force exact-window ADWIN when buckets never merge', () => {
    const rng = new RandomStream('adwin', 'brute');
    const xs = Array.from({ length: 600 }, (_, i) => (i < 300 ? 0 : i < 450 ? 0.6 : 0.2) + 0.3 * rng.normal());
    const options = { delta: 0.002, clock: 4, minWindowLength: 5, gracePeriod: 10, maxBuckets: 10_000, resetOnDrift: false };
    const a = new Adwin(options);
    const detections = xs.flatMap((x, t) => {
      const r = a.update(x);
      return r.drift ? [[t, r.width]] : [];
    });
    const expected = bruteForceAdwin(xs, 0.002, 4, 5, 10);
    expect(expected.length).toBeGreaterThan(10); // (tick, width) pairs: 24 on this seed, from tick 327
    expect(detections).toEqual(expected);
  });

  it('detects an abrupt change after it happens, not before, and its window shrinks', () => {
    const stream = abruptStream();
    const a = new Adwin();
    let widthBefore = 0;
    const events: { t: number; widthBefore: number; width: number }[] = [];
    stream.forEach((x, t) => {
      const r = a.update(x);
      if (r.drift) events.push({ t, widthBefore, width: r.width });
      widthBefore = r.width;
    });
    expect(events.length).toBeGreaterThan(0);
    const first = events[0]!;
    // Checks run every 32 values (indices 31, 63, …); the first after the change at 1000 is
    // index 1023, where River's doctest on its own seed also reports the change.
    expect(first.t).toBe(1023);
    expect(first.width).toBeLessThan(first.widthBefore);
    expect(first.width).toBeLessThan(200);
  });

  it('with resetOnDrift: false keeps the newest values, so the estimate moves to the new mean', () => {
    const stream = abruptStream();
    const a = new Adwin({ resetOnDrift: false });
    let detectedAt = -1;
    stream.forEach((x, t) => {
      if (a.update(x).drift && detectedAt < 0) detectedAt = t;
    });
    // What is left is exactly the last `width` values of the stream.
    const tail = stream.slice(stream.length - a.width);
    expect(a.estimate).toBeCloseTo(tail.reduce((s, x) => s + x, 0) / tail.length, 10);
    expect(a.width).toBeLessThan(stream.length - detectedAt + 64);
    expect(a.estimate).toBeGreaterThan(4.5); // new regime mean 5.5, old 0.5
    expect(a.detections).toBeGreaterThanOrEqual(1);
  });

  it('starts from an empty window on the update after a drift by default', () => {
    const stream = abruptStream();
    const a = new Adwin();
    const t = stream.findIndex((x) => a.update(x).drift);
    expect(a.update(stream[t + 1]!).width).toBe(1);
    expect(a.detections).toBe(1);
  });

  it('raises no alarm on a stationary stream (fixed seed)', () => {
    const rng = new RandomStream('adwin', 'stationary');
    const a = new Adwin();
    const drifts = Array.from({ length: 3000 }, () => a.update(rng.normal()).drift);
    expect(drifts.some(Boolean)).toBe(false);
    expect(a.width).toBe(3000);
  });

  it('state() then restore() into a fresh instance (through JSON) continues identically', () => {
    const stream = abruptStream();
    const original = new Adwin({ resetOnDrift: false });
    stream.slice(0, 990).forEach((x) => original.update(x));
    const copy = new Adwin({ resetOnDrift: false });
    copy.restore(JSON.parse(JSON.stringify(original.state())));
    const rest = stream.slice(990);
    expect(rest.map((x) => copy.update(x))).toEqual(rest.map((x) => original.update(x)));
    expect(copy.state()).toEqual(original.state());
  });

  it('ignores non-finite values', () => {
    const a = new Adwin();
    a.update(1);
    a.update(Number.NaN);
    expect(a.width).toBe(1);
  });
});
