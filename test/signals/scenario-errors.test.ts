/**
 * Bad data-dependency fields get one clear message naming the field path and what is
 * allowed.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/config/errors.ts';
import { smallScenario } from './helpers.ts';

function problems(s: Parameters<typeof smallScenario>[0]): string {
  try {
    smallScenario(s);
  } catch (err) {
    if (err instanceof ScenarioError) return err.message;
    throw err;
  }
  return '(loaded)';
}

describe('scenario checks for signals', () => {
  it('an unknown source names the declared ones', () => {
    expect(problems({ signals: { valuation: {} }, features: [{ signal: 'value-ratio', source: 'valuaton' }] })).toMatch(/models\.A\.features\[0\]\.source.*unknown source "valuaton"; sources: valuation/);
  });

  it('a pin needs a source, and a version the source has', () => {
    expect(problems({ features: [{ signal: 'value-ratio', pin: { version: 1 } }] })).toMatch(/models\.A\.features\[0\]\.pin.*needs a `source:`/);
    expect(problems({ signals: { v: {} }, features: [{ signal: 'value-ratio', source: 'v', pin: { version: 3 } }] })).toMatch(/pin\.version.*versions 1\.\.1, got 3/);
  });

  it('a definition change must fit the signal it redefines', () => {
    const msg = problems({ signals: { v: { changes: [{ tick: 5, type: 'definition', window: 5 }] } }, features: [{ signal: 'value-ratio', source: 'v' }] });
    expect(msg).toMatch(/signals\.v\.changes\[0\]\.window.*redefines momentum/);
  });

  it('changes in tick order; a calendar outage shorter than its period; outage types listed', () => {
    expect(problems({ signals: { v: { changes: [{ tick: 9, type: 'sign' }, { tick: 5, type: 'sign' }] } }, features: [{ signal: 'momentum', source: 'v' }] })).toMatch(/signals\.v\.changes\[1\]\.tick.*tick order/);
    expect(problems({ signals: { v: { outages: [{ type: 'calendar', every: 10, length: 10 }] } }, features: [{ signal: 'momentum', source: 'v' }] })).toMatch(/signals\.v\.outages\[0\]\.length.*less than every/);
    expect(problems({ signals: { v: { outages: [{ type: 'weekly' }] } }, features: [{ signal: 'momentum', source: 'v' }] })).toMatch(/signals\.v\.outages\[0\]\.type.*random.*calendar.*load/);
  });

  it('a monitor option naming a feature the model does not have', () => {
    const msg = problems({ signals: { v: {} }, features: [{ signal: 'momentum', source: 'v' }], more: { monitors: [{ name: 's', type: 'staleness', options: { model: 'A', feature: 'momentun' } }] } });
    expect(msg).toMatch(/monitors\[0\]\.options\.feature.*model A has no feature "momentun"; its features: momentum/);
  });

  it('a missing-value policy outside the list', () => {
    expect(problems({ signals: { v: {} }, features: [{ signal: 'momentum', source: 'v', missing: 'interpolate' }] })).toMatch(/missing.*hold-last.*zero.*training-mean.*skip-trading/);
  });
});
