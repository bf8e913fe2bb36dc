/**
 * Signals: what a model can observe about the market each tick, as raw numbers before
 * any model-side preprocessing. Faults and upstream versions slot in here later: a
 * signal read goes through `readSignal`, one place to wrap.
 */
import type { SignalKind } from '../config/schema.ts';
import type { MarketState } from '../world/market-state.ts';

export interface SignalSpec {
  kind: SignalKind;
  /** Asset index the signal is about. */
  asset: number;
  lag: number;
  window: number;
  /** For model-output: index of the model role read. */
  model?: number;
}

/** Ticks of observed-price history the signal looks back over. */
export function signalLookback(spec: SignalSpec): number {
  if (spec.kind === 'return') return spec.lag;
  if (spec.kind === 'momentum') return spec.window - 1;
  return 0;
}

/** The observed log price `back` ticks before `tick` (tick 0's value before the start). */
function pastObserved(market: MarketState, world: number, asset: number, tick: number, back: number): number {
  return market.observedHistory.get(world, Math.max(0, tick - back), asset);
}

/**
 * The raw value of a signal for one world at the start of `tick` (after the tick's news,
 * before its trading). `published` holds each model role's last published prediction.
 */
export function readSignal(spec: SignalSpec, market: MarketState, world: number, tick: number, published: readonly Float64Array[]): number {
  const i = market.index(world, spec.asset);
  switch (spec.kind) {
    case 'price':
      return market.logObserved[i]!;
    case 'return':
      return market.logObserved[i]! - pastObserved(market, world, spec.asset, tick, spec.lag);
    case 'momentum': {
      let sum = 0;
      for (let k = 0; k < spec.window; k++) sum += pastObserved(market, world, spec.asset, tick, k);
      return market.logObserved[i]! - sum / spec.window;
    }
    case 'volume':
      return market.volume[i]!;
    case 'value-ratio':
      return Math.exp(market.logEstimate[i]! - market.logObserved[i]!);
    case 'model-output':
      return published[spec.model!]![world]!;
  }
}

/**
 * `readSignal` for every world at once: world w's value goes to `out[first + w * stride]`.
 * The same numbers as calling readSignal world by world; the signal's kind is decided once
 * and the history rows it reads are found once per tick, not once per world.
 */
export function readSignalColumn(spec: SignalSpec, market: MarketState, tick: number, published: readonly Float64Array[], out: Float64Array, first: number, stride: number): void {
  const W = market.worlds;
  const A = market.assets;
  const a = spec.asset;
  const observed = market.logObserved;
  const history = market.observedHistory;
  const past = history.data;
  switch (spec.kind) {
    case 'price':
      for (let w = 0; w < W; w++) out[first + w * stride] = observed[w * A + a]!;
      return;
    case 'return': {
      const row = history.rowStart(Math.max(0, tick - spec.lag)) + a;
      for (let w = 0; w < W; w++) out[first + w * stride] = observed[w * A + a]! - past[row + w * A]!;
      return;
    }
    case 'volume':
      for (let w = 0; w < W; w++) out[first + w * stride] = market.volume[w * A + a]!;
      return;
    case 'value-ratio':
      for (let w = 0; w < W; w++) out[first + w * stride] = Math.exp(market.logEstimate[w * A + a]! - observed[w * A + a]!);
      return;
    case 'model-output': {
      const source = published[spec.model!]!;
      for (let w = 0; w < W; w++) out[first + w * stride] = source[w]!;
      return;
    }
    default:
      // Momentum sums a window per world: the per-world read is as good.
      for (let w = 0; w < W; w++) out[first + w * stride] = readSignal(spec, market, w, tick, published);
  }
}
