import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { TulipApp, type Opened } from '../../src/tui/app.tsx';
import { scenarioEntries, firstSentence } from '../../src/tui/scenarios.ts';
import { pickerReducer, pickerWindow } from '../../src/tui/picker-state.ts';
import { FrameCounter } from '../../src/tui/frame-counter.ts';
import { themeFor } from '../../src/tui/theme.ts';
import { shippedScenarios } from '../../src/cli/options.ts';
import type { Session } from '../../src/tui/session.ts';
import { inputReady, settle, tulipMania, until } from './helpers.ts';

let session: Session | undefined;
afterEach(() => {
  cleanup();
  session?.dispose();
  session = undefined;
});

describe('scenario entries', () => {
  it('lists every shipped scenario by title with its lesson’s first sentence', () => {
    const entries = scenarioEntries(shippedScenarios());
    const mania = entries.find((e) => e.name === 'tulip-mania')!;
    expect(mania.title).toBe('Tulip mania');
    expect(mania.summary).toMatch(/^Model A .*\.$/);
    expect(entries.map((e) => e.name)).toContain('calm');
  });

  it('keeps a broken file in the list, with its error', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tulip-picker-')), 'broken.yaml');
    writeFileSync(file, 'title: [unclosed\n');
    const [entry] = scenarioEntries([file]);
    expect(entry!.title).toBe('broken');
    expect(entry!.error).toMatch(/does not load/);
  });

  it('cuts a lesson at its first sentence', () => {
    expect(firstSentence('One  thing.\nTwo things. Three')).toBe('One thing.');
    expect(firstSentence('no stop')).toBe('no stop');
  });
});

const ESC = String.fromCharCode(27);

describe('picker', () => {
  it('lists the workshop’s lessons first, in the order docs/workshop.md teaches them', () => {
    const names = scenarioEntries(shippedScenarios()).map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(['calm', 'tulip-mania', 'static-models', 'monitored-tulip']);
    const workshop = readFileSync(new URL('../../docs/workshop.md', import.meta.url), 'utf8');
    const taught = [...workshop.matchAll(/tulip tui ([a-z-]+)/g)].map((m) => m[1]!).filter((n, i, all) => all.indexOf(n) === i && names.includes(n));
    expect(names.slice(0, taught.length)).toEqual(taught);
  });

  it('scrolls with the highlight: title, hint and the highlighted entry always on screen', () => {
    for (const rows of [24, 30]) {
      for (const selected of [0, 8, 16]) {
        const w = pickerWindow(17, selected, rows);
        expect(selected).toBeGreaterThanOrEqual(w.from);
        expect(selected).toBeLessThan(w.to);
        // title + hint + entries (2 lines each) + the "more" line, with one row to spare
        expect(2 + 2 * (w.to - w.from) + 1).toBeLessThanOrEqual(rows - 1);
      }
    }
    expect(pickerWindow(3, 2, 24)).toEqual({ from: 0, to: 3 });
  });

  it('at 80x24 shows the title, the hint and the first lesson, then scrolls to the last one', async () => {
    const entries = scenarioEntries(shippedScenarios());
    const { stdin, lastFrame } = render(<TulipApp entries={entries} theme={themeFor({ NO_COLOR: '1' })} frames={new FrameCounter()} paused size={{ columns: 80, rows: 24 }} />);
    await inputReady(stdin);
    const first = lastFrame() ?? '';
    expect(first.split('\n').length).toBeLessThanOrEqual(23);
    expect(first).toContain('pick a scenario');
    expect(first).toContain('enter open');
    expect(first).toMatch(/▸ Calm market \(calm\)/);
    expect(first).toMatch(/↓ \d+ more/);
    stdin.write(`${ESC}[A`);
    await settle();
    const last = lastFrame() ?? '';
    expect(last.split('\n').length).toBeLessThanOrEqual(23);
    expect(last).toContain('pick a scenario');
    expect(last).toMatch(new RegExp(`▸ ${entries.at(-1)!.title}`));
    expect(last).toMatch(/↑ \d+ more/);
  });

  it('wraps the highlight around', () => {
    const s = pickerReducer({ selected: 0, count: 3 }, { type: 'move', delta: -1 });
    expect(s.selected).toBe(2);
  });

  it('↓ and enter open the highlighted scenario in the dashboard', async () => {
    const entries = scenarioEntries(shippedScenarios());
    const target = entries.findIndex((e) => e.name === 'tulip-mania');
    const opened: string[] = [];
    const open = async (file: string): Promise<Opened> => {
      opened.push(file);
      session = await tulipMania(100);
      return { kind: 'local', session };
    };
    const { stdin, lastFrame } = render(<TulipApp entries={entries} open={open} theme={themeFor({})} frames={new FrameCounter()} paused size={{ columns: 80, rows: 24 }} />);
    expect(lastFrame()).toContain('pick a scenario');
    await inputReady(stdin);
    // Keys in one chunk, as a fast typist or tmux send-keys delivers them: each one counts.
    stdin.write(`${'j'.repeat(target + 2)}${ESC}[A${ESC}[A`);
    await settle();
    expect(lastFrame()).toMatch(/▸ Tulip mania \(tulip-mania\)/);
    stdin.write('\r');
    await until(() => (lastFrame() ?? '').includes('tick 0/100'), 20_000, 'the dashboard');
    expect(opened).toEqual([entries[target]!.file]);
  });
});
