import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { chartView, eventLog, layout, statusLine, tradersView, wrapText } from '../../../src/tui/view-model.ts';
import { columnTicks } from '../../../src/tui/chart.ts';
import { initialState } from '../../../src/tui/state.ts';
import { themeFor } from '../../../src/tui/theme.ts';
import { openSession } from '../../../src/tui/open-session.ts';
import type { Session } from '../../../src/tui/session.ts';
import { stepTo, tulipMania } from '../helpers.ts';

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

const plain = themeFor({ NO_COLOR: '1' });
const stateFor = (s: Session) => initialState({ limits: { models: s.sim.parts.roles.length, assets: 1, worlds: s.sim.worlds } });

describe('layout', () => {
  it('fills 80x24 with one row to spare, and gives a taller terminal a taller chart', () => {
    const small = layout(80, 24, 5);
    // title + chart + axis + tick labels + traders (header + 5) + events title + log + lesson + status
    expect(1 + small.chartHeight + 1 + 1 + 6 + 1 + small.logLines + small.lessonLines + 1).toBe(23);
    expect(small.chartHeight).toBeGreaterThanOrEqual(6);
    expect(small.tooSmall).toBe(false);
    expect(layout(120, 40, 5).chartHeight).toBeGreaterThan(small.chartHeight);
    expect(layout(50, 24, 5).tooSmall).toBe(true);
  });

  it('gives an expanded lesson the rows it needs, keeping at least four chart rows', () => {
    const short = layout(100, 30, 5);
    const expanded = layout(100, 30, 5, 6);
    expect(expanded.lessonLines).toBe(6);
    expect(expanded.chartHeight).toBe(short.chartHeight - (6 - short.lessonLines));
    expect(layout(100, 30, 5, 50).chartHeight).toBe(4);
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries and ends a cut text with …', () => {
    expect(wrapText('one two three four', 9, 5)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three four', 9, 2)).toEqual(['one two', 'three…']);
  });
});

describe('statusLine', () => {
  it('adds a help hint when wide and packs closer when narrow, never wider than asked', () => {
    const parts = ['▶ running', 'tick 12/600', 'seed 1'];
    expect(statusLine(parts, 60)).toContain('│ ? help');
    const narrow = statusLine(parts, 30);
    expect(narrow).toBe('▶ running  tick 12/600  seed 1');
    expect(statusLine(parts, 12)).toHaveLength(12);
  });
});

describe('selectors over a tulip-mania run', () => {
  it('the event log shows the scheduled bug, the newest version push only, and queued commands', async () => {
    session = await tulipMania();
    stepTo(session, 262);
    let log = eventLog(session, 0, 10).map((l) => `${l.tick ?? 'next'} ${l.text}`);
    expect(log).toContain('250 A: bug switched on');
    expect(log.filter((l) => l.includes('pushed'))).toEqual(['259 pushed B v12']);
    session.toggleTraining(1, 0);
    log = eventLog(session, 0, 10).map((l) => `${l.tick ?? 'next'} ${l.text}`);
    expect(log.at(-1)).toBe('next B: training -> static (next tick)');
    expect(eventLog(session, 0, 2)).toHaveLength(2);
  });

  it('the traders read the last record: position, PnL at the last price, order, version, bug', async () => {
    session = await tulipMania();
    stepTo(session, 262);
    const view = tradersView(session, stateFor(session));
    const [a, b, noise, fund] = view.rows;
    const r = session.sim.records.at(-1)!;
    expect(view.rows.map((x) => x.name)).toEqual(['A', 'B', 'noise', 'fund.']);
    expect(a!.model!.bugLabel).toBe('ON');
    expect(a!.model!.bugText).toBe('×100 value-ratio');
    expect(b!.model!.bug).toBe('none');
    expect(a!.position).toBe(r.agents['model/A']!.position);
    expect(a!.order).toBe(r.agents['model/A']!.order);
    expect(noise!.order).toBe(r.agents['noise/X']!.order);
    expect(fund!.position).toBe(r.agents['fundamentalists/X']!.position);
    expect(a!.pnl).toBeCloseTo(r.agents['model/A']!.cash + r.agents['model/A']!.position * r.assets.X!.price, 6);
    expect(fund!.pnl).toBeCloseTo(r.agents['fundamentalists/X']!.cash + r.agents['fundamentalists/X']!.position * r.assets.X!.price, 6);
    expect(b!.model!.version).toBe(r.models.B!.version);
    expect(a!.selected).toBe(true);
    // The orders add up to the net flow that moved the price.
    expect(view.netFlow).toBeCloseTo(view.rows.reduce((s, x) => s + x.order, 0), 9);
    expect(view.servingColumn).toBe(false);
  });

  it('a prediction reads as the return the model expects over its horizon, in percent', async () => {
    session = await tulipMania();
    stepTo(session, 262);
    const role = session.sim.parts.roles[1]!;
    const r = session.sim.records.at(-1)!;
    const pct = Math.expm1(r.models.B!.prediction * role.targetScale[0]!) * 100;
    const [, b] = tradersView(session, stateFor(session)).rows;
    const sign = pct >= 0 ? '+' : '−';
    expect(b!.model!.expects).toBe(`${sign}${Math.abs(pct).toFixed(1)} % over ${role.config.horizon} ticks`);
    expect(role.targetScale[0]!).not.toBe(1);
  });

  it('the bug reads armed before its start, ON while on, forced off after b', async () => {
    session = await tulipMania();
    stepTo(session, 200);
    const bug = () => tradersView(session!, stateFor(session!)).rows[0]!.model!.bugLabel;
    expect(bug()).toBe('armed (from t250)');
    stepTo(session, 260);
    expect(bug()).toBe('ON');
    session.toggleBug(0, 0);
    stepTo(session, 262);
    expect(bug()).toBe('forced off');
  });

  it('the loop lights when A and B push the same way', async () => {
    session = await tulipMania();
    stepTo(session, 262);
    const view = tradersView(session, stateFor(session));
    const [a, b] = view.rows;
    const same = Math.sign(a!.order) === Math.sign(b!.order) && Math.abs(a!.order) > 0.05 && Math.abs(b!.order) > 0.05;
    expect(view.loop).toMatchObject({ a: 'A', b: 'B', symbol: 'X', lit: same });
  });

  it('a multi-asset model sums its book and shows its serving coverage once requests go unanswered', async () => {
    const file = fileURLToPath(new URL('../../../scenarios/long-tail-listings.yaml', import.meta.url));
    session = await openSession(file, { ticks: 260, worlds: 1, backend: 'auto', snapshotEvery: 50, sets: ['models.A.inference.mode=offline'] });
    stepTo(session, 260);
    const view = tradersView(session, stateFor(session));
    const a = view.rows[0]!;
    const r = session.sim.records.at(-1)!;
    const agents = Object.entries(r.agents).filter(([name]) => name.startsWith('model/A/'));
    expect(agents).toHaveLength(40);
    expect(a.position).toBeCloseTo(agents.reduce((sum, [, g]) => sum + g.position, 0), 9);
    expect(a.pnl).toBeCloseTo(agents.reduce((sum, [name, g]) => sum + g.cash + g.position * r.assets[name.slice('model/A/'.length)]!.price, 0), 6);
    // Offline, the tables of ticks 150 and 250 (served at 160 and 260) miss the listings of 200 and 225.
    const { requests, answered } = session.sim.parts.roles[0]!.serving.metrics;
    expect(view.servingColumn).toBe(true);
    expect(a.model!.serving).toBe(`off ${Math.floor((100 * answered[0]!) / requests[0]!)}%`);
    expect(answered[0]!).toBeLessThan(requests[0]!);
  });
});

describe('the chart has time', () => {
  it('keeps a fixed frame 0..ticks: the line grows, the columns do not move', async () => {
    session = await tulipMania();
    stepTo(session, 120);
    const early = chartView(session, stateFor(session), 80, 10, plain);
    expect(early.from).toBe(0);
    expect(early.to).toBe(session.sim.totalTicks - 1);
    const lastDrawn = (c: typeof early) => Math.max(...c.rows.map((r) => r.map((x) => x.text).join('').trimEnd().length));
    stepTo(session, 240);
    const later = chartView(session, stateFor(session), 80, 10, plain);
    expect(later.tickLabels).toBe(early.tickLabels);
    expect(lastDrawn(later)).toBeGreaterThan(lastDrawn(early));
    // Tick labels are round numbers at their columns.
    const labels = early.tickLabels.trim().split(/\s+/).map(Number);
    expect(labels[0]).toBe(0);
    expect(labels.length).toBeGreaterThanOrEqual(5);
    labels.forEach((t, k) => expect(t).toBe(k * labels[1]!));
    expect([10, 20, 25, 50, 100]).toContain(labels[1]);
    expect(early.legend.map((l) => l.name)).toEqual(['price', 'value']);
    const last = session.sim.records.at(-1)!.assets.X!.price;
    expect(last).toBeGreaterThanOrEqual(later.yMin);
    expect(last).toBeLessThanOrEqual(later.yMax);
  });

  it('marks the bug start, an intervention and the labelled ticks on the axis, with a vertical line', async () => {
    session = await tulipMania();
    stepTo(session, 270);
    session.toggleBug(0, 0);
    stepTo(session, 280);
    const chart = chartView(session, stateFor(session), 80, 10, plain);
    const axis = chart.axis.map((r) => r.text).join('');
    expect(axis).toContain('◆');
    expect(axis).toContain('▲');
    expect(axis.indexOf('◆')).toBeLessThan(axis.indexOf('▲'));
    const column = axis.indexOf('◆');
    expect(chart.rows.every((r) => r.map((x) => x.text).join('')[column] !== ' ')).toBe(true);
  });

  it('legend glyphs differ without colour', async () => {
    session = await tulipMania();
    stepTo(session, 10);
    const chart = chartView(session, { ...stateFor(session), counterfactual: true }, 80, 10, plain);
    const glyphs = chart.legend.map((l) => l.glyph);
    expect(new Set(glyphs).size).toBe(glyphs.length);
    expect(glyphs).toEqual(['─', '·', '+']);
  });
});

describe('fan chart with several worlds', () => {
  it('draws continuous quantile bands and a median, and focuses one world', async () => {
    session = await tulipMania(200, 6);
    stepTo(session, 60);
    const state = { ...stateFor(session), world: 3 };
    const chart = chartView(session, state, 80, 10, plain);
    expect(chart.title).toContain('world 3');
    expect(chart.legend.map((l) => l.name)).toEqual(['price', '80/50% of 6', 'median', 'value']);
    // Every column run so far holds part of a band or a line: no holes in the fan.
    const ran = columnTicks(200, chart.tickLabels.length).filter((t) => t < 60).length;
    expect(ran).toBeGreaterThan(10);
    for (let c = 0; c < ran; c++) expect(chart.rows.some((r) => r.map((x) => x.text).join('')[c] !== ' ')).toBe(true);
    const other = chartView(session, { ...state, world: 0 }, 80, 10, plain);
    expect(other.rows).not.toEqual(chart.rows);
  });
});
