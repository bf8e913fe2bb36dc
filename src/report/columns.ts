/**
 * A trace as flat columns, one row per tick per world, for CSV and Arrow exports (and
 * pandas/polars behind them). Column names and units are part of the columns schema:
 * change them only with a new COLUMNS_SCHEMA_VERSION and a note in docs/trace-format.md.
 *
 *   tick, world,
 *   asset.<symbol>.{price, fundamental, estimate, netFlow, volume},
 *   agent.<agent name>.{order, position, cash},
 *   model.<name>.{prediction, version, trainedVersion, bug, mode, halted, loss},
 *   monitor.<name>.{statistic, threshold},
 *   events
 *
 * The flattening is lossless: columnsToRecords(recordsToColumns(trace)) gives the trace back.
 */
import type { TickRecord } from '../setup/trace-record.ts';
import { checkHeader, TRACE_SCHEMA_VERSION, TraceError, type Trace, type TraceHeader } from './trace-file.ts';

export const COLUMNS_FORMAT = 'tulip-trace-columns';
/** Version of the column names, types and units below. */
export const COLUMNS_SCHEMA_VERSION = 1;

export type ColumnType = 'int32' | 'float64' | 'bool' | 'utf8';
export type ColumnValues = number[] | boolean[] | string[];

export interface Column {
  name: string;
  type: ColumnType;
  /** The unit of every value, e.g. `currency`, `shares` (see docs/trace-format.md). */
  unit: string;
  values: ColumnValues;
}

/** What an export carries besides the rows: the schema versions and each world's trace header. */
export interface ColumnsMeta {
  format: typeof COLUMNS_FORMAT;
  schemaVersion: number;
  traceSchemaVersion: number;
  headers: TraceHeader[];
}

export interface ColumnTable {
  meta: ColumnsMeta;
  columns: Column[];
}

/** A field of a record group; an optional one gets a column only when the trace's first record has it. */
type FieldSpec = readonly [field: string, type: ColumnType, unit: string, optional?: boolean];

export const ASSET_FIELDS: readonly FieldSpec[] = [
  ['price', 'float64', 'currency'],
  ['fundamental', 'float64', 'currency'],
  ['estimate', 'float64', 'currency'],
  ['netFlow', 'float64', 'shares'],
  ['volume', 'float64', 'shares'],
];
export const AGENT_FIELDS: readonly FieldSpec[] = [
  ['order', 'float64', 'shares'],
  ['position', 'float64', 'shares'],
  ['cash', 'float64', 'currency'],
];
export const MODEL_FIELDS: readonly FieldSpec[] = [
  ['prediction', 'float64', 'standard units of forward log return'],
  ['version', 'int32', 'version number'],
  ['trainedVersion', 'int32', 'version number', true],
  ['bug', 'bool', 'flag'],
  ['mode', 'utf8', 'static|dynamic'],
  ['halted', 'bool', 'flag'],
  ['loss', 'float64', 'squared standard units'],
];

export const MONITOR_FIELDS: readonly FieldSpec[] = [
  ['statistic', 'float64', "the monitor's own units"],
  ['threshold', 'float64', "the monitor's own units"],
];

const GROUPS = [
  ['asset', 'assets', ASSET_FIELDS],
  ['agent', 'agents', AGENT_FIELDS],
  ['model', 'models', MODEL_FIELDS],
  ['monitor', 'monitors', MONITOR_FIELDS],
] as const;

type Group = Record<string, Record<string, number | boolean | string>>;

export function columnsMeta(headers: TraceHeader[]): ColumnsMeta {
  return { format: COLUMNS_FORMAT, schemaVersion: COLUMNS_SCHEMA_VERSION, traceSchemaVersion: TRACE_SCHEMA_VERSION, headers };
}

/** A column's definition: its name, type and unit, and how to read its value from a record. */
export interface RecordColumn {
  name: string;
  type: ColumnType;
  unit: string;
  read(record: TickRecord): number | boolean | string | undefined;
}

/** The columns of records shaped like `first`, in a fixed order (its key order). */
export function recordColumns(first: TickRecord | undefined): RecordColumn[] {
  const columns: RecordColumn[] = [
    { name: 'tick', type: 'int32', unit: 'tick', read: (r) => r.tick },
    { name: 'world', type: 'int32', unit: 'world index', read: (r) => r.world },
  ];
  for (const [prefix, key, fields] of GROUPS) {
    for (const name of Object.keys(first?.[key] ?? {})) {
      for (const [field, type, unit, optional] of fields) {
        if (optional && (first![key] as unknown as Group)[name]?.[field] === undefined) continue;
        columns.push({ name: `${prefix}.${name}.${field}`, type, unit, read: (r) => (r[key] as unknown as Group)[name]?.[field] });
      }
    }
  }
  columns.push({ name: 'events', type: 'utf8', unit: 'JSON list of events', read: (r) => JSON.stringify(r.events) });
  return columns;
}

/** The columns of a trace, in a fixed order (the key order of its first record). */
export function recordsToColumns(trace: Trace): ColumnTable {
  const columns: Column[] = recordColumns(trace.records[0]).map((c) => {
    const values = trace.records.map((r, i) => {
      const v = c.read(r);
      if (v === undefined) throw new TraceError(`${trace.source}: record ${i} (tick ${r.tick}, world ${r.world}) has no ${c.name}; every record must name the same assets, agents, models and monitors`);
      return v;
    });
    return { name: c.name, type: c.type, unit: c.unit, values: values as ColumnValues };
  });
  return { meta: columnsMeta(trace.headers), columns };
}

/** Checks an export's metadata (`where` names the file) before its rows are read. */
export function checkColumnsMeta(meta: unknown, where: string): ColumnsMeta {
  if (meta === null || typeof meta !== 'object') throw new TraceError(`${where}: no tulip metadata; expected {"format":"${COLUMNS_FORMAT}","schemaVersion":${COLUMNS_SCHEMA_VERSION},...}`);
  const m = meta as Record<string, unknown>;
  if (m.format !== COLUMNS_FORMAT) throw new TraceError(`${where}: format is ${JSON.stringify(m.format)}; expected "${COLUMNS_FORMAT}"`);
  if (m.schemaVersion !== COLUMNS_SCHEMA_VERSION) {
    throw new TraceError(`${where}: schemaVersion is ${JSON.stringify(m.schemaVersion)}; this tulip reads trace columns schema version ${COLUMNS_SCHEMA_VERSION} only. Export the trace again with this tulip.`);
  }
  if (!Array.isArray(m.headers) || m.headers.length === 0) throw new TraceError(`${where}: metadata field headers must list one trace header per world`);
  m.headers.forEach((h: Record<string, unknown>, w: number) => checkHeader(h, `${where}: headers[${w}]`));
  return m as unknown as ColumnsMeta;
}

/** The trace back from its columns (the inverse of recordsToColumns). */
export function columnsToRecords(table: ColumnTable, source: string): Trace {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const need = (name: string): Column => {
    const c = byName.get(name);
    if (!c) throw new TraceError(`${source}: no column ${name}; columns schema ${COLUMNS_SCHEMA_VERSION} always has tick, world and events`);
    return c;
  };
  const ticks = need('tick').values as number[];
  const worlds = need('world').values as number[];
  const events = need('events').values as string[];
  const records: TickRecord[] = ticks.map((tick, i) => ({ tick, world: worlds[i]!, assets: {}, agents: {}, models: {}, monitors: {}, events: parseEvents(events[i]!, source, i) }));
  for (const column of table.columns) {
    const dot = column.name.indexOf('.');
    const last = column.name.lastIndexOf('.');
    if (dot < 0 || dot === last) continue;
    const group = GROUPS.find(([prefix]) => prefix === column.name.slice(0, dot));
    if (!group) throw new TraceError(`${source}: unknown column ${column.name}; columns start with asset., agent., model. or monitor.`);
    const name = column.name.slice(dot + 1, last);
    const field = column.name.slice(last + 1);
    records.forEach((r, i) => {
      const target = r[group[1]] as unknown as Group;
      (target[name] ??= {})[field] = column.values[i]!;
    });
  }
  return { source, headers: table.meta.headers, records };
}

function parseEvents(text: string, source: string, row: number): TickRecord['events'] {
  try {
    const events: unknown = JSON.parse(text);
    if (Array.isArray(events)) return events as TickRecord['events'];
  } catch {
    // reported below
  }
  throw new TraceError(`${source}: row ${row + 1}: column events must hold a JSON list, got ${JSON.stringify(text.slice(0, 60))}`);
}

/** The type and unit a column of this name has in the current columns schema, if any. */
export function columnSpec(name: string): { type: ColumnType; unit: string } | undefined {
  if (name === 'tick') return { type: 'int32', unit: 'tick' };
  if (name === 'world') return { type: 'int32', unit: 'world index' };
  if (name === 'events') return { type: 'utf8', unit: 'JSON list of events' };
  const dot = name.indexOf('.');
  const group = GROUPS.find(([prefix]) => prefix === name.slice(0, dot));
  const spec = group?.[2].find(([field]) => field === name.slice(name.lastIndexOf('.') + 1));
  return spec && name.lastIndexOf('.') > dot ? { type: spec[1], unit: spec[2] } : undefined;
}
