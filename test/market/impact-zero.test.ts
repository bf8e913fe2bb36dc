/**
 * `market.impact: 0` means orders cannot move prices: X's price path is then the same
 * bit for bit whether or not Model A's bug makes it buy. With impact > 0 the same bug
 * does move the price, which shows the comparison can fail.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd, smallMania } from '../helpers/scenarios.ts';
import type { TulipSimulation as Simulation } from '../../src/setup/parts.ts';

interface Paths {
  price: number[];
  orderA: number[];
}

function paths(sim: Simulation): Paths {
  return {
    price: sim.records.map((r) => r.assets.X!.price),
    orderA: sim.records.map((r) => r.agents['model/A']!.order),
  };
}

async function run(impact: number, bug: boolean): Promise<Paths> {
  const sets = [`market.impact=${impact}`];
  if (!bug) sets.push('models.A.bugs=[]');
  return runToEnd(smallMania(...sets), { seed: 3, backend: 'wasm', record: true }, paths);
}

describe('price formation with impact 0', () => {
  it("keeps X's price path bit-identical with and without A's bug", async () => {
    const withBug = await run(0, true);
    const withoutBug = await run(0, false);
    expect(withBug.price).toHaveLength(200);
    expect(withBug.price.every(Number.isFinite)).toBe(true);
    // The bug does change what A does (so the equal prices are not an accident of A idling)...
    expect(withBug.orderA).not.toEqual(withoutBug.orderA);
    // ...yet not one bit of the price path moves.
    expect(Float64Array.from(withBug.price)).toEqual(Float64Array.from(withoutBug.price));
  });

  it("lets A's bug move X's price when impact is positive", async () => {
    const withBug = await run(0.0005, true);
    const withoutBug = await run(0.0005, false);
    expect(withBug.price).toHaveLength(200);
    // Identical before the bug starts (tick 100); different after.
    expect(withBug.price.slice(0, 100)).toEqual(withoutBug.price.slice(0, 100));
    expect(withBug.price.slice(100)).not.toEqual(withoutBug.price.slice(100));
  });
});
