/**
 * Option parsing shared by commands: numbers that must be whole and in range, scenario
 * names resolved to files, and the user-facing error type (exit code 2, no stack trace).
 */
import type { Command } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BACKEND_CHOICES, type BackendChoice } from '../models/backend.ts';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The scenarios folder shipped with the package. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));
export const DEFAULT_SCENARIO = 'tulip-mania';

export function wholeNumber(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(`${name} must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any size' : max}, got ${JSON.stringify(text)}`);
    }
    return n;
  };
}

export function backendChoice(text: string): BackendChoice {
  if (!(BACKEND_CHOICES as readonly string[]).includes(text)) throw new UsageError(`--backend must be one of ${BACKEND_CHOICES.join(', ')}, got ${JSON.stringify(text)}`);
  return text as BackendChoice;
}

/** What computes the models, as `--bank` names it (the scenario field `bank:`). */
export type BankChoice = 'tfjs' | 'f64';
const BANK_CHOICES: readonly BankChoice[] = ['tfjs', 'f64'];

export function bankChoice(text: string): BankChoice {
  if (!(BANK_CHOICES as readonly string[]).includes(text)) throw new UsageError(`--bank must be one of ${BANK_CHOICES.join(', ')}, got ${JSON.stringify(text)}`);
  return text as BankChoice;
}

export const BANK_HELP = 'what computes the models: tfjs (batched tensors) or f64 (Float64Array loops, fastest for few worlds); default: the scenario’s bank: (tfjs)';

/** The --set overrides with `--bank` as one more (`bank=f64`): the bank is a scenario field like any other. */
export function withBank(sets: readonly string[], bank: BankChoice | undefined): string[] {
  return bank ? [...sets, `bank=${bank}`] : [...sets];
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A path as given, or a name of a shipped scenario (`tulip-mania` -> scenarios/tulip-mania.yaml). */
export function resolveScenario(nameOrPath: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  const shipped = join(SCENARIO_DIR, nameOrPath.endsWith('.yaml') ? nameOrPath : `${nameOrPath}.yaml`);
  if (existsSync(shipped)) return shipped;
  // A bare name that is neither a file nor a shipped scenario: most likely a typo of one.
  if (!/[/\\]/.test(nameOrPath)) throw new UsageError(unknownScenarioMessage(nameOrPath));
  return nameOrPath;
}

const shippedNames = (): string[] => readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();

function unknownScenarioMessage(name: string): string {
  const bare = name.replace(/\.yaml$/, '');
  const names = shippedNames();
  const ranked = names.map((n) => [n, editDistance(bare, n)] as const).sort((a, b) => a[1] - b[1]);
  const near = ranked[0] && ranked[0][1] <= Math.max(2, Math.floor(bare.length / 3)) ? ranked[0][0] : undefined;
  return `${name}: no such file, nor a shipped scenario${near ? `; did you mean ${near}?` : ''} (shipped: ${names.join(', ')})`;
}

/** Levenshtein distance: single-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

export function shippedScenarios(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(SCENARIO_DIR, f));
}

/**
 * The options every command that runs one scenario shares (run, tui): seed, worlds,
 * ticks, --set overrides and backend, with one meaning and one validation everywhere.
 */
export function addScenarioRunOptions(command: Command, worlds: { max: number; help: string }): Command {
  return command
    .option('--seed <n>', 'seed of world 0 (world k has seed + k); default: the scenario’s', wholeNumber('--seed', 0))
    .option('--worlds <n>', worlds.help, wholeNumber('--worlds', 1, worlds.max), 1)
    .option('--ticks <n>', 'ticks to run; default: the scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--set <path=value>', 'override a scenario field (repeatable), e.g. models.B.training.mode=static', collect, [])
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--bank <name>', BANK_HELP, bankChoice);
}

/** `--monitor-option key=value` (repeatable): an option for the monitors given with --monitor. */
export function addMonitorOptionFlag(command: Command): Command {
  return command.option('--monitor-option <key=value>', 'an option for the --monitor monitor (repeatable), e.g. threshold=5; values read as YAML (5, 0.1, true, [a, b])', collect, []);
}

/** The --monitor-option pairs as an options object; a pair that is not key=value is a usage error. */
export function parseMonitorOptions(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, Math.max(0, eq)).trim();
    if (eq <= 0 || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) throw new UsageError(`--monitor-option must be key=value with a key of letters, digits, _ or - (for example threshold=5), got ${JSON.stringify(pair)}`);
    let value: unknown;
    try {
      value = parseYaml(pair.slice(eq + 1), { logLevel: 'error' });
    } catch {
      throw new UsageError(`--monitor-option ${key}: the value ${JSON.stringify(pair.slice(eq + 1))} is not valid YAML`);
    }
    out[key] = value ?? null;
  }
  return out;
}

/** World k of a run has seed + k: the last world's seed must still be a whole number JavaScript holds exactly. */
export function checkWorldSeeds(seed: number, worlds: number, option = '--seed'): void {
  if (seed + (worlds - 1) > Number.MAX_SAFE_INTEGER) {
    throw new UsageError(`${option} ${seed} with --worlds ${worlds}: world ${worlds - 1} would have seed ${seed} + ${worlds - 1}, past ${Number.MAX_SAFE_INTEGER} (the largest seed); use a seed of at most ${Number.MAX_SAFE_INTEGER - (worlds - 1)}`);
  }
}
