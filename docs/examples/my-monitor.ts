/**
 * The custom monitor of docs/monitors.md ("Your own monitor"): alarm when X trades more
 * than `limit` currency units from its value. `limit` is required: without it the
 * factory throws, and tulip reports that as this monitor's bad options before any tick.
 *
 *     npx tulip run tulip-mania --monitor docs/examples/my-monitor.ts --monitor-option limit=5
 */
import type { MonitorFactory } from 'tulip-sim';

const factory: MonitorFactory = (options) => {
  const limit = options.limit;
  if (typeof limit !== 'number' || !(limit > 0)) throw new Error(`limit (currency units) must be a positive number, got ${JSON.stringify(limit)}`);
  return {
    observe: (view) => ({
      statistic: Math.abs(view.price('X') - view.fundamental('X')),
      threshold: limit,
      message: `X trades ${Math.abs(view.price('X') - view.fundamental('X')).toFixed(2)} from its value (limit ${limit})`,
    }),
  };
};
export default factory;
