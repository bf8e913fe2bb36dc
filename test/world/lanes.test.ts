/**
 * A world is not a lane. A multi-asset model keeps one lane per asset in every world
 * (lane l of world w at w * lanes + l); these tests pin the two results that a mix-up of
 * the two once made silently wrong: a monitor reading another world's feature, and a
 * declared source elsewhere in the scenario corrupting a multi-asset model's rows.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import type { TulipSimulation } from '../../src/setup/parts.ts';
import { LaneLayout } from '../../src/world/lanes.ts';

const TWO_ASSETS = `title: Two assets
lesson: a multi-asset model A beside a one-asset model B, for lane tests
ticks: 40
seed: 11
bank: f64
market:
  assets:
    X: { initialPrice: 100 }
    Y: { initialPrice: 50 }
models:
  A:
    assets: [X, Y]
    features: [{ signal: price }, { signal: value-ratio }]
    training: { warmup: 20, warmupEpochs: 5, every: 5, window: 10, epochs: 2 }
  B:
    asset: X
    features: [{ signal: return, lag: 1, source: feed }]
    training: { warmup: 20, warmupEpochs: 5, every: 5, window: 10, epochs: 2 }
monitors:
  - { name: gap, type: bubble, options: { asset: X } }
`;
const SOURCE = `
signals:
  feed: { outages: [{ type: random, probability: 0.2 }] }
`;

async function run(text: string, worlds: number, read: (sim: TulipSimulation) => void): Promise<void> {
  const sim = await buildSimulation(loadScenarioText(text, 'two-assets.yaml', []), { worlds });
  try {
    sim.run();
    read(sim);
  } finally {
    sim.dispose();
  }
}

describe('LaneLayout', () => {
  it('puts lane l of world w at w * lanes + l and finds both back', () => {
    const layout = new LaneLayout(3, 2);
    expect(layout.size).toBe(6);
    expect(layout.at(1, 0)).toBe(2);
    expect(layout.at(2, 1)).toBe(5);
    for (let i = 0; i < layout.size; i++) expect(layout.at(layout.worldOf(i), layout.laneOf(i))).toBe(i);
  });
});

describe('worlds and lanes of a multi-asset model', () => {
  it("a monitor's view of world 1 reads world 1's own features, not another world's lane", async () => {
    await run(TWO_ASSETS + SOURCE, 3, (sim) => {
      const views = sim.parts.monitors!.views;
      for (let w = 0; w < 3; w++) {
        // Feature `price` (log price) of lane 0 (asset X) is the log price X opened at this tick in world w.
        const i = w * sim.parts.market.assets;
        expect(views[w]!.featureRaw('A', 'price')).toBe(sim.parts.market.logObserved[i]!);
      }
      // The three worlds have different seeds, so their prices differ: a mix-up cannot pass.
      const prices = views.map((v) => v.featureRaw('A', 'price'));
      expect(new Set(prices).size).toBe(3);
    });
  });

  it("a source declared for B leaves multi-asset A's rows whole: every lane of every world reads its own asset", async () => {
    await run(TWO_ASSETS + SOURCE, 3, (sim) => {
      const A = sim.parts.roles.find((r) => r.name === 'A')!;
      const history = sim.parts.market.observedHistory;
      expect(Array.from(A.pipeline.raw.data).some(Number.isNaN)).toBe(false);
      // Ticks still in the ring: the last `capacity` ticks of the run.
      for (let t = sim.tick - 10; t < sim.tick; t++) {
        for (let w = 0; w < 3; w++) {
          for (let lane = 0; lane < 2; lane++) expect(A.pipeline.raw.get(A.layout.at(w, lane), t, 0)).toBe(history.get(w, t, A.laneAssets[lane]!));
        }
      }
    });
  });

  it('every lane of A reads its own asset: lane 1 (Y) sees Y’s price', async () => {
    await run(TWO_ASSETS + SOURCE, 2, (sim) => {
      const A = sim.parts.roles.find((r) => r.name === 'A')!;
      const t = sim.tick - 1;
      for (let w = 0; w < 2; w++) {
        for (let lane = 0; lane < 2; lane++) {
          const asset = A.laneAssets[lane]!;
          expect(A.pipeline.raw.get(A.layout.at(w, lane), t, 0)).toBe(sim.parts.market.logObserved[w * 2 + asset]!);
        }
      }
    });
  });
});
