import { describe, expect, it } from 'vitest';
import { ticksForFrame } from '../../src/tui/use-simulation-loop.ts';
import { FrameCounter } from '../../src/tui/frame-counter.ts';
import { themeFor } from '../../src/tui/theme.ts';
import { paint } from '../../src/tui/ansi.ts';

describe('ticksForFrame', () => {
  it('runs speed x elapsed ticks, carrying the fraction to the next frame', () => {
    const a = ticksForFrame(20, 33, 0);
    expect(a.ticks).toBe(0);
    expect(a.carry).toBeCloseTo(0.66, 6);
    const b = ticksForFrame(20, 33, a.carry);
    expect(b.ticks).toBe(1);
    expect(b.carry).toBeCloseTo(0.32, 6);
  });

  it('does not burst after a stall, and max speed is unbounded', () => {
    expect(ticksForFrame(100, 10_000, 0).ticks).toBe(25);
    expect(ticksForFrame(Infinity, 33, 0).ticks).toBe(Infinity);
  });
});

describe('FrameCounter', () => {
  it('samples fps and ticks/s once per period and summarises the busy samples', () => {
    let t = 0;
    const counter = new FrameCounter(() => t);
    for (let i = 0; i < 20; i++) counter.frame();
    t = 500;
    expect(counter.sample(100, true)).toBeUndefined();
    t = 1000;
    expect(counter.sample(200, true)).toEqual({ at: 1, fps: 20, ticksPerSecond: 200, simulating: true, ticksRun: 200 });
    t = 2000;
    counter.frame();
    expect(counter.sample(200, false)).toMatchObject({ fps: 1, ticksPerSecond: 0, simulating: false });
    expect(counter.summary()).toEqual({ seconds: 1, fpsMean: 20, fpsMin: 20, ticksPerSecondMean: 200, slowestAtTick: 200 });
  });

  it('restarts its samples from the first dashboard on screen, leaving start-up out', () => {
    let t = 0;
    const counter = new FrameCounter(() => t);
    counter.frame();
    t = 700; // start-up: one frame in 0.7 s
    counter.restart(5);
    for (let i = 0; i < 15; i++) counter.frame();
    t = 1700;
    expect(counter.sample(25, true)).toMatchObject({ fps: 15, ticksPerSecond: 20 });
  });
});

describe('NO_COLOR', () => {
  it('turns every colour off when set and not empty', () => {
    const plain = themeFor({ NO_COLOR: '1' });
    expect(plain.color).toBe(false);
    expect(plain.price).toBeUndefined();
    expect(themeFor({ NO_COLOR: '' }).color).toBe(true);
    expect(themeFor({}).price).toBe('cyan');
    expect(paint('x', plain.price)).toBe('x');
    expect(paint('x', 'cyan')).toBe('\x1b[36mx\x1b[39m');
  });
});
