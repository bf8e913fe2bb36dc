/**
 * What the trace records show changing by itself from one tick to the next, without an
 * intervention at that tick: a scheduled bug switching on or off, a model halted (the
 * engine halts a model whose training blew up), a new model version pushed.
 */
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import type { TickRecord } from '../setup/trace-record.ts';
import type { Intervention, SimEvent } from '../core/events.ts';

export interface RecordChange {
  tick: number;
  world: number;
  kind: 'bug' | 'halt' | 'version';
  text: string;
}

/** Record of world w at tick t (records are pushed tick by tick, world by world). */
export function recordAt(sim: Simulation, tick: number, world: number): TickRecord | undefined {
  const r = sim.records[tick * sim.worlds + world];
  return r && r.tick === tick && r.world === world ? r : undefined;
}

export function recordChanges(prev: TickRecord, cur: TickRecord): RecordChange[] {
  const touched = (model: string, type: Intervention['type']) => cur.events.some((e: SimEvent) => e.type === 'intervention' && e.intervention.model === model && e.intervention.type === type);
  const out: RecordChange[] = [];
  const pushed: string[] = [];
  for (const [name, m] of Object.entries(cur.models)) {
    const before = prev.models[name];
    if (!before) continue;
    if (m.bug !== before.bug && !touched(name, 'set-bug')) out.push({ tick: cur.tick, world: cur.world, kind: 'bug', text: `${name}: bug switched ${m.bug ? 'on' : 'off'}` });
    if (m.halted !== before.halted && !touched(name, 'halt')) out.push({ tick: cur.tick, world: cur.world, kind: 'halt', text: `${name}: ${m.halted ? 'halted' : 'resumed'}` });
    if (m.version > before.version && !touched(name, 'rollback')) pushed.push(`${name} v${m.version}`);
  }
  if (pushed.length > 0) out.push({ tick: cur.tick, world: cur.world, kind: 'version', text: `pushed ${pushed.join(', ')}` });
  return out;
}

/** The changes of every world at the simulation's last tick (call after each step). */
export function lastTickChanges(sim: Simulation): RecordChange[] {
  const t = sim.tick - 1;
  if (t < 1) return [];
  const out: RecordChange[] = [];
  for (let w = 0; w < sim.worlds; w++) {
    const prev = recordAt(sim, t - 1, w);
    const cur = recordAt(sim, t, w);
    if (prev && cur) out.push(...recordChanges(prev, cur));
  }
  return out;
}
