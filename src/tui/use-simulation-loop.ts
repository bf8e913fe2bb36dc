/**
 * Runs the simulation between frames: each frame steps as many ticks as the speed asks
 * for (or, at `max`, as many as fit in the frame budget), then lets React and ink draw.
 * The screen therefore never waits on the simulation for longer than one budget.
 */
import { useEffect, useRef, type Dispatch } from 'react';
import type { Session } from './session.ts';
import { SPEEDS, type TuiAction, type TuiState } from './state.ts';
import type { FrameCounter } from './frame-counter.ts';

export interface LoopOptions {
  /** Frames per second aimed at. @default 30 */
  fps?: number;
  /** Share of a frame's time given to the simulation; drawing a frame takes about as long. @default 0.5 */
  simulationShare?: number;
  now: () => number;
}

/** Longest stretch of wall time one frame catches up on (ms), so a stall is not followed by a burst. */
const MAX_FRAME_MS = 250;

/** Ticks to run in a frame `elapsedMs` long at `speed` ticks/s, carrying the fraction over. */
export function ticksForFrame(speed: number, elapsedMs: number, carry: number): { ticks: number; carry: number } {
  if (!Number.isFinite(speed)) return { ticks: Number.POSITIVE_INFINITY, carry: 0 };
  const exact = carry + (speed * Math.min(elapsedMs, MAX_FRAME_MS)) / 1000;
  const ticks = Math.floor(exact);
  return { ticks, carry: exact - ticks };
}

/** Ticks to run this frame: toward `]`'s goal even while paused, else by speed unless paused. */
export function planTicks(session: Session, state: TuiState, elapsedMs: number, carry: number): { ticks: number; carry: number } {
  if (session.goal !== undefined) return { ticks: session.goal - session.sim.tick, carry };
  if (state.paused || session.sim.done) return { ticks: 0, carry: 0 };
  return ticksForFrame(SPEEDS[state.speedIndex]!, elapsedMs, carry);
}

export function useSimulationLoop(session: Session, state: TuiState, dispatch: Dispatch<TuiAction>, frames: FrameCounter, options: LoopOptions): void {
  const stateRef = useRef(state);
  stateRef.current = state;
  const { now } = options;
  const frameMs = 1000 / (options.fps ?? 30);
  const budgetMs = frameMs * (options.simulationShare ?? 0.5);

  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    let last = now();
    let carry = 0;
    // Whether any frame since the last stats sample advanced the simulation.
    let busySinceSample = false;
    const frame = () => {
      const start = now();
      const s = stateRef.current;
      const plan = planTicks(session, s, start - last, carry);
      const maxTicks = plan.ticks;
      carry = plan.carry;
      last = start;
      const catchUp = s.counterfactual && session.counterfactualBehind();
      const busy = maxTicks > 0 || catchUp;
      busySinceSample ||= busy;
      if (busy) {
        const done = session.advance(maxTicks, budgetMs, now, s.counterfactual);
        if (done.ticks > 0 || done.counterfactualTicks > 0) dispatch({ type: 'sim-changed' });
      }
      const sample = frames.sample(session.ticksRun, busySinceSample);
      if (sample) {
        busySinceSample = false;
        dispatch({ type: 'stats', stats: { fps: sample.fps, ticksPerSecond: sample.ticksPerSecond } });
      }
      timer = setTimeout(frame, Math.max(0, frameMs - (now() - start)));
    };
    timer = setTimeout(frame, 0);
    return () => clearTimeout(timer);
  }, [session, dispatch, frames, now, frameMs, budgetMs]);
}
