/**
 * `tulip monitors`: the built-in monitor types, what each watches, and its options with
 * their defaults — the reference for a scenario's `monitors:` block.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { BUILTIN_MONITORS } from '../monitors/builtins/index.ts';

export function describeBuiltinMonitors(): string {
  const out: string[] = [];
  for (const [type, m] of Object.entries(BUILTIN_MONITORS)) {
    out.push(`${type}: ${m.summary}`);
    const schema = z.toJSONSchema(m.options, { io: 'input' }) as { properties?: Record<string, { default?: unknown; description?: string }> };
    for (const [name, p] of Object.entries(schema.properties ?? {})) {
      out.push(`    ${name}${p.default !== undefined ? ` (default ${JSON.stringify(p.default)})` : ''}: ${p.description ?? ''}`);
    }
  }
  out.push('');
  out.push('Every monitor also takes: name, type, severity (warning), warmup (0), debounce (3), cooldown (50), resetAfterAlarm (false), options;');
  out.push('change detectors (page-hinkley, adwin, cusum, ks, psi) default to debounce 1, cooldown 0, resetAfterAlarm true: they restart after an alarm, as published.');
  out.push('Series are written kind:subject: price:X, return:X, deviation:X, flow:X, orders:A, position:A, prediction:A, pnl:A, error:A, feature:A/<name>.');
  return out.join('\n');
}

export function addMonitorsCommand(program: Command): void {
  program
    .command('monitors')
    .description('list the built-in monitor types and their options')
    .action(() => {
      process.stdout.write(`${describeBuiltinMonitors()}\n`);
    });
}
