/**
 * Shared set-up for the terminal-UI tests: a tulip-mania session, short enough to be quick
 * but past the bug's start (tick 250) and the models' first versions (warm-up 150).
 */
import { fileURLToPath } from 'node:url';
import { openSession } from '../../src/tui/open-session.ts';
import type { Session } from '../../src/tui/session.ts';

export const TULIP_MANIA = fileURLToPath(new URL('../../scenarios/tulip-mania.yaml', import.meta.url));

export function tulipMania(ticks = 320, worlds = 1): Promise<Session> {
  return openSession(TULIP_MANIA, { ticks, worlds, backend: 'auto', snapshotEvery: 25 });
}

export function stepTo(session: Session, tick: number): void {
  while (session.sim.tick < tick) session.step();
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await delay(10);
  }
}

/**
 * Waits until ink listens to stdin: useInput subscribes in an effect after the first
 * render, and a key written before that is lost (on a busy machine that takes a while).
 */
export async function inputReady(stdin: { listenerCount: (event: string) => number }): Promise<void> {
  await until(() => stdin.listenerCount('readable') > 0, 10_000, 'ink to listen to stdin');
}

/** Lets pending input handlers, React updates and effects run (no wall-clock wait). */
export async function settle(turns = 5): Promise<void> {
  for (let k = 0; k < turns; k++) await new Promise((resolve) => setImmediate(resolve));
}
