import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { SessionApp } from '../../src/tui/app.tsx';
import { FrameCounter } from '../../src/tui/frame-counter.ts';
import { themeFor } from '../../src/tui/theme.ts';
import type { Session } from '../../src/tui/session.ts';
import { inputReady, settle, stepTo, tulipMania, until } from './helpers.ts';

let session: Session | undefined;
afterEach(() => {
  cleanup();
  session?.dispose();
  session = undefined;
});

const SIZE = { columns: 80, rows: 24 };
const colour = themeFor({});

/**
 * The wall clock the simulation loop reads, moved by hand: ticks run only when a test
 * advances it, so nothing depends on the machine's speed. `reads` counts the loop's
 * looks at it, to know that frames have passed.
 */
class TestClock {
  ms = 0;
  reads = 0;
  readonly now = () => {
    this.reads++;
    return this.ms;
  };
  /** Waits until the loop has run a few more frames (each reads the clock at least twice). */
  async frames(n = 5): Promise<void> {
    const target = this.reads + 2 * n;
    await until(() => this.reads >= target, 10_000, `${n} frames of the loop`);
  }
}

async function mount(s: Session, props: { paused?: boolean; speedIndex?: number; theme?: ReturnType<typeof themeFor>; clock?: TestClock; size?: { columns: number; rows: number } } = {}) {
  const clock = props.clock ?? new TestClock();
  const app = render(<SessionApp session={s} theme={props.theme ?? colour} frames={new FrameCounter(clock.now)} paused={props.paused ?? true} speedIndex={props.speedIndex} size={props.size ?? SIZE} now={clock.now} />);
  await inputReady(app.stdin);
  return app;
}

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const COLOUR = new RegExp(`${ESC}\\[3[0-9]m`);
const strip = (s: string | undefined) => (s ?? '').replace(SGR, '');

/** Writes keys as one chunk (as a fast typist, a paste or tmux send-keys delivers them) and lets React apply them. */
async function press(stdin: { write: (s: string) => void }, keys: string) {
  stdin.write(keys);
  await settle();
}

describe('dashboard at 80x24', () => {
  it('shows every panel within 23 lines of 80 columns', async () => {
    session = await tulipMania();
    stepTo(session, 260);
    const { lastFrame } = await mount(session);
    const frame = strip(lastFrame());
    for (const text of ['Tulip mania', 'X price vs fundamental value', 'trader', 'pos(sh)', 'PnL($)', 'order/tick', 'expects', 'training', 'ver', 'bug', 'noise', 'fund.', 'net', 'A → X ← B', 'tick  0', 'Events', 'Monitors', 'A: bug switched on', 'Model A values stock X', 'tick 260/320', 'seed 1', '1 world']) {
      if (text === 'A → X ← B' && frame.includes('A ⇒ X ⇐ B')) continue;
      expect(frame).toContain(text);
    }
    // No serving settings in this scenario: no serving column.
    expect(frame).not.toContain('online');
    expect(frame).toMatch(/▸ A .*ON/);
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
    const clock = new TestClock();
    const { stdin, lastFrame } = await mount(session, { clock });
    expect(strip(lastFrame())).toContain('tick 0/320');
    await press(stdin, 'n');
    expect(session.sim.tick).toBe(1);
    expect(strip(lastFrame())).toContain('tick 1/320');
    expect(strip(lastFrame())).toContain('paused');
    await press(stdin, ' ');
    expect(strip(lastFrame())).toContain('running');
    // A quarter of a second at 20 ticks per second (the longest stretch one frame catches up).
    clock.ms += 250;
    await until(() => session!.sim.tick === 6, 10_000, 'five ticks to run');
    await press(stdin, ' ');
    clock.ms += 1000;
    await clock.frames();
    expect(session.sim.tick).toBe(6);
    await until(() => strip(lastFrame()).includes('tick 6/320'), 10_000, 'the screen to show tick 6');
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
    expect(strip(lastFrame())).toMatch(/A\s.*forced off/);
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
    await until(() => session!.sim.tick === 75, 10_000, 'forward to tick 75');
    await until(() => strip(lastFrame()).includes('tick 75/320'), 10_000, 'the screen to show tick 75');
  });

  it('c draws the counterfactual line, catching it up', async () => {
    session = await tulipMania();
    stepTo(session, 100);
    const { stdin, lastFrame } = await mount(session);
    expect(strip(lastFrame())).not.toContain('no bug');
    await press(stdin, 'c');
    await until(() => session!.counterfactual!.tick === 100, 10_000, 'the counterfactual to catch up');
    await until(() => /\+ no bug(?! \()/.test(strip(lastFrame())), 10_000, 'the legend without "catching up"');
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

  it('tab then s in one chunk switches the next model, B, to static', async () => {
    session = await tulipMania();
    stepTo(session, 200);
    const { stdin, lastFrame } = await mount(session);
    await press(stdin, '\ts');
    await press(stdin, 'n');
    const ivs = session.sim.events.filter((e) => e.type === 'intervention').map((e) => e.type === 'intervention' && e.intervention);
    expect(ivs).toEqual([{ type: 'set-training', model: 'B', mode: 'static' }]);
    expect(strip(lastFrame())).toMatch(/▸ B/);
  });

  it(']]]] in one chunk goes four snapshots on; [[[ three back', async () => {
    session = await tulipMania();
    stepTo(session, 110);
    const { stdin, lastFrame } = await mount(session);
    await press(stdin, ']]]]');
    await until(() => session!.sim.tick === 200 && session!.goal === undefined, 20_000, 'forward to tick 200');
    await press(stdin, '[[[');
    expect(session.sim.tick).toBe(125);
    await until(() => strip(lastFrame()).includes('tick 125/320'), 10_000, 'the screen to show tick 125');
  });

  it('an arrow key inside a chunk steps too', async () => {
    session = await tulipMania();
    const { stdin } = await mount(session);
    await press(stdin, `n${ESC}[Cn`);
    expect(session.sim.tick).toBe(3);
  });
});

describe('panels that fit', () => {
  it('m scrolls the monitors panel, which says how many are hidden', async () => {
    const { openSession } = await import('../../src/tui/open-session.ts');
    session = await openSession(new URL('../../scenarios/calm.yaml', import.meta.url).pathname, { ticks: 320, worlds: 1, backend: 'auto', snapshotEvery: 25 });
    stepTo(session, 300);
    const { stdin, lastFrame } = await mount(session);
    expect(strip(lastFrame())).toMatch(/\+3 more/);
    expect(strip(lastFrame())).not.toContain('bubble');
    for (let k = 0; k < 4; k++) await press(stdin, 'm');
    expect(strip(lastFrame())).toMatch(/OK\s+bubble/);
  });

  it('l expands the lesson to full length and back', async () => {
    session = await tulipMania();
    stepTo(session, 10);
    // Tall enough for the whole lesson beside a chart of at least 4 rows.
    const { stdin, lastFrame } = await mount(session, { size: { columns: 100, rows: 44 } });
    const lastWords = session.lesson.trim().split(/\s+/).slice(-2).join(' ');
    expect(strip(lastFrame())).toContain('(l: more)');
    expect(strip(lastFrame())).not.toContain(lastWords);
    await press(stdin, 'l');
    expect(strip(lastFrame()).replace(/\s+/g, ' ')).toContain(lastWords);
    await press(stdin, 'l');
    expect(strip(lastFrame())).toContain('(l: more)');
  });

  it('at the end of the run space does not flip paused / running', async () => {
    session = await tulipMania(40);
    stepTo(session, 40);
    const { stdin, lastFrame } = await mount(session);
    await press(stdin, ' ');
    const frame = strip(lastFrame());
    expect(frame).toContain('■ done');
    expect(frame).toContain('the run is over');
    expect(frame).not.toContain('running');
  });
});
