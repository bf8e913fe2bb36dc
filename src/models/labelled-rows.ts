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

/** How many (lane, tick) rows ticks [first, last] hold: each lane from its listing on. */
export function labelledCount(listedAt: readonly number[], first: number, last: number): number {
  let rows = 0;
  for (const from of listedAt) rows += Math.max(0, last - Math.max(first, from) + 1);
  return rows;
}

/** Reused row buffers, grown when a longer window needs them. */
export class RowBuffers {
  private x = new Float32Array(0);
  private y = new Float32Array(0);

  /** Views of at least the asked sizes (the contents are overwritten by the next call). */
  take(xLength: number, yLength: number): { x: Float32Array; y: Float32Array } {
    if (this.x.length < xLength) this.x = new Float32Array(xLength);
    if (this.y.length < yLength) this.y = new Float32Array(yLength);
    return { x: this.x.subarray(0, xLength), y: this.y.subarray(0, yLength) };
  }
}

/**
 * Builds the rows for ticks [first, last] of every world, lane by lane, tick by tick;
 * `label(world, lane, tick)` is the target. The rows live in `buffers` until the next call.
 */
export function buildRows(pipeline: FeaturePipeline, worlds: number, listedAt: readonly number[], first: number, last: number, label: (world: number, lane: number, tick: number) => number, buffers: RowBuffers): LabelledRows {
  const F = pipeline.features;
  const rows = labelledCount(listedAt, first, last);
  const { x, y } = buffers.take(worlds * rows * F, worlds * rows);
  const layout = pipeline.layout;
  for (let w = 0; w < worlds; w++) {
    let r = 0;
    for (let lane = 0; lane < listedAt.length; lane++) {
      const i = layout.at(w, lane);
      for (let t = Math.max(first, listedAt[lane]!); t <= last; t++, r++) {
        pipeline.writeRow(i, t, x, (w * rows + r) * F);
        y[w * rows + r] = label(w, lane, t);
      }
    }
  }
  return { x, y, rows };
}
