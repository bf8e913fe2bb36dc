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
import type { TickHistory } from '../core/history.ts';

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
 * Where a row's label comes from: the forward log return of the lane's asset over
 * `horizon` ticks, read from the observed price history, divided by the world's scale.
 * Data rather than a callback, so the row loop below stays a plain loop over arrays.
 */
export interface LabelSource {
  /** Observed log prices, one column per asset (MarketState.observedHistory). */
  prices: TickHistory;
  /** The asset each lane scores. */
  laneAssets: readonly number[];
  horizon: number;
  /** Per world: the forward return's warm-up standard deviation. */
  scale: Float64Array;
}

/**
 * Builds the rows for ticks [first, last] of every world: row r of world w (lane by lane,
 * tick by tick) at w * rows + r. The rows live in `buffers` until the next call. Each
 * number is the one `pipeline.standardized` (its standardized ring) and the forward return give. The loop runs
 * tick by tick over all worlds, the order the tick-major rings (TickHistory) keep them in.
 */
export function buildRows(pipeline: FeaturePipeline, worlds: number, listedAt: readonly number[], first: number, last: number, labels: LabelSource, buffers: RowBuffers): LabelledRows {
  const F = pipeline.features;
  const rows = labelledCount(listedAt, first, last);
  const { x, y } = buffers.take(worlds * rows * F, worlds * rows);
  const layout = pipeline.layout;
  const z = pipeline.z.data;
  const zCap = pipeline.z.capacity;
  const laneCount = layout.size;
  const quarantined = pipeline.quarantined;
  const prices = labels.prices.data;
  const priceCap = labels.prices.capacity;
  const assets = labels.prices.cols;
  const scale = labels.scale;
  const h = labels.horizon;
  let laneFirstRow = 0;
  for (let lane = 0; lane < listedAt.length; lane++) {
    const asset = labels.laneAssets[lane]!;
    const from = Math.max(first, listedAt[lane]!);
    for (let t = from, k = laneFirstRow; t <= last; t++, k++) {
      const zRow = (t % zCap) * laneCount;
      const nowRow = (t % priceCap) * worlds;
      const laterRow = ((t + h) % priceCap) * worlds;
      for (let w = 0; w < worlds; w++) {
        const i = layout.at(w, lane);
        const base = i * F;
        const at = (zRow + i) * F;
        const r = w * rows + k;
        const out = r * F;
        // FeaturePipeline.writeRow inlined (a call per row costs 5–10 % of a tick here): a
        // quarantined feature is served and trained as its warm-up mean, 0 standardized.
        for (let f = 0; f < F; f++) x[out + f] = quarantined[base + f] ? 0 : z[at + f]!;
        y[r] = (prices[(laterRow + w) * assets + asset]! - prices[(nowRow + w) * assets + asset]!) / scale[w]!;
      }
    }
    laneFirstRow += Math.max(0, last - from + 1);
  }
  return { x, y, rows };
}
