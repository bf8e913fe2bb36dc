/**
 * Named random streams: removing a component must not shift any other component's draws.
 * With Model A removed, the noise traders place exactly the same orders (they depend only
 * on their own stream), while the fundamentalists, who react to prices A moved, do not.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd, smallMania } from '../helpers/scenarios.ts';
import type { TulipSimulation as Simulation } from '../../src/setup/parts.ts';

function ordersOf(sim: Simulation, agent: string): number[] {
  return sim.records.map((r) => r.agents[agent]!.order);
}

function read(sim: Simulation) {
  return {
    agents: Object.keys(sim.records[0]!.agents),
    noise: ordersOf(sim, 'noise/X'),
    fundamentalists: ordersOf(sim, 'fundamentalists/X'),
    fundamental: sim.records.map((r) => r.assets.X!.fundamental),
  };
}

describe('removing Model A', () => {
  it("leaves the noise traders' order sequence unchanged and changes the fundamentalists'", async () => {
    const options = { seed: 9, backend: 'wasm' as const, record: true };
    const withA = await runToEnd(smallMania(), options, read);
    const withoutA = await runToEnd(smallMania('models.A.enabled=false'), options, read);

    expect(withA.agents).toContain('model/A');
    expect(withoutA.agents).not.toContain('model/A');
    expect(withA.noise).toHaveLength(200);

    expect(Float64Array.from(withoutA.noise)).toEqual(Float64Array.from(withA.noise));
    // The fundamental process has its own stream too.
    expect(Float64Array.from(withoutA.fundamental)).toEqual(Float64Array.from(withA.fundamental));
    // Not vacuous: a component that reacts to prices does see A's absence.
    expect(withoutA.fundamentalists).not.toEqual(withA.fundamentalists);
  });
});
