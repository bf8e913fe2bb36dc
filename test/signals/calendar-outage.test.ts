/**
 * A calendar outage ("August") takes the source down on exactly the ticks
 * [from + k x every, from + k x every + length), in every world, with no random draws;
 * consumers see it as missing values and growing staleness.
 */
import { describe, expect, it } from 'vitest';
import { smallScenario, stepThrough } from './helpers.ts';

const loaded = smallScenario({
  signals: { valuation: { outages: [{ type: 'calendar', every: 20, length: 3, from: 5 }] } },
  features: [{ signal: 'value-ratio', source: 'valuation' }, { signal: 'return' }],
});

describe('calendar outage', () => {
  it('is down exactly on ticks 5-7, 25-27, 45-47, 65-67 in every world', async () => {
    const down: number[][] = [[], []];
    const missing: number[] = [];
    const stale: number[] = [];
    await stepThrough(
      loaded,
      { worlds: 2 },
      (sim, t) => {
        for (let w = 0; w < 2; w++) if (sim.parts.sources!.isDown(w, 0)) down[w]!.push(t);
        const links = sim.parts.roles[0]!.pipeline.links!;
        if (links.missing[0]) missing.push(t);
        stale.push(links.stale[0]!);
        expect(links.missing[1]).toBe(0); // the implicit return feed never goes down
      },
      (sim) => expect(sim.parts.sources!.downTicks[0]).toBe(12),
    );
    const expected = [5, 6, 7, 25, 26, 27, 45, 46, 47, 65, 66, 67];
    expect(down[0]).toEqual(expected);
    expect(down[1]).toEqual(expected);
    expect(missing).toEqual(expected);
    expect(stale.slice(4, 9)).toEqual([0, 1, 2, 3, 0]);
  });

  it('draws no random numbers: the run creates no signal streams', async () => {
    const names = await stepThrough(loaded, {}, () => undefined, (sim) => Object.keys(sim.parts.rngs[0]!.snapshot()));
    expect(names.filter((n) => n.startsWith('signals/'))).toEqual([]);
  });
});
