import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/tui/session.ts';
import { stepTo, tulipMania } from './helpers.ts';

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

const interventions = (s: Session) => s.sim.events.filter((e) => e.type === 'intervention');

describe('Session commands', () => {
  it('toggling the bug queues an intervention that is recorded at the next tick', async () => {
    session = await tulipMania();
    stepTo(session, 260);
    expect(session.sim.parts.roles[0]!.bugActive(0)).toBe(true);
    const notice = session.toggleBug(0, 0);
    expect(notice).toBe('A: bug forced off from tick 260');
    expect(session.queued).toEqual([{ type: 'set-bug', model: 'A', on: false }]);
    expect(interventions(session)).toHaveLength(0);
    session.step();
    expect(session.queued).toHaveLength(0);
    expect(interventions(session)).toEqual([{ tick: 260, world: 0, type: 'intervention', intervention: { type: 'set-bug', model: 'A', on: false } }]);
    expect(session.sim.records.at(-1)!.models.A!.bug).toBe(false);
    expect(session.sim.records.at(-1)!.events).toHaveLength(1);
  });

  it('a second toggle before the tick runs undoes the first', async () => {
    session = await tulipMania();
    stepTo(session, 260);
    session.toggleBug(0, 0);
    expect(session.toggleBug(0, 0)).toMatch(/forced on/);
    session.step();
    expect(session.sim.records.at(-1)!.models.A!.bug).toBe(true);
  });

  it('refuses to toggle a model without bugs, recording nothing', async () => {
    session = await tulipMania();
    expect(session.toggleBug(1, 0)).toBe('B has no injected bug to toggle');
    expect(session.queued).toHaveLength(0);
  });

  it('switches training static and back', async () => {
    session = await tulipMania();
    stepTo(session, 200);
    expect(session.toggleTraining(1, 0)).toBe('B: training static from tick 200');
    session.step();
    expect(session.sim.records.at(-1)!.models.B!.mode).toBe('static');
    const version = session.sim.records.at(-1)!.models.B!.version;
    stepTo(session, 240);
    expect(session.sim.records.at(-1)!.models.B!.version).toBe(version);
  });

  it('rollback serves the previous version with its weights and says when there is none', async () => {
    session = await tulipMania();
    expect(session.rollback(1, 0)).toMatch(/no earlier version.*not trained yet/);
    stepTo(session, 200);
    const role = session.sim.parts.roles[1]!;
    const versions = session.sim.parts.versions.versions(1, 0);
    expect(versions.length).toBeGreaterThan(1);
    const current = role.version[0]!;
    const previous = versions.at(-2)!;
    expect(previous.version).toBe(current - 1);
    expect(session.rollback(1, 0)).toBe(`B: rollback v${current} -> v${current - 1} at tick 200`);
    session.step();
    expect(role.version[0]).toBe(current - 1);
    expect(role.bank.worldParams(0)).toEqual(previous.state.params);
    expect(interventions(session).at(-1)!.intervention).toEqual({ type: 'rollback', model: 'B' });
    expect(session.sim.records.at(-1)!.models.B!.version).toBe(current - 1);
  });
});

describe('Session rewind', () => {
  it('rewinds to the last snapshot and, stepping on without interventions, reaches the same hash', async () => {
    session = await tulipMania();
    stepTo(session, 290);
    const hash = session.sim.hashes.hex(0);
    const records = session.sim.records.length;
    expect(session.rewind()).toBe('rewound to tick 275');
    expect(session.sim.tick).toBe(275);
    expect(session.sim.records).toHaveLength(275);
    expect(session.rewind()).toBe('rewound to tick 250');
    expect(session.forward()).toBe('forward to tick 275');
    while (session.goal !== undefined) session.step();
    expect(session.sim.tick).toBe(275);
    stepTo(session, 290);
    expect(session.sim.records).toHaveLength(records);
    expect(session.sim.hashes.hex(0)).toBe(hash);
  });

  it('] pressed four times before the ticks run goes four snapshots on, not one', async () => {
    session = await tulipMania();
    stepTo(session, 110);
    for (let k = 0; k < 4; k++) session.forward();
    expect(session.goal).toBe(200);
    while (session.goal !== undefined) session.step();
    expect(session.sim.tick).toBe(200);
    // The goal stops at the end of the run.
    for (let k = 0; k < 20; k++) session.forward();
    expect(session.goal).toBe(session.sim.totalTicks);
  });

  it('[ pressed 13 times lands 13 snapshots back', async () => {
    session = await tulipMania();
    stepTo(session, 310);
    for (let k = 0; k < 13; k++) session.rewind();
    expect(session.sim.tick).toBe(0);
    stepTo(session, 310);
    for (let k = 0; k < 2; k++) session.rewind();
    expect(session.sim.tick).toBe(275);
  });

  it('rewinding past an intervention removes it from the events and the trace', async () => {
    session = await tulipMania();
    stepTo(session, 280);
    session.toggleTraining(1, 0);
    session.step();
    expect(interventions(session)).toHaveLength(1);
    session.rewind();
    expect(session.sim.tick).toBe(275);
    expect(interventions(session)).toHaveLength(0);
    expect(session.changes(0).every((c) => c.tick < 275)).toBe(true);
  });

  it('a rollback after a rewind restores the same weights as before the rewind', async () => {
    session = await tulipMania();
    stepTo(session, 230);
    session.rollback(1, 0);
    session.step();
    const weights = session.sim.parts.roles[1]!.bank.worldParams(0);
    const hash = session.sim.hashes.hex(0);
    stepTo(session, 260);
    session.rewind();
    session.rewind();
    expect(session.sim.tick).toBe(225);
    stepTo(session, 230);
    session.rollback(1, 0);
    session.step();
    expect(session.sim.parts.roles[1]!.bank.worldParams(0)).toEqual(weights);
    expect(session.sim.hashes.hex(0)).toBe(hash);
  });

  it('says when there is nothing to rewind', async () => {
    session = await tulipMania();
    expect(session.rewind()).toMatch(/nothing to rewind/);
  });
});

describe('Session advance', () => {
  it('keeps the counterfactual run in lockstep, catching it up first', async () => {
    session = await tulipMania();
    stepTo(session, 40);
    const cf = session.counterfactual!;
    expect(cf.tick).toBe(0);
    const clock = () => 0;
    const result = session.advance(5, 1, clock, true);
    expect(result).toEqual({ ticks: 5, counterfactualTicks: 45 });
    expect(cf.tick).toBe(45);
    expect(session.sim.tick).toBe(45);
    expect(session.counterfactualBehind()).toBe(false);
    // The counterfactual's bug is off from tick 0: it never switches on.
    stepTo(session, 270);
    expect(session.counterfactualBehind()).toBe(true);
    session.advance(0, 1, clock, true);
    expect(cf.records.at(-1)!.models.A!.bug).toBe(false);
    expect(session.sim.records.at(-1)!.models.A!.bug).toBe(true);
  });

  it('stops when the frame budget is spent', async () => {
    session = await tulipMania();
    let t = 0;
    const clock = () => (t += 1);
    const result = session.advance(1000, 5, clock, false);
    expect(result.ticks).toBeGreaterThan(0);
    expect(result.ticks).toBeLessThan(6);
  });
});

describe('Session warm-up fit', () => {
  it('stops a frame before the long warm-up fit, so the screen can say why it pauses', async () => {
    session = await tulipMania();
    stepTo(session, 140);
    expect(session.warmupFitNext()).toBeUndefined();
    const result = session.advance(100, 1e9, () => 0, false);
    expect(result.ticks).toBe(9);
    // B's warm-up ends at tick 150 (A, trained once, fits at 240).
    expect(session.warmupFitNext()).toEqual(['B']);
    // The next frame runs the fit itself.
    expect(session.advance(1, 1e9, () => 0, false).ticks).toBe(1);
    expect(session.warmupFitNext()).toBeUndefined();
  });
});
