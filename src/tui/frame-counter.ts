/**
 * Counts frames drawn and keeps per-second samples of fps and ticks/s, so the status bar
 * can show them and `tulip tui` can report them on exit. The clock is injected, so tests
 * are deterministic; the real one is performance.now (timing belongs in src/tui).
 */

export interface StatsSample {
  /** Seconds since the session opened, at the end of the sample. */
  at: number;
  fps: number;
  ticksPerSecond: number;
  /** Whether the simulation was advancing during the sample (fps is only meaningful then). */
  simulating: boolean;
  /** Simulation ticks run by the end of the sample. */
  ticksRun: number;
}

export class FrameCounter {
  /** Frames drawn so far (ink's onRender calls `frame()`). */
  frames = 0;
  readonly samples: StatsSample[] = [];
  private last: { at: number; frames: number; ticks: number };

  constructor(
    readonly now: () => number = () => performance.now(),
  ) {
    this.last = { at: now(), frames: 0, ticks: 0 };
  }

  readonly frame = (): void => {
    this.frames++;
  };

  /**
   * Starts the samples afresh from now (when the first dashboard is on screen: the seconds
   * before it are start-up, mounting and compiling, not the frame rate of a run).
   */
  restart(ticksRun: number): void {
    this.last = { at: this.now(), frames: this.frames, ticks: ticksRun };
  }

  /** Closes a sample when at least `periodMs` passed since the last one; returns it, if so. */
  sample(ticksRun: number, simulating: boolean, periodMs = 1000): StatsSample | undefined {
    const at = this.now();
    const ms = at - this.last.at;
    if (ms < periodMs) return undefined;
    const s: StatsSample = {
      at: at / 1000,
      fps: ((this.frames - this.last.frames) * 1000) / ms,
      ticksPerSecond: ((ticksRun - this.last.ticks) * 1000) / ms,
      simulating,
      ticksRun,
    };
    this.samples.push(s);
    this.last = { at, frames: this.frames, ticks: ticksRun };
    return s;
  }

  /** Mean and minimum fps and mean ticks/s over the samples taken while simulating. */
  summary(): { seconds: number; fpsMean: number; fpsMin: number; ticksPerSecondMean: number; slowestAtTick: number } | undefined {
    const busy = this.samples.filter((s) => s.simulating);
    if (busy.length === 0) return undefined;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      seconds: busy.length,
      fpsMean: mean(busy.map((s) => s.fps)),
      fpsMin: Math.min(...busy.map((s) => s.fps)),
      // Where the slowest second ended, to tell a slow start from a slow training tick.
      slowestAtTick: busy.reduce((a, b) => (b.fps < a.fps ? b : a)).ticksRun,
      ticksPerSecondMean: mean(busy.map((s) => s.ticksPerSecond)),
    };
  }
}
