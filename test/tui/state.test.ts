import { describe, expect, it } from 'vitest';
import { initialState, reducer, SPEEDS, speedIndexOf, speedLabel, type TuiState } from '../../src/tui/state.ts';

const base = (): TuiState => initialState({ limits: { models: 2, assets: 3, worlds: 4 } });

describe('tui reducer', () => {
  it('toggles pause and says so', () => {
    const paused = reducer(base(), { type: 'toggle-pause' });
    expect(paused.paused).toBe(true);
    expect(paused.notice).toBe('paused');
    expect(reducer(paused, { type: 'toggle-pause' }).paused).toBe(false);
  });

  it('pause keeps the same object when already paused (no redraw)', () => {
    const paused = reducer(base(), { type: 'pause' });
    expect(paused.paused).toBe(true);
    expect(reducer(paused, { type: 'pause' })).toBe(paused);
  });

  it('keeps the speed within SPEEDS', () => {
    let s = base();
    for (let i = 0; i < 20; i++) s = reducer(s, { type: 'speed', delta: 1 });
    expect(s.speedIndex).toBe(SPEEDS.length - 1);
    expect(speedLabel(s.speedIndex)).toBe('max');
    for (let i = 0; i < 20; i++) s = reducer(s, { type: 'speed', delta: -1 });
    expect(s.speedIndex).toBe(0);
    expect(s.notice).toBe('speed 1 t/s');
  });

  it('cycles the selected model and the focused world both ways', () => {
    let s = reducer(base(), { type: 'next-model' });
    expect(s.model).toBe(1);
    s = reducer(s, { type: 'next-model' });
    expect(s.model).toBe(0);
    s = reducer(s, { type: 'focus-world', delta: -1 });
    expect(s.world).toBe(3);
    s = reducer(s, { type: 'focus-world', delta: 1 });
    expect(s.world).toBe(0);
  });

  it('selects an existing asset and refuses one that does not exist', () => {
    expect(reducer(base(), { type: 'select-asset', asset: 2 }).asset).toBe(2);
    const refused = reducer(base(), { type: 'select-asset', asset: 5 });
    expect(refused.asset).toBe(0);
    expect(refused.notice).toMatch(/no asset 6/);
  });

  it('bumps the revision when the simulation changed, keeping the notice unless given one', () => {
    const s = reducer(reducer(base(), { type: 'notice', text: 'hello' }), { type: 'sim-changed' });
    expect(s.revision).toBe(1);
    expect(s.notice).toBe('hello');
    expect(reducer(s, { type: 'sim-changed', notice: 'bye' }).notice).toBe('bye');
  });

  it('reads --speed values', () => {
    expect(speedIndexOf('max')).toBe(SPEEDS.length - 1);
    expect(SPEEDS[speedIndexOf('50')!]).toBe(50);
    expect(speedIndexOf('7')).toBeUndefined();
  });
});
