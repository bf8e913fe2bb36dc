/**
 * Upstream versions: a scheduled change serves new values from its tick (scale, offset,
 * sign, lag, definition). A pinned consumer is served its version through the
 * deprecation window while the newest runs in shadow; it upgrades manually at a tick or
 * automatically once the shadow passes validation, and otherwise gets a deprecation alert
 * at the end of the window. A does not trade here (gain 0), so the market, and the
 * unversioned signal, are the same in every run.
 */
import { describe, expect, it } from 'vitest';
import { smallScenario, stepThrough } from './helpers.ts';

const CHANGE_TICK = 40;

function versioned(change: Record<string, unknown>, feature: Record<string, unknown> = {}, deprecation = 100) {
  return smallScenario({
    signals: { feed: { changes: [{ tick: CHANGE_TICK, ...change }], deprecation } },
    features: [{ name: 'x', signal: 'momentum', window: 10, source: 'feed', ...feature }, { name: 'plain', signal: 'momentum', window: 10 }, { name: 'short', signal: 'momentum', window: 5 }],
    gain: 0,
  });
}

async function run(loaded: ReturnType<typeof versioned>) {
  const x: number[] = [];
  const plain: number[] = [];
  const short: number[] = [];
  const version: number[] = [];
  const alerts = await stepThrough(
    loaded,
    {},
    (sim, t) => {
      const p = sim.parts.roles[0]!.pipeline;
      x.push(p.raw.get(0, t, 0));
      plain.push(p.raw.get(0, t, 1));
      short.push(p.raw.get(0, t, 2));
      version.push(p.links!.served[0]!);
    },
    (sim) => sim.events.filter((e) => e.type === 'alert').map((e) => ({ tick: e.tick, ...(e as { alert: { monitor: string; message: string } }).alert })),
  );
  return { x, plain, short, version, alerts };
}

describe('upstream changes', () => {
  it('scale: values x factor from the change tick on', async () => {
    const r = await run(versioned({ type: 'scale', factor: 100 }));
    for (let t = 0; t < 80; t++) expect(r.x[t]).toBeCloseTo(t < CHANGE_TICK ? r.plain[t]! : 100 * r.plain[t]!, 12);
    expect(r.version[CHANGE_TICK - 1]).toBe(1);
    expect(r.version[CHANGE_TICK]).toBe(2);
  });

  it('offset and sign', async () => {
    const o = await run(versioned({ type: 'offset', offset: 3 }));
    const s = await run(versioned({ type: 'sign' }));
    for (let t = CHANGE_TICK; t < 80; t++) {
      expect(o.x[t]).toBeCloseTo(o.plain[t]! + 3, 12);
      expect(s.x[t]).toBe(-s.plain[t]!);
    }
  });

  it('lag: values served `ticks` late', async () => {
    const r = await run(versioned({ type: 'lag', ticks: 3 }));
    for (let t = CHANGE_TICK; t < 80; t++) expect(r.x[t]).toBe(r.plain[t - 3]);
  });

  it('definition: momentum recomputed over a 5-tick window', async () => {
    const r = await run(versioned({ type: 'definition', window: 5 }));
    for (let t = 0; t < 80; t++) expect(r.x[t]).toBe(t < CHANGE_TICK ? r.plain[t] : r.short[t]);
  });

  it('an announced change raises an info alert at its tick; a silent one none', async () => {
    const announced = await run(versioned({ type: 'scale', announced: true }));
    expect(announced.alerts).toEqual([expect.objectContaining({ tick: CHANGE_TICK, monitor: 'upstream', severity: 'info' })]);
    expect((await run(versioned({ type: 'scale' }))).alerts).toEqual([]);
  });
});

describe('pinned versions', () => {
  it('a pinned consumer is served version 1 through the deprecation window, then alerted, and stays pinned', async () => {
    const r = await run(versioned({ type: 'scale', factor: 100 }, { pin: { version: 1, window: 10 } }, 25));
    expect(r.x).toEqual(r.plain);
    expect(r.version.every((v) => v === 1)).toBe(true);
    expect(r.alerts).toEqual([expect.objectContaining({ tick: CHANGE_TICK + 25, monitor: 'deprecation', severity: 'warning' })]);
    expect(r.alerts[0]!.message).toMatch(/still pinned to feed v1 .*shadow validation failed \(KS distance [01]\.\d{3} >= 0\.5\)/);
  });

  it('manual upgrade at a tick: the new version from that tick', async () => {
    const r = await run(versioned({ type: 'scale', factor: 100 }, { pin: { version: 1, upgrade: 'manual', at: 55 } }));
    for (let t = 0; t < 80; t++) expect(r.x[t]).toBeCloseTo(t < 55 ? r.plain[t]! : 100 * r.plain[t]!, 12);
    expect(r.alerts).toEqual([expect.objectContaining({ tick: 55, monitor: 'upgrade' })]);
  });

  it('automatic upgrade once the shadow passes validation (a harmless change: KS distance 0)', async () => {
    const r = await run(versioned({ type: 'scale', factor: 1 }, { pin: { version: 1, window: 10 } }));
    // The first full shadow window is ticks 40..49: the upgrade happens at 49, served from 49.
    expect(r.version.indexOf(2)).toBe(CHANGE_TICK + 9);
    expect(r.alerts).toEqual([expect.objectContaining({ tick: CHANGE_TICK + 9, monitor: 'upgrade', severity: 'info' })]);
  });
});
