/**
 * Series a monitor can watch, named in scenarios as `kind:subject`:
 *
 * | series | value each tick |
 * | --- | --- |
 * | `price:X`, `return:X` | closing price; log return close to close |
 * | `deviation:X` | P/V - 1 |
 * | `flow:X` | net order flow (shares) |
 * | `orders:A`, `position:A`, `prediction:A`, `pnl:A` | a model's order, position, prediction, PnL |
 * | `error:A` | squared error of A's prediction made `horizon` ticks ago (standard units; NaN until known) |
 * | `feature:A/value-ratio` | the raw value A's pipeline read for that feature |
 */
import type { MonitorView } from './monitor.ts';

export interface SeriesReader {
  readonly name: string;
  read(view: MonitorView): number;
  /** False while the series means nothing yet (its model is not trading); windows restart then. */
  ready(view: MonitorView): boolean;
}

const always = () => true;

const ASSET_KINDS = ['price', 'return', 'deviation', 'flow'] as const;
const MODEL_KINDS = ['orders', 'position', 'prediction', 'pnl', 'error'] as const;
export const SERIES_HELP = `a series such as price:X, return:X, deviation:X, flow:X, orders:A, position:A, prediction:A, pnl:A, error:A or feature:A/<feature>`;

export class SeriesError extends Error {}

export function parseSeries(spec: string, assets: readonly string[], models: readonly string[]): SeriesReader {
  const [kind, subject] = spec.split(':');
  if (!kind || !subject) throw new SeriesError(`${JSON.stringify(spec)} is not ${SERIES_HELP}`);
  if ((ASSET_KINDS as readonly string[]).includes(kind)) {
    if (!assets.includes(subject)) throw new SeriesError(`${spec}: unknown asset ${subject}; assets: ${assets.join(', ')}`);
    return assetSeries(spec, kind as (typeof ASSET_KINDS)[number], subject);
  }
  if ((MODEL_KINDS as readonly string[]).includes(kind)) {
    if (!models.includes(subject)) throw new SeriesError(`${spec}: unknown model ${subject}; models: ${models.join(', ')}`);
    return modelSeries(spec, kind as (typeof MODEL_KINDS)[number], subject);
  }
  if (kind === 'feature') {
    const [model, feature] = subject.split('/');
    if (!model || !feature || !models.includes(model)) throw new SeriesError(`${spec}: expected feature:<model>/<feature> with a model from ${models.join(', ')}`);
    return { name: spec, read: (v) => v.featureRaw(model, feature), ready: (v) => v.fitted(model) };
  }
  throw new SeriesError(`${JSON.stringify(spec)} is not ${SERIES_HELP}`);
}

function assetSeries(name: string, kind: (typeof ASSET_KINDS)[number], asset: string): SeriesReader {
  if (kind === 'price') return { name, read: (v) => v.price(asset), ready: always };
  if (kind === 'deviation') return { name, read: (v) => v.price(asset) / v.fundamental(asset) - 1, ready: always };
  if (kind === 'flow') return { name, read: (v) => v.netFlow(asset), ready: always };
  return { name, read: (v) => v.logReturn(asset), ready: always };
}

function modelSeries(name: string, kind: (typeof MODEL_KINDS)[number], model: string): SeriesReader {
  return { name, read: modelReader(kind, model), ready: (v) => v.active(model) };
}

function modelReader(kind: (typeof MODEL_KINDS)[number], model: string): (v: MonitorView) => number {
  switch (kind) {
    case 'orders':
      return (v) => v.order(model);
    case 'position':
      return (v) => v.position(model);
    case 'prediction':
      return (v) => v.prediction(model);
    case 'pnl':
      return (v) => v.pnl(model);
    case 'error':
      return (v) => (v.realizedTarget(model) - v.laggedPrediction(model)) ** 2;
  }
}
