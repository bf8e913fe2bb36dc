/**
 * The input monitors that watch data dependencies, in a run: staleness and missing-rate
 * alarm on exact ticks of a calendar outage; skew alarms when a silent x100 reaches the
 * served values; a staleness alert can quarantine the feature (issue 6's rule).
 */
import { describe, expect, it } from 'vitest';
import { smallScenario, stepThrough } from './helpers.ts';

// Down on ticks 50..57.
const OUTAGE = { valuation: { outages: [{ type: 'calendar', every: 100, length: 8, from: 50 }], changes: [] as unknown[] } };

async function alerts(monitors: unknown[], rules: unknown[] = [], signals: Record<string, unknown> = OUTAGE) {
  const loaded = smallScenario({ signals, features: [{ signal: 'value-ratio', source: 'valuation' }, { signal: 'return' }], more: { monitors, rules } });
  const quarantined: number[] = [];
  const result = await stepThrough(
    loaded,
    {},
    (sim, t) => {
      if (sim.parts.roles[0]!.pipeline.quarantined[0]) quarantined.push(t);
    },
    (sim) => sim.events.filter((e) => e.type === 'alert').map((e) => [e.tick, (e as { alert: { monitor: string } }).alert.monitor]),
  );
  return { alerts: result, quarantined };
}

describe('input monitors', () => {
  it('staleness: stale 4 ticks at 53, debounced 3 ticks -> alarm at 55', async () => {
    const r = await alerts([{ name: 'stale', type: 'staleness', options: { model: 'A', threshold: 3 } }]);
    expect(r.alerts).toEqual([[55, 'stale']]);
  });

  it('missing-rate: half of a 4-tick window missing from tick 51; above 0.5 from 52; debounce 1 -> 52', async () => {
    const r = await alerts([{ name: 'miss', type: 'missing-rate', debounce: 1, options: { model: 'A', window: 4, threshold: 0.5 } }]);
    expect(r.alerts).toEqual([[52, 'miss']]);
  });

  it('skew: a silent x100 change at tick 60 alarms at 60 with debounce 1', async () => {
    const signals = { valuation: { changes: [{ tick: 60, type: 'scale', factor: 100 }] } };
    const r = await alerts([{ name: 'skew', type: 'skew', debounce: 1, warmup: 40, options: { model: 'A', feature: 'value-ratio', threshold: 20 } }], [], signals);
    expect(r.alerts).toEqual([[60, 'skew']]);
  });

  it('a staleness alert quarantines the feature from the next tick', async () => {
    const r = await alerts([{ name: 'stale', type: 'staleness', debounce: 1, options: { model: 'A', threshold: 0 } }], [{ when: 'stale', do: 'quarantine', model: 'A', feature: 'value-ratio' }]);
    expect(r.alerts[0]).toEqual([50, 'stale']);
    expect(r.quarantined[0]).toBe(51);
  });
});
