/**
 * The event log: interventions, alerts, scheduled bugs switching, version pushes and
 * queued commands of one world, by tick.
 */
import type { TickRecord } from '../../setup/trace-record.ts';
import type { Alert, Intervention } from '../../core/events.ts';
import { recordAt } from '../record-changes.ts';
import type { Session } from '../session.ts';

export type LogKind = 'intervention' | 'alert' | 'bug' | 'version' | 'queued' | 'halt';

export interface LogLine {
  tick: number | undefined;
  kind: LogKind;
  text: string;
  severity?: Alert['severity'];
}

export function describeIntervention(iv: Intervention, after?: TickRecord): string {
  const by = iv.reason ? ` (${iv.reason})` : '';
  switch (iv.type) {
    case 'set-bug':
      return `${iv.model}: bug forced ${iv.on ? 'on' : 'off'}${by}`;
    case 'set-training':
      return `${iv.model}: training -> ${iv.mode}${by}`;
    case 'halt':
      return `${iv.model}: ${iv.on === false ? 'resumed' : 'halted'}${by}`;
    case 'rollback': {
      const v = after?.models[iv.model]?.version;
      return `${iv.model}: rolled back${v === undefined ? '' : ` to v${v}`}${by}`;
    }
    case 'quarantine':
      return `${iv.model}: ${iv.feature} ${iv.on === false ? 'released' : 'quarantined'}${by}`;
    default:
      // An intervention type newer than this view: name it rather than hide it.
      return `${(iv as { model: string }).model}: ${(iv as { type: string }).type}${by}`;
  }
}

/**
 * The event log of one world, oldest first, at most `limit` lines: interventions and
 * alerts from `sim.events`, what the records show changing by itself (a scheduled bug
 * switching on, a model halted, the newest version pushed), and queued commands.
 */
export function eventLog(session: Session, world: number, limit: number): LogLine[] {
  const sim = session.sim;
  const lines: LogLine[] = [];
  for (const e of sim.events) {
    if (e.world !== world || e.tick >= sim.tick) continue;
    if (e.type === 'intervention') lines.push({ tick: e.tick, kind: 'intervention', text: describeIntervention(e.intervention, recordAt(sim, e.tick, world)) });
    else lines.push({ tick: e.tick, kind: 'alert', severity: e.alert.severity, text: `[${e.alert.severity}] ${e.alert.monitor}${e.alert.model ? ` ${e.alert.model}` : ''}: ${e.alert.message}` });
  }
  for (const c of session.changes(world)) lines.push({ tick: c.tick, kind: c.kind, text: c.text });
  // A stable sort: at one tick, interventions and alerts come before what followed from them.
  lines.sort((a, b) => a.tick! - b.tick!);
  const queued = session.queued.filter((iv) => iv.world === undefined || iv.world === world).map((iv): LogLine => ({ tick: undefined, kind: 'queued', text: `${describeIntervention(iv)} (next tick)` }));
  return [...lines, ...queued].slice(-limit);
}
