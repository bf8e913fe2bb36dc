/**
 * Option parsing shared by commands: numbers that must be whole and in range, scenario
 * names resolved to files, and the user-facing error type (exit code 2, no stack trace).
 */
import type { Command } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
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
  return existsSync(shipped) ? shipped : nameOrPath;
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
