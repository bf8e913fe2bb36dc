import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { TulipApp, type Opened } from '../../src/tui/app.tsx';
import { scenarioEntries, firstSentence } from '../../src/tui/scenarios.ts';
import { pickerReducer } from '../../src/tui/picker-state.ts';
import { FrameCounter } from '../../src/tui/frame-counter.ts';
import { themeFor } from '../../src/tui/theme.ts';
import { shippedScenarios } from '../../src/cli/options.ts';
import type { Session } from '../../src/tui/session.ts';
import { delay, inputReady, tulipMania, until } from './helpers.ts';

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

describe('picker', () => {
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
    for (let i = 0; i < target; i++) {
      stdin.write('j');
      await delay(20);
    }
    await until(() => /▸ Tulip mania \(tulip-mania\)/.test(lastFrame() ?? ''), 10_000, 'the highlight on tulip-mania');
    stdin.write('\r');
    await until(() => (lastFrame() ?? '').includes('tick 0/100'), 20_000, 'the dashboard');
    expect(opened).toEqual([entries[target]!.file]);
  });
});
