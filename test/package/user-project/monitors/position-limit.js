/**
 * A team's own monitor in plain JavaScript (ESM syntax, in a folder whose package.json
 * has no "type" field): alarms when model A holds more than `limit` shares.
 */
/** @type {import('tulip-sim').MonitorFactory} */
export default function positionLimit(options) {
  const limit = typeof options.limit === 'number' ? options.limit : 100;
  return {
    observe: (view) => ({ statistic: Math.abs(view.position('A')), threshold: limit, message: `A holds ${view.position('A').toFixed(0)} shares` }),
  };
}
