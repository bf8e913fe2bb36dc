/**
 * Sweep rows: one per world (a seed of a variant), flattened from the world's summary.
 * Columns, in order:
 *
 *   seed (int32), variant (int32, index into the manifest's grid),
 *   vary.<path> for each --vary axis (float64, bool or utf8, from the values listed),
 *   every numeric field of the world summary, dotted (assets.X.peakDeviation,
 *   models.A.pnl, alertCount, ...; all float64),
 *   traceHash (utf8, the world's SHA-256 trace hash).
 *
 * A summary field that a variant does not have (e.g. models.B.* when a variant disables
 * B) is empty in CSV and null in Arrow. Column names, types and units are part of the
 * sweep schema: change them only with a new SWEEP_SCHEMA_VERSION and a note in docs/sweeps.md.
 */
import type { WorldSummary } from '../setup/summary.ts';
import type { VaryAxis } from './plan.ts';

export const SWEEP_FORMAT = 'tulip-sweep';
/** Version of the columns, the manifest and the chunk files below. */
export const SWEEP_SCHEMA_VERSION = 1;

export type CellType = 'int32' | 'float64' | 'bool' | 'utf8';
export type Cell = number | boolean | string | null;

export interface SweepColumn {
  name: string;
  type: CellType;
  unit: string;
}

/** Summary fields that identify the world rather than measure it, or are not numbers. */
const NOT_MEASURES = new Set(['world', 'seed', 'traceHash', 'alerts', 'diverged']);

/** Every numeric field of a world summary, dotted, in the summary's key order. */
export function flattenSummary(summary: WorldSummary): [string, number][] {
  const out: [string, number][] = [];
  const walk = (node: unknown, prefix: string): void => {
    if (typeof node === 'number') out.push([prefix, node]);
    else if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (prefix === '' && NOT_MEASURES.has(key)) continue;
        walk(value, prefix === '' ? key : `${prefix}.${key}`);
      }
    }
  };
  walk(summary, '');
  return out;
}

const UNITS: Record<string, string> = {
  finalPrice: 'currency',
  finalFundamental: 'currency',
  peakDeviation: 'ratio: largest |price/value - 1| over the run',
  peakOvershoot: 'ratio: largest price/value - 1 over the run (0: never above value)',
  peakOvershootTick: 'tick of the largest price/value - 1 (-1: never above value)',
  peakUndershoot: 'ratio: largest 1 - price/value over the run (0: never below value)',
  fallAfterPeak: 'share of the overshoot given back after its peak (1: back to value)',
  firstExcursion: '+1 up, -1 down: first |price/value - 1| >= 0.15 (0: none)',
  firstExcursionTick: 'tick of the first |price/value - 1| >= 0.15 (-1: none)',
  pnl: 'currency',
  position: 'shares',
  version: 'version number',
  alertCount: 'count',
  firstAlertTick: 'tick (-1: no alert)',
  pnlNewListings: 'currency',
  predictionError: 'mean squared error, standard units of the forward return (NaN: none scored)',
  hitRate: 'share of served predictions with the right sign',
  requests: 'count',
  answered: 'count',
  timedOut: 'count',
  coverage: 'ratio: answered / requests',
  staleness: 'ticks: mean age of the answered predictions',
  latency: 'compute units: mean latency of answered online requests',
  computeCost: 'compute units',
  tablesPushed: 'count',
  tablesRejected: 'count',
};

export function unitOf(summaryField: string): string {
  return UNITS[summaryField.slice(summaryField.lastIndexOf('.') + 1)] ?? 'see WorldSummary in src/engine/summary.ts';
}

export function varyType(axis: VaryAxis): CellType {
  if (axis.values.every((v) => typeof v === 'number')) return 'float64';
  if (axis.values.every((v) => typeof v === 'boolean')) return 'bool';
  return 'utf8';
}

export function varyCell(value: unknown, type: CellType): Cell {
  if (type === 'utf8') return typeof value === 'string' ? value : JSON.stringify(value);
  return value as number | boolean;
}

/** The sweep's columns, given the summary fields of every variant (union, first seen first). */
export function sweepColumns(axes: VaryAxis[], summaryFields: string[][]): SweepColumn[] {
  const fields: string[] = [];
  for (const list of summaryFields) for (const f of list) if (!fields.includes(f)) fields.push(f);
  return [
    { name: 'seed', type: 'int32', unit: 'seed' },
    { name: 'variant', type: 'int32', unit: 'index into the manifest grid' },
    ...axes.map((a): SweepColumn => ({ name: `vary.${a.path}`, type: varyType(a), unit: `the scenario field ${a.path}` })),
    ...fields.map((f): SweepColumn => ({ name: f, type: 'float64', unit: unitOf(f) })),
    { name: 'diverged.tick', type: 'int32', unit: 'tick the world diverged, its models halted (-1: it did not)' },
    { name: 'diverged.reason', type: 'utf8', unit: 'what ran away: price, value, cash, prediction, deviation or loss (empty: nothing)' },
    { name: 'traceHash', type: 'utf8', unit: 'SHA-256 hex of the world trace' },
  ];
}

/** One world's row, aligned with `columns`. */
export function summaryRow(columns: SweepColumn[], variant: number, varied: unknown[], summary: WorldSummary): Cell[] {
  const measures = new Map(flattenSummary(summary));
  let axis = 0;
  return columns.map((c) => {
    if (c.name === 'seed') return summary.seed;
    if (c.name === 'variant') return variant;
    if (c.name === 'traceHash') return summary.traceHash;
    if (c.name === 'diverged.tick') return summary.diverged?.tick ?? -1;
    if (c.name === 'diverged.reason') return summary.diverged?.reason ?? '';
    if (c.name.startsWith('vary.')) return varyCell(varied[axis++], c.type);
    return measures.get(c.name) ?? null;
  });
}

// ---- exact numbers through JSON (chunk files) --------------------------------------------

/** JSON loses NaN, infinities and -0; those float64 cells become strings. */
export function encodeRow(row: Cell[]): Cell[] {
  return row.map((v) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? formatNumber(v) : v));
}

export function decodeRow(row: Cell[], columns: SweepColumn[]): Cell[] {
  return row.map((v, i) => (columns[i]!.type === 'float64' && typeof v === 'string' ? parseNumber(v) : v));
}

function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return Object.is(x, -0) ? '-0' : String(x);
}

function parseNumber(s: string): number {
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  return s === 'NaN' ? Number.NaN : Number(s);
}

// ---- CSV ---------------------------------------------------------------------------------

const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csvCell(v: Cell, type: CellType): string {
  if (v === null) return '';
  if (type === 'utf8') return quote(String(v));
  if (type === 'bool') return v ? 'true' : 'false';
  return formatNumber(v as number);
}

/**
 * A header line of column names, then one line per row. Numbers are in JavaScript's
 * shortest round-trip form (read them with `float_precision='round_trip'` in pandas for
 * the same bits); NaN is `NaN`, infinities `inf`/`-inf`, a missing value is empty.
 */
export function rowsToCsv(columns: SweepColumn[], rows: Cell[][]): string {
  const lines = [columns.map((c) => quote(c.name)).join(',')];
  for (const row of rows) lines.push(row.map((v, i) => csvCell(v, columns[i]!.type)).join(','));
  return `${lines.join('\n')}\n`;
}

/** Row order of every output: by variant, then seed. */
export function compareRows(a: Cell[], b: Cell[]): number {
  return (a[1] as number) - (b[1] as number) || (a[0] as number) - (b[0] as number);
}
