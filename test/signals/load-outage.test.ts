/**
 * Load-induced and random outages: load = consumers + perShare x shares traded last tick;
 * above capacity the crash chance is crashRate x (load / capacity - 1); a crashed source
 * stays down `recovery` ticks. Each outage draws exactly one uniform per world per tick,
 * down or up, from its own stream, and no other component's draws move.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/rng.ts';
import { smallScenario, stepThrough } from './helpers.ts';

const TICKS = 80;

function withOutage(outage: Record<string, unknown>, consumers = 1) {
  const features = Array.from({ length: consumers }, (_, i) => ({ name: `m${i}`, signal: 'momentum', window: 5 + i, source: 'prices' }));
  return smallScenario({ signals: { prices: { outages: [outage] } }, features, ticks: TICKS });
}

async function downTicks(loaded: ReturnType<typeof withOutage>) {
  const down: number[] = [];
  const load: number[] = [];
  const volume: number[] = [];
  let prevVolume = 0;
  const streams = await stepThrough(
    loaded,
    {},
    (sim, t) => {
      if (sim.parts.sources!.isDown(0, 0)) down.push(t);
      load.push(sim.parts.sources!.load[0]!);
      volume.push(prevVolume);
      prevVolume = sim.parts.market.volume[0]!;
    },
    (sim) => sim.parts.rngs[0]!.snapshot(),
  );
  return { down, load, volume, streams };
}

/** Runs of consecutive ticks. */
function runsOf(ticks: number[]): number[][] {
  const runs: number[][] = [];
  for (const t of ticks) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === t - 1) last.push(t);
    else runs.push([t]);
  }
  return runs;
}

describe('load-induced outage', () => {
  it('below capacity it never crashes; load is consumers + perShare x last tick’s volume', async () => {
    const r = await downTicks(withOutage({ type: 'load', capacity: 1e9, perShare: 0.5 }, 3));
    expect(r.down).toEqual([]);
    r.load.forEach((l, t) => expect(l).toBeCloseTo(3 + 0.5 * r.volume[t]!, 9));
  });

  it('far above capacity it crashes at once and never gets up', async () => {
    // capacity 0.01 with 2 consumers: crash chance min(1, 10 x 199) = 1 whenever up.
    const r = await downTicks(withOutage({ type: 'load', capacity: 0.01, crashRate: 10, recovery: 7 }, 2));
    expect(r.down).toEqual(Array.from({ length: TICKS }, (_, t) => t));
  });

  it('draws exactly one uniform per tick from signals/<name>/load/<i>, down or up', async () => {
    const r = await downTicks(withOutage({ type: 'load', capacity: 0.5, crashRate: 0.3, recovery: 5 }, 1));
    expect(r.down.length).toBeGreaterThan(0);
    expect(r.down.length).toBeLessThan(TICKS);
    // Every crash lasts `recovery` (5) ticks: runs of down ticks that end before the last tick are multiples of 5 long.
    for (const run of runsOf(r.down)) if (run.at(-1)! < TICKS - 1) expect(run.length % 5).toBe(0);
    const fresh = new RandomStream('x', `tulip/3/signals/prices/load/0`);
    for (let t = 0; t < TICKS; t++) fresh.uniform();
    expect(r.streams['signals/prices/load/0']).toEqual(fresh.state());
  });
});

describe('random outage', () => {
  it('probability 0 never and probability 1 always takes the source down', async () => {
    expect((await downTicks(withOutage({ type: 'random', probability: 0 }))).down).toEqual([]);
    expect((await downTicks(withOutage({ type: 'random', probability: 1, duration: 4 }))).down).toHaveLength(TICKS);
  });

  it('each outage lasts exactly `duration` ticks (or runs into the next)', async () => {
    const r = await downTicks(withOutage({ type: 'random', probability: 0.05, duration: 6 }));
    expect(r.down.length).toBeGreaterThan(0);
    // Every run of down ticks that ends before the last tick is a multiple of 6 long.
    for (const run of runsOf(r.down)) if (run.at(-1)! < TICKS - 1) expect(run.length % 6).toBe(0);
  });

  it('does not move any other component’s draws: the market is identical to a run without the outage', async () => {
    const values = async (loaded: ReturnType<typeof withOutage>) =>
      stepThrough(loaded, {}, () => undefined, (sim) => Array.from(sim.parts.market.observedHistory.data.slice(0, 30)));
    // gain 0: A does not trade, so prices cannot depend on what it reads.
    const quiet = (o: Record<string, unknown>) => smallScenario({ signals: { prices: { outages: [o] } }, features: [{ signal: 'momentum', source: 'prices' }], gain: 0, ticks: 40 });
    expect(await values(quiet({ type: 'random', probability: 0.3 }))).toEqual(await values(quiet({ type: 'calendar', every: 10, length: 1 })));
  });
});
