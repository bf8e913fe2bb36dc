/**
 * A user's own monitor, as a team would write it: an exponentially weighted average of
 * X's gap from its value, |P/V − 1|, alarming above a threshold. It uses only the public
 * monitor interface from `tulip-sim`. Evaluated in monitor-regression.test.ts, and from
 * the command line:
 *
 *     npx tulip eval --monitor docs/examples/price-gap-monitor.ts --options '{"threshold":0.1}' --seeds 1..10
 */
import type { MonitorFactory } from 'tulip-sim';

const factory: MonitorFactory = (options) => {
  const asset = typeof options.asset === 'string' ? options.asset : 'X';
  const threshold = typeof options.threshold === 'number' ? options.threshold : 0.1;
  const alpha = typeof options.alpha === 'number' ? options.alpha : 0.2;
  let smoothed = 0;
  return {
    observe: (view) => {
      smoothed += alpha * (Math.abs(view.price(asset) / view.fundamental(asset) - 1) - smoothed);
      return { statistic: smoothed, threshold, message: `${asset} trades ${(100 * smoothed).toFixed(1)}% from its value (smoothed)` };
    },
    reset: () => {
      smoothed = 0;
    },
    state: () => smoothed,
    restore: (s) => {
      smoothed = s as number;
    },
  };
};

export default factory;
