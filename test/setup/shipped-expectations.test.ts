/**
 * The phenomena the shipped scenarios teach are real: every `expect:` check of every
 * scenario in scenarios/ holds. `tulip check` runs each scenario's full `expect: seeds`;
 * here the checks run over seeds 1..5 (plus any seed a check names, e.g. the workshop's
 * seed 1), so the suite stays quick on a busy machine while the shape still has to show.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { evaluateExpectations } from '../../src/setup/expect.ts';

const dir = new URL('../../scenarios/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const QUICK_SEEDS = [1, 2, 3, 4, 5];

describe('shipped scenarios', () => {
  it('ship at least calm, tulip-mania and a static-training lesson', () => {
    expect(files).toEqual(expect.arrayContaining(['calm.yaml', 'tulip-mania.yaml', 'static-models.yaml']));
  });

  it.each(files)('%s has a lesson and expect: checks that hold over seeds 1..5', async (file) => {
    const loaded = loadScenarioFile(dir + file);
    expect(loaded.config.lesson.length).toBeGreaterThan(80);
    expect(loaded.config.expect?.checks.length ?? 0).toBeGreaterThan(0);
    const results = await evaluateExpectations(loaded, { seeds: QUICK_SEEDS });
    const failed = results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.why}`);
    expect(failed).toEqual([]);
  });
});
