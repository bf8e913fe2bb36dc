/**
 * Missing-value policies: while a feature's source is down the pipeline logs hold-last
 * (the last value received), zero, training-mean (the warm-up mean once fitted) or, for
 * skip-trading, the last value while the model places no order that tick.
 */
import { describe, expect, it } from 'vitest';
import { smallScenario, stepThrough } from './helpers.ts';
import type { TulipSimulation as Simulation } from '../../src/setup/parts.ts';

// Down on ticks 40-44 (after the warm-up of 30) and 70-74.
const OUTAGE = { valuation: { outages: [{ type: 'calendar', every: 30, length: 5, from: 40 }] } };
const DOWN = [40, 41, 42, 43, 44, 70, 71, 72, 73, 74];

async function observe(missing: string) {
  const loaded = smallScenario({ signals: OUTAGE, features: [{ signal: 'value-ratio', source: 'valuation', missing }, { signal: 'return' }] });
  const raw: number[] = [];
  const orders: number[] = [];
  let mean = Number.NaN;
  await stepThrough(
    loaded,
    {},
    (sim: Simulation, t) => {
      const role = sim.parts.roles[0]!;
      raw.push(role.pipeline.raw.get(0, t, 0));
      orders.push(sim.parts.ledger.order[sim.parts.ledger.index(0, sim.parts.ledger.agentIndex('model/A'))]!);
      if (t === 30) mean = role.pipeline.mean[0]!;
    },
    () => undefined,
  );
  return { raw, orders, mean };
}

describe('missing-value policies', () => {
  it('hold-last repeats the last value received through each outage', async () => {
    const { raw } = await observe('hold-last');
    for (const t of DOWN) expect(raw[t]).toBe(raw[t < 70 ? 39 : 69]);
    expect(raw[45]).not.toBe(raw[39]);
  });

  it('zero logs a raw 0', async () => {
    const { raw } = await observe('zero');
    for (const t of DOWN) expect(raw[t]).toBe(0);
    expect(raw[39]).toBeGreaterThan(0.5);
  });

  it('training-mean logs the warm-up mean the pipeline standardizes with', async () => {
    const { raw, mean } = await observe('training-mean');
    expect(Number.isFinite(mean)).toBe(true);
    for (const t of DOWN) expect(raw[t]).toBe(mean);
  });

  it('skip-trading holds the last value and places no order while the input is missing', async () => {
    const { raw, orders } = await observe('skip-trading');
    for (const t of DOWN) {
      expect(raw[t]).toBe(raw[t < 70 ? 39 : 69]);
      expect(orders[t]).toBe(0);
    }
    expect(orders.slice(45, 70).some((o) => o !== 0)).toBe(true);
  });

  it('before any value arrives, a missing value is logged as 0 (nothing to hold)', async () => {
    const loaded = smallScenario({ signals: { v: { outages: [{ type: 'calendar', every: 50, length: 2, from: 0 }] } }, features: [{ signal: 'value-ratio', source: 'v' }] });
    const raw: number[] = [];
    await stepThrough(loaded, {}, (sim, t) => raw.push(sim.parts.roles[0]!.pipeline.raw.get(0, t, 0)), () => undefined);
    expect(raw.slice(0, 3).map((x) => x === 0)).toEqual([true, true, false]);
    expect(raw[51]).toBe(raw[49]);
  });
});
