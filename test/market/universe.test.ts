/**
 * The generated universe: a power-law tail of activity, a common listing calendar, and
 * new listings that stay dark (untraded, priced at value) until their tick, then open
 * away from value.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { ScenarioError } from '../../src/config/errors.ts';
import { activityOfRank, listingTick, universeAssets, universeSymbol } from '../../src/market/universe.ts';
import { Universe } from '../../src/config/schema.ts';
import { runToEnd, SMALL_UNIVERSE as UNIVERSE } from '../helpers/scenarios.ts';


describe('universe generator', () => {
  const u = Universe.parse({ count: 10, listed: 6, listingFrom: 100, listingEvery: 25, tail: 1, busiest: 2 });

  it('lists the first `listed` assets at tick 0 and the rest on the calendar', () => {
    expect(Array.from({ length: 10 }, (_, k) => listingTick(u, k))).toEqual([0, 0, 0, 0, 0, 0, 100, 125, 150, 175]);
    expect(universeSymbol(u, 0)).toBe('U001');
    expect(universeSymbol(u, 9)).toBe('U010');
  });

  it('gives activity a power-law tail: rank r has busiest x r^-tail, every rank used once', () => {
    expect(activityOfRank(u, 1)).toBe(2);
    expect(activityOfRank(u, 4)).toBe(0.5);
    const activities = Object.values(universeAssets(u)).map((a) => a.activity).sort((a, b) => b - a);
    expect(activities).toEqual(Array.from({ length: 10 }, (_, r) => 2 / (r + 1)));
  });

  it('adds its assets after the explicit ones when a scenario is loaded', () => {
    const loaded = loadScenarioText(UNIVERSE.replace('assets: {}', 'assets: { X: {} }'), 'u.yaml');
    expect(Object.keys(loaded.config.market.assets)).toEqual(['X', 'U001', 'U002', 'U003', 'U004', 'U005', 'U006']);
    expect(loaded.config.market.assets.U005!.listedAt).toBe(30);
    expect(loaded.config.market.assets.U006!.listedAt).toBe(50);
  });

  it('refuses a market with no asset at all, naming the field', () => {
    const text = UNIVERSE.replace('  universe: { count: 6, listed: 4, listingFrom: 30, listingEvery: 20, ipoMispricing: 0.2 }\n', '').replace('assets: all', 'asset: X');
    expect(() => loadScenarioText(text, 'u.yaml')).toThrow(ScenarioError);
    expect(() => loadScenarioText(text, 'u.yaml')).toThrow(/market\.assets.*at least one asset/);
  });

  it('refuses per-feature assets and model-output features on a multi-asset model', () => {
    const bad = UNIVERSE.replace('{ signal: value-ratio }', '{ signal: value-ratio, asset: U001 }');
    expect(() => loadScenarioText(bad, 'u.yaml')).toThrow(/models\.A\.features\[0\]\.asset.*not allowed on a multi-asset model/);
    expect(() => loadScenarioText(UNIVERSE.replace('assets: all', 'assets: [U001, ZZZ]'), 'u.yaml')).toThrow(/models\.A\.assets\[1\].*unknown asset "ZZZ"/);
  });
});

describe('new listings in a run', () => {
  const loaded = loadScenarioText(UNIVERSE, 'universe.yaml');

  it('keeps a new listing dark until its tick, then opens it away from value and trades it', async () => {
    const seen = await runToEnd(loaded, { record: true }, (sim) => sim.records);
    const at = (t: number) => seen.find((r) => r.tick === t)!;
    for (const t of [0, 10, 29]) {
      const u5 = at(t).assets.U005!;
      expect(u5.price).toBeCloseTo(u5.fundamental, 12); // dark: priced at value
      expect(u5.volume).toBe(0);
      expect(at(t).agents['model/A/U005']!.order).toBe(0);
    }
    const open = at(30).assets.U005!;
    expect(Math.abs(Math.log(open.price / open.fundamental))).toBeGreaterThan(1e-4);
    expect(at(30).assets.U005!.volume).toBeGreaterThan(0);
    expect(at(30).agents['model/A/U005']!.order).not.toBe(0); // online: the model scores it at once
    expect(at(49).assets.U006!.volume).toBe(0);
    expect(at(50).assets.U006!.volume).toBeGreaterThan(0);
  });

  it('trades every listed asset with one model and sums its book in the summary', async () => {
    const summary = await runToEnd(loaded, {}, (sim) => {
      const names = sim.parts.ledger.agents.map((a) => a.name).filter((n) => n.startsWith('model/'));
      return { names, models: sim.parts.roles[0]!.lanes };
    });
    expect(summary.models).toBe(6);
    expect(summary.names).toEqual(['model/A/U001', 'model/A/U002', 'model/A/U003', 'model/A/U004', 'model/A/U005', 'model/A/U006']);
  });

  it('is deterministic: same seed, same hash; another seed differs', async () => {
    const hash = (seed: number) => runToEnd(loaded, { seed }, (sim) => sim.hashes.hex(0));
    expect(await hash(3)).toBe(await hash(3));
    expect(await hash(4)).not.toBe(await hash(3));
  });
});
