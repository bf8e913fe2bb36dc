/**
 * A tiny scenario for sweep tests (few ticks, short warm-up, both models retraining), and
 * temporary folders for sweep outputs. Written to a file because a sweep reads its
 * scenario from one (its base name is in every trace header).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';

export const SWEEP_SCENARIO = `title: Sweep fixture
lesson: A very small tulip mania for sweep tests; A's units bug starts at tick 25.
ticks: 40
seed: 7
market:
  impact: 0.0005
  assets:
    X: { initialPrice: 100 }
models:
  A:
    asset: X
    features:
      - { signal: value-ratio }
    training: { mode: dynamic, warmup: 15, warmupEpochs: 5, every: 10, window: 15, epochs: 2 }
    policy: { gain: 150, maxPosition: 300 }
    bugs:
      - { type: scale, feature: value-ratio, factor: 100, from: 25 }
  B:
    asset: X
    features:
      - { signal: momentum, window: 5 }
    training: { mode: dynamic, warmup: 15, warmupEpochs: 5, every: 10, window: 15, epochs: 2 }
    policy: { gain: 300, maxPosition: 600 }
`;

/** A fresh temporary folder holding `sweep-fixture.yaml`; `cleanup` removes it. */
export function sweepDir(prefix: string): { dir: string; scenario: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `tulip-${prefix}-`));
  const scenario = join(dir, 'sweep-fixture.yaml');
  writeFileSync(scenario, SWEEP_SCENARIO);
  return { dir, scenario, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Data rows of a sweep.csv (the header line dropped). */
export function csvRows(outDir: string): string[] {
  return readFileSync(join(outDir, 'sweep.csv'), 'utf8').trimEnd().split('\n').slice(1);
}

/** A sweep.arrow read back with apache-arrow: column names and every column's values. */
export function arrowTable(outDir: string): { names: string[]; columns: Record<string, unknown[]>; rows: number } {
  const table = tableFromIPC(readFileSync(join(outDir, 'sweep.arrow')));
  const names = table.schema.fields.map((f) => f.name);
  return { names, rows: table.numRows, columns: Object.fromEntries(names.map((n) => [n, Array.from(table.getChild(n)! as Iterable<unknown>)])) };
}
