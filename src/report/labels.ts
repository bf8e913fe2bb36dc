/**
 * Words for the report's legends and axes: each model's role ("A (buggy value model)")
 * and each monitor's statistic with its unit ("lagged correlation of B's orders with
 * later X's return", "correlation, −1..1"), so a reader needs no internal names.
 */
import type { MonitorConfig, ScenarioConfig } from '../config/schema.ts';

type ModelConfig = ScenarioConfig['models'][string];

/** What a model mainly reads, as a kind of model. */
function modelKind(model: ModelConfig): string {
  const signals = model.features.map((f) => f.signal);
  if (signals.includes('value-ratio')) return 'value model';
  if (signals.includes('model-output')) return 'model reading a model';
  if (signals.includes('momentum') || signals.includes('return')) return 'momentum model';
  return 'model';
}

/** "A (buggy value model)", "B (momentum model)": the name with the model's role. */
export function modelLabel(name: string, model: ModelConfig): string {
  return `${name} (${model.bugs.length > 0 ? 'buggy ' : ''}${modelKind(model)})`;
}

/** Each enabled model's label, by name. */
export function modelLabels(config: ScenarioConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config.models).map(([name, m]) => [name, modelLabel(name, m)]));
}

/** "orders:B" -> "B's orders", "return:X" -> "X's return". */
export function seriesWords(series: unknown): string {
  if (typeof series !== 'string') return String(series);
  const [kind, owner] = series.split(':');
  return owner ? `${owner}'s ${kind}` : series;
}

export interface StatisticLabel {
  /** What the statistic measures, in words. */
  statistic: string;
  /** Its unit or scale, for the y axis. */
  unit: string;
}

/** A monitor's statistic and unit, from its type and options. */
export function monitorStatistic(m: Pick<MonitorConfig, 'type' | 'options'>): StatisticLabel {
  const o = m.options as Record<string, unknown>;
  const of = (key: string, fallback: string) => (o[key] === undefined ? fallback : seriesWords(o[key]));
  switch (m.type) {
    case 'bubble':
      return { statistic: `|P/V − 1| of ${of('asset', 'X')}`, unit: 'fraction (0.1 = 10 %)' };
    case 'cross-correlation':
      return { statistic: `lagged correlation of ${of('cause', "A's orders")} with later ${of('effect', "X's return")}`, unit: 'correlation, −1..1' };
    case 'granger':
      return { statistic: `Granger test p-value, ${of('cause', "A's orders")} → ${of('effect', "B's orders")} (alarm below)`, unit: 'p-value, 0..1' };
    case 'loop-gain':
      return { statistic: 'estimated loop gain (VAR(1) spectral radius)', unit: 'gain (≥ 1 feeds itself)' };
    case 'loop-gain-model':
      return { statistic: `white-box loop gain of ${String(o.model ?? 'the model')} (impact × trade rate × gain × price weights)`, unit: 'gain (≥ 1 runs away)' };
    case 'loop-gain-flow':
      return { statistic: `black-box loop gain of ${String(o.model ?? 'the model')} (measured impact × order response)`, unit: 'gain (≥ 1 runs away)' };
    case 'herding':
      return { statistic: "correlation of the two models' positions", unit: 'correlation, −1..1' };
    case 'drawdown':
      return { statistic: `${String(o.model ?? 'the model')}'s PnL below its best so far`, unit: 'currency units' };
    case 'prediction-error':
      return { statistic: `${String(o.model ?? 'the model')}'s recent squared prediction error vs its reference`, unit: 'ratio' };
    case 'range':
      return { statistic: `${String(o.model ?? 'the model')}'s most unusual raw input`, unit: 'σ from the training mean' };
    case 'psi':
      return { statistic: `population stability index of ${of('series', 'the series')}`, unit: 'PSI (0.25 = large shift)' };
    case 'ks':
      return { statistic: `Kolmogorov–Smirnov p-value of ${of('series', 'the series')} (alarm below)`, unit: 'p-value, 0..1' };
    case 'cusum':
      return { statistic: `CUSUM of ${of('series', 'the series')}`, unit: 'standard deviations' };
    case 'page-hinkley':
    case 'adwin':
      return { statistic: `${m.type} drift statistic of ${of('series', 'the series')}`, unit: 'units of the series' };
    case 'feature-usage':
      return { statistic: `share of use of ${String(o.model ?? 'the model')}'s least used feature (alarm below)`, unit: 'share, 0..1' };
    case 'missing-rate':
      return { statistic: `share of recent ticks ${String(o.model ?? 'the model')}'s input was missing`, unit: 'share, 0..1' };
    case 'staleness':
      return { statistic: `ticks since ${String(o.model ?? 'the model')}'s input was fresh`, unit: 'ticks' };
    case 'skew':
      return { statistic: `training–serving skew of ${String(o.model ?? 'the model')}'s inputs`, unit: 'skew score' };
    default:
      return { statistic: `${m.type} statistic`, unit: "the monitor's own units" };
  }
}

/** Each monitor's statistic label, by monitor name. */
export function monitorStatistics(config: ScenarioConfig): Record<string, StatisticLabel> {
  return Object.fromEntries(config.monitors.map((m) => [m.name, monitorStatistic(m)]));
}
