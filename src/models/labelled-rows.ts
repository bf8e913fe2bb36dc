/**
 * Training rows of a model role: one row per (lane, tick) whose asset was listed at that
 * tick, features standardized and the label the forward return in standard units. The
 * listing calendar is the same in every world, so every world gets the same number of
 * rows and the batch stays one rectangular tensor [W, rows, F].
 *
 * For a one-asset model listed from tick 0 the rows are the ticks in order, exactly the
 * layout FeaturePipeline.fillRows writes.
 */
import type { FeaturePipeline } from './feature-pipeline.ts';

export interface LabelledRows {
  /** [W * rows * F] standardized features. */
  x: Float32Array;
  /** [W * rows] labels (standard units). */
  y: Float32Array;
  rows: number;
}

/** The (lane, tick) pairs labelled in ticks [first, last], in lane-then-tick order. */
export function labelledPairs(listedAt: readonly number[], first: number, last: number): [number, number][] {
  const pairs: [number, number][] = [];
  listedAt.forEach((from, lane) => {
    for (let t = Math.max(first, from); t <= last; t++) pairs.push([lane, t]);
  });
  return pairs;
}

/**
 * Builds the rows for ticks [first, last]; `label(world, lane, tick)` is the target.
 * `worlds` is the number of worlds; the pipeline has worlds x lanes lanes.
 */
export function buildRows(pipeline: FeaturePipeline, worlds: number, listedAt: readonly number[], first: number, last: number, label: (world: number, lane: number, tick: number) => number): LabelledRows {
  const F = pipeline.features;
  const pairs = labelledPairs(listedAt, first, last);
  const rows = pairs.length;
  const x = new Float32Array(worlds * rows * F);
  const y = new Float32Array(worlds * rows);
  for (let w = 0; w < worlds; w++) {
    pairs.forEach(([lane, t], r) => {
      const base = (w * rows + r) * F;
      for (let f = 0; f < F; f++) x[base + f] = pipeline.standardized(pipeline.layout.at(w, lane), t, f);
      y[w * rows + r] = label(w, lane, t);
    });
  }
  return { x, y, rows };
}
