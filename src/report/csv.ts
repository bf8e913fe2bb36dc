/**
 * CSV export of trace columns. Line 1 is a comment holding the columns metadata as JSON
 * (schema versions, each world's trace header, the unit of every column); line 2 names
 * the columns; then one row per tick per world. Read it with
 * `pandas.read_csv(f, skiprows=1, float_precision='round_trip')` (pandas' default float
 * parser is off in the last bit) or `polars.read_csv(f, skip_rows=1)`.
 *
 * Numbers are written in JavaScript's shortest round-trip form, so reading them back as
 * float64 gives the same bits; NaN is `NaN`, infinities `inf` and `-inf`; flags are
 * `true`/`false`; text is always double-quoted.
 */
import { checkColumnsMeta, columnSpec, type Column, type ColumnTable, type ColumnValues } from './columns.ts';
import { TraceError } from './trace-file.ts';

const META_PREFIX = '# ';

function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return Object.is(x, -0) ? '-0' : String(x);
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function cell(column: Column, i: number): string {
  const v = column.values[i]!;
  if (column.type === 'utf8') return quote(String(v));
  if (column.type === 'bool') return v ? 'true' : 'false';
  return formatNumber(v as number);
}

export function columnsToCsv(table: ColumnTable): string {
  const units = Object.fromEntries(table.columns.map((c) => [c.name, c.unit]));
  const lines = [META_PREFIX + JSON.stringify({ ...table.meta, units }), table.columns.map((c) => (/[",\n\r]/.test(c.name) ? quote(c.name) : c.name)).join(',')];
  const rows = table.columns[0]?.values.length ?? 0;
  for (let i = 0; i < rows; i++) lines.push(table.columns.map((c) => cell(c, i)).join(','));
  return `${lines.join('\n')}\n`;
}

export function csvToColumns(text: string, source: string): ColumnTable {
  const newline = text.indexOf('\n');
  const first = newline < 0 ? text : text.slice(0, newline);
  if (!first.startsWith(META_PREFIX)) throw new TraceError(`${source}: line 1: expected the tulip metadata comment ("# {...}") written by \`tulip export --format csv\``);
  let meta: unknown;
  try {
    meta = JSON.parse(first.slice(META_PREFIX.length));
  } catch (err) {
    throw new TraceError(`${source}: line 1: metadata is not valid JSON (${(err as Error).message})`);
  }
  const checked = checkColumnsMeta(meta, `${source}: line 1`);
  const rows = parseCsv(text.slice(newline + 1), source);
  const names = rows.shift() ?? [];
  const columns: Column[] = names.map((name, c) => {
    const spec = columnSpec(name);
    if (!spec) throw new TraceError(`${source}: line 2: unknown column ${JSON.stringify(name)} (see docs/trace-format.md for the columns of schema ${checked.schemaVersion})`);
    const cells = rows.map((r, i) => {
      const v = r[c];
      if (v === undefined) throw new TraceError(`${source}: line ${i + 3}: ${r.length} cells, expected ${names.length}`);
      return v;
    });
    return { name, ...spec, values: parseValues(cells, spec.type, name, source) };
  });
  return { meta: checked, columns };
}

function parseValues(cells: string[], type: Column['type'], name: string, source: string): ColumnValues {
  if (type === 'utf8') return cells;
  if (type === 'bool') {
    return cells.map((s, i) => {
      if (s !== 'true' && s !== 'false') throw new TraceError(`${source}: line ${i + 3}: column ${name} must be true or false, got ${JSON.stringify(s)}`);
      return s === 'true';
    });
  }
  return cells.map((s, i) => {
    const x = s === 'NaN' ? Number.NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === '' ? Number.NaN : Number(s);
    if (Number.isNaN(x) && s !== 'NaN') throw new TraceError(`${source}: line ${i + 3}: column ${name} must be a number, got ${JSON.stringify(s)}`);
    return x;
  });
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text: string, source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',' || ch === '\n') {
      row.push(field);
      field = '';
      if (ch === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (ch !== '\r') {
      field += ch;
    }
  }
  if (quoted) throw new TraceError(`${source}: a quoted field is not closed before the end of the file`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
