import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { breaches, monitorView } from '../../../src/tui/view-model.ts';
import { openSession } from '../../../src/tui/open-session.ts';
import type { Session } from '../../../src/tui/session.ts';
import { stepTo, tulipMania } from '../helpers.ts';

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

const CALM = fileURLToPath(new URL('../../../scenarios/calm.yaml', import.meta.url));

describe('monitor verdicts', () => {
  it('judge a below monitor (a p-value) as breached only under its threshold', () => {
    expect(breaches(0.16, 1e-4, 'below')).toBe(false);
    expect(breaches(1e-5, 1e-4, 'below')).toBe(true);
    expect(breaches(0.7, 0.55, 'above')).toBe(true);
    expect(breaches(0.2, 0.55, 'above')).toBe(false);
    expect(breaches(Number.NaN, 0.55, 'above')).toBe(false);
  });
});

describe('monitors panel', () => {
  it('without monitors has no readings and counts alerts by severity', async () => {
    session = await tulipMania();
    stepTo(session, 30);
    const view = monitorView(session, 0, 3);
    expect(view.readings).toEqual([]);
    expect(view.total).toBe(0);
    expect(view.counts).toEqual({ info: 0, warning: 0, critical: 0 });
  });

  it('reads each monitor’s direction, says how many are hidden, and scrolls through all of them', async () => {
    session = await openSession(CALM, { ticks: 300, worlds: 1, backend: 'auto', snapshotEvery: 50 });
    stepTo(session, 300);
    const all = monitorView(session, 0, 10);
    expect(all.total).toBe(5);
    expect(all.readings.map((r) => r.name)).toEqual(['loop-a', 'loop-b', 'granger-b', 'gain', 'bubble']);
    const granger = all.readings.find((r) => r.name === 'granger-b')!;
    expect(granger.direction).toBe('below');
    expect(granger.breach).toBe(Number.isFinite(granger.statistic) && granger.statistic < granger.threshold);
    // Three lines: two readings and the "+3 more" line.
    const cut = monitorView(session, 0, 3);
    expect(cut.readings).toHaveLength(2);
    expect(cut.total - cut.readings.length).toBe(3);
    const seen = new Set<string>();
    for (let scroll = 0; scroll < 5; scroll++) for (const r of monitorView(session, 0, 3, scroll).readings) seen.add(r.name);
    expect([...seen].sort()).toEqual(['bubble', 'gain', 'granger-b', 'loop-a', 'loop-b']);
    expect(monitorView(session, 0, 3, 4).readings.map((r) => r.name)).toEqual(['bubble', 'loop-a']);
  });
});
