/**
 * CSV export of trace columns. Line 1 is a comment holding the columns metadata as JSON
 * (schema versions, each world's trace header, the unit of every column); line 2 names
 * the columns; then one row per tick per world; the last line `# end {...}` closes the file
 * with the row count and each world's trace hash. Read it with
 * `pandas.read_csv(f, skiprows=1, skipfooter=1, engine='python')` (the python engine's
 * float parser is exact; the default C parser is off in the last bit) or
 * `polars.read_csv(f, comment_prefix='#')`.
 *
 * Numbers are written in JavaScript's shortest round-trip form, so reading them back as
 * float64 gives the same bits; NaN is `NaN`, infinities `inf` and `-inf`; flags are
 * `true`/`false`; text is always double-quoted.
 */
import { checkColumnsMeta, columnSpec, type Column, type ColumnsMeta, type ColumnTable, type ColumnValues } from './columns.ts';
import { TraceError } from './trace-file.ts';

const META_PREFIX = '# ';
const END_PREFIX = '# end ';

function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return Object.is(x, -0) ? '-0' : String(x);
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** One value as a CSV cell of its column's type. */
export function csvCell(column: { type: Column['type'] }, v: number | boolean | string | undefined): string {
  if (column.type === 'utf8') return quote(String(v));
  if (column.type === 'bool') return v ? 'true' : 'false';
  return formatNumber(v as number);
}

/** The two lines before the rows: the metadata comment (with every column's unit) and the column names. */
export function csvHeaderLines(meta: ColumnsMeta, columns: readonly { name: string; unit: string }[]): [string, string] {
  const units = Object.fromEntries(columns.map((c) => [c.name, c.unit]));
  return [META_PREFIX + JSON.stringify({ ...meta, units }), columns.map((c) => (/[",\n\r]/.test(c.name) ? quote(c.name) : c.name)).join(',')];
}

/** The closing line: how many rows the file holds, and each world's tick count and hash. */
export function csvEndLine(rows: number, ends: readonly { world: number; ticks: number; traceHash: string }[]): string {
  return `${END_PREFIX}${JSON.stringify({ rows, ends })}`;
}

export function columnsToCsv(table: ColumnTable): string {
  const { headers } = table.meta;
  const lines: string[] = csvHeaderLines({ ...table.meta, headers: headers.map(({ traceHash: _hash, ...h }) => h as typeof h & { traceHash: string }) }, table.columns);
  const rows = table.columns[0]?.values.length ?? 0;
  for (let i = 0; i < rows; i++) lines.push(table.columns.map((c) => csvCell(c, c.values[i])).join(','));
  const worlds = table.columns.find((c) => c.name === 'world')?.values as number[] | undefined;
  const ticks = headers.map((_, w) => worlds?.filter((x) => x === w).length ?? 0);
  lines.push(csvEndLine(rows, headers.map((h, w) => ({ world: w, ticks: ticks[w]!, traceHash: h.traceHash }))));
  return `${lines.join('\n')}\n`;
}

/** Splits off the closing line; a file without one was cut short. */
function closingLine(text: string, source: string): { body: string; rows: number; ends: { world: number; ticks: number; traceHash: string }[] } {
  const trimmed = text.replace(/\n+$/, '');
  const at = trimmed.lastIndexOf('\n');
  const last = trimmed.slice(at + 1);
  if (!last.startsWith(END_PREFIX)) throw new TraceError(`${source}: no closing line ("# end {...}"): the file was cut short (an interrupted run or copy); write it again`);
  let end: { rows?: unknown; ends?: unknown };
  try {
    end = JSON.parse(last.slice(END_PREFIX.length)) as typeof end;
  } catch (err) {
    throw new TraceError(`${source}: the closing line is not valid JSON (${(err as Error).message})`);
  }
  if (typeof end.rows !== 'number' || !Array.isArray(end.ends)) throw new TraceError(`${source}: the closing line needs rows (a number) and ends (one entry per world)`);
  return { body: trimmed.slice(0, at + 1), rows: end.rows, ends: end.ends as { world: number; ticks: number; traceHash: string }[] };
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
  const closing = closingLine(text, source);
  const rows = parseCsv(closing.body.slice(newline + 1), source);
  if (rows.length - 1 !== closing.rows) throw new TraceError(`${source}: ${rows.length - 1} rows, but the closing line says ${closing.rows}: rows are missing or repeated`);
  checked.headers.forEach((h, w) => {
    const end = closing.ends[w];
    if (!end || typeof end.traceHash !== 'string') throw new TraceError(`${source}: the closing line has no trace hash for world ${w}`);
    h.traceHash = end.traceHash;
  });
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
