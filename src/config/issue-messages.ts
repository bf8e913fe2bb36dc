/**
 * Turns zod's validation issues into messages a scenario author can act on:
 * the field path, what was found and what is allowed.
 */
import { z } from 'zod';
import type { ScenarioProblem } from './errors.ts';

type Path = (string | number)[];

export function pathToString(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** A short description of a value as found in the file. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping (field: value)',
  array: 'a list',
  record: 'a mapping (name: value)',
};

export function valueAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Unwraps defaults, optionals and the like to reach the schema that holds the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const def = (s as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return s;
}

/** The schema at a path inside `root`, reading the data to choose between union options. */
export function schemaAt(root: z.ZodType, path: Path, data: unknown): z.ZodType | undefined {
  let schema: z.ZodType | undefined = unwrap(root);
  let node: unknown = data;
  for (const key of path) {
    if (!schema) return undefined;
    schema = childSchema(schema, key, node);
    schema = schema ? unwrap(schema) : undefined;
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return schema;
}

function childSchema(schema: z.ZodType, key: string | number, node: unknown): z.ZodType | undefined {
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  switch (def.type) {
    case 'object':
      return (def.shape as Record<string, z.ZodType>)[String(key)];
    case 'record':
      return def.valueType as z.ZodType;
    case 'array':
      return def.element as z.ZodType;
    case 'union': {
      const options = def.options as z.ZodType[];
      const discriminator = def.discriminator as string | undefined;
      if (discriminator && node && typeof node === 'object') {
        const tag = (node as Record<string, unknown>)[discriminator];
        const match = options.find((o) => {
          const shape = (unwrap(o) as unknown as { def: { shape?: Record<string, z.ZodType> } }).def.shape;
          const lit = shape?.[discriminator] as unknown as { def: { values?: unknown[] } } | undefined;
          return lit?.def.values?.includes(tag);
        });
        if (match) return childSchema(unwrap(match), key, node);
      }
      for (const o of options) {
        const child = childSchema(unwrap(o), key, node);
        if (child) return child;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export function allowedKeys(root: z.ZodType, path: Path, data: unknown): string[] {
  const schema = schemaAt(root, path, data);
  const shape = schema && (schema as unknown as { def: { shape?: Record<string, unknown> } }).def.shape;
  return shape ? Object.keys(shape) : [];
}

/** One problem per zod issue, with the path and a plain-words message. */
export function issueToProblems(root: z.ZodType, issue: z.core.$ZodIssue, data: unknown): ScenarioProblem[] {
  const path = issue.path as Path;
  const found = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(root, path, data);
      return issue.keys.map((key) => ({
        path: pathToString([...path, key]),
        message: `unknown field; allowed here: ${allowed.join(', ') || '(none)'}`,
      }));
    }
    case 'invalid_type': {
      if (found === undefined) return [{ path: pathToString(path), message: `missing; expected ${TYPE_WORDS[issue.expected] ?? issue.expected}` }];
      return [{ path: pathToString(path), message: `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${describeValue(found)}` }];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      const what = issue.origin === 'array' ? 'must have a number of items' : issue.origin === 'string' ? 'must have a length' : 'must be';
      return [{ path: pathToString(path), message: `${what} ${op} ${String(bound)}, got ${describeValue(found)}` }];
    }
    case 'invalid_value':
      return [{ path: pathToString(path), message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(found)}` }];
    case 'invalid_format':
      return [{ path: pathToString(path), message: `${issue.message.replace(/^Invalid string: /, '')}; got ${describeValue(found)}` }];
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? 'invalid';
      return [{ path: pathToString(path), message: `invalid name ${JSON.stringify(path[path.length - 1])}: must be ${inner.replace(/^Invalid string: /, '')}` }];
    }
    case 'invalid_union': {
      const schema = schemaAt(root, path, data);
      const description = schema?.description ?? (schema as { meta?: () => { description?: string } } | undefined)?.meta?.()?.description;
      if ('note' in issue && issue.note === 'No matching discriminator') {
        return [{ path: pathToString(path), message: `${issue.message.replace(/^Invalid discriminator value. Expected /, 'must be ')}; got ${describeValue(found)}` }];
      }
      return [{ path: pathToString(path), message: `${description ? `expected ${lowerFirst(description)}` : 'not an allowed value'}; got ${describeValue(found)}` }];
    }
    default:
      return [{ path: pathToString(path), message: issue.message }];
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
