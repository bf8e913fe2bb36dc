/**
 * Monitors inside a run: alerts are events in the trace, rules act at the next tick
 * (halt, rollback, freeze-training, quarantine), alerts are deterministic and survive
 * snapshots, custom monitors load from a file, and bad monitor settings get clear errors.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { ScenarioError } from '../../src/config/errors.ts';
import { SMALL_MANIA } from '../helpers/scenarios.ts';
import type { TulipSimulation as Simulation } from '../../src/setup/parts.ts';

const BUBBLE_GUARD = `
monitors:
  - { name: guard, type: bubble, debounce: 1, warmup: 90, options: { asset: X, threshold: 0.04 } }
`;

function scenario(extra: string, source = 'small-mania.yaml') {
  return loadScenarioText(SMALL_MANIA + extra, source);
}

async function run(extra: string, ticks = 200, record = true): Promise<Simulation> {
  const sim = await buildSimulation(scenario(extra), { seed: 7, worlds: 2, ticks, backend: 'cpu', record });
  sim.run();
  return sim;
}

function firstAlertTick(sim: Simulation, world: number, monitor: string): number {
  const e = sim.events.find((ev) => ev.type === 'alert' && ev.world === world && ev.alert.monitor === monitor);
  if (!e) throw new Error(`no ${monitor} alert in world ${world}`);
  return e.tick;
}

describe('monitors in a simulation', () => {
  it('raise alerts as trace events with statistic, threshold and message', async () => {
    const sim = await run(BUBBLE_GUARD);
    const alert = sim.events.find((e) => e.type === 'alert' && e.alert.monitor === 'guard');
    expect(alert).toBeDefined();
    if (alert?.type !== 'alert') throw new Error('unreachable');
    expect(alert.alert.statistic).toBeGreaterThan(0.04);
    expect(alert.alert.threshold).toBe(0.04);
    expect(alert.alert.message).toMatch(/away from its value/);
    expect(sim.records.find((r) => r.tick === alert.tick && r.world === alert.world)!.monitors.guard!.statistic).toBe(alert.alert.statistic);
    sim.dispose();
  });

  it('a halt rule flattens the model from the next tick on', async () => {
    const sim = await run(BUBBLE_GUARD + 'rules:\n  - { when: guard, do: halt, model: B }\n');
    const t = firstAlertTick(sim, 0, 'guard');
    const halt = sim.events.find((e) => e.type === 'intervention' && e.world === 0);
    expect(halt).toMatchObject({ tick: t + 1, intervention: { type: 'halt', model: 'B', reason: 'rule: guard -> halt' } });
    const after = sim.records.filter((r) => r.world === 0 && r.tick > t + 40);
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) {
      expect(r.models.B!.halted).toBe(true);
      expect(Math.abs(r.agents['model/B']!.position)).toBeLessThan(5);
    }
    sim.dispose();
  });

  it('freeze-training stops retraining: the version stays put', async () => {
    const sim = await run(BUBBLE_GUARD + 'rules:\n  - { when: guard, do: freeze-training, model: B }\n');
    const t = firstAlertTick(sim, 0, 'guard');
    const versions = sim.records.filter((r) => r.world === 0 && r.tick > t + 1).map((r) => r.models.B!.version);
    expect(new Set(versions).size).toBe(1);
    expect(sim.records.find((r) => r.world === 0 && r.tick === t + 2)!.models.B!.mode).toBe('static');
    sim.dispose();
  });

  it('a rollback rule serves the previous version’s exact weights', async () => {
    const sim = await buildSimulation(scenario(BUBBLE_GUARD + 'rules:\n  - { when: guard, do: rollback, model: B }\n'), { seed: 7, worlds: 1, backend: 'cpu', record: true });
    const role = sim.parts.roles[1]!;
    // Run until the alert, remember the previous version's weights, then take the rollback tick.
    while (!sim.events.some((e) => e.type === 'alert')) sim.step();
    const previous = sim.parts.versions.previous(1, 0)!;
    expect(previous.version).toBeLessThan(role.version[0]!);
    sim.step();
    expect(role.version[0]).toBe(previous.version);
    const now = role.bank.worldParams(0);
    previous.state.params.forEach((p, i) => expect(Array.from(now[i]!)).toEqual(Array.from(p)));
    sim.dispose();
  });

  it('quarantine serves the feature as its training mean', async () => {
    const sim = await run(BUBBLE_GUARD + 'rules:\n  - { when: guard, do: quarantine, model: A, feature: value-ratio }\n');
    const t = firstAlertTick(sim, 0, 'guard');
    const role = sim.parts.roles[0]!;
    expect(role.pipeline.standardized(0, sim.tick - 1, 0)).toBe(0);
    expect(role.pipeline.quarantined[0]).toBe(1);
    expect(sim.events.some((e) => e.type === 'intervention' && e.tick === t + 1 && e.intervention.type === 'quarantine')).toBe(true);
    sim.dispose();
  });

  it('alerts are deterministic, part of the hash, and survive snapshot and restore', async () => {
    const extra = BUBBLE_GUARD + `  - { name: loop, type: cross-correlation, options: { cause: orders:B, effect: return:X, window: 20 } }
  - { name: drift, type: page-hinkley, options: { series: prediction:A, threshold: 5 } }
rules:
  - { when: guard, do: halt, model: A }
`;
    const a = await run(extra, 200, false);
    const b = await run(extra, 200, false);
    const alerts = (s: Simulation) => s.events.filter((e) => e.type === 'alert').map((e) => `${e.world}/${e.tick}/${(e as { alert: { monitor: string } }).alert.monitor}`);
    expect(alerts(a).length).toBeGreaterThan(0);
    expect(alerts(b)).toEqual(alerts(a));
    expect(b.hashes.hex(0)).toBe(a.hashes.hex(0));
    const quiet = await run('', 200, false);
    expect(quiet.hashes.hex(0)).not.toBe(a.hashes.hex(0));

    const c = await buildSimulation(scenario(extra), { seed: 7, worlds: 2, backend: 'cpu' });
    c.run(120);
    const snap = c.snapshot();
    c.run();
    const straight = c.hashes.hex(1);
    c.restore(snap);
    c.run();
    expect(c.hashes.hex(1)).toBe(straight);
    expect(straight).toBe(a.hashes.hex(1));
    for (const s of [a, b, c, quiet]) s.dispose();
  });

  it('loads a custom monitor from a file named in the scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tulip-monitor-'));
    writeFileSync(
      join(dir, 'wide.ts'),
      `export default (options) => ({ observe: (view) => ({ statistic: Math.abs(view.price('X') - view.fundamental('X')), threshold: options.limit }) });\n`,
    );
    const loaded = loadScenarioText(SMALL_MANIA + `monitors:\n  - { name: wide, type: custom, module: ./wide.ts, debounce: 1, options: { limit: 1 } }\n`, join(dir, 'scenario.yaml'));
    const sim = await buildSimulation(loaded, { seed: 7, worlds: 1, backend: 'cpu' });
    sim.run();
    expect(sim.events.some((e) => e.type === 'alert' && e.alert.monitor === 'wide')).toBe(true);
    sim.dispose();
  });

  it('--monitor adds a custom monitor module to a scenario, named after its file', async () => {
    const { withCustomMonitors } = await import('../../src/cli/run-command.ts');
    const loaded = withCustomMonitors('scenarios/tulip-mania.yaml', ['ticks=400'], ['docs/examples/price-gap-monitor.ts']);
    expect(loaded.config.monitors.map((m) => [m.name, m.type])).toEqual([['price-gap-monitor', 'custom']]);
    const sim = await buildSimulation(loaded, { seed: 1, worlds: 2, backend: 'cpu' });
    sim.run();
    expect(sim.events.some((e) => e.type === 'alert' && e.alert.monitor === 'price-gap-monitor')).toBe(true);
    sim.dispose();
    expect(() => withCustomMonitors('scenarios/tulip-mania.yaml', [], ['nope.ts'])).toThrow('--monitor nope.ts: file not found');
  });

  it('rejects unknown monitor types, bad options and rules naming nothing, with paths', () => {
    const bad = `monitors:
  - { name: m1, type: bubbel }
  - { name: m2, type: bubble, options: { threshold: -1 } }
  - { name: m3, type: granger, options: { cause: orders:Z } }
rules:
  - { when: nope, do: halt, model: A }
  - { when: m2, do: quarantine, model: A, feature: volume }
`;
    let error: unknown;
    try {
      scenario(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const text = (error as ScenarioError).message;
    expect(text).toContain('monitors[0].type: unknown monitor type "bubbel"; built-in: bubble, range');
    expect(text).toContain('monitors[1].options.threshold: must be > 0, got the number -1');
    expect(text).toContain('monitors[2].options.cause: orders:Z: unknown model Z; models: A, B');
    expect(text).toContain('rules[0].when: no monitor named "nope"; monitors: m1, m2, m3');
    expect(text).toContain('rules[1].feature: model A has no feature "volume"');
  });
});
