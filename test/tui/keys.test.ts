import { describe, expect, it } from 'vitest';
import { keyToIntent, KEY_HELP } from '../../src/tui/keys.ts';

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
  ])('%j %j', (input, key, intent) => {
    expect(keyToIntent(input, key)).toEqual(intent);
  });

  it('ignores keys that mean nothing', () => {
    expect(keyToIntent('z', {})).toBeUndefined();
    expect(keyToIntent('0', {})).toBeUndefined();
  });

  it('documents every key the issue asks for on the help screen', () => {
    const keys = KEY_HELP.map(([k]) => k).join(' ');
    for (const k of ['space', 'n', '+', 'b', 's', 'r', 'c', '[', 'tab', '1-9', '?', 'q']) expect(keys).toContain(k);
  });
});
