/**
 * The progress line of a long `tulip run`: ticks, ticks per second and time left, on a
 * terminal only, at most five redraws a second (the clock is injected: no real time).
 */
import { describe, expect, it } from 'vitest';
import { tickProgress, tickProgressLine } from '../../src/cli/run-progress.ts';

function terminal(isTTY: boolean): { isTTY: boolean; text: string; write(t: string): void } {
  return { isTTY, text: '', write(t) { this.text += t; } };
}

describe('tulip run progress', () => {
  it('says ticks done, rate and time left', () => {
    expect(tickProgressLine(1200, 5000, 2)).toBe('tick 1200/5000   24%  600 ticks/s  left 00:06');
    expect(tickProgressLine(0, 5000, 0)).toBe('tick    0/5000    0%  0 ticks/s  left --:--');
  });

  it('draws on a terminal at most every 200 ms, always the last tick, and clears the line at the end', () => {
    let now = 1000;
    const tty = terminal(true);
    const progress = tickProgress(100, tty, () => now);
    progress.update(10); // drawn: the first
    now += 100;
    progress.update(20); // skipped: 100 ms later
    now += 150;
    progress.update(30); // drawn
    progress.update(100); // drawn: the end
    progress.end();
    expect(tty.text.split('\r').filter(Boolean)).toEqual([
      'tick  10/100   10%  0 ticks/s  left --:--\x1b[K',
      'tick  30/100   30%  120 ticks/s  left 00:01\x1b[K',
      'tick 100/100  100%  400 ticks/s  left 00:00\x1b[K',
      '\x1b[K',
    ]);
  });

  it('writes nothing when stderr is not a terminal (a log, a pipe)', () => {
    const log = terminal(false);
    const progress = tickProgress(100, log, () => 0);
    progress.update(50);
    progress.end();
    expect(log.text).toBe('');
  });
});
