import { describe, expect, it } from 'vitest';
import { keyToIntent, KEY_HELP } from '../../src/tui/keys.ts';
import { keyPresses, splitChunk } from '../../src/tui/key-chunks.ts';
import { applyKey } from '../../src/tui/use-tui-keys.ts';
import { initialState, reducer, type TuiAction, type TuiState } from '../../src/tui/state.ts';

describe('keys', () => {
  it.each([
    ['q', {}, { kind: 'quit' }],
    ['c', { ctrl: true }, { kind: 'quit' }],
    [' ', {}, { kind: 'ui', action: { type: 'toggle-pause' } }],
    ['n', {}, { kind: 'sim', command: 'step' }],
    ['', { rightArrow: true }, { kind: 'sim', command: 'step' }],
    ['+', {}, { kind: 'ui', action: { type: 'speed', delta: 1 } }],
    ['-', {}, { kind: 'ui', action: { type: 'speed', delta: -1 } }],
    ['b', {}, { kind: 'sim', command: 'toggle-bug' }],
    ['s', {}, { kind: 'sim', command: 'toggle-training' }],
    ['r', {}, { kind: 'sim', command: 'rollback' }],
    ['c', {}, { kind: 'ui', action: { type: 'toggle-counterfactual' } }],
    ['[', {}, { kind: 'sim', command: 'rewind' }],
    [']', {}, { kind: 'sim', command: 'forward' }],
    ['', { tab: true }, { kind: 'ui', action: { type: 'next-model' } }],
    ['3', {}, { kind: 'ui', action: { type: 'select-asset', asset: 2 } }],
    ['.', {}, { kind: 'ui', action: { type: 'focus-world', delta: 1 } }],
    ['?', {}, { kind: 'ui', action: { type: 'toggle-help' } }],
    ['m', {}, { kind: 'ui', action: { type: 'scroll-monitors' } }],
    ['l', {}, { kind: 'ui', action: { type: 'toggle-lesson' } }],
  ])('%j %j', (input, key, intent) => {
    expect(keyToIntent(input, key)).toEqual(intent);
  });

  it('ignores keys that mean nothing', () => {
    expect(keyToIntent('z', {})).toBeUndefined();
    expect(keyToIntent('0', {})).toBeUndefined();
  });

  it('documents every key the issue asks for on the help screen', () => {
    const keys = KEY_HELP.map(([k]) => k).join(' ');
    for (const k of ['space', 'n', '+', 'b', 's', 'r', 'c', '[', 'tab', 'm', 'l', '1-9', '?', 'q']) expect(keys).toContain(k);
  });
});

describe('a burst of keys', () => {
  it('splits into single presses in order: tab, escape sequences, repeats', () => {
    expect(splitChunk('\ts')).toEqual([
      { input: '', key: { tab: true } },
      { input: 's', key: {} },
    ]);
    expect(splitChunk(']]]]').map((p) => p.input)).toEqual([']', ']', ']', ']']);
    expect(splitChunk('n\u001B[Cn')).toEqual([
      { input: 'n', key: {} },
      { input: '', key: { rightArrow: true } },
      { input: 'n', key: {} },
    ]);
    expect(splitChunk('\u001B[A\u001B[B\r')).toEqual([
      { input: '', key: { upArrow: true } },
      { input: '', key: { downArrow: true } },
      { input: '', key: { return: true } },
    ]);
    expect(splitChunk('b\u0003')).toEqual([
      { input: 'b', key: {} },
      { input: 'c', key: { ctrl: true } },
    ]);
    expect(splitChunk('\u001B')).toEqual([{ input: '', key: { escape: true } }]);
  });

  it('leaves a key ink already recognised as it is', () => {
    expect(keyPresses('', { tab: true })).toEqual([{ input: '', key: { tab: true } }]);
    expect(keyPresses('s', {})).toEqual([{ input: 's', key: {} }]);
  });

  it('applies each press to the state the one before left: tab then s acts on the next model', () => {
    let state = initialState({ limits: { models: 2, assets: 1, worlds: 1 } });
    const commands: [string, number][] = [];
    const target = { state: () => state, apply: (a: TuiAction) => (state = reducer(state, a)) };
    const run = (command: string, s: TuiState) => {
      commands.push([command, s.model]);
      return 'ok';
    };
    for (const press of splitChunk('\ts\t\tb')) applyKey(press, target, run, { hasCounterfactual: true, isDone: () => false });
    expect(commands).toEqual([
      ['toggle-training', 1],
      ['toggle-bug', 1],
    ]);
  });

  it('a rewind carries the paused state, so the simulation stops before it runs', () => {
    let state = initialState({ limits: { models: 2, assets: 1, worlds: 1 } });
    const seen: boolean[] = [];
    const target = { state: () => state, apply: (a: TuiAction) => (state = reducer(state, a)) };
    applyKey({ input: '[', key: {} }, target, (_c, s) => (seen.push(s.paused), 'ok'), { hasCounterfactual: true, isDone: () => false });
    expect(seen).toEqual([true]);
  });

  it('space at the end of the run says so instead of flipping paused/running', () => {
    let state = initialState({ limits: { models: 2, assets: 1, worlds: 1 }, paused: true });
    const target = { state: () => state, apply: (a: TuiAction) => (state = reducer(state, a)) };
    applyKey({ input: ' ', key: {} }, target, () => 'ok', { hasCounterfactual: true, isDone: () => true });
    expect(state.paused).toBe(true);
    expect(state.notice).toMatch(/run is over/);
  });
});
