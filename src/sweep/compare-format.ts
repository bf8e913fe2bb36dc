/**
 * The outputs of `tulip compare`: an aligned text table for people, CSV and JSON for
 * machines. The text table's cells are rounded for reading; CSV and JSON carry every
 * figure exactly (shortest round-trip form).
 */
import { fmt } from '../setup/expect.ts';
import { rowsToCsv, varyCell, varyType, type Cell, type SweepColumn } from './rows.ts';
import { SPREAD, type CompareCell, type CompareResult } from './compare.ts';

/** What a cell with no value shows. */
export const MISSING = '—';

export interface TableStyle {
  /** Bold header lines (a terminal without NO_COLOR). */
  colour: boolean;
}

/** `1..5` for consecutive seeds, else the list. */
export function seedsText(seeds: number[]): string {
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1]! + 1);
  if (seeds.length > 1 && consecutive) return `${seeds[0]}..${seeds.at(-1)}`;
  return seeds.join(',');
}

const SEEDS_FROM: Record<CompareResult['seedsFrom'], string> = { option: '', expect: ' (the scenario’s expect.seeds)', default: ' (default)' };

function headerLines(r: CompareResult): string[] {
  const combos = `${r.rows.length} combination${r.rows.length === 1 ? '' : 's'}`;
  const ticks = `${r.ticks.join('/')} ticks`;
  return [
    `${r.scenario}: ${combos} x ${r.seeds.length} seeds ${seedsText(r.seeds)}${SEEDS_FROM[r.seedsFrom]}, ${ticks}, backend ${r.backend}`,
    `each cell: median [p25..p75] over the seeds; ${SPREAD}`,
  ];
}

/** A readable cell: `0.481 [0.302..0.552]`, with the number of seeds when some had no value. */
export function cellText(cell: CompareCell, seeds: number): string {
  if (cell.n === 0) return MISSING;
  const text = `${fmt(cell.median!)} [${fmt(cell.p25!)}..${fmt(cell.p75!)}]`;
  return cell.n < seeds ? `${text} n=${cell.n}` : text;
}

/**
 * A column title in two lines, so long dotted names do not widen the table: the owner
 * (`models.B`, `assets.X`) above, the field (`serving.coverage`) below.
 */
export function titleLines(name: string): [string, string] {
  const parts = name.split('.');
  if (parts.length < 3) return ['', name];
  return [parts.slice(0, 2).join('.'), parts.slice(2).join('.')];
}

/** Why some cells show MISSING or a seed count, in words under the table. */
function notes(r: CompareResult): string[] {
  const out: string[] = [];
  if (r.absent.length > 0) out.push(`${MISSING} ${r.absent.join(', ')}: no run reports ${r.absent.length === 1 ? 'this field' : 'these fields'} (not in these runs' summaries)`);
  for (const m of r.metrics.filter((m) => !r.absent.includes(m))) {
    const empty = r.rows.filter((row) => row.cells[m]!.n === 0).length;
    if (empty > 0) out.push(`${MISSING} ${m}: no value in ${empty} of ${r.rows.length} combinations (the field is not in those runs' summaries, e.g. a disabled model)`);
  }
  if (r.rows.some((row) => r.metrics.some((m) => row.cells[m]!.n > 0 && row.cells[m]!.n < r.seeds.length))) {
    out.push(`n=k: only k of the ${r.seeds.length} seeds had a value (the others were NaN)`);
  }
  return out;
}

/** The text table: a header naming scenario, seeds and spread, one row per combination, notes below. */
export function formatCompareTable(r: CompareResult, style: TableStyle = { colour: false }): string {
  const names = r.vary.length > 0 ? r.vary : ['combination'];
  const titles = [...names, ...r.metrics].map(titleLines);
  const body = r.rows.map((row) => [...(r.vary.length > 0 ? row.texts : ['(as written)']), ...r.metrics.map((m) => cellText(row.cells[m]!, r.seeds.length))]);
  const widths = titles.map((t, i) => Math.max(t[0].length, t[1].length, ...body.map((cells) => cells[i]!.length)));
  // --vary values read left to right like labels; figures line up on the right.
  const line = (cells: string[]): string => cells.map((c, i) => (i < names.length ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const bold = (s: string): string => (style.colour ? `\x1b[1m${s}\x1b[22m` : s);
  const head = [titles.map((t) => t[0]), titles.map((t) => t[1])].filter((cells) => cells.some((c) => c !== '')).map((cells) => bold(line(cells)));
  const out = [...headerLines(r), '', ...head, widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  const below = notes(r);
  return [...out, ...(below.length > 0 ? ['', ...below] : [])].join('\n');
}

const STATS = ['median', 'p25', 'p75', 'n'] as const;

/** CSV: the --vary values, then median, p25, p75 and n of each metric; an absent figure is empty. */
export function compareCsv(r: CompareResult): string {
  const varyTypes = r.vary.map((path) => varyType({ path, values: r.rows.map((row) => row.vary[path]), texts: [] }));
  const columns: SweepColumn[] = [
    ...r.vary.map((path, a): SweepColumn => ({ name: `vary.${path}`, type: varyTypes[a]!, unit: '' })),
    ...r.metrics.flatMap((m) => STATS.map((s): SweepColumn => ({ name: `${m}.${s}`, type: 'float64', unit: '' }))),
  ];
  const rows = r.rows.map((row): Cell[] => [...r.vary.map((path, a) => varyCell(row.vary[path], varyTypes[a]!)), ...r.metrics.flatMap((m) => STATS.map((s) => row.cells[m]![s]))]);
  return rowsToCsv(columns, rows);
}

/** JSON: `{ scenario, seeds, metrics, rows: [{ vary, cells: { metric: { median, p25, p75, n } } }] }` plus context. */
export function compareJson(r: CompareResult): string {
  const { scenario, seeds, ticks, backend, metrics, absent } = r;
  const rows = r.rows.map((row) => ({ vary: row.vary, cells: row.cells }));
  return `${JSON.stringify({ scenario, seeds, ticks, backend, spread: SPREAD, metrics, absent, rows }, null, 2)}\n`;
}
