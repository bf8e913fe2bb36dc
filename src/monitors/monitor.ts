/**
 * The monitor interface: public, and the same for built-in and user monitors.
 *
 * A monitor watches one world. Every tick it reads a read-only view of that world
 * (prices, signals, predictions, orders, positions, model versions) and returns its
 * statistic and threshold; the runner around it decides when that is an alarm (after
 * warm-up, debounced, with a cool-down) and turns alarms into alerts.
 *
 * Write your own:
 *
 * ```ts
 * import type { MonitorFactory } from 'tulip-sim';
 * const factory: MonitorFactory = (options) => ({
 *   observe: (view) => ({ statistic: Math.abs(view.price('X') / view.fundamental('X') - 1), threshold: 0.2 }),
 * });
 * export default factory;
 * ```
 */

/** What a monitor may read about one world at the end of a tick (after trading and training). */
export interface MonitorView {
  readonly tick: number;
  readonly world: number;
  readonly assets: readonly string[];
  readonly models: readonly string[];
  /** Closing price (currency units). */
  price(asset: string): number;
  /** Fundamental value (currency units). */
  fundamental(asset: string): number;
  /** Published estimate of value (currency units). */
  estimate(asset: string): number;
  /** Log return of the close over the tick. */
  logReturn(asset: string): number;
  /** Net order flow of the tick (shares). */
  netFlow(asset: string): number;
  /** The model's prediction this tick (standard units of the forward return). */
  prediction(model: string): number;
  /** The model's order this tick (shares). */
  order(model: string): number;
  /** The model's position after the tick (shares). */
  position(model: string): number;
  /** The model's mark-to-market PnL (currency units). */
  pnl(model: string): number;
  /** Served version number. */
  version(model: string): number;
  /** Whether the model is trading at all yet (past its warm-up) and not halted. */
  active(model: string): boolean;
  /** Feature names of a model, in order. */
  features(model: string): readonly string[];
  /** The raw value the model's pipeline read this tick (after any injected bug). */
  featureRaw(model: string, feature: string): number;
  /** The standardized, clipped value served to the model this tick. */
  featureServed(model: string, feature: string): number;
  /** The warm-up mean and standard deviation the pipeline standardizes with. */
  featureReference(model: string, feature: string): { mean: number; std: number };
  /** Whether the model has fitted its standardization (warm-up over). */
  fitted(model: string): boolean;
  /** |weight| of each feature of a linear model (for an MLP, the mean |input weight| per feature). */
  featureWeights(model: string): readonly number[];
  /** Realized forward return of a model's asset for the prediction made `horizon` ticks ago, in standard units; NaN before it is known. */
  realizedTarget(model: string): number;
  /** The prediction made `horizon` ticks ago (matches realizedTarget). */
  laggedPrediction(model: string): number;
  /** Whether the feature's upstream source was down this tick (its value was imputed by the missing-value policy). */
  featureMissing(model: string, feature: string): boolean;
  /** Ticks since the feature last had a fresh value (0 = fresh this tick). */
  featureStale(model: string, feature: string): number;
  /** The upstream version served to the feature this tick (1 for a source that never changed). */
  featureVersion(model: string, feature: string): number;

  // What the simulation knows about a model's loop (white-box inputs; a real system has them
  // in its model registry and its market-impact estimate).
  /** Price impact: log price per share of net order flow. */
  impact(asset: string): number;
  /** The model trader's policy: target = clip(gain × prediction, ±maxPosition), approached at tradeRate per tick. */
  policy(model: string): { gain: number; maxPosition: number; tradeRate: number };
  /** Signed weight of each standardized feature in the prediction (linear models); NaN for an MLP. */
  weights(model: string): readonly number[];
  /** ∂(raw feature)/∂(log price of `asset`) at this tick: 1 for price and return, 1 − 1/window for momentum, −value for value-ratio, 0 otherwise. */
  featurePriceSensitivity(model: string, feature: string, asset: string): number;
}

export interface MonitorReading {
  /** This tick's statistic; NaN while undefined (it never alarms). */
  statistic: number;
  /** The threshold it is compared with. */
  threshold: number;
  /** `above` (default): alarm when statistic > threshold; `below`: when statistic < threshold (p-values). */
  direction?: 'above' | 'below';
  /** Words for the alert. */
  message?: string;
  /** Numbers behind the statistic, kept with the alert. */
  evidence?: Record<string, number | string>;
}

export interface Monitor {
  observe(view: MonitorView): MonitorReading;
  /** Forget everything (called after an alarm when `resetAfterAlarm` is set). */
  reset?(): void;
  /** Serializable state, so snapshots and rewinds restore the monitor too. */
  state?(): unknown;
  restore?(state: unknown): void;
}

/** Makes the monitor for one world. `options` are the monitor's scenario fields. */
export type MonitorFactory = (options: Record<string, unknown>, world: number) => Monitor;

export type Severity = 'info' | 'warning' | 'critical';

export interface MonitorAlert {
  monitor: string;
  severity: Severity;
  world: number;
  tick: number;
  statistic: number;
  threshold: number;
  message: string;
  evidence: Record<string, number | string>;
  /** Set when the alert says the monitor itself failed (threw, or returned no numbers): rules do not act on it. */
  failed?: boolean;
}
