/**
 * Reading scenario files: YAML text -> plain data -> overrides -> validated config.
 * Every failure becomes one ScenarioError naming the file, the field path, the line
 * where known and what is allowed; nothing else escapes from here.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isPair, isSeq, isScalar, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { Scenario, type ScenarioConfig } from '../config/schema.ts';
import { ScenarioError, type ScenarioProblem } from '../config/errors.ts';
import { issueToProblems } from '../config/issue-messages.ts';
import { crossCheck } from './cross-check.ts';
import { replayProblems } from './replay-data.ts';
import { expandUniverse } from '../market/universe.ts';
import { applyOverrides, parseOverride, type Override } from './overrides.ts';

export interface LoadedScenario {
  /** Where it came from (a file path, or `<inline>`). */
  source: string;
  /** The validated scenario, defaults filled in. */
  config: ScenarioConfig;
  /** The data as written, after overrides (used to build variants). */
  raw: Record<string, unknown>;
}

export function loadScenarioFile(file: string, sets: string[] = []): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a scenario file' : `cannot be read (${code ?? String(err)})`;
    throw new ScenarioError(file, [{ path: '', message: why }]);
  }
  return loadScenarioText(text, file, sets.map((s) => parseOverride(s)));
}

export function loadScenarioText(text: string, source = '<inline>', overrides: Override[] = []): LoadedScenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  // One YAML mistake often makes several parser errors; the first is the one to fix.
  const first = doc.errors[0];
  if (first) throw new ScenarioError(source, [{ path: '', line: first.linePos?.[0]?.line, message: `not valid YAML: ${firstLine(first.message)}` }]);
  const forbidden = forbiddenKey(doc, lines);
  if (forbidden) throw new ScenarioError(source, [{ path: forbidden.path, line: forbidden.line, message: `${JSON.stringify(forbidden.key)} cannot be a name here (it is JavaScript's object machinery); choose another name` }]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias to no anchor, or aliases that expand without bound.
    throw new ScenarioError(source, [{ path: '', message: `not valid YAML: ${firstLine((err as Error).message)}` }]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError(source, [{ path: '', line: 1, message: `expected a mapping of scenario fields (title, lesson, market, models, ...), got ${data === null ? 'an empty file' : Array.isArray(data) ? 'a list' : 'a single value'}` }]);
  }
  const raw = applyOverrides(data as Record<string, unknown>, overrides);
  try {
    return { source, config: validateScenario(raw, source, doc, lines), raw };
  } catch (err) {
    if (err instanceof ScenarioError && overrides.length > 0) throw attributeToOverrides(err, overrides);
    throw err;
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first mapping key that would reach JavaScript's object machinery (and vanish silently), with its path and line. */
function forbiddenKey(doc: Document, lines: LineCounter): { key: string; path: string; line: number | undefined } | undefined {
  let found: { key: string; path: string; line: number | undefined } | undefined;
  visit(doc, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || !FORBIDDEN_KEYS.has(String(pair.key.value))) return undefined;
      const keys = path.filter((n): n is Pair => isPair(n) && isScalar(n.key)).map((n) => String((n.key as Scalar).value));
      found = { key: String(pair.key.value), path: [...keys, String(pair.key.value)].join('.'), line: rangeLine(pair.key, lines) };
      return visit.BREAK;
    },
  });
  return found;
}

/** A problem inside a value that came from --set is reported against the --set, not the file. */
function attributeToOverrides(err: ScenarioError, overrides: Override[]): ScenarioError {
  const problems = err.problems.map((p) => {
    const o = [...overrides].reverse().find((o) => {
      const path = o.path.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
      // The problem is inside the value set, or the set path itself goes through the bad field (a misspelt key).
      const inside = p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`);
      return inside || (p.path !== '' && (path.startsWith(`${p.path}.`) || path.startsWith(`${p.path}[`)));
    });
    return o ? { ...p, line: undefined, origin: `--set ${o.text}` } : p;
  });
  return new ScenarioError(err.source, problems);
}

/** Validates plain data (already parsed) as a scenario. */
export function validateScenario(raw: unknown, source: string, doc?: Document, lines?: LineCounter): ScenarioConfig {
  const parsed = Scenario.safeParse(raw);
  if (!parsed.success) {
    const problems = firstPerPath(parsed.error.issues.flatMap((issue) => issueToProblems(Scenario, issue, raw)));
    throw new ScenarioError(source, withLines(problems, doc, lines));
  }
  const config = expandUniverse(parsed.data);
  const problems = crossCheck(config);
  // Replay files are read only once the fields are sound, so a typo is reported first.
  if (problems.length === 0) problems.push(...replayProblems(config, source));
  if (problems.length > 0) throw new ScenarioError(source, withLines(problems, doc, lines));
  return config;
}

/** One problem per field: a value can break several rules at once (`1e308`: not whole, too large); the first says it. */
function firstPerPath(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.path) && seen.add(p.path));
}

function withLines(problems: ScenarioProblem[], doc?: Document, lines?: LineCounter): ScenarioProblem[] {
  if (!doc || !lines) return problems;
  return problems.map((p) => ({ ...p, line: p.line ?? lineOf(doc, lines, p.path) }));
}

/** The line of the deepest node of `path` that exists in the document. */
function lineOf(doc: Document, lines: LineCounter, path: string): number | undefined {
  const keys = splitPath(path);
  let node: unknown = doc.contents;
  let line: number | undefined = rangeLine(node, lines);
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) break;
      line = rangeLine(pair.key, lines) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      line = rangeLine(node, lines) ?? line;
    } else break;
  }
  return line;
}

function rangeLine(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) continue;
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
