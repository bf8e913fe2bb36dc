/**
 * The signal catalogue and dependency graph: declared and implicit sources, owners,
 * costs, versions, consumers (undeclared ones too), and loops through prices and
 * through model-to-model reads.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog, formatCatalog } from '../../src/signals/catalog.ts';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { smallScenario } from './helpers.ts';

const scenario = (name: string) => loadScenarioFile(new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname).config;

describe('signal catalogue', () => {
  it('model-reads-model: B is an undeclared consumer of A’s output, and A -> B -> A is a loop', () => {
    const c = buildCatalog(scenario('model-reads-model'));
    const output = c.entries.find((e) => e.name === 'model-output:A')!;
    expect(output).toMatchObject({ declared: false, owner: 'model A', consumers: [{ model: 'B', feature: 'a-prediction' }] });
    expect(c.loops.map((l) => l.cycle.join(' -> '))).toEqual(['A -> A', 'A -> B -> A']);
    expect(c.loops[1]!.via[0]).toBe("B reads A's prediction (a-prediction)");
    expect(formatCatalog(c)).toContain('A -> B -> A');
  });

  it('tulip-mania: both self-loops and the cross loop through X’s price', () => {
    const c = buildCatalog(scenario('tulip-mania'));
    expect(c.loops.map((l) => l.cycle.join(' -> '))).toEqual(['A -> A', 'A -> B -> A', 'B -> B']);
  });

  it('declared sources carry owner, cost, versions, outages, consumers and their policies', () => {
    const c = buildCatalog(
      smallScenario({
        signals: { valuation: { owner: 'valuation-team', cost: 3, outages: [{ type: 'calendar', every: 360, length: 30, from: 330 }], changes: [{ tick: 250, type: 'scale', factor: 100 }] } },
        features: [{ signal: 'value-ratio', source: 'valuation', missing: 'zero', pin: { version: 1 } }, { name: 'y', signal: 'return', lag: 2, asset: 'X' }],
      }).config,
    );
    expect(c.entries[0]).toEqual({
      name: 'valuation',
      computes: 'value-ratio:X',
      declared: true,
      owner: 'valuation-team',
      cost: 3,
      versions: ['v1 at tick 0', 'v2 at tick 250: values x100 (silent)'],
      outages: ['calendar: down 30 of every 360 ticks from 330'],
      consumers: [{ model: 'A', feature: 'value-ratio', missing: 'zero', pin: 'v1 auto' }],
    });
    expect(c.entries[1]).toMatchObject({ name: 'return(2):X', declared: false, cost: 0 });
    expect(c.reads).toEqual([{ model: 'A', sources: ['valuation', 'return(2):X'], trades: 'X', costPerTick: 3 }]);
  });

  it('a model reading only an unrelated asset has no loop', () => {
    const loaded = smallScenario({ features: [{ signal: 'return', asset: 'Y' }], more: { market: { assets: { X: {}, Y: {} } } } });
    expect(buildCatalog(loaded.config).loops).toEqual([]);
  });
});
