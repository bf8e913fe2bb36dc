/**
 * Cross-field checks of the scenario's data dependencies: every `source:` names a declared
 * source, pins and changes make sense together, and monitors watching one feature name one
 * the model has. Called from scenario/cross-check.ts.
 */
import type { ScenarioConfig } from '../config/schema.ts';
import type { ScenarioProblem } from '../config/errors.ts';

export function checkSignals(config: ScenarioConfig): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const declared = Object.keys(config.signals);
  const list = declared.join(', ') || '(none declared under signals:)';
  for (const [name, model] of Object.entries(config.models)) {
    model.features.forEach((feature, i) => {
      const at = `models.${name}.features[${i}]`;
      const source = feature.source === undefined ? undefined : config.signals[feature.source];
      if (feature.source !== undefined && !source) problems.push({ path: `${at}.source`, message: `unknown source ${JSON.stringify(feature.source)}; sources: ${list}` });
      if (feature.pin && feature.source === undefined) problems.push({ path: `${at}.pin`, message: 'a pin needs a `source:` whose versions it pins' });
      if (feature.pin && source && feature.pin.version > source.changes.length + 1) {
        problems.push({ path: `${at}.pin.version`, message: `source ${feature.source} has versions 1..${source.changes.length + 1}, got ${feature.pin.version}` });
      }
      if (feature.pin?.upgrade === 'manual' && feature.pin.at === undefined) problems.push({ path: `${at}.pin.at`, message: 'missing; a manual upgrade names its tick (or use upgrade: auto)' });
      for (const [c, change] of (source?.changes ?? []).entries()) {
        if (change.type !== 'definition') continue;
        const where = `signals.${feature.source}.changes[${c}]`;
        if (change.window !== undefined && feature.signal !== 'momentum') problems.push({ path: `${where}.window`, message: `a new window redefines momentum, but ${at} reads ${feature.signal}` });
        if (change.lag !== undefined && feature.signal !== 'return') problems.push({ path: `${where}.lag`, message: `a new lag redefines return, but ${at} reads ${feature.signal}` });
      }
    });
  }
  for (const [name, source] of Object.entries(config.signals)) {
    source.changes.forEach((change, c) => {
      const at = `signals.${name}.changes[${c}]`;
      if (c > 0 && change.tick <= source.changes[c - 1]!.tick) problems.push({ path: `${at}.tick`, message: `changes must be in tick order: ${change.tick} is not after ${source.changes[c - 1]!.tick}` });
      if (change.type === 'definition' && change.window === undefined && change.lag === undefined) problems.push({ path: at, message: 'a definition change needs a new `window` (momentum) or `lag` (return)' });
    });
    source.outages.forEach((o, k) => {
      if (o.type === 'calendar' && o.length >= o.every) problems.push({ path: `signals.${name}.outages[${k}].length`, message: `must be less than every (${o.every}), got ${o.length}: the source would never be up` });
    });
  }
  config.monitors.forEach((m, i) => {
    const o = m.options as { model?: unknown; feature?: unknown };
    if (typeof o.model !== 'string' || typeof o.feature !== 'string') return;
    const model = config.models[o.model];
    if (model && !model.features.some((f) => (f.name ?? f.signal) === o.feature)) {
      problems.push({ path: `monitors[${i}].options.feature`, message: `model ${o.model} has no feature ${JSON.stringify(o.feature)}; its features: ${model.features.map((f) => f.name ?? f.signal).join(', ')}` });
    }
  });
  return problems;
}
