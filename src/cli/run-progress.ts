/**
 * Progress of a long `tulip run` on a terminal: ticks done, ticks per second and time
 * left, redrawn on stderr at most a few times a second. Only when stderr is a terminal:
 * logs and pipes get no progress lines. The clock lives here (the simulation has none).
 */
import { formatDuration } from '../sweep/progress.ts';

export interface TickProgress {
  /** Called after each slice of ticks with the ticks done so far. */
  update(ticksDone: number): void;
  /** Clears the line. */
  end(): void;
}

/** `tick 1200/5000  24%  850 ticks/s  left 00:04` */
export function tickProgressLine(done: number, total: number, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const left = rate > 0 ? (total - done) / rate : Number.NaN;
  const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
  return `tick ${String(done).padStart(String(total).length)}/${total}  ${String(pct).padStart(3)}%  ${rate.toFixed(0)} ticks/s  left ${formatDuration(left)}`;
}

/** A progress line on a terminal, nothing otherwise; `clock` returns milliseconds (injected in tests). */
export function tickProgress(total: number, stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr, clock: () => number = Date.now): TickProgress {
  if (stream.isTTY !== true) return { update: () => undefined, end: () => undefined };
  const started = clock();
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update: (done) => {
      const now = clock();
      if (now - drawnAt < 200 && done < total) return;
      drawnAt = now;
      drawn = true;
      stream.write(`\r${tickProgressLine(done, total, (now - started) / 1000)}\x1b[K`);
    },
    end: () => {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** Ticks run between progress updates: small enough to redraw smoothly, large enough to cost nothing. */
export const PROGRESS_SLICE = 50;
