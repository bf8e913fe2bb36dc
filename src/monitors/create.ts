/**
 * Building a simulation's monitors from its scenario: built-ins from the registry, custom
 * ones imported from their module (.ts or .js, from any folder: user-module.ts).
 */
import { dirname, resolve } from 'node:path';
import type { MonitorConfig, ScenarioConfig } from '../config/schema.ts';
import { ScenarioError } from '../config/errors.ts';
import { alarmSettings, BUILTIN_MONITORS } from './builtins/index.ts';
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
    if (m.type !== 'custom') {
      const factory = builtinFactory(m, context);
      instances.push(views.map((_, w) => factory(m.options, w)));
      continue;
    }
    const factory = await loadCustom(m, source, i);
    instances.push(views.map((_, w) => customInstance(factory, m, source, i, w)));
  }
  const runner = new MonitorRunner(
    scenario.monitors.map((m) => ({
      name: m.name,
      severity: m.severity,
      warmup: m.warmup,
      ...alarmSettings(m.type, m),
      ...(m.type === 'custom' ? { file: customFile(m, source) } : {}),
    })),
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

const customFile = (m: MonitorConfig, source: string): string => resolve(dirname(source), m.module!);

/** One world's instance of a custom monitor; a factory that throws or returns no observe() is a scenario error naming it. */
function customInstance(factory: MonitorFactory, m: MonitorConfig, source: string, index: number, world: number): Monitor {
  const file = customFile(m, source);
  let monitor: unknown;
  try {
    monitor = factory(m.options, world);
  } catch (err) {
    // Say which options it got: a factory usually throws over a missing or bad option.
    const given = Object.keys(m.options).length ? `options given: ${JSON.stringify(m.options)}` : 'no options given (in a scenario: options: { ... }; on the command line: --monitor-option key=value)';
    throw new ScenarioError(source, [{ path: `monitors[${index}].module`, message: `monitor ${m.name}: the factory in ${file} threw for world ${world}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; ${given}` }]);
  }
  if (monitor === null || typeof monitor !== 'object' || typeof (monitor as Monitor).observe !== 'function') {
    throw new ScenarioError(source, [{ path: `monitors[${index}].module`, message: `monitor ${m.name}: the factory in ${file} must return an object with observe(view) => ({ statistic, threshold }), got ${monitor === undefined ? 'undefined' : typeof monitor}` }]);
  }
  return monitor as Monitor;
}

async function loadCustom(m: MonitorConfig, source: string, index: number): Promise<MonitorFactory> {
  const file = customFile(m, source);
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
