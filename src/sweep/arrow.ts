/**
 * Sweep rows as an Arrow IPC file (`sweep.arrow`), readable by pandas
 * (`pandas.read_feather`) and polars (`pl.read_ipc`). The schema's metadata key `tulip`
 * holds `{"format":"tulip-sweep","schemaVersion":1}`; each field's metadata key `unit`
 * holds its unit.
 *
 * Written with apache-arrow directly rather than src/report/arrow.ts: that writer's
 * metadata is the trace columns' (format, trace headers) and its float columns cannot
 * hold nulls, which a sweep needs for fields a variant lacks.
 */
import { Bool, Float64, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import { SWEEP_FORMAT, SWEEP_SCHEMA_VERSION, type Cell, type CellType, type SweepColumn } from './rows.ts';
import { SweepError } from './errors.ts';

export const ARROW_META_KEY = 'tulip';

function arrowType(type: CellType): DataType {
  if (type === 'int32') return new Int32();
  if (type === 'bool') return new Bool();
  if (type === 'utf8') return new Utf8();
  return new Float64();
}

export function rowsToArrow(columns: SweepColumn[], rows: Cell[][]): Uint8Array {
  const table = new Table(Object.fromEntries(columns.map((c, i) => [c.name, vectorFromArray(rows.map((r) => r[i]), arrowType(c.type))])));
  // The schema's metadata maps are written as they stand when the file is encoded.
  table.schema.metadata.set(ARROW_META_KEY, JSON.stringify({ format: SWEEP_FORMAT, schemaVersion: SWEEP_SCHEMA_VERSION }));
  columns.forEach((c, i) => table.schema.fields[i]!.metadata.set('unit', c.unit));
  return tableToIPC(table, 'file');
}

/** The rows of a sweep.arrow, as the columns `columns` (names checked) list them. */
export function arrowToRows(bytes: Uint8Array, columns: SweepColumn[], source: string): Cell[][] {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new SweepError(`${source}: not an Arrow IPC file (${(err as Error).message})`);
  }
  const names = table.schema.fields.map((f) => f.name);
  if (names.join('\n') !== columns.map((c) => c.name).join('\n')) throw new SweepError(`${source}: its columns differ from those its manifest.json lists`);
  const vectors = columns.map((c) => table.getChild(c.name)!);
  const rows: Cell[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(vectors.map((v) => (v.get(r) ?? null) as Cell));
  return rows;
}
