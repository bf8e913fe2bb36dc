/**
 * Option parsing shared by commands: numbers that must be whole and in range, scenario
 * names resolved to files, and the user-facing error type (exit code 2, no stack trace).
 */
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
