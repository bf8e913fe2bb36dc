/**
 * Bad scenario input gets one clear ScenarioError per problem: the file (or `--set`), the
 * line where known, the field path, what was found and what is allowed. This table pins
 * the exact messages; the last block checks the same through the real command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile, loadScenarioText } from '../../src/setup/loader.ts';
import { parseOverride } from '../../src/setup/overrides.ts';
import { ScenarioError } from '../../src/config/errors.ts';
import { runCli } from '../helpers/cli.ts';
import { Market, Model, Scenario } from '../../src/config/schema.ts';

/** A valid scenario; each case below breaks it in one place. Line numbers matter. */
const VALID = `title: Bad inputs
lesson: One valid scenario, broken one field at a time.
ticks: 300
market:
  impact: 0.0005
  assets:
    X: { initialPrice: 100 }
models:
  A:
    asset: X
    features:
      - { signal: value-ratio }
      - { signal: return, lag: 1 }
    bugs:
      - { type: scale, feature: value-ratio, factor: 100, from: 250 }
`;

// "allowed here" lists every field of the schema object, in schema order; read from the
// schema so adding a field elsewhere does not break these messages' tests.
const ALLOWED_TOP_FIELDS = Object.keys(Scenario.shape).join(', ');
const ALLOWED_MODEL_FIELDS = Object.keys(Model.shape).join(', ');
const ALLOWED_MARKET_FIELDS = Object.keys(Market.shape).join(', ');

/** VALID with one piece of text replaced (the piece must occur exactly once). */
function edit(from: string, to: string): string {
  if (VALID.split(from).length !== 2) throw new Error(`test table: ${JSON.stringify(from)} must occur exactly once in VALID`);
  return VALID.replace(from, to);
}

/** The message of the ScenarioError that loading throws (fails the test if it does not throw one). */
function errorOf(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).message;
  }
  throw new Error('expected the loader to throw a ScenarioError, but it loaded');
}

function loadWith(text: string, sets: string[] = []) {
  return () => loadScenarioText(text, 'bad.yaml', sets.map((s) => parseOverride(s)));
}

describe('the valid base scenario', () => {
  it('loads, and --set changes a field', () => {
    expect(loadWith(VALID)().config.ticks).toBe(300);
    expect(loadWith(VALID, ['ticks=400'])().config.ticks).toBe(400);
  });
});

const FILE_CASES: [string, string, string][] = [
  ['unknown field', edit('    asset: X\n', '    asset: X\n    horizn: 3\n'), `bad.yaml:11: models.A.horizn: unknown field; allowed here: ${ALLOWED_MODEL_FIELDS}`],
  ['unknown top-level field', edit('ticks: 300', 'ticks: 300\ntick: 5'), `bad.yaml:4: tick: unknown field; allowed here: ${ALLOWED_TOP_FIELDS}`],
  ['wrong type (text for a number)', edit('ticks: 300', 'ticks: many'), 'bad.yaml:3: ticks: expected a number, got the text "many"'],
  ['wrong type (list for a mapping)', edit('  impact: 0.0005\n  assets:\n    X: { initialPrice: 100 }\n', '  - 1\n'), 'bad.yaml:4: market: expected a mapping (field: value), got a list'],
  ['out-of-range value (above the maximum)', edit('impact: 0.0005', 'impact: 0.5'), 'bad.yaml:5: market.impact: must be ≤ 0.1, got the number 0.5'],
  ['out-of-range value (below the minimum)', edit('{ initialPrice: 100 }', '{ initialPrice: -3 }'), 'bad.yaml:7: market.assets.X.initialPrice: must be > 0, got the number -3'],
  ['whole number expected', edit('lag: 1', 'lag: 1.5'), 'bad.yaml:13: models.A.features[1].lag: expected a whole number, got the number 1.5'],
  ['value not among the choices', edit('signal: value-ratio', 'signal: vibes'), 'bad.yaml:12: models.A.features[0].signal: must be one of "price", "return", "momentum", "volume", "value-ratio", "model-output"; got the text "vibes"'],
  ['unknown architecture', edit('    asset: X\n', '    asset: X\n    architecture: { type: cnn }\n'), "bad.yaml:11: models.A.architecture.type: must be 'linear' | 'mlp'; got the text \"cnn\""],
  ['missing required field', edit('title: Bad inputs\n', ''), 'bad.yaml:1: title: missing; expected text'],
  ['missing features', edit('    features:\n      - { signal: value-ratio }\n      - { signal: return, lag: 1 }\n    bugs:\n      - { type: scale, feature: value-ratio, factor: 100, from: 250 }\n', ''), 'bad.yaml:9: models.A.features: missing; expected a list'],
  ['bad asset symbol', edit('    X: { initialPrice: 100 }', '    x: { initialPrice: 100 }\n    X: {}'), 'bad.yaml:7: market.assets.x: invalid name "x": must be an asset symbol: 1-8 capital letters or digits, starting with a letter'],
  ['unknown asset of a model', edit('    asset: X', '    asset: Y'), 'bad.yaml:10: models.A.asset: unknown asset "Y"; the market has: X'],
  ['unknown asset of a feature', edit('{ signal: return, lag: 1 }', '{ signal: return, lag: 1, asset: Z }'), 'bad.yaml:13: models.A.features[1].asset: unknown asset "Z"; the market has: X'],
  ['unknown model read by a feature', edit('{ signal: return, lag: 1 }', '{ signal: model-output, model: B }'), 'bad.yaml:13: models.A.features[1].model: unknown model "B"; models: A'],
  ['model-output feature without a model', edit('{ signal: return, lag: 1 }', '{ signal: model-output }'), 'bad.yaml:13: models.A.features[1].model: missing; a model-output feature names the model it reads (one of: A)'],
  ['bug naming a missing feature', edit('feature: value-ratio', 'feature: momentum'), 'bad.yaml:15: models.A.bugs[0].feature: no feature named "momentum"; this model\'s features: value-ratio, return'],
  ['bug fixed before it starts', edit('from: 250 }', 'from: 250, until: 200 }'), 'bad.yaml:15: models.A.bugs[0].until: must be after from (250), got 200'],
  // The default warm-up is not in the file: the line is that of the model.
  ['warm-up as long as the run', edit('ticks: 300', 'ticks: 150'), 'bad.yaml:9: models.A.training.warmup: must be less than ticks (150), got 150'],
  ['asset listed after the warm-up', edit('{ initialPrice: 100 }', '{ initialPrice: 100, listedAt: 200 }'), 'bad.yaml:9: models.A.training.warmup: must end more than horizon (5) ticks after the model\'s first asset lists (tick 200), got 150'],
  ['serving mode not among the choices', edit('    asset: X\n', '    asset: X\n    inference: { mode: batch }\n'), 'bad.yaml:11: models.A.inference.mode: must be one of "online", "offline"; got the text "batch"'],
  ['multi-asset model naming an unknown asset', edit('    asset: X\n', '    assets: [X, Q]\n'), 'bad.yaml:10: models.A.assets[1]: unknown asset "Q"; the market has: X'],
  ['per-feature asset on a multi-asset model', edit('    asset: X\n', '    assets: all\n').replace('{ signal: return, lag: 1 }', '{ signal: return, lag: 1, asset: X }'), 'bad.yaml:13: models.A.features[1].asset: not allowed on a multi-asset model (`assets`): its features read the asset being scored'],
  ['two problems at once', edit('ticks: 300', 'ticks: 0\nseed: -1'), 'bad.yaml:3: ticks: must be ≥ 1, got the number 0\nbad.yaml:4: seed: must be ≥ 0, got the number -1'],
  ['not a mapping', '- title\n- lesson\n', 'bad.yaml:1: expected a mapping of scenario fields (title, lesson, market, models, ...), got a list'],
  ['empty file', '', 'bad.yaml:1: expected a mapping of scenario fields (title, lesson, market, models, ...), got an empty file'],
];

describe('a bad scenario file', () => {
  it.each(FILE_CASES)('%s -> exact message', (_name, text, message) => {
    expect(errorOf(loadWith(text))).toBe(message);
  });

  // A YAML syntax error: the parser knows where (error.pos), so the message names the line;
  // one mistake gets one message, not the parser's cascade of follow-on complaints.
  it.each([
    ['bad indentation', edit('    asset: X\n', '   asset: X\n'), 'bad.yaml:10: not valid YAML: '],
    ['tab indentation', edit('  impact: 0.0005', '\timpact: 0.0005'), 'bad.yaml:5: not valid YAML: Tabs are not allowed as indentation'],
    ['duplicate key', edit('ticks: 300', 'ticks: 300\nticks: 400'), 'bad.yaml:4: not valid YAML: Map keys must be unique'],
    ['unclosed bracket', edit('{ signal: value-ratio }', '{ signal: value-ratio'), 'bad.yaml:13: not valid YAML: '],
  ])('unparsable YAML (%s) -> one message with the line', (_name, text, start) => {
    const [first, ...rest] = errorOf(loadWith(text)).split('\n');
    if (start.endsWith(': ')) expect(first!.startsWith(start), first).toBe(true);
    else expect(first).toBe(start);
    expect(rest, 'follow-on complaints about the same mistake').toEqual([]);
  });

  it('with a non-finite number names the field and line', () => {
    // The wording ("expected a number, got the number Infinity") could be clearer; the
    // place is what is pinned here.
    expect(errorOf(loadWith(edit('ticks: 300', 'ticks: .inf')))).toMatch(/^bad\.yaml:3: ticks: /);
    expect(errorOf(loadWith(edit('impact: 0.0005', 'impact: .nan')))).toMatch(/^bad\.yaml:5: market\.impact: /);
  });
});

describe('a file that cannot be read', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tulip-loader-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('missing -> "file not found"', () => {
    const file = join(dir, 'nope.yaml');
    expect(errorOf(() => loadScenarioFile(file))).toBe(`${file}: file not found`);
  });

  it('a directory -> "is a directory"', () => {
    expect(errorOf(() => loadScenarioFile(dir))).toBe(`${dir}: is a directory, not a scenario file`);
  });

  it('a real file is named in its messages, with the line', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, edit('impact: 0.0005', 'impact: 0.5'));
    expect(errorOf(() => loadScenarioFile(file))).toBe(`${file}:5: market.impact: must be ≤ 0.1, got the number 0.5`);
  });
});

const SET_CASES: [string, string, string][] = [
  ['no equals sign', 'ticks', '--set: expected path=value (for example models.B.training.mode=static), got "ticks"'],
  ['empty path', '=3', '--set: expected path=value (for example models.B.training.mode=static), got "=3"'],
  ['malformed path', 'models..A=1', '--set: models..A: a field path is names joined by dots, each of letters, digits, _ or -'],
  ['value that is not YAML', 'ticks=[', '--set: ticks: the value "[" is not valid YAML'],
  ['setting inside a single value', 'ticks.x=1', '--set: ticks: is a single value, so ticks.x cannot be set inside it'],
];

describe('a bad --set', () => {
  it.each(SET_CASES)('%s -> exact message', (_name, set, message) => {
    expect(errorOf(loadWith(VALID, [set]))).toBe(message);
  });

  // A value that comes from --set is not in the file: the message must say it came from
  // --set (as the user wrote it), and not point at a line of the file that does not hold it.
  it.each([
    ['a value of the wrong type', 'ticks=abc', 'ticks: expected a number, got the text "abc"'],
    ['an out-of-range value', 'models.A.horizon=0', 'models.A.horizon: must be ≥ 1, got the number 0'],
    ['an unknown field', 'market.impactt=1', `market.impactt: unknown field; allowed here: ${ALLOWED_MARKET_FIELDS}`],
    ['a bad value in a list item', 'models.A.bugs.0.factor=abc', 'models.A.bugs[0].factor: expected a number, got the text "abc"'],
  ])('%s is reported as coming from --set', (_name, set, problem) => {
    const message = errorOf(loadWith(VALID, [set]));
    expect(message).toContain(problem);
    expect(message).toContain(`--set ${set}`);
    expect(message).not.toMatch(/^bad\.yaml:\d+:/);
  });

  it('cannot reach Object.prototype through __proto__', () => {
    const probe = {} as Record<string, unknown>;
    try {
      const message = errorOf(loadWith(VALID, ['__proto__.polluted=1']));
      expect(probe.polluted).toBeUndefined();
      expect(message).toContain('__proto__');
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });
});

describe('tulip run with a bad scenario', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tulip-cli-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with one clear message on stderr, no stack trace, and writes nothing to --out', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, edit('    asset: X\n', '    asset: X\n    horizn: 3\n'));
    const out = join(dir, 'out');
    const bad = await runCli(['run', file, '--json', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(`tulip: ${file}:11: models.A.horizn: unknown field; allowed here: ${ALLOWED_MODEL_FIELDS}\n`);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });
});
