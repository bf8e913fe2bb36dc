/**
 * `--set path=value` overrides, and the variant overrides of `expect:` checks.
 * Values are read as YAML scalars, so `3`, `0.5`, `true`, `null` and `static` all mean
 * what they would mean in the file. Overrides are applied to the raw data before
 * validation, so they get the same checks and messages as the file itself.
 */
import { parse } from 'yaml';
import { ScenarioError } from '../config/errors.ts';

export interface Override {
  path: string[];
  value: unknown;
  /** How the user wrote it, for messages. */
  text: string;
}

const PATH_PART = /^[A-Za-z0-9_-]+$/;
/** Names that would reach JavaScript's object machinery instead of a scenario field. */
const FORBIDDEN_PARTS = new Set(['__proto__', 'constructor', 'prototype']);

export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new ScenarioError('--set', [{ path: '', message: `expected path=value (for example models.B.training.mode=static), got ${JSON.stringify(text)}` }]);
  }
  const pathText = text.slice(0, eq).trim();
  // Accept the form error messages print (models.A.bugs[0].factor) as well as dots (bugs.0.factor).
  const path = pathText.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (path.some((p) => FORBIDDEN_PARTS.has(p))) {
    throw new ScenarioError('--set', [{ path: pathText, message: 'is not a scenario field path' }]);
  }
  if (path.some((p) => !PATH_PART.test(p))) {
    throw new ScenarioError('--set', [{ path: pathText, message: 'a field path is names joined by dots, each of letters, digits, _ or -' }]);
  }
  let value: unknown;
  try {
    value = parse(text.slice(eq + 1), { logLevel: 'error' });
  } catch {
    throw new ScenarioError('--set', [{ path: pathText, message: `the value ${JSON.stringify(text.slice(eq + 1))} is not valid YAML` }]);
  }
  return { path, value: value === undefined ? null : value, text };
}

export function overridesFromRecord(record: Record<string, unknown>): Override[] {
  return Object.entries(record).map(([path, value]) => {
    const parts = path.split('.');
    if (parts.some((p) => FORBIDDEN_PARTS.has(p))) throw new ScenarioError('variant', [{ path, message: 'is not a scenario field path' }]);
    return { path: parts, value, text: `${path}=${JSON.stringify(value)}` };
  });
}

/**
 * Named collections whose members --set can only change, not invent one field at a time: a
 * model needs its features, so `models.C.enabled=false` is a typo of an existing name.
 * (An asset is whole with one field, all others having defaults: `market.assets.Y.initialPrice=50` adds one.)
 */
const NAMED = [{ path: ['models'], noun: 'model' }] as const;

/** `--set models.C.enabled=false` when there is no model C: one message naming the ones that exist. */
function checkNamedMember(data: Record<string, unknown>, o: Override): void {
  for (const { path, noun } of NAMED) {
    if (o.path.length <= path.length + 1 || !path.every((p, i) => o.path[i] === p)) continue;
    let node: unknown = data;
    for (const p of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const member = o.path[path.length]!;
    if (Object.hasOwn(node, member)) return;
    const names = Object.keys(node);
    throw new ScenarioError('--set', [{ path: o.path.join('.'), message: `no ${noun} ${member} (${names.length ? names.join(', ') : `no ${noun}s`}); set a whole new ${noun} with ${[...path, member].join('.')}={...}` }]);
  }
}

/** A deep copy of `data` with each override set; list items are addressed by index. */
export function applyOverrides(data: Record<string, unknown>, overrides: Override[]): Record<string, unknown> {
  const out = structuredClone(data);
  for (const o of overrides) {
    checkNamedMember(out, o);
    let node: Record<string, unknown> = out;
    for (const [i, key] of o.path.entries()) {
      if (i === o.path.length - 1) {
        node[key] = o.value;
        break;
      }
      const next = node[key];
      if (next === undefined || next === null) node[key] = {};
      else if (typeof next !== 'object') {
        throw new ScenarioError('--set', [{ path: o.path.slice(0, i + 1).join('.'), message: `is a single value, so ${o.path.join('.')} cannot be set inside it` }]);
      }
      node = node[key] as Record<string, unknown>;
    }
  }
  return out;
}
