/**
 * Hot phases read some numbers a column at a time (every world at once) beside the
 * world-by-world reads that monitors, summaries and signals with declared sources use.
 * Each column reader must give exactly the world-by-world numbers: a signal of every
 * kind, and every reading that offers a column (served features of every lane, with a
 * bug on and a feature quarantined; bug switches), over any block of worlds.
 */
import { describe, expect, it } from 'vitest';
import { readSignal, readSignalColumn, type SignalSpec } from '../../src/signals/observe.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { SMALL_UNIVERSE } from '../helpers/scenarios.ts';

const WORLDS = 5;

// SMALL_UNIVERSE's multi-asset model A, with a scale bug from tick 30 on its first feature.
const withBug = SMALL_UNIVERSE.replace('    training: { warmup: 20', '    bugs: [{ type: scale, feature: value-ratio, factor: 1.5, from: 30 }]\n    training: { warmup: 20');

async function runTo(tick: number) {
  const sim = await buildSimulation(loadScenarioText(withBug, 'universe.yaml'), { worlds: WORLDS });
  sim.intervene({ type: 'quarantine', model: 'A', feature: 'value-ratio', world: 2 });
  for (let t = 0; t < tick; t++) sim.step();
  return sim;
}

describe('column reads equal world-by-world reads', () => {
  it('readSignalColumn gives readSignal of every world, for every kind of signal and lag', async () => {
    const sim = await runTo(45);
    const { market, published } = sim.parts;
    const t = sim.tick - 1;
    const specs: SignalSpec[] = [];
    for (let asset = 0; asset < market.assets; asset++) {
      specs.push({ kind: 'price', asset, lag: 0, window: 0 }, { kind: 'volume', asset, lag: 0, window: 0 }, { kind: 'value-ratio', asset, lag: 0, window: 0 });
      for (const lag of [1, 20, 60]) specs.push({ kind: 'return', asset, lag, window: 0 }); // 60 reaches back before tick 0
      specs.push({ kind: 'momentum', asset, lag: 0, window: 5 }, { kind: 'model-output', asset, lag: 0, window: 0, model: 0 });
    }
    const out = new Float64Array(3 * WORLDS + 1).fill(Number.NaN);
    for (const spec of specs) {
      readSignalColumn(spec, market, t, published, out, 1, 3);
      for (let w = 0; w < WORLDS; w++) expect(out[1 + 3 * w], `${spec.kind} lag ${spec.lag} of asset ${spec.asset}, world ${w}`).toBe(readSignal(spec, market, w, t, published));
    }
    sim.dispose();
  });

  it('observing a tick feature by feature over all lanes gives the rows observing lane by lane gives', async () => {
    const sim = await runTo(45);
    const role = sim.parts.roles[0]!;
    const pipeline = role.pipeline;
    const t = sim.tick - 1; // its features were read after its news, and nothing they read has moved since
    const rows = () => [pipeline.raw, pipeline.z].map((ring) => Array.from(ring.data.subarray(ring.rowStart(t), ring.rowStart(t) + ring.worlds * ring.cols)));
    const byColumns = rows();
    expect(byColumns[0]!.some((v, i) => v !== byColumns[1]![i])).toBe(true); // raw and standardized differ: a real fit
    for (let i = 0; i < role.layout.size; i++) pipeline.observe(sim.parts.market, i, t, sim.parts.published);
    expect(rows()).toEqual(byColumns);
    sim.dispose();
  });

  it('every reading with a column writes read(w) of every world in the block asked', async () => {
    const sim = await runTo(45);
    const withColumn = sim.readings.all().filter((r) => r.column);
    // Served features of every lane and the bug switch; the column readers are not a few.
    expect(withColumn.map((r) => r.name)).toContain('bug:A');
    expect(withColumn.filter((r) => r.name.startsWith('feature:A/')).length).toBeGreaterThan(4);
    const quarantined = sim.readings.get('feature:A/value-ratio');
    expect(quarantined.read(2)).toBe(0); // quarantined in world 2: served as its warm-up mean
    expect(quarantined.read(1)).not.toBe(0);
    expect(sim.readings.get('bug:A').read(0)).toBe(1);
    for (const [from, to] of [[0, WORLDS], [1, 4], [3, 4]] as const) {
      for (const r of withColumn) {
        const out = new Float64Array(2 * (to - from) + 1).fill(Number.NaN);
        r.column!(from, to, out, 2, 1);
        for (let w = from; w < to; w++) expect(out[2 * (w - from) + 1], `${r.name}, world ${w}, block ${from}..${to}`).toBe(r.read(w));
      }
    }
    sim.dispose();
  });
});
