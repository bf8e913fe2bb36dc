/**
 * The status bar: run state, tick, seed, speed, backend, worlds, hash prefix, and the
 * measured frames and ticks per second.
 */
import type { Session } from '../session.ts';
import { speedLabel, type TuiState } from '../state.ts';

/** The status bar's pieces that come from the simulation (the views add fps and ticks/s). */
export function statusParts(session: Session, state: TuiState): string[] {
  const sim = session.sim;
  const p = sim.parts;
  const run = sim.done ? '■ done' : session.goal !== undefined ? '» forward' : state.paused ? '‖ paused' : '▶ running';
  const worlds = sim.worlds > 1 ? `world ${state.world}/${sim.worlds}` : '1 world';
  return [run, `tick ${sim.tick}/${sim.totalTicks}`, `seed ${p.seeds[state.world]}`, speedLabel(state.speedIndex), p.backend, worlds, `#${sim.hashes.hex(state.world).slice(0, 8)}`];
}

export function statsPart(stats: TuiState['stats']): string {
  return `${Math.round(stats.fps)} fps ${Math.round(stats.ticksPerSecond)} t/s`;
}

/** The status bar's text: ` │ `-separated with a help hint when wide, packed closer when narrow. */
export function statusLine(parts: string[], width: number): string {
  const wide = [...parts, '? help'].join(' │ ');
  const text = wide.length <= width ? wide : parts.join('  ');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}
