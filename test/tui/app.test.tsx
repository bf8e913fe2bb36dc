import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { SessionApp } from '../../src/tui/app.tsx';
import { FrameCounter } from '../../src/tui/frame-counter.ts';
import { themeFor } from '../../src/tui/theme.ts';
import type { Session } from '../../src/tui/session.ts';
import { delay, inputReady, stepTo, tulipMania, until } from './helpers.ts';

let session: Session | undefined;
afterEach(() => {
  cleanup();
  session?.dispose();
  session = undefined;
});

const SIZE = { columns: 80, rows: 24 };
const colour = themeFor({});

async function mount(s: Session, props: { paused?: boolean; speedIndex?: number; theme?: ReturnType<typeof themeFor> } = {}) {
  const app = render(<SessionApp session={s} theme={props.theme ?? colour} frames={new FrameCounter()} paused={props.paused ?? true} speedIndex={props.speedIndex} size={SIZE} />);
  await inputReady(app.stdin);
  return app;
}

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const COLOUR = new RegExp(`${ESC}\\[3[0-9]m`);
const strip = (s: string | undefined) => (s ?? '').replace(SGR, '');

async function press(stdin: { write: (s: string) => void }, key: string) {
  stdin.write(key);
  await delay(30);
}

describe('dashboard at 80x24', () => {
  it('shows every panel within 23 lines of 80 columns', async () => {
    session = await tulipMania();
    stepTo(session, 260);
    const { lastFrame } = await mount(session);
    const frame = strip(lastFrame());
    for (const text of ['Tulip mania', 'X price vs fundamental value', 'model', 'position', 'PnL', 'training', 'infer', 'ver', 'bug', 'Events', 'Monitors', 'A: bug switched on', 'Model A values stock X', 'tick 260/320', 'seed 1', '1 world']) expect(frame).toContain(text);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(frame).toContain(`#${session.sim.hashes.hex(0).slice(0, 8)}`);
  });

  it('adapts to a taller, wider terminal: a taller chart', async () => {
    session = await tulipMania();
    stepTo(session, 50);
    const small = strip((await mount(session)).lastFrame()).split('\n').filter((l) => l.includes('┤')).length;
    cleanup();
    const big = strip(render(<SessionApp session={session} theme={colour} frames={new FrameCounter()} paused size={{ columns: 120, rows: 40 }} />).lastFrame()).split('\n').filter((l) => l.includes('┤')).length;
    expect(big).toBeGreaterThan(small);
  });

  it('says so when the terminal is too small', async () => {
    session = await tulipMania();
    const frame = strip(render(<SessionApp session={session} theme={colour} frames={new FrameCounter()} paused size={{ columns: 40, rows: 10 }} />).lastFrame());
    expect(frame).toMatch(/too small/);
  });

  it('draws no colour escapes with NO_COLOR', async () => {
    session = await tulipMania();
    stepTo(session, 260);
    const plain = (await mount(session, { theme: themeFor({ NO_COLOR: '1' }) })).lastFrame() ?? '';
    expect(plain).not.toMatch(COLOUR);
    cleanup();
    const coloured = (await mount(session)).lastFrame() ?? '';
    expect(coloured).toMatch(COLOUR);
  });
});

describe('keys', () => {
  it('n steps one tick; space runs and pauses', async () => {
    session = await tulipMania();
    const { stdin, lastFrame } = await mount(session);
    expect(strip(lastFrame())).toContain('tick 0/320');
    await press(stdin, 'n');
    expect(session.sim.tick).toBe(1);
    expect(strip(lastFrame())).toContain('tick 1/320');
    expect(strip(lastFrame())).toContain('paused');
    await press(stdin, ' ');
    expect(strip(lastFrame())).toContain('running');
    await until(() => session!.sim.tick >= 5, 5000, 'the simulation to run');
    await press(stdin, ' ');
    const stopped = session.sim.tick;
    await delay(200);
    expect(session.sim.tick).toBe(stopped);
    expect(strip(lastFrame())).toContain(`tick ${stopped}/320`);
  });

  it('b forces the bug off: the event is in sim.events, the trace record and the log', async () => {
    session = await tulipMania();
    stepTo(session, 255);
    const { stdin, lastFrame } = await mount(session);
    await press(stdin, 'b');
    expect(strip(lastFrame())).toContain('A: bug forced off (next tick)');
    await press(stdin, 'n');
    const events = session.sim.events.filter((e) => e.type === 'intervention');
    expect(events).toEqual([{ tick: 255, world: 0, type: 'intervention', intervention: { type: 'set-bug', model: 'A', on: false } }]);
    expect(session.sim.records.at(-1)!.events).toEqual(events);
    expect(strip(lastFrame())).toContain('t255 A: bug forced off');
    expect(strip(lastFrame())).toMatch(/A\s.*off ×100 value-ratio/);
  });

  it('tab then r rolls B back; s switches it static', async () => {
    session = await tulipMania();
    stepTo(session, 200);
    const before = session.sim.parts.roles[1]!.version[0]!;
    const { stdin, lastFrame } = await mount(session);
    await press(stdin, '\t');
    expect(strip(lastFrame())).toMatch(/▸ B/);
    await press(stdin, 'r');
    await press(stdin, 's');
    await press(stdin, 'n');
    const ivs = session.sim.events.filter((e) => e.type === 'intervention').map((e) => e.type === 'intervention' && e.intervention);
    expect(ivs).toEqual([{ type: 'rollback', model: 'B' }, { type: 'set-training', model: 'B', mode: 'static' }]);
    expect(session.sim.parts.roles[1]!.version[0]).toBe(before - 1);
    const frame = strip(lastFrame());
    expect(frame).toContain(`B: rolled back to v${before - 1}`);
    expect(frame).toContain('B: training -> static');
  });

  it('[ rewinds and the screen shows the earlier tick; ] runs forward to the next snapshot', async () => {
    session = await tulipMania();
    stepTo(session, 60);
    const { stdin, lastFrame } = await mount(session);
    await press(stdin, '[');
    expect(session.sim.tick).toBe(50);
    expect(strip(lastFrame())).toContain('tick 50/320');
    expect(strip(lastFrame())).toContain('rewound to tick 50');
    await press(stdin, ']');
    await until(() => session!.sim.tick === 75, 5000, 'forward to tick 75');
    await delay(50);
    expect(strip(lastFrame())).toContain('tick 75/320');
  });

  it('c draws the counterfactual line, catching it up', async () => {
    session = await tulipMania();
    stepTo(session, 100);
    const { stdin, lastFrame } = await mount(session);
    expect(strip(lastFrame())).not.toContain('no bug');
    await press(stdin, 'c');
    await until(() => session!.counterfactual!.tick === 100, 5000, 'the counterfactual to catch up');
    await delay(50);
    expect(strip(lastFrame())).toContain('• no bug');
  });

  it('? shows the help with every key, and any key closes it', async () => {
    session = await tulipMania();
    const { stdin, lastFrame } = await mount(session);
    await press(stdin, '?');
    expect(strip(lastFrame())).toContain('roll the selected model back');
    await press(stdin, 'x');
    expect(strip(lastFrame())).toContain('Events');
  });
});

describe('keys typed together', () => {
  it('handles each character of a chunk of input as its own key', async () => {
    session = await tulipMania();
    stepTo(session, 200);
    const { stdin } = await mount(session);
    await press(stdin, 'nnn');
    expect(session.sim.tick).toBe(203);
  });
});
