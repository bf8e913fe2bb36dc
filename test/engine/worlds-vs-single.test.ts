/**
 * Worlds in lockstep are independent runs: world k of a run with `seed S, worlds W` is
 * the run with seed S + k. The model banks batch all worlds into one tfjs call, so this
 * also checks that batching never mixes worlds.
 *
 * Found (and pinned here): the per-world trace hashes are bit-identical to the single
 * runs' on both the wasm and the cpu backend, so the summaries agree exactly, not only
 * within the 1e-6 relative tolerance the contract promises.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd, smallMania } from '../helpers/scenarios.ts';
import { worldSummary, type WorldSummary } from '../../src/setup/summary.ts';
import type { BackendChoice } from '../../src/models/backend.ts';

const SEED = 11;
const WORLDS = 3;

/** Every number of `actual` is within `rel` (relative) of the same number in `expected`. */
function expectCloseRelative(actual: unknown, expected: unknown, rel: number, path = 'summary'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    expect(Math.abs(a - expected) <= rel * Math.max(Math.abs(a), Math.abs(expected)), `${path}: ${a} vs ${expected}`).toBe(true);
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectCloseRelative((actual as Record<string, unknown>)[key], value, rel, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

/** The summary fields that describe the world's outcome (not which world slot it ran in). */
function outcome(s: WorldSummary) {
  return { seed: s.seed, assets: s.assets, models: s.models, alerts: s.alerts.map(({ world: _world, ...a }) => a) };
}

async function compare(backend: BackendChoice): Promise<{ multi: WorldSummary[]; singles: WorldSummary[] }> {
  const loaded = smallMania();
  const multi = await runToEnd(loaded, { seed: SEED, worlds: WORLDS, backend }, (sim) => Array.from({ length: WORLDS }, (_, w) => worldSummary(sim, w)));
  const singles: WorldSummary[] = [];
  for (let k = 0; k < WORLDS; k++) singles.push(await runToEnd(loaded, { seed: SEED + k, worlds: 1, backend }, (sim) => worldSummary(sim, 0)));
  return { multi, singles };
}

describe.each(['wasm', 'cpu'] as const)('world k of a %s run with W worlds', (backend) => {
  it('has the same summary as a single run with seed S + k (within 1e-6 relative) and the same trace hash', async () => {
    const { multi, singles } = await compare(backend);
    // The worlds really differ from each other, so matching the right single run means something.
    expect(new Set(multi.map((s) => s.traceHash)).size).toBe(WORLDS);
    expect(new Set(multi.map((s) => s.assets.X!.finalPrice)).size).toBe(WORLDS);
    for (let k = 0; k < WORLDS; k++) {
      expect(multi[k]!.seed).toBe(SEED + k);
      expect(multi[k]!.models.A!.version).toBeGreaterThan(1);
      expectCloseRelative(outcome(multi[k]!), outcome(singles[k]!), 1e-6, `world ${k}`);
      // Bit-identical: the hash covers every recorded number of every tick.
      expect(multi[k]!.traceHash, `world ${k} hash on ${backend}`).toBe(singles[k]!.traceHash);
    }
  });
});
