/**
 * A model's feature pipeline: raw signal -> injected bug -> standardize -> clip.
 *
 * Standardization statistics are fitted once, on the warm-up history, and then frozen
 * with the model (as a preprocessing layer is in production). Raw rows are kept in a
 * ring buffer, and beside it their standardized, clipped values, computed once when a
 * tick is observed (and again for the whole ring when the statistics are fitted): serving
 * and every training window read them instead of standardizing each value again.
 */
import type { BugConfig } from '../config/schema.ts';
import { TickHistory } from '../core/history.ts';
import { readSignal, readSignalColumn, type SignalSpec } from '../signals/observe.ts';
import type { MarketState } from '../world/market-state.ts';
import type { FeatureLinks } from '../signals/consumer.ts';
import type { LaneLayout } from '../world/lanes.ts';

/** Per-world bug switch set by an intervention: follow the schedule, force on, force off. */
export const BUG_SCHEDULED = 0;
export const BUG_FORCED_ON = 1;
export const BUG_FORCED_OFF = 2;

export interface PipelineBug {
  config: BugConfig;
  feature: number;
}

export class FeaturePipeline {
  readonly raw: TickHistory;
  /** Standardized, clipped `raw` (same layout), quarantine not applied: it is checked when read. */
  readonly z: TickHistory;
  readonly mean: Float64Array;
  readonly std: Float64Array;
  /** Value frozen by a stale bug, per world and feature (NaN when not frozen). */
  readonly frozen: Float64Array;
  /** Per-world bug switch (see BUG_*), one per bug. */
  readonly bugSwitch: Uint8Array;
  /** Per-world: is each bug active this tick (1) or not (0). */
  readonly bugActive: Uint8Array;
  /** Per world and feature: 1 where the feature is quarantined (served and trained as its warm-up mean). */
  readonly quarantined: Uint8Array;
  /** [0] is 1 once the standardization is fitted (the warm-up is over); an array so snapshots carry it. */
  readonly fittedFlag = new Uint8Array(1);
  /** Upstream sources, versions and missing-value policies (scenario/build.ts sets it when the scenario declares `signals:`). */
  links: FeatureLinks | undefined;

  /** The tick observed last: what `rawNow` and `standardizedNow` read. */
  private tickNow = 0;

  /** Per lane of a world, the specs with that lane's asset (one lane per scored asset). */
  private readonly laneSpecs: readonly (readonly SignalSpec[])[];

  /**
   * Every array here is per lane (see LaneLayout): a model that scores one asset has one
   * lane per world; a multi-asset model has one per asset, `laneAssets[l]` being the asset
   * its features read. Methods take a lane index `i = layout.at(world, lane)`.
   */
  constructor(
    readonly layout: LaneLayout,
    readonly specs: readonly SignalSpec[],
    readonly bugs: readonly PipelineBug[],
    readonly clip: number,
    capacity: number,
    laneAssets?: readonly number[],
  ) {
    const F = specs.length;
    const laneCount = layout.size;
    this.laneSpecs = laneAssets ? laneAssets.map((asset) => specs.map((spec) => ({ ...spec, asset }))) : [specs];
    this.raw = new TickHistory(laneCount, capacity, F);
    this.z = new TickHistory(laneCount, capacity, F);
    this.mean = new Float64Array(laneCount * F);
    this.std = new Float64Array(laneCount * F).fill(1);
    this.frozen = new Float64Array(laneCount * F).fill(Number.NaN);
    this.bugSwitch = new Uint8Array(laneCount * bugs.length);
    this.bugActive = new Uint8Array(laneCount * bugs.length);
    this.quarantined = new Uint8Array(laneCount * specs.length);
  }

  get features(): number {
    return this.specs.length;
  }

  private isActive(world: number, b: number, tick: number): boolean {
    const sw = this.bugSwitch[world * this.bugs.length + b]!;
    if (sw === BUG_FORCED_ON) return true;
    if (sw === BUG_FORCED_OFF) return false;
    const bug = this.bugs[b]!.config;
    return tick >= bug.from && (bug.until === undefined || tick < bug.until);
  }

  /** Reads every feature of lane index `lane` at `tick`, applies active bugs, stores the raw row. */
  observe(market: MarketState, lane: number, tick: number, published: readonly Float64Array[]): void {
    const F = this.features;
    this.tickNow = tick;
    const specs = this.laneSpecs[this.layout.laneOf(lane)]!;
    const marketWorld = this.layout.worldOf(lane);
    // raw and z share one layout: the lane's row for this tick is found once.
    const at = this.raw.offset(lane, tick, 0);
    const raw = this.raw.data;
    const z = this.z.data;
    for (let f = 0; f < F; f++) {
      let value = this.links
        ? this.links.read(f, lane, tick, market, published, this.fittedFlag[0] ? this.mean[lane * F + f]! : Number.NaN)
        : readSignal(specs[f]!, market, marketWorld, tick, published);
      for (let b = 0; b < this.bugs.length; b++) {
        const bug = this.bugs[b]!;
        if (bug.feature !== f) continue;
        const active = this.isActive(lane, b, tick);
        this.bugActive[lane * this.bugs.length + b] = active ? 1 : 0;
        if (!active) {
          if (bug.config.type === 'stale') this.frozen[lane * F + f] = Number.NaN;
          continue;
        }
        if (bug.config.type === 'scale') value *= bug.config.factor;
        else if (bug.config.type === 'sign-flip') value = -value;
        else {
          if (Number.isNaN(this.frozen[lane * F + f]!)) this.frozen[lane * F + f] = value;
          value = this.frozen[lane * F + f]!;
        }
      }
      raw[at + f] = value;
      z[at + f] = this.clipped(value, lane * F + f);
    }
  }

  /**
   * Reads every feature of every lane at `tick`: `observe` for each lane, in numbers, but
   * feature by feature over all lanes, so a signal's kind and its history row are decided
   * once per tick rather than once per lane. Declared sources (`links`) read lane by lane
   * through `observe`: their outages draw from streams in that order.
   */
  observeTick(market: MarketState, tick: number, published: readonly Float64Array[]): void {
    const size = this.layout.size;
    if (this.links) {
      for (let i = 0; i < size; i++) this.observe(market, i, tick, published);
      return;
    }
    const F = this.features;
    const lanes = this.layout.lanes;
    this.tickNow = tick;
    const row = this.raw.rowStart(tick); // the z ring shares the layout
    const raw = this.raw.data;
    const z = this.z.data;
    for (let f = 0; f < F; f++) {
      for (let l = 0; l < lanes; l++) readSignalColumn(this.laneSpecs[l]![f]!, market, tick, published, raw, row + l * F + f, lanes * F);
      for (let b = 0; b < this.bugs.length; b++) if (this.bugs[b]!.feature === f) this.applyBug(b, tick, raw, row);
      for (let i = 0; i < size; i++) z[row + i * F + f] = this.clipped(raw[row + i * F + f]!, i * F + f);
    }
  }

  /** Bug b on its feature's column of tick `tick` (row `row` of the raw ring), every lane: `observe`'s rule. */
  private applyBug(b: number, tick: number, raw: Float64Array, row: number): void {
    const F = this.features;
    const n = this.bugs.length;
    const bug = this.bugs[b]!;
    const f = bug.feature;
    for (let i = 0; i < this.layout.size; i++) {
      const active = this.isActive(i, b, tick);
      this.bugActive[i * n + b] = active ? 1 : 0;
      const k = i * F + f;
      if (!active) {
        if (bug.config.type === 'stale') this.frozen[k] = Number.NaN;
        continue;
      }
      if (bug.config.type === 'scale') raw[row + k]! *= bug.config.factor;
      else if (bug.config.type === 'sign-flip') raw[row + k] = -raw[row + k]!;
      else {
        if (Number.isNaN(this.frozen[k]!)) this.frozen[k] = raw[row + k]!;
        raw[row + k] = this.frozen[k]!;
      }
    }
  }

  /** A raw value of feature slot `k` (lane * F + f) standardized with its statistics, clipped. */
  private clipped(value: number, k: number): number {
    const z = (value - this.mean[k]!) / this.std[k]!;
    return z > this.clip ? this.clip : z < -this.clip ? -this.clip : z;
  }

  /**
   * Fits mean and standard deviation per world and feature on raw rows [from, to]. The
   * lanes of a world share one fit (pooled over its lanes): one model scores every asset
   * with one preprocessing, as a shared production model would.
   */
  fitStandardization(from: number, to: number): void {
    const F = this.features;
    const lanes = this.laneSpecs.length;
    const n = (to - from + 1) * lanes;
    for (let first = 0; first < this.layout.size; first += lanes) {
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let l = first; l < first + lanes; l++) for (let t = from; t <= to; t++) sum += this.raw.get(l, t, f);
        const mean = sum / n;
        let ss = 0;
        for (let l = first; l < first + lanes; l++) for (let t = from; t <= to; t++) ss += (this.raw.get(l, t, f) - mean) ** 2;
        const std = Math.sqrt(ss / Math.max(1, n - 1));
        // A constant feature carries no information; a unit scale keeps it harmless.
        for (let l = first; l < first + lanes; l++) {
          this.mean[l * F + f] = mean;
          this.std[l * F + f] = std > 1e-12 ? std : 1;
        }
      }
    }
    this.fittedFlag[0] = 1;
    // Every value in the ring again with the fitted statistics (training reads back that far).
    const raw = this.raw.data;
    const z = this.z.data;
    for (let at = 0; at < raw.length; at += F) {
      const lane = (at / F) % this.layout.size;
      for (let f = 0; f < F; f++) z[at + f] = this.clipped(raw[at + f]!, lane * F + f);
    }
  }

  /** The standardized, clipped value of feature f for world w at tick t. */
  standardized(w: number, t: number, f: number): number {
    const F = this.features;
    // A quarantined feature is imputed with its training mean (0 after standardizing),
    // which also keeps it out of training: its weight gets no gradient.
    if (this.quarantined[w * F + f]) return 0;
    return this.z.get(w, t, f);
  }

  /** Feature f of lane index `lane` as read this tick (after any injected bug). */
  rawNow(lane: number, f: number): number {
    return this.raw.get(lane, this.tickNow, f);
  }

  /** Feature f of lane index `lane` as served this tick (standardized, clipped). */
  standardizedNow(lane: number, f: number): number {
    return this.standardized(lane, this.tickNow, f);
  }

  /**
   * `standardizedNow(layout.at(w, lane), f)` of worlds [from, to), into
   * `out[(w - from) * stride + offset]`: the served value of one feature, with the ring
   * row found once.
   */
  servedColumn(lane: number, f: number, from: number, to: number, out: Float64Array, stride: number, offset: number): void {
    const F = this.features;
    const lanes = this.layout.lanes;
    const z = this.z.data;
    const row = this.z.rowStart(this.tickNow);
    for (let w = from; w < to; w++) {
      const k = (w * lanes + lane) * F + f;
      out[(w - from) * stride + offset] = this.quarantined[k] ? 0 : z[row + k]!;
    }
  }

  /**
   * Writes lane index `lane`'s standardized, clipped row at tick t into `out` from `offset`:
   * the same numbers as `standardized` for each feature, with the ring offset found once.
   */
  writeRow(lane: number, t: number, out: Float32Array, offset: number): void {
    const F = this.features;
    const z = this.z.data;
    const at = this.z.offset(lane, t, 0);
    const base = lane * F;
    for (let f = 0; f < F; f++) out[offset + f] = this.quarantined[base + f] ? 0 : z[at + f]!;
  }

  /** Writes standardized rows for ticks [from, from + rows) of every lane into `out` ([lanes * rows * F]). */
  fillRows(out: Float32Array, from: number, rows: number): void {
    const F = this.features;
    for (let w = 0; w < this.layout.size; w++) {
      for (let r = 0; r < rows; r++) this.writeRow(w, from + r, out, (w * rows + r) * F);
    }
  }

  arrays(): (Float64Array | Uint8Array)[] {
    return [this.raw.data, this.z.data, this.mean, this.std, this.frozen, this.bugSwitch, this.bugActive, this.quarantined, this.fittedFlag, ...(this.links?.arrays() ?? [])];
  }
}
