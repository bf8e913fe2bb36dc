/**
 * Whatever it is given, the loader either returns a validated scenario or throws the one
 * clear error type, ScenarioError, whose every line names where the problem is. No input
 * (random text, random data, a valid scenario with one part mutated, random --set
 * overrides) may make it throw a TypeError, a RangeError or anything else.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { parseOverride } from '../../src/setup/overrides.ts';
import { ScenarioError } from '../../src/config/errors.ts';
import { SMALL_MANIA } from '../helpers/scenarios.ts';

const SOURCE = 'p.yaml';
const RUNS = 300;

/** Loads, and returns normally for a result or a ScenarioError; rethrows anything else, labelled. */
function loadOrScenarioError(text: string, sets: string[] = []): void {
  try {
    loadScenarioText(text, SOURCE, sets.map((s) => parseOverride(s)));
  } catch (err) {
    if (!(err instanceof ScenarioError)) {
      const e = err as Error;
      throw new Error(`the loader threw ${e?.name ?? typeof err} (not ScenarioError): ${e?.message ?? String(err)}`);
    }
    expect(err.problems.length).toBeGreaterThan(0);
    // Every line says where (the file, or the --set) and then what.
    for (const line of err.message.split('\n')) expect(line).toMatch(/^(p\.yaml|--set)[^\n]*: \S/);
  }
}

// Characters that matter to YAML's grammar, so random text often parses into something.
const YAML_CHARS = [...'abXY01.-_:,[]{}&*!|>\'"#%@`?~ \n\n  \t', 'title', 'lesson', 'models', 'market', 'ticks', ': ', '- ', '\n  ', '<<'];
const yamlishText = fc.array(fc.constantFrom(...YAML_CHARS), { maxLength: 60 }).map((parts) => parts.join(''));

const FIELD_NAMES = ['title', 'lesson', 'ticks', 'seed', 'market', 'models', 'expect', 'impact', 'assets', 'X', 'A', 'B', 'features', 'signal', 'bugs', 'training', 'architecture', 'type', 'asset', 'model', 'feature', 'checks', 'seeds', '__proto__', 'constructor'];
const SCALARS = fc.oneof(fc.constantFrom('value-ratio', 'model-output', 'mlp', 'X', 'A', 'scale', '1..3', '3..1', ''), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.string());

/** Nested data whose keys are mostly real field names, so it gets deep into the schema. */
const { node: schemaishData } = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, SCALARS, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 3 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 4 })), tie('node'), { maxKeys: 5 }),
}));

/** Every path (as key lists) to a node of `data`. */
function pathsOf(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

const VALID_DATA = parse(SMALL_MANIA) as Record<string, unknown>;
const VALID_PATHS = pathsOf(VALID_DATA).filter((p) => p.length > 0);

type Mutation = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  schemaishData.map((value) => ({ kind: 'replace' as const, value })),
  fc.constant({ kind: 'delete' as const }),
  fc.tuple(fc.constantFrom(...FIELD_NAMES), schemaishData).map(([key, value]) => ({ kind: 'add' as const, key, value })),
);

function mutate(path: (string | number)[], m: Mutation): Record<string, unknown> {
  const data = structuredClone(VALID_DATA);
  let parent: Record<string | number, unknown> = data;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (m.kind === 'replace') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    else parent[last] = { [m.key]: m.value };
  }
  return data;
}

describe('the scenario loader, on any input', () => {
  it('still loads the valid base scenario (so the mutations start from something valid)', () => {
    expect(loadScenarioText(SMALL_MANIA, SOURCE).config.models.B!.architecture.type).toBe('mlp');
  });

  it('throws nothing but ScenarioError for random YAML-like text', () => {
    fc.assert(fc.property(yamlishText, (text) => loadOrScenarioError(text)), { numRuns: RUNS });
  });

  it('throws nothing but ScenarioError for random unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => loadOrScenarioError(text)), { numRuns: RUNS });
  });

  it('throws nothing but ScenarioError for random JSON-like data', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), schemaishData), (data) => loadOrScenarioError(JSON.stringify(data) ?? 'null')),
      { numRuns: RUNS },
    );
  });

  it('throws nothing but ScenarioError for a valid scenario with one part mutated', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_PATHS), mutation, (path, m) => loadOrScenarioError(stringify(mutate(path, m)))),
      { numRuns: RUNS },
    );
  });

  it('throws nothing but ScenarioError for random --set overrides', () => {
    const setPath = fc.oneof(
      fc.constantFrom(...VALID_PATHS.map((p) => p.join('.'))),
      fc.array(fc.constantFrom(...FIELD_NAMES, '0', '1', 'x'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.')),
      fc.string({ maxLength: 12 }),
    );
    // One line each, as a shell argument usually is (a newline in a --set breaks the
    // one-problem-per-line layout of the message; see the report).
    const setValue = fc.oneof(yamlishText, SCALARS.map((v) => String(v))).map((v) => v.replace(/\n/g, ' '));
    const override = fc.tuple(setPath, setValue).map(([p, v]) => `${p}=${v}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(override, fc.string({ maxLength: 10 }).map((v) => v.replace(/\n/g, ' '))), { minLength: 1, maxLength: 3 }), (sets) => {
        try {
          loadOrScenarioError(SMALL_MANIA, sets);
        } finally {
          // A --set through __proto__ must not leak into every object; clean up if it did
          // (a separate test in loader-errors.test.ts reports that bug).
          for (const key of Object.keys(Object.prototype)) delete (Object.prototype as Record<string, unknown>)[key];
        }
      }),
      { numRuns: RUNS },
    );
  });

  // Two inputs the properties above have found, kept as fixed examples so they are always tried.
  it.each([
    ['an alias with no anchor', 'title: *a\n'],
    ['aliases that expand without bound (a "billion laughs" file)', billionLaughs()],
  ])('throws ScenarioError for %s', (_name, text) => {
    expect(() => loadOrScenarioError(text)).not.toThrow();
  });
});

function billionLaughs(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const [from, to] of [['a', 'b'], ['b', 'c'], ['c', 'd']]) lines.push(`${to}: &${to} [${Array(10).fill(`*${from}`).join(', ')}]`);
  return lines.join('\n');
}
