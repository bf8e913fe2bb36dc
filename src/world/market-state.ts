/**
 * The state of every world's market, as typed arrays indexed [world * assets + asset].
 * Prices and values are kept as natural logs; `observed` is the price the traders see
 * at the start of a tick (the last close moved by the tick's news about value).
 */
import { TickHistory } from '../core/history.ts';
import { ExcursionState } from './excursion-state.ts';

export class MarketState {
  /** Log fundamental value V. */
  readonly logValue: Float64Array;
  /** Long-run level of log V (moved by regime shifts). */
  readonly logLevel: Float64Array;
  /** Log price seen before this tick's trading. */
  readonly logObserved: Float64Array;
  /** Log price after this tick's trading (the close). */
  readonly logClose: Float64Array;
  /** The previous tick's close (for close-to-close returns). */
  readonly logPreviousClose: Float64Array;
  /** Published estimate of log V (true value plus estimation noise). */
  readonly logEstimate: Float64Array;
  /**
   * Variance of the next tick's news about log V (log units squared). Constant in the
   * gaussian style; in the garch style it follows each shock (src/market/fundamental.ts).
   */
  readonly newsVariance: Float64Array;
  /** Shares traded (sum of |order|) in the last cleared tick. */
  readonly volume: Float64Array;
  /** Net order flow of the last cleared tick (shares). */
  readonly netFlow: Float64Array;
  /** Largest |P/V - 1| so far. */
  readonly peakDeviation: Float64Array;
  /** The path of P/V - 1: first large excursion, peak above value, fall after it. */
  readonly excursion: ExcursionState;
  /** Observed log prices by tick, for returns, momentum and training targets. */
  readonly observedHistory: TickHistory;

  constructor(
    readonly worlds: number,
    readonly symbols: readonly string[],
    historyCapacity: number,
  ) {
    const n = worlds * symbols.length;
    this.logValue = new Float64Array(n);
    this.logLevel = new Float64Array(n);
    this.logObserved = new Float64Array(n);
    this.logClose = new Float64Array(n);
    this.logPreviousClose = new Float64Array(n);
    this.logEstimate = new Float64Array(n);
    this.newsVariance = new Float64Array(n);
    this.volume = new Float64Array(n);
    this.netFlow = new Float64Array(n);
    this.peakDeviation = new Float64Array(n);
    this.excursion = new ExcursionState(n);
    this.observedHistory = new TickHistory(worlds, historyCapacity, symbols.length);
  }

  get assets(): number {
    return this.symbols.length;
  }

  index(world: number, asset: number): number {
    return world * this.symbols.length + asset;
  }

  arrays(): Float64Array[] {
    return [this.logValue, this.logLevel, this.logObserved, this.logClose, this.logPreviousClose, this.logEstimate, this.newsVariance, this.volume, this.netFlow, this.peakDeviation, ...this.excursion.arrays(), this.observedHistory.data];
  }

  snapshot(): Float64Array[] {
    return this.arrays().map((a) => a.slice());
  }

  restore(saved: Float64Array[]): void {
    this.arrays().forEach((a, i) => a.set(saved[i]!));
  }
}
