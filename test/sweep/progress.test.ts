/**
 * Progress text with an injected clock: the terminal bar and the plain log line, their
 * rate (rows computed by this run only, resumed rows excluded) and ETA.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, progressBar, progressLine } from '../../src/sweep/progress.ts';

const p = { rowsDone: 400, rowsTotal: 1000, rowsResumed: 200, rowsRunning: 50, chunksDone: 1, chunksTotal: 3 };

describe('sweep progress', () => {
  it('draws a bar with count, percent, rate and ETA, counting running chunks by their ticks done', () => {
    // 200 rows finished + 50 running in 10 s: 25 worlds/s; 550 left: 22 s.
    expect(progressBar(p, 10, 20)).toBe('[#########-----------]  450/1000 worlds  45%  25.0 worlds/s  ETA 00:22');
  });
  it('writes a plain line for logs', () => {
    expect(progressLine(p, 10)).toBe('sweep: 450/1000 worlds (45%), chunk 1/3, 25.0 worlds/s, ETA 00:22, elapsed 00:10');
  });
  it('has no ETA before anything is computed', () => {
    expect(progressLine({ ...p, rowsDone: 200, rowsRunning: 0 }, 3)).toBe('sweep: 200/1000 worlds (20%), chunk 1/3, 0.0 worlds/s, ETA --:--, elapsed 00:03');
  });
  it('formats durations', () => {
    expect([formatDuration(0), formatDuration(59.6), formatDuration(3725), formatDuration(Number.NaN)]).toEqual(['00:00', '01:00', '1:02:05', '--:--']);
  });
});
