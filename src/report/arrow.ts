/**
 * Arrow IPC (file format, `.arrow`) export of trace columns, readable by pandas
 * (`pyarrow.feather.read_table`, `pandas.read_feather`) and polars (`pl.read_ipc`).
 * The schema's metadata key `tulip` holds the columns metadata as JSON (schema versions
 * and each world's trace header); each field's metadata key `unit` holds its unit.
 */
import { Bool, Float64, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { checkColumnsMeta, columnSpec, type Column, type ColumnTable, type ColumnType, type ColumnValues } from './columns.ts';
import { TraceError } from './trace-file.ts';

export const ARROW_META_KEY = 'tulip';

function arrowType(type: ColumnType): DataType {
  if (type === 'int32') return new Int32();
  if (type === 'bool') return new Bool();
  if (type === 'utf8') return new Utf8();
  return new Float64();
}

function vectorOf(column: Column): Vector {
  if (column.type === 'float64') return vectorFromArray(Float64Array.from(column.values as number[]));
  if (column.type === 'int32') return vectorFromArray(Int32Array.from(column.values as number[]));
  return vectorFromArray(column.values as (boolean | string)[], arrowType(column.type));
}

export function columnsToArrow(table: ColumnTable): Uint8Array {
  const arrow = new Table(Object.fromEntries(table.columns.map((c) => [c.name, vectorOf(c)])));
  // The schema's metadata maps are written as they stand when the file is encoded.
  arrow.schema.metadata.set(ARROW_META_KEY, JSON.stringify(table.meta));
  table.columns.forEach((c, i) => arrow.schema.fields[i]!.metadata.set('unit', c.unit));
  return tableToIPC(arrow, 'file');
}

export function arrowToColumns(bytes: Uint8Array, source: string): ColumnTable {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new TraceError(`${source}: not an Arrow IPC file (${(err as Error).message})`);
  }
  const metaText = table.schema.metadata.get(ARROW_META_KEY);
  let meta: unknown;
  try {
    meta = metaText === undefined ? undefined : JSON.parse(metaText);
  } catch (err) {
    throw new TraceError(`${source}: schema metadata ${ARROW_META_KEY} is not valid JSON (${(err as Error).message})`);
  }
  const checked = checkColumnsMeta(meta, `${source}: schema metadata ${ARROW_META_KEY}`);
  const columns: Column[] = table.schema.fields.map((field) => {
    const spec = columnSpec(field.name);
    if (!spec) throw new TraceError(`${source}: unknown column ${JSON.stringify(field.name)} (see docs/trace-format.md for the columns of schema ${checked.schemaVersion})`);
    const vector = table.getChild(field.name)!;
    const values = Array.from(vector as Iterable<unknown>) as ColumnValues;
    return { name: field.name, type: spec.type, unit: field.metadata.get('unit') ?? spec.unit, values };
  });
  return { meta: checked, columns };
}
