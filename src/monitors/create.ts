/**
 * Building a simulation's monitors from its scenario: built-ins from the registry, custom
 * ones imported from their module (.ts or .js, from any folder: user-module.ts).
 */
import { dirname, resolve } from 'node:path';
import type { MonitorConfig, ScenarioConfig } from '../config/schema.ts';
import { ScenarioError } from '../config/errors.ts';
import { BUILTIN_MONITORS } from './builtins/index.ts';
import type { Monitor, MonitorFactory } from './monitor.ts';
import { MonitorRunner } from './runner.ts';
import { AttachedMonitors, type TickedView } from './attached.ts';
import { importUserModule } from './user-module.ts';

/**
 * The scenario's monitors for `views.length` worlds (undefined when it has none). `source`
 * is the scenario file, which custom monitor modules are resolved against.
 */
export async function createMonitors(scenario: ScenarioConfig, views: TickedView[], source: string): Promise<AttachedMonitors | undefined> {
  if (scenario.monitors.length === 0) return undefined;
  const context = { assets: views[0]!.assets, models: views[0]!.models };
  const instances: Monitor[][] = [];
  for (const [i, m] of scenario.monitors.entries()) {
    const factory = m.type === 'custom' ? await loadCustom(m, source, i) : builtinFactory(m, context);
    instances.push(views.map((_, w) => factory(m.options, w)));
  }
  const runner = new MonitorRunner(
    scenario.monitors.map((m) => ({ name: m.name, severity: m.severity, warmup: m.warmup, debounce: m.debounce, cooldown: m.cooldown, resetAfterAlarm: m.resetAfterAlarm })),
    instances,
  );
  return new AttachedMonitors(runner, views, scenario.rules);
}

function builtinFactory(m: MonitorConfig, context: { assets: readonly string[]; models: readonly string[] }): MonitorFactory {
  const builtin = BUILTIN_MONITORS[m.type]!;
  // Options were validated when the scenario loaded (scenario/cross-check.ts).
  const options = builtin.options.parse(m.options);
  return () => builtin.create(options as never, context);
}

async function loadCustom(m: MonitorConfig, source: string, index: number): Promise<MonitorFactory> {
  const file = resolve(dirname(source), m.module!);
  let mod: { default?: unknown };
  try {
    mod = await importUserModule(file);
  } catch (err) {
    throw new ScenarioError(source, [{ path: `monitors[${index}].module`, message: `cannot load ${file}: ${(err as Error).message.split('\n')[0]}` }]);
  }
  if (typeof mod.default !== 'function') {
    throw new ScenarioError(source, [{ path: `monitors[${index}].module`, message: `${file} must export a MonitorFactory as its default export: (options, world) => ({ observe(view) { ... } })` }]);
  }
  return mod.default as MonitorFactory;
}
